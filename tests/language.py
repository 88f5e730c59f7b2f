"""What a Kazakh or Russian reader must never meet in our text (pages, emails, catalogues)."""

import re
from html import unescape

# A word that mixes Cyrillic and Latin letters: a Latin look-alike typed for ә, і, о, с, р...
MIXED_WORD = re.compile(r"\b(?=\w*[а-яёәғқңөұүһі])(?=\w*[a-z])\w+\b", re.IGNORECASE)
ADDRESS = re.compile(r"\S+@\S+|https?://\S+")
FORBIDDEN = (
    (re.compile(r"\d:\d\d:\d\d"), "a time with seconds"),
    (re.compile(r"\d\.0(?!\d)"), "a whole number written with «.0»"),
    (re.compile(r"\+\s?%|(?:тағы|ещё) \+\d"), "a count with a plus sign"),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{2}\b"), "a US date"),
    (re.compile(r"\b\d{2}\.\d{2}\.\d{2}\b(?!\.\d)"), "a two-digit year"),
    (re.compile(r"\b\d{1,2}:\d\d\s?[AP]M\b"), "a 12-hour time"),
    (re.compile(r"\bг\.\."), "a second full stop after «г.»"),
)


def visible_text(html: str) -> str:
    """The text a reader sees: no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def unnatural(text: str, lang: str) -> list[str]:
    """What in this kk or ru text a native reader would stumble on (empty when nothing)."""
    text = ADDRESS.sub(" ", text)
    problems = [f"{why}: {m.group(0)!r}" for rx, why in FORBIDDEN for m in rx.finditer(text)]
    problems += [f"Latin letters inside a word: {w!r}" for w in MIXED_WORD.findall(text)]
    if lang in ("kk", "ru"):
        problems += [f"«{m.group(0)}» in {lang}" for m in re.finditer(r"\be-?mail\b", text, re.I)]
    return problems


def language_of(text: str) -> str:
    """kk, ru or en, as an email or page mostly reads (Kazakh letters decide kk from ru)."""
    cyrillic = len(re.findall(r"[а-яёәғқңөұүһі]", text, re.I))
    latin = len(re.findall(r"[a-z]", ADDRESS.sub(" ", text), re.I))
    if cyrillic <= latin:
        return "en"
    return "kk" if re.search(r"[әғқңөұүһі]", text, re.I) else "ru"

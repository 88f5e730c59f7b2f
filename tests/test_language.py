"""Kazakh and Russian as a native librarian writes them: the glossary, suffixes, plurals, pages."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations

from tests.language import unnatural

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
# A Kazakh ending glued to a number or time: «%(opens)s-тан», «%(max)d-ге», «%(low)d мен».
SUFFIX_AFTER_PLACEHOLDER = re.compile(
    r"%\(\w+\)[sd](?:-(?!тоқсан)[а-яәғқңөұүһі]|\s(?:мен|пен|бен|дейін|бастап)\b)"
)
# Where a Russian count meets a noun that must agree with it, only ngettext knows the form.
RU_COUNTED_NOUN = re.compile(
    r"%\(\w+\)d\s+(?:минут|дн[еяи]|день|мероприяти|бронировани|символ|мест[оа]?\b|час|"
    r"человек|попыт|заяв|неяв)"
)


def catalog(lang: str) -> list:
    """The catalogue's messages (not its header)."""
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return [message for message in read_po(handle) if message.id]


def strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def avoided_words(lang: str) -> list[str]:
    """The "avoid" column of docs/glossary.md for this language."""
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    section = text.split("## Words to avoid", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1:3] for line in section.splitlines() if line.startswith("| ")]
    return [word.strip() for language, word in rows if language.strip() == lang]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_catalogue_uses_none_of_the_words_the_glossary_avoids(lang):
    avoided = avoided_words(lang)
    assert len(avoided) >= 5, "docs/glossary.md lost its list of words to avoid"
    found = []
    for message in catalog(lang):
        for text in strings(message):
            text = PLACEHOLDER.sub(" ", text)
            found += [
                (word, text)
                for word in avoided
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
            ]
    assert not found, found[:10]


def test_no_kazakh_ending_is_glued_to_a_number_or_time():
    glued = [s for m in catalog("kk") for s in strings(m) if SUFFIX_AFTER_PLACEHOLDER.search(s)]
    assert not glued, glued


def test_a_russian_count_meets_a_noun_only_through_ngettext():
    singular = [m for m in catalog("ru") if not isinstance(m.id, tuple)]
    counted = [m.string for m in singular if RU_COUNTED_NOUN.search(m.string)]
    assert not counted, counted


# These values are Russian dates or months, which end in «г.»: a full stop after one doubles it.
RU_DATE_THEN_FULL_STOP = re.compile(r"%\((?:month|date|until)\)s\.")


def test_no_full_stop_follows_a_russian_date():
    doubled = [s for m in catalog("ru") for s in strings(m) if RU_DATE_THEN_FULL_STOP.search(s)]
    assert not doubled, doubled


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_latin_look_alikes_inside_words(lang):
    mixed = [
        s for m in catalog(lang) for s in strings(m) if unnatural(PLACEHOLDER.sub(" ", s), "en")
    ]
    assert not mixed, mixed


RU_FORM = {0: 2, 1: 0, 2: 1, 5: 2, 21: 0}  # Russian: one / few / many


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_plural_message_reads_right_with_0_1_2_5_21(lang):
    translations = Translations.load(TRANSLATIONS, [lang])
    plural = [m for m in catalog(lang) if isinstance(m.id, tuple)]
    assert len(plural) > 20
    for message in plural:
        names = set(re.findall(r"%\((\w+)\)", message.id[0] + message.id[1]))
        counter = "num" if "num" in names else sorted(names)[0]
        for n in (0, 1, 2, 5, 21):
            values = {name: 3 for name in names} | {counter: n}
            text_names = set(re.findall(r"%\((\w+)\)s", message.id[0] + message.id[1]))
            values.update({k: "X" for k in text_names if k not in ("num", "count", "days", "n")})
            values[counter] = n
            text = translations.ungettext(message.id[0], message.id[1], n) % values
            assert str(n) in text, (message.id[0], n, text)
            assert not unnatural(text, lang), (message.id[0], text)
            if lang == "ru":
                assert text == message.string[RU_FORM[n]] % values, (message.id[0], n)

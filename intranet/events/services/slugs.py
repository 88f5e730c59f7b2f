"""Identifiers made from a name: «Әдеби кеш» → adebi_kesh; never asked of the person."""

import re

from sqlalchemy import select

from intranet.extensions import db

# Kazakh and Russian letters in Latin, as the clubs' identifiers spell them (қ → q).
LATIN = str.maketrans(
    {
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
        "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
        "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip
STEM_LENGTH = 34  # the column holds 40: room for a "-999" suffix


def latin(name: str, separator: str) -> str:
    """The name in small Latin letters and digits, words joined by the separator."""
    text = name.lower().translate(LATIN)
    words = re.findall(r"[a-z0-9]+", text)
    stem = separator.join(words)[:STEM_LENGTH].strip(separator)
    if not stem or not stem[0].isalpha():
        stem = f"x{separator}{stem}".strip(separator)
    return stem


def unique_slug(model: type, names: list[str | None], separator: str) -> str:
    """A free identifier from the first name that gives one; -2, -3... when it is taken."""
    stem = next((latin(n, separator) for n in names if n and latin(n, separator) != "x"), "x")
    taken = set(
        db.session.scalars(
            select(model.slug).where(model.slug.like(f"{stem}%"))  # type: ignore[attr-defined]
        )
    )
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}{separator}{number}" in taken:
        number += 1
    return f"{stem}{separator}{number}"

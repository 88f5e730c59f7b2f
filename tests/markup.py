"""Finding elements that carry one attribute twice (a browser keeps the first, drops the rest)."""

import re
from html.parser import HTMLParser
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
JINJA_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)


class _DuplicateFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = [name for name, _value in attrs]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            line, column = self.getpos()
            self.found.append(f"line {line}:{column} <{tag}> has {', '.join(twice)} twice")

    handle_startendtag = handle_starttag


def duplicate_attributes(html: str) -> list[str]:
    """Where an element repeats an attribute, as 'line L:C <tag> has class twice'."""
    finder = _DuplicateFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def template_source_as_html(source: str) -> str:
    """A template's markup with Jinja taken out: statements vanish, expressions become text.

    Both branches of an {% if %} stay, so a template that puts an attribute in each branch of
    one tag would be reported; write such a tag as one attribute with a conditional value.
    """
    source = JINJA_COMMENT.sub("", source)
    source = JINJA_STATEMENT.sub(" ", source)
    return JINJA_EXPRESSION.sub("x", source)


def templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))

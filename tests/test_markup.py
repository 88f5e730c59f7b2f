"""No element of any template carries an attribute twice (the second would be ignored)."""

import re

import pytest

from tests.markup import TEMPLATES, duplicate_attributes, template_source_as_html, templates


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_repeats_an_attribute_on_one_element(path):
    found = duplicate_attributes(template_source_as_html(path.read_text(encoding="utf-8")))
    assert not found, f"{path.relative_to(TEMPLATES)}: {found}"


def test_the_check_finds_a_repeated_class():
    found = duplicate_attributes('<div class="mb-3" class="pre-line">text</div>')
    assert found == ["line 1:0 <div> has class twice"]


TITLE_BLOCK = re.compile(r"\{%-?\s*block title\s*-?%\}(.*?)\{%-?\s*endblock", re.S)


def test_no_page_title_holds_markup():
    """A browser shows a <title>'s content as text: a tag there reaches the tab, never runs."""
    found = [
        str(path.relative_to(TEMPLATES))
        for path in templates()
        for block in TITLE_BLOCK.findall(path.read_text(encoding="utf-8"))
        if re.search(r"<[a-zA-Z/]", template_source_as_html(block))
    ]
    assert found == []

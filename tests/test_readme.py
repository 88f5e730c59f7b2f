"""The README, read as a newcomer reads it: every account, command, setting and picture is real."""

import re
from pathlib import Path

import pytest

from intranet.admin.seed import DEMO_PASSWORD, DEMO_USERS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_it_stands_alone_without_internal_references():
    assert "../shared" not in README
    assert not re.search(r"\(issue \d+\)|issue #?\d+", README, re.IGNORECASE)


def test_it_opens_with_what_the_product_does_before_how_to_run_it():
    sections = re.findall(r"^## (.+)$", README, re.MULTILINE)
    assert sections[0] == "What it does for you"
    assert sections[1] == "Quick start"
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^make \w+", quick_start, re.MULTILINE) == ["make run", "make test"]


def test_the_demo_accounts_are_the_seeded_ones():
    listed = set(re.findall(r"`([\w.]+@demo\.kz)`", README))
    assert listed == {user.email for user in DEMO_USERS}
    assert f"`{DEMO_PASSWORD}`" in README


@pytest.mark.parametrize("picture", sorted(set(re.findall(r"\((docs/[\w./-]+\.png)\)", README))))
def test_every_picture_is_in_the_repository(picture):
    assert (ROOT / picture).is_file()


def test_every_make_target_named_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, re.MULTILINE))
    named = set(re.findall(r"`make ([\w-]+)", README))
    assert named <= targets, named - targets


def test_every_flask_command_named_exists(app):
    commands = set(app.cli.list_commands(app.app_context())) | {"db", "run", "shell", "routes"}
    named = set(re.findall(r"flask --app wsgi ([\w-]+)", README))
    assert named <= commands, named - commands


def test_every_setting_in_the_environment_table_is_read_by_the_code():
    table = README.split("## Environment", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"^\| `([A-Z_]+)`", table, re.MULTILINE))
    names |= set(re.findall(r"`([A-Z][A-Z_]{3,})`(?:, `[A-Z_]+`)*", table))
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for pattern in ("intranet/**/*.py", "tests/conftest.py", "Makefile", "gunicorn.conf.py")
        for path in ROOT.glob(pattern)
    )
    unread = {name for name in names if name not in code}
    assert not unread, unread


ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_the_layout_section_links_the_architecture_page():
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    assert "(docs/architecture.md)" in layout


@pytest.mark.parametrize(
    "path",
    sorted(
        set(re.findall(r"`((?:intranet|templates|tests)/[\w/.-]+\.(?:py|html|txt))`", ARCHITECTURE))
    ),
)
def test_every_path_the_architecture_page_names_exists(path):
    assert (ROOT / path).is_file()

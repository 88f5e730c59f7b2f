"""What browser tests do again and again: sign in by keyboard, run axe, take screenshots."""

from pathlib import Path

from tests.language import unnatural

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
AXE = HERE / "vendor" / "axe.min.js"
PASSWORD = "browser-password-2026"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LAPTOP = {"width": 1366, "height": 900}
# One admin per language: a signed-in page speaks its user's saved language.
ADMINS = {lang: f"admin-{lang}@browser.test" for lang in ("kk", "ru", "en")}
_AXE_SOURCE: str | None = None
SERIOUS = {"serious", "critical"}


def html_lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def focused(page) -> dict:
    """The element that has the keyboard focus: its tag, id, name and visible text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',"
        " text: (e.innerText || e.value || '').trim()}; }"
    )


def tab_to(page, predicate, limit: int = 40) -> dict:
    """Press Tab until the focused element matches; fail after `limit` presses."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
        seen.append(element)
    raise AssertionError(f"Tab never reached the element; focus went through {seen}")


def sign_in_by_keyboard(page, email: str, password: str = PASSWORD) -> None:
    """From the sign-in page, with Tab and Enter only: email, password, Enter."""
    tab_to(page, lambda e: e["id"] == "email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "password"
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form (for journeys whose subject is something else)."""
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("#submit")
    assert page.url.endswith("/staff/"), page.url


def axe_violations(page, impacts=frozenset(SERIOUS)) -> list[dict]:
    """Run the vendored axe-core in the page; return violations of the given impacts."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE.read_text(encoding="utf-8")
    page.mouse.move(0, 0)  # nothing left hovered by the last click
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated over the DevTools protocol: the page's CSP (nonce-only scripts) stays on.
        page.evaluate(f"() => {{ {_AXE_SOURCE}\n; window.axe = axe; }}")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in result if v["impact"] in impacts]


SCREENSHOT_TIMEOUT_MS = 45_000


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save tests/browser/screenshots/<name>.png (gitignored) and return its path.

    Every page a journey pictures in Kazakh or Russian is read as a person would first
    (tests/language.py): no seconds, «.0», US dates, Latin look-alikes or «email».
    """
    lang = html_lang(page)
    if lang in ("kk", "ru"):
        problems = unnatural(page.evaluate("() => document.body.innerText"), lang)
        assert not problems, (name, problems)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # A full-page capture on a loaded CI runner (one Chromium per xdist worker beside the
    # live servers) once took over the pages' 10 s default; the picture is a record, not a
    # timing check, so it gets longer, and animations are stopped so it is the same each run.
    page.screenshot(
        path=str(path), full_page=full_page, timeout=SCREENSHOT_TIMEOUT_MS, animations="disabled"
    )
    return path


# Staff of the new modules, one per language (a signed-in page speaks its user's language).
COORDINATORS = {lang: f"coordinator-{lang}@browser.test" for lang in ("kk", "ru", "en")}
BRANCH_STAFF = {lang: f"branch6-{lang}@browser.test" for lang in ("kk", "ru", "en")}
CENTRAL_STAFF = {lang: f"central-{lang}@browser.test" for lang in ("kk", "ru", "en")}
CENTRE = "cowork-central"  # the demo coordinator's centre, in the central library


def no_sideways_scroll(page) -> bool:
    """Whether the page fits its viewport's width (nothing to scroll to on the right)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def open_as(new_page, account: str, lang: str, width: str):
    """A signed-in page in this language on a "phone" (390 px) or a "laptop" (1366 px)."""
    page = new_page(lang, phone=width == "phone")
    if width == "laptop":
        page.set_viewport_size(LAPTOP)
    sign_in(page, account)
    return page

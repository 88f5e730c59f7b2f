"""Read a page's forms the way a browser submits them: what is filled in, ticked and selected."""

from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, MultiDict]] = []
        self._data: MultiDict | None = None
        self._select: tuple[str, bool, list] | None = None
        self._option: dict | None = None
        self._textarea: tuple[str, list] | None = None
        self._clicked = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._data, self._clicked = MultiDict(), False
            self.forms.append((a.get("action") or "", self._data))
        elif self._data is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "submit" and not self._clicked:
                self._clicked = True  # the first submit button is the one pressed
            elif kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._data.add(a["name"], a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self._select[2].append(self._option)
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [])

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._data = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            # A browser drops the one line break that follows <textarea>.
            self._data.add(name, "".join(parts).removeprefix("\n"))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, multiple, options = self._select
            chosen = [o for o in options if o["selected"]]
            if not chosen and not multiple and options:
                chosen = options[:1]  # a browser sends the first option when none is marked
            for option in chosen:
                value = option["value"]
                self._data.add(name, option["text"].strip() if value is None else value)
            self._select = None


def page_form(html: str, action: str = "", field: str | None = None) -> MultiDict:
    """What the form posting to `action` ("" for the page itself) sends untouched.

    `field` picks, among several such forms, the one that has a field of that name.
    """
    parser = _Forms()
    parser.feed(html)
    found = [
        data
        for target, data in parser.forms
        if target.split("?")[0] == action and (field is None or field in data)
    ]
    assert found, f"no form posts to {action!r}" + (f" with {field}" if field else "")
    return found[0]

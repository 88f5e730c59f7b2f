"""Line breaks typed into an event's description and notes stay line breaks on its pages."""

from html.parser import HTMLParser

from tests.markup import duplicate_attributes

DESCRIPTION = "Бағдарлама:\n1. Абай өлеңдері\n2. Сұрақ-жауап"
NOTES = "Микрофон керек.\nЗалды 14:00-де ашу."


class _ClassesOf(HTMLParser):
    """The class attribute (as a browser reads it: the first one) of the element holding `text`."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.found = text, [], None

    def handle_starttag(self, tag, attrs):
        first = next((value for name, value in attrs if name == "class"), "") or ""
        self.stack.append(first.split())

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.found is None and data.strip() == self.text and self.stack:
            self.found = self.stack[-1]


def classes_of(page: str, text: str) -> list[str]:
    parser = _ClassesOf(text)
    parser.feed(page)
    assert parser.found is not None, f"{text!r} is not on the page"
    return parser.found


def test_description_and_notes_keep_their_line_breaks(client, make_event, login_as):
    event_id = make_event(
        status="approved", description_kk=DESCRIPTION, internal_notes=NOTES, title_en=None
    )
    public = client.get(f"/events/{event_id}?lang=kk").get_data(as_text=True)
    assert not duplicate_attributes(public)
    assert "pre-line" in classes_of(public, DESCRIPTION)  # .pre-line { white-space: pre-line }
    login_as("branch_staff", library="no-6", language="kk")
    staff = client.get(f"/staff/events/{event_id}").get_data(as_text=True)
    assert not duplicate_attributes(staff)
    assert "pre-line" in classes_of(staff, DESCRIPTION)
    assert "pre-line" in classes_of(staff, NOTES)

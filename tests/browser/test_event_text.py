"""What a reader sees of a description typed on several lines: several lines, in Chromium."""

from datetime import time, timedelta

import pytest

from tests.browser.helpers import BRANCH_STAFF, sign_in

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
LINES = ["Бағдарлама:", "1. Абай өлеңдері", "2. Сұрақ-жауап"]
NOTES = ["Микрофон керек.", "Залды ерте ашу."]


def published_event(live_app) -> int:
    """An approved event of library No. 6 whose description and notes have line breaks."""
    from sqlalchemy import select

    from intranet.clock import from_local, local_today
    from intranet.events.models import EventType
    from intranet.events.services import EventData, create_event, record_transition
    from intranet.extensions import db
    from intranet.libraries.models import Library

    with live_app.app_context():
        day = local_today() + timedelta(days=20)
        data = EventData(
            type=db.session.scalar(select(EventType).where(EventType.slug == "poetry_hour")),
            library=db.session.scalar(select(Library).where(Library.slug == "no-6")),
            start_dt=from_local(day, time(15)),
            end_dt=from_local(day, time(16)),
            title_kk="Жолдары бар сипаттама",
            title_ru="Описание со строками",
            description_kk="\n".join(LINES),
            description_ru="\n".join(LINES),
            internal_notes="\n".join(NOTES),
        )
        event = create_event(data, actor=None)
        record_transition(event, "pending", actor=None)
        record_transition(event, "approved", actor=None)
        db.session.commit()
        return event.id


def test_line_breaks_of_a_description_and_notes_are_shown(new_page, live_app):
    event_id = published_event(live_app)
    reader = new_page("kk")
    reader.goto(f"/events/{event_id}")
    shown = reader.get_by_text(LINES[1], exact=False).inner_text()  # innerText follows the CSS
    assert shown.splitlines() == LINES
    staff = new_page("kk")
    sign_in(staff, BRANCH_STAFF["kk"])
    staff.goto(f"/staff/events/{event_id}")
    assert staff.get_by_text(LINES[1], exact=False).inner_text().splitlines() == LINES
    assert staff.get_by_text(NOTES[0], exact=False).inner_text().splitlines() == NOTES

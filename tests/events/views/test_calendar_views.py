"""Month, week, day and list views, filters, scope of staff calendars, and the A4 print view."""

import re
from datetime import date, time

DAY = date(2027, 4, 14)  # a Wednesday


def test_views_navigate_and_filter_by_several_libraries(client, make_event):
    make_event(status="approved", day=DAY, title_kk="АЛТЫ", title_en=None)
    make_event(status="approved", day=DAY, library_slug="no-8", title_kk="СЕГІЗ", title_en=None)
    make_event(status="approved", day=DAY, library_slug="abai", title_kk="АБАЙ", title_en=None)
    month = client.get("/events?view=month&month=2027-04").get_data(as_text=True)
    assert all(name in month for name in ("АЛТЫ", "СЕГІЗ", "АБАЙ"))
    assert 'href="/events?view=month&amp;date=2027-03-01&amp;lang=kk"' in month  # previous
    assert 'href="/events?view=month&amp;date=2027-05-01&amp;lang=kk"' in month  # next
    both = client.get("/events?view=list&date=2027-04-01&library=no-6&library=no-8")
    page = both.get_data(as_text=True)
    assert "АЛТЫ" in page
    assert "СЕГІЗ" in page
    assert "АБАЙ" not in page
    week = client.get("/events?view=week&date=2027-04-12").get_data(as_text=True)
    assert "АЛТЫ" in week
    day_after = client.get("/events?view=day&date=2027-04-15").get_data(as_text=True)
    assert "АЛТЫ" not in day_after
    by_type = client.get("/events?view=list&date=2027-04-01&type=exhibition").get_data(as_text=True)
    assert "АЛТЫ" not in by_type


def test_kazakh_month_and_day_names_come_from_the_server(client, make_event):
    make_event(status="approved", day=DAY)
    page = client.get("/events?view=month&month=2027-04&lang=kk").get_data(as_text=True)
    assert "сәуір" in page.lower()
    page = client.get("/events?view=day&date=2027-04-14&lang=ru").get_data(as_text=True)
    assert "апреля" in page


def test_branch_calendar_shows_own_drafts_only(client, login_as, make_event):
    make_event(status="draft", day=DAY, title_kk="МЕНІҢ ЖОБАМ", title_en=None)
    make_event(status="draft", day=DAY, library_slug="no-8", title_kk="БӨТЕН ЖОБА", title_en=None)
    make_event(
        status="approved", day=DAY, library_slug="no-8", title_kk="БӨТЕН БЕКІТІЛГЕН", title_en=None
    )
    login_as("branch_staff", library="no-6")
    # Their own library first, all libraries one click away.
    mine = client.get("/staff/events/?view=list&date=2027-04-01").get_data(as_text=True)
    assert "МЕНІҢ ЖОБАМ" in mine
    assert "БӨТЕН БЕКІТІЛГЕН" not in mine
    assert 'href="/staff/events/?view=list&amp;date=2027-04-01&amp;all=1"' in mine
    page = client.get("/staff/events/?view=list&date=2027-04-01&all=1").get_data(as_text=True)
    assert "МЕНІҢ ЖОБАМ" in page
    assert "БӨТЕН БЕКІТІЛГЕН" in page
    assert "БӨТЕН ЖОБА" not in page
    drafts = client.get("/staff/events/?view=list&date=2027-04-01&status=draft&all=1")
    assert "БӨТЕН БЕКІТІЛГЕН" not in drafts.get_data(as_text=True)


def test_coordinators_have_no_events_desk(client, login_as):
    login_as("coordinator", centres=["cowork-central"])
    assert client.get("/staff/events/").status_code == 403
    assert client.get("/staff/events/new").status_code == 403


def test_print_view_is_one_librarys_public_month_on_a4(client, make_event):
    make_event(status="approved", day=DAY, start=time(11), title_kk="БАСЫЛАДЫ", title_en=None)
    make_event(status="pending", day=DAY, title_kk="КЕЛІСУДЕ", title_en=None)
    make_event(status="approved", day=DAY, library_slug="no-8", title_kk="БАСҚА", title_en=None)
    make_event(status="approved", day=date(2027, 5, 3), title_kk="МАМЫР", title_en=None)
    response = client.get("/events/print?library=no-6&month=2027-04")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "БАСЫЛАДЫ" in page
    for absent in ("КЕЛІСУДЕ", "БАСҚА", "МАМЫР"):
        assert absent not in page
    assert re.search(r"/static/css/events(\.[0-9a-f]+)?\.css", page)
    assert client.get("/events/print?library=nowhere&month=2027-04").status_code == 400
    assert client.get("/events/print?library=no-6&month=2027-00").status_code == 400

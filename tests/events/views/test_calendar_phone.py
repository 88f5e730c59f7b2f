"""The calendar as a phone and a laptop show it (issue 12): the compact month with the chosen
day's events, whole titles and short library names in the grid, one-tap filters, the event
page's one line of when and where, and the staff calendar's statuses in words."""

import re
from datetime import date, time, timedelta

from intranet.clock import local_today
from intranet.events.models import Status
from intranet.extensions import db
from tests.events.conftest import get_event, library

DAY = date(2027, 4, 14)  # a Wednesday
MONTH = "/events?view=month&month=2027-04"
LONG_TITLE = "Абай Құнанбайұлының қара сөздері бойынша жастармен пікірталас кеші"


def chosen_day_section(page: str) -> str:
    return page.split('id="chosen-day"', 1)[1].split("</section>", 1)[0]


def test_the_compact_month_shows_the_chosen_days_events_without_javascript(client, make_event):
    make_event(status="approved", day=DAY, title_kk="СӘРСЕНБІ", title_en=None)
    make_event(status="approved", day=DAY, start=time(11), title_kk="ЕКІНШІ", title_en=None)
    make_event(status="approved", day=date(2027, 4, 20), title_kk="СЕЙСЕНБІ", title_en=None)
    page = client.get(f"{MONTH}&lang=kk").get_data(as_text=True)
    # No day asked for, today not in April 2027: the first day with events.
    first = chosen_day_section(page)
    assert re.search(r"2027\sжылғы\s14\sсәуір,\sсәрсенбі", first)  # another year: with the year
    assert "СӘРСЕНБІ" in first
    assert "ЕКІНШІ" in first
    assert "СЕЙСЕНБІ" not in first
    # Each day of the month is a plain link to itself, with how many events it holds.
    link = 'href="/events?view=month&amp;date=2027-04-01&amp;day=2027-04-20&amp;lang=kk#chosen-day"'
    assert link in page
    assert "2 іс-шара" in page
    other = client.get("/events?view=month&date=2027-04-01&day=2027-04-20").get_data(as_text=True)
    section = chosen_day_section(other)
    assert "СЕЙСЕНБІ" in section
    assert "СӘРСЕНБІ" not in section
    empty = client.get("/events?view=month&date=2027-04-01&day=2027-04-21").get_data(as_text=True)
    assert "Бұл күні іс-шара жоқ." in chosen_day_section(empty)


def test_a_malformed_day_is_a_clear_400(client):
    response = client.get("/events?view=month&month=2027-04&day=2027-13-45&lang=ru")
    assert response.status_code == 400
    assert "2026-05-31" in response.get_data(as_text=True)


def test_the_same_address_gives_every_device_the_same_page(client, make_event):
    """No guessing from the User-Agent: the page cache keys on the address, not the device."""
    make_event(status="approved", day=DAY)
    phone = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile Safari"}
    laptop = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131"}
    on_phone = client.get("/events?date=2027-04-14", headers=phone).get_data(as_text=True)
    on_laptop = client.get("/events?date=2027-04-14", headers=laptop).get_data(as_text=True)
    assert 'class="table table-bordered cal-month"' in on_phone
    assert 'id="chosen-day"' in on_laptop


def test_two_chosen_days_are_two_pages_in_the_page_cache(client, make_event):
    make_event(status="approved", day=DAY, title_kk="ОН ТӨРТ", title_en=None)
    make_event(status="approved", day=DAY + timedelta(days=1), title_kk="ОН БЕС", title_en=None)
    for _ in range(2):  # the second round comes from the cache
        fourteen = client.get("/events?view=month&date=2027-04-01&day=2027-04-14")
        fifteen = client.get("/events?view=month&date=2027-04-01&day=2027-04-15")
        assert "ОН ТӨРТ" in chosen_day_section(fourteen.get_data(as_text=True))
        assert "ОН БЕС" in chosen_day_section(fifteen.get_data(as_text=True))


def test_the_laptop_grid_shows_whole_titles_time_and_short_library(client, make_event):
    make_event(status="approved", day=DAY, start=time(11), title_kk=LONG_TITLE, title_en=None)
    make_event(status="approved", day=DAY, library_slug="abai", title_kk="АУЫЛ", title_en=None)
    make_event(status="approved", day=DAY, library_slug="central", title_kk="ОРТА", title_en=None)
    page = client.get(f"{MONTH}&lang=kk").get_data(as_text=True)
    grid = page.split('class="table table-bordered cal-month"', 1)[1]
    assert LONG_TITLE in grid
    assert "…" not in grid
    assert ">11:00</time>" in grid
    assert "№ 6 · " in grid
    assert "Абай · " in grid
    assert "Орталық · " in grid
    assert 'title="' not in grid  # nothing hidden in a tooltip


def test_more_than_three_a_day_opens_the_day(client, make_event):
    for hour in range(9, 15):
        make_event(status="approved", day=DAY, start=time(hour), end=time(hour, 30))
    page = client.get(f"{MONTH}&lang=en").get_data(as_text=True)
    assert re.search(r'href="/events\?view=day&amp;date=2027-04-14&amp;lang=en">\+3 more<', page)


def test_filters_are_chips_with_today_and_this_week_one_tap_away(client, make_event):
    make_event(status="approved", day=DAY, title_kk="АЛТЫ", title_en=None)
    page = client.get(f"{MONTH}&library=no-6&library=abai&lang=kk").get_data(as_text=True)
    assert "multiple" not in page
    assert re.search(
        r'type="checkbox" name="library" value="no-6" id="f-library-no-6" checked', page
    )
    assert re.search(r'value="no-8" id="f-library-no-8">', page)
    assert re.search(r'for="f-library-abai" title="Абай ауылдық кітапханасы">Абай<', page)
    today = local_today().isoformat()
    assert (
        f'href="/events?view=day&amp;date={today}&amp;library=no-6&amp;library=abai&amp;lang=kk"'
        in page
    )
    assert (
        f'href="/events?view=week&amp;date={today}&amp;library=no-6&amp;library=abai&amp;lang=kk"'
        in page
    )
    assert ">Бүгін<" in page
    assert ">Осы апта<" in page


def test_event_page_says_when_and_where_in_one_line_each(app, client, make_event):
    event_id = make_event(
        status="approved", day=date(2027, 4, 13), start=time(11), end=time(13), room="Оқу залы"
    )
    with app.app_context():
        lib = library("no-6")
        lib.address_kk, lib.address_ru = "Әйтеке би көшесі, 27", "улица Айтеке би, 27"
        lib.latitude, lib.longitude = 44.85, 65.5
        db.session.commit()
    kk = client.get(f"/events/{event_id}?lang=kk").get_data(as_text=True)
    when = kk.split("data-event-when>", 1)[1].split("</dd>", 1)[0]
    assert re.search(r">[^<]*13 сәуір[^<]*, 11:00–13:00</time>", when), when
    where = kk.split("data-event-where>", 1)[1].split("</dd>", 1)[0]
    assert 'href="/libraries/no-6?lang=kk"' in where
    assert "Оқу залы" in where
    assert "Әйтеке би көшесі, 27" in where
    assert "openstreetmap.org" in where
    assert f"/events/{event_id}.ics" in kk
    ru = client.get(f"/events/{event_id}?lang=ru").get_data(as_text=True)
    when = ru.split("data-event-when>", 1)[1].split("</dd>", 1)[0]
    assert re.search(r">Вторник, 13 апреля[^<]*, 11:00–13:00</time>", when), when
    assert "улица Айтеке би, 27" in ru
    assert f"/events/{event_id}.ics" in ru
    assert "data-event-state" not in ru


def test_a_cancelled_event_says_it_will_not_take_place_and_why(app, client, make_event):
    event_id = make_event(status="cancelled", day=local_today() + timedelta(days=3))
    page = client.get(f"/events/{event_id}?lang=kk").get_data(as_text=True)
    state = page.split('data-event-state="cancelled">', 1)[1].split("</div>", 1)[0]
    assert "өтпейді" in state
    assert "Демо: автор келе алмады" in state
    assert "Абай өлеңдері" not in page  # its invitation is not repeated
    assert f"/events/{event_id}.ics" not in page.split("<main", 1)[1]


def test_a_past_event_says_it_has_ended_and_offers_no_calendar(client, make_event):
    event_id = make_event(status="approved", day=local_today() - timedelta(days=2))
    page = client.get(f"/events/{event_id}?lang=ru").get_data(as_text=True)
    assert 'data-event-state="ended">Мероприятие завершилось.<' in page
    assert f"/events/{event_id}.ics" not in page.split("<main", 1)[1]


def test_staff_see_every_status_in_words_in_every_view(client, login_as, make_event):
    today = local_today()
    statuses = {
        Status.DRAFT: "Жоба",
        Status.PENDING: "Келісуде",
        Status.RETURNED: "Қайтарылды",
        Status.APPROVED: "Бекітілді",
        Status.CANCELLED: "Күші жойылды",
    }
    day = today + timedelta(days=2)
    for status in statuses:
        make_event(status=status, day=day, title_kk=f"ІС {status}", title_en=None)
    login_as("central_staff")
    for view in ("month", "week", "day", "list"):
        url = f"/staff/events/?view={view}&date={day.isoformat()}&day={day.isoformat()}&lang=kk"
        page = client.get(url).get_data(as_text=True)
        for status in statuses:
            badge = re.search(r'class="badge text-bg-\w+">([^<]+)<', page.split(f"ІС {status}")[1])
            assert badge, (view, status)


def test_an_ended_approved_event_is_highlighted_to_report(app, client, login_as, make_event):
    day = local_today() - timedelta(days=1)
    unreported = make_event(status="approved", day=day, title_kk="ЕСЕП КЕРЕК", title_en=None)
    make_event(status="held", day=day, title_kk="ЕСЕП БАР", title_en=None)
    login_as("branch_staff", library="no-6")
    page = client.get(f"/staff/events/?view=day&date={day.isoformat()}&lang=kk").get_data(
        as_text=True
    )
    needs = page.split("ЕСЕП КЕРЕК")[0].rsplit("<li", 1)[1]
    assert "ev-to-report" in needs
    assert "Есеп беру керек" in page.split("ЕСЕП КЕРЕК")[1].split("</li>")[0]
    assert "Есеп беру керек" not in page.split("ЕСЕП БАР")[1].split("</li>")[0]
    with app.app_context():
        assert get_event(unreported).attendance is None


def test_a_title_that_repeats_its_type_is_shown_without_it_beside_the_type(client, make_event):
    event_id = make_event(status="approved", day=DAY, title_kk="Поэзия сағаты: Абай жолы")
    page = client.get(f"{MONTH}&lang=kk").get_data(as_text=True)
    grid = page.split('class="table table-bordered cal-month"', 1)[1]
    assert "Поэзия сағаты: Абай жолы" not in grid
    assert ">Абай жолы</span>" in grid
    assert "№ 6 · Поэзия сағаты" in grid
    event = client.get(f"/events/{event_id}?lang=kk").get_data(as_text=True)
    assert '<h1 class="h3">Поэзия сағаты: Абай жолы</h1>' in event


def test_central_staff_see_every_library_by_default(client, login_as, make_event):
    make_event(status="approved", day=DAY, title_kk="АЛТЫ", title_en=None)
    make_event(status="approved", day=DAY, library_slug="abai", title_kk="АБАЙ", title_en=None)
    login_as("central_staff")
    page = client.get("/staff/events/?view=list&date=2027-04-01&lang=kk").get_data(as_text=True)
    assert "АЛТЫ" in page
    assert "АБАЙ" in page
    assert "data-library-scope" not in page


def test_every_event_link_in_the_calendar_opens_its_event(client, make_event):
    event_id = make_event(status="approved", day=DAY, title_kk="СІЛТЕМЕ", title_en=None)
    for lang in ("kk", "ru"):
        page = client.get(f"{MONTH}&view=list&date=2027-04-01&lang={lang}").get_data(as_text=True)
        links = set(re.findall(r'class="ev-title[^"]*" href="([^"]+)"', page))
        assert links == {f"/events/{event_id}?lang={lang}"}
        assert client.get(links.pop().replace("&amp;", "&")).status_code == 200

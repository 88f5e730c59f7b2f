"""Staff keep the readers' clubs: who may change which club, the checks, the audit trail."""

from sqlalchemy import select

from intranet.audit import AuditLog
from intranet.extensions import db
from intranet.libraries.models import Club
from tests.conftest import csrf_token
from tests.html_forms import page_form
from tests.libraries.test_public_pages import approved_event, get_library


def club_form(library_id: int | str = "", **overrides) -> dict:
    """A full, valid club form."""
    data = {
        "name_kk": "Поэзия үйірмесі",
        "name_ru": "Клуб поэзии",
        "name_en": "Poetry club",
        "library": str(library_id),
        "meeting_kk": "Әр сенбі, 15:00",
        "meeting_ru": "Каждую субботу, 15:00",
        "meeting_en": "Saturdays, 15:00",
        "description_kk": "Өлең оқимыз, талқылаймыз.",
        "description_ru": "Читаем и обсуждаем стихи.",
        "description_en": "",
        "contact_phone": "87242 40 11 22",
        "contact_email": "poetry@example.kz",
    }
    data.update(overrides)
    return data


def post(client, url: str, data: dict):
    token = csrf_token(client, "/staff/clubs/new")
    return client.post(url, data={**data, "csrf_token": token})


def get_club(slug: str) -> Club | None:
    return db.session.scalar(select(Club).where(Club.slug == slug))


def audit(action: str) -> list[AuditLog]:
    return db.session.scalars(select(AuditLog).where(AuditLog.action == action)).all()


def library_id(app, slug: str) -> int:
    with app.app_context():
        return get_library(slug).id


def test_central_staff_add_a_club_and_its_page_shows_it_in_kk_and_ru(app, client, login_as):
    login_as("central_staff")
    no_8 = library_id(app, "no-8")
    response = post(client, "/staff/clubs/new", club_form(no_8, slug="poetry"))
    assert response.status_code == 302
    assert response.headers["Location"].split("?")[0].endswith("/clubs/poetry")
    with app.app_context():
        club = get_club("poetry")
        assert club.contact_phone == "+7 7242 40-11-22"
        assert club.library.slug == "no-8"
        assert [entry.target for entry in audit("club.create")] == ["poetry"]
    reader = app.test_client()
    for lang, words in (
        ("kk", ("Поэзия үйірмесі", "Әр сенбі, 15:00", "Өлең оқимыз")),
        ("ru", ("Клуб поэзии", "Каждую субботу, 15:00", "Читаем и обсуждаем")),
    ):
        reader.get(f"/?lang={lang}")
        page = reader.get("/clubs/poetry").get_data(as_text=True)
        for word in words:
            assert word in page
        assert "/libraries/no-8" in page
        library_page = reader.get("/libraries/no-8").get_data(as_text=True)
        assert f'href="/clubs/poetry?lang={lang}"' in library_page


def test_an_edit_shows_on_the_very_next_read_of_the_cached_page(app, client, login_as):
    reader = app.test_client()
    reader.get("/?lang=kk")
    assert "«Кітап құрттары»" in reader.get("/clubs/bookworms").get_data(as_text=True)
    login_as("admin")
    central = library_id(app, "central")
    response = post(client, "/staff/clubs/bookworms", club_form(central, name_kk="Кітапқұмарлар"))
    assert response.status_code == 302
    assert "Кітапқұмарлар" in reader.get("/clubs/bookworms").get_data(as_text=True)
    assert "Кітапқұмарлар" in reader.get("/libraries/central").get_data(as_text=True)
    with app.app_context():
        [entry] = audit("club.edit")
        assert entry.target == "bookworms"
        assert "name_kk" in entry.detail
        assert "meeting_kk" in entry.detail


def test_bad_input_gets_translated_errors_and_nothing_is_saved(app, client, login_as):
    login_as("admin")
    client.get("/?lang=ru")
    response = post(
        client,
        "/staff/clubs/new",
        club_form(
            slug="Кітап клубы", name_ru="", contact_phone="12345", contact_email="no-at-sign"
        ),
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Обязательное поле." in page or "Это поле обязательно" in page
    assert "латинск" in page
    assert "+7 7242 23-45-67" in page
    with app.app_context():
        assert db.session.scalar(select(Club).where(Club.name_kk == "Поэзия үйірмесі")) is None


def test_a_taken_address_is_refused_by_the_database_with_a_message(app, client, login_as):
    login_as("admin")
    client.get("/?lang=kk")
    response = post(client, "/staff/clubs/new", club_form(slug="bookworms"))
    assert response.status_code == 400
    assert 'id="slug-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert get_club("bookworms").name_kk == "«Кітап құрттары»"
        assert audit("club.create") == []


def test_branch_staff_keep_only_their_own_librarys_clubs(app, client, login_as):
    login_as("branch_staff", library="no-6")
    no_6, no_8 = library_id(app, "no-6"), library_id(app, "no-8")
    assert client.get("/staff/clubs/bookworms").status_code == 403
    response = post(client, "/staff/clubs/bookworms", club_form(no_6))
    assert response.status_code == 403
    # Another library is not among the choices: the form refuses it, nothing is added.
    response = post(client, "/staff/clubs/new", club_form(no_8, slug="elsewhere"))
    assert response.status_code == 400
    response = post(client, "/staff/clubs/new", club_form("", slug="everywhere"))
    assert response.status_code == 400
    response = post(client, "/staff/clubs/new", club_form(no_6, slug="ours"))
    assert response.status_code == 302
    listing = client.get("/staff/clubs/").get_data(as_text=True)
    assert "/staff/clubs/ours" in listing
    assert "/staff/clubs/bookworms" not in listing
    with app.app_context():
        assert get_club("elsewhere") is None
        assert get_club("everywhere") is None
        assert get_club("ours").library.slug == "no-6"
        assert [entry.target for entry in audit("access.denied")] == ["/staff/clubs/bookworms"] * 2


def describe(client, centre: str, text: str):
    """Section 1 of the set-up page as it stands, with new descriptions typed in."""
    url = f"/staff/coworking/{centre}/setup"
    page = client.get(url)
    data = {"csrf_token": csrf_token(client, "/staff/")}
    if page.status_code == 200:
        data = page_form(page.get_data(as_text=True), url).to_dict()
    data.update(description_kk=text, description_ru="Розетки у каждого места.")
    return client.post(url, data=data)


def test_a_coordinator_describes_their_own_centre_only(app, client, login_as):
    reader = app.test_client()
    reader.get("/?lang=kk")
    assert "Әр орында розетка" not in reader.get("/coworking/cowork-no-6").get_data(as_text=True)
    login_as("coordinator", centres=("cowork-no-6",))
    response = describe(client, "cowork-no-6", "Әр орында розетка бар.")
    assert response.status_code == 303
    assert "Әр орында розетка бар." in reader.get("/coworking/cowork-no-6").get_data(as_text=True)
    assert describe(client, "cowork-no-8", "Басқа орталық").status_code == 403
    with app.app_context():
        [entry] = audit("coworking.description")
        assert entry.target == "centre:cowork-no-6"
        assert "description_kk" in entry.detail


def test_a_description_too_long_is_refused_with_the_form_kept(app, client, login_as):
    login_as("central_staff")
    response = describe(client, "cowork-no-8", "ұ" * 2001)
    assert response.status_code == 400
    assert 'id="description_kk-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert audit("coworking.description") == []


def test_the_club_page_lists_its_published_meetings_and_a_new_one_on_the_next_read(app):
    reader = app.test_client()
    reader.get("/?lang=ru")
    assert "Встреч пока не объявлено." in reader.get("/clubs/bookworms").get_data(as_text=True)
    with app.app_context():
        bookworms = get_club("bookworms")
        central = get_library("central")
        meeting = approved_event(
            central, club=bookworms, title_ru="Обсуждаем «Абай жолы»", title_kk="«Абай жолы»"
        )
        approved_event(central, approve=False, club=bookworms, title_ru="Черновик встречи")
        approved_event(central, title_ru="Чужое событие")
        db.session.commit()
    page = reader.get("/clubs/bookworms").get_data(as_text=True)
    assert "Обсуждаем «Абай жолы»" in page or "Обсуждаем &laquo;Абай жолы&raquo;" in page
    assert f'href="/events/{meeting}?lang=' in page
    assert "Черновик встречи" not in page
    assert "Чужое событие" not in page
    assert "/events?club=bookworms" in page

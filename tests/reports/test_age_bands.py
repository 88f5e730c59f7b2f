"""The age bands: the documented defaults, and admins changing them."""

from sqlalchemy import select

from intranet.extensions import db
from intranet.libraries.models import AgeBand
from tests.conftest import csrf_token

URL = "/staff/reports/age-bands"


def bands(app):
    with app.app_context():
        rows = db.session.scalars(select(AgeBand).order_by(AgeBand.position))
        return [(b.code, b.min_age, b.max_age) for b in rows]


def form(app, **changes):
    """The page's fields as they are, with changes."""
    data = {}
    with app.app_context():
        for b in db.session.scalars(select(AgeBand)):
            for name in ("name_kk", "name_ru", "name_en", "min_age", "max_age"):
                value = getattr(b, name)
                data[f"b-{b.id}-{name}"] = "" if value is None else str(value)
    return {**data, **changes}


def test_the_defaults(app):
    assert bands(app) == [
        ("children", 0, 13),
        ("youth", 14, 35),
        ("adults", 36, 62),
        ("seniors", 63, None),
    ]


def test_an_admin_splits_a_band(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, URL)
    with app.app_context():
        seniors = db.session.scalar(select(AgeBand).where(AgeBand.code == "seniors")).id
    data = form(app, **{f"b-{seniors}-max_age": "79"})
    new = {
        "b-new-name_kk": "80 жастан асқандар",
        "b-new-name_ru": "Старше 80",
        "b-new-name_en": "Over 80",
        "b-new-min_age": "80",
        "b-new-max_age": "",
    }
    response = client.post(URL, data={"csrf_token": token, **data, **new})
    assert response.status_code == 302
    assert bands(app)[-2:] == [("seniors", 63, 79), ("over-80", 80, None)]


def test_overlapping_or_unnamed_bands_are_refused(app, client, login_as):
    login_as("admin")
    token = csrf_token(client, URL)
    before = bands(app)
    with app.app_context():
        youth = db.session.scalar(select(AgeBand).where(AgeBand.code == "youth")).id
    for changes, message in [
        ({f"b-{youth}-min_age": "10"}, "Two age bands overlap"),
        ({f"b-{youth}-name_ru": ""}, "Each age band needs its name in Kazakh and in Russian."),
        ({f"b-{youth}-min_age": "-3"}, "Ages are whole numbers from 0 to 120."),
        ({f"b-{youth}-max_age": "5"}, "the lower bound first"),
    ]:
        response = client.post(URL, data={"csrf_token": token, **form(app, **changes)})
        assert response.status_code == 400, changes
        assert message in response.get_data(as_text=True)
    assert bands(app) == before


def test_only_admins(client, login_as):
    login_as("central_staff")
    assert client.get(URL).status_code == 403

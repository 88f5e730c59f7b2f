"""Reference data: idempotent seed, demo accounts, and the libraries API."""

from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.coworking.models import CoworkingCentre, Seat
from intranet.extensions import db
from intranet.libraries.models import ClosedDay, Club, Library


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Library, CoworkingCentre, Seat, Club)
    )


def test_seed_is_idempotent(app, runner):
    first = runner.invoke(args=["seed"])
    second = runner.invoke(args=["seed"])
    assert first.exit_code == 0
    assert second.exit_code == 0
    assert "21 libraries, 5 coworking centres" in second.output
    with app.app_context():
        assert counts() == (21, 5, 24 + 16 + 12 + 12 + 12, 3)
        central = db.session.scalar(select(Library).where(Library.slug == "central"))
        assert central.name_kk == "А.С. Пушкин атындағы орталық кітапхана"
        assert central.address_ru == "улица Чайковского"
        rural = db.session.scalars(select(Library).where(Library.is_model_library)).all()
        assert len(rural) == 6
        assert {c.library.slug for c in db.session.scalars(select(CoworkingCentre))} == {
            "central",
            "no-12",
            "no-6",
            "no-8",
            "no-9",
        }
        nauryz = db.session.scalars(select(ClosedDay).where(ClosedDay.library_id.is_(None)))
        assert any(d.day.month == 3 and d.day.day == 22 for d in nauryz)


def test_seed_keeps_edits_to_centres(app, runner):
    with app.app_context():
        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.slug == "cowork-no-9")
        )
        centre.opening_hours = {"mon": ["10:00", "16:00"]}
        db.session.commit()
    runner.invoke(args=["seed"])
    with app.app_context():
        centre = db.session.scalar(
            select(CoworkingCentre).where(CoworkingCentre.slug == "cowork-no-9")
        )
        assert centre.opening_hours == {"mon": ["10:00", "16:00"]}


def test_demo_adds_one_account_per_role(app, runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["seed", "--demo"])
    with app.app_context():
        users = db.session.scalars(select(User).where(User.is_demo)).all()
        assert sorted(u.role for u in users) == [
            "admin",
            "branch_staff",
            "central_staff",
            "coordinator",
        ]
        branch = next(u for u in users if u.role == "branch_staff")
        assert branch.library.slug == "no-6"
        coordinator = next(u for u in users if u.role == "coordinator")
        assert [c.slug for c in coordinator.centres] == ["cowork-central"]


def test_demo_refuses_production(app, runner):
    app.config["PRODUCTION"] = True
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code != 0
    assert "production" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_libraries_api(client):
    response = client.get("/api/v1/libraries")
    assert response.status_code == 200
    data = response.get_json()
    assert len(data) == 21
    assert data[0] == {
        "slug": "central",
        "kind": "central",
        "model_library": False,
        "name": {
            "kk": "А.С. Пушкин атындағы орталық кітапхана",
            "ru": "Центральная библиотека имени А.С. Пушкина",
            "en": "A.S. Pushkin Central Library",
        },
        "address": {
            "kk": "Чайковский көшесі",
            "ru": "улица Чайковского",
            "en": "Chaikovsky street",
        },
        "phone": None,
        "email": None,
        "coordinates": None,
        "opening_hours": dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
        "demo": False,
    }
    assert sum(1 for lib in data if lib["model_library"]) == 6

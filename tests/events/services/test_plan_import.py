"""Importing an annual plan: drafts and planned entries, refused rows and why, no duplicates,
malformed files refused whole, each library's staff only for their own library."""

import io
import zipfile
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from intranet.auth.models import User
from intranet.clock import local_today, to_local
from intranet.errors import PermissionDenied
from intranet.events import services
from intranet.events.models import Event, PlanRow, Status
from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from tests.events.plans import generated_rows, plan_file

YEAR = local_today().year + 1
ENGLISH = {"Accept-Language": "en"}


def actor(make_user, role: str = "branch_staff", **kw) -> User:
    user_id, _ = make_user(role, **({"library": "no-6"} if role == "branch_staff" else {}) | kw)
    return db.session.get(User, user_id)


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count()).select_from(Event)),
        db.session.scalar(select(func.count()).select_from(PlanRow)),
    )


def test_good_rows_become_drafts_and_planned_entries_bad_rows_are_each_explained(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        branch = actor(make_user)
        content = plan_file(generated_rows(58, 2, YEAR))
        result = services.import_plan(content, "plan.xlsx", year=YEAR, actor=branch)
        assert (result.drafts + result.planned, len(result.refusals)) == (58, 2)
        assert result.planned == 11  # every fifth row names only a month
        assert [(r.row, r.column) for r in result.refusals] == [(60, "type"), (61, "type")]
        assert result.refusals[0].reason == "«Би кеші» is not on the list (see the second sheet)."
        draft = db.session.scalar(select(Event).order_by(Event.id))
        assert draft.status == Status.DRAFT
        assert draft.library.slug == "no-6"
        assert (draft.title_kk, draft.audience, draft.organiser) == (
            "Абай оқулары 1",
            "youth",
            "Айгүл",
        )
        assert to_local(draft.start_dt).replace(tzinfo=None) == datetime(YEAR, 1, 1, 15, 0)
        assert counts() == (47, 58)


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (("31.02.2027", "", "Кеш", "Әдеби кеш"), "when", "There is no such date."),
        ((datetime(2020, 3, 1), "", "Кеш", "Әдеби кеш"), "when", f"The date is not in {YEAR}."),
        (
            ("келесі апта", "", "Кеш", "Әдеби кеш"),
            "when",
            "Write a date (15.03.2026) or a month (March, or 3).",
        ),
        (("Наурыз", "кешке", "Кеш", "Әдеби кеш"), "time", "Write the time as 15:00."),
        (("Наурыз", "", "", "Әдеби кеш"), "title", "Fill in this column."),
        (("Наурыз", "", '=CONCAT("A","B")', "Әдеби кеш"), "title", "Fill in this column."),
        (("Наурыз", "", "К" * 201, "Әдеби кеш"), "title", "At most 200 characters."),
        (("Наурыз", "", "Кеш", ""), "type", "Fill in this column."),
        (
            ("Наурыз", "", "Кеш", "Әдеби кеш", "Зейнеткерлер емес"),
            "audience",
            "«Зейнеткерлер емес» is not on the list (see the second sheet).",
        ),
        (
            ("Наурыз", "", "Кеш", "Әдеби кеш", "", "№ 7 кітапхана-филиалы"),
            "library",
            "You can plan events only for your own library.",
        ),
        (
            ("Наурыз", "", "Кеш", "Әдеби кеш", "", "", "Жоқ акция"),
            "campaign",
            "«Жоқ акция» is not on the list (see the second sheet).",
        ),
    ],
)
def test_each_refused_row_says_its_column_and_why(app, make_user, row, column, reason):
    """A formula is never run: its cell has no value, as if left empty."""
    with app.test_request_context(headers=ENGLISH):
        result = services.import_plan(
            plan_file([row]), "plan.xlsx", year=YEAR, actor=actor(make_user)
        )
        assert [(r.row, r.column, r.reason) for r in result.refusals] == [(2, column, reason)]
        assert counts() == (0, 0)


def test_names_in_russian_months_and_the_same_row_twice(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        rows = [
            (
                f"15.03.{YEAR}",
                "10:30",
                "Час поэзии",
                "час поэзии",
                "Молодежь",
                "Библиотека-филиал №6",
            ),
            ("март", "", "Выставка", "Книжная выставка", "Дети", ""),
            ("март", "", "Выставка", "Книжная выставка", "Дети", ""),
        ]
        result = services.import_plan(
            plan_file(rows, "ru"), "plan.xlsx", year=YEAR, actor=actor(make_user)
        )
        assert (result.drafts, result.planned) == (1, 1)
        assert [(r.row, r.reason) for r in result.refusals] == [(4, "The same as row 3.")]
        event = db.session.scalar(select(Event))
        assert (event.title_ru, event.language, event.audience) == ("Час поэзии", "ru", "youth")


def test_uploading_the_same_plan_again_adds_nothing(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        branch = actor(make_user)
        content = plan_file(generated_rows(20, 1, YEAR))
        services.import_plan(content, "plan.xlsx", year=YEAR, actor=branch)
        before = counts()
        again = services.import_plan(content, "plan.xlsx", year=YEAR, actor=branch)
        assert (again.drafts, again.planned, again.repeated) == (0, 0, 20)
        assert len(again.refusals) == 1
        assert counts() == before


def test_the_database_holds_one_row_per_fingerprint(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        branch = actor(make_user)
        services.import_plan(
            plan_file(generated_rows(1, 0, YEAR)), "p.xlsx", year=YEAR, actor=branch
        )
        row = db.session.scalar(select(PlanRow))
        copy = PlanRow(
            **{c: getattr(row, c) for c in ("library_id", "year", "month", "title", "type_id")},
            fingerprint=row.fingerprint,
        )
        db.session.add(copy)
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_macros() -> bytes:
    with zipfile.ZipFile(io.BytesIO(plan_file([]))) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    return _zip(entries | {"xl/vbaProject.bin": b"\0" * 10})


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (lambda: b"date;title\n1;2\n", "plan.csv", "This is not an Excel workbook (.xlsx)."),
        (lambda: plan_file([]), "plan.xlsm", "Save the plan as an .xlsx workbook without macros."),
        (_with_macros, "plan.xlsx", "Save the plan as an .xlsx workbook without macros."),
        (lambda: _zip({"xl/workbook.xml": b"<x"}), "plan.xlsx", "This is not an Excel workbook"),
        (lambda: plan_file([]) + b"\0" * 600_000, "plan.xlsx", "The file is larger than 512 KB."),
        (lambda: plan_file([], "en")[:0] + _wrong_headings(), "plan.xlsx", "The first row must"),
        (lambda: plan_file(generated_rows(2001, 0, YEAR)), "plan.xlsx", "at most 2000 rows"),
    ],
)
def test_a_malformed_file_imports_nothing_and_says_why(app, make_user, content, filename, message):
    with app.test_request_context(headers=ENGLISH):
        with pytest.raises(services.PlanFileRefused) as refused:
            services.import_plan(content(), filename, year=YEAR, actor=actor(make_user))
        assert message in str(refused.value)
        assert refused.value.field == "file"
        assert counts() == (0, 0)


def _wrong_headings() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Дата", "Мероприятие"])
    workbook.active.append(["март", "Час поэзии"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_central_staff_import_for_any_library_coordinators_not_at_all(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        rows = [("Сәуір", "", "Кеш", "Әдеби кеш", "", "№ 7 кітапхана-филиалы")]
        central = actor(make_user, "central_staff")
        coordinator = actor(make_user, "coordinator", centres=["cowork-no-6"])
        result = services.import_plan(plan_file(rows), "p.xlsx", year=YEAR, actor=central)
        assert (result.planned, result.refusals) == (1, [])
        assert db.session.scalar(select(PlanRow)).library.slug == "no-7"
        unowned = [("Сәуір", "", "Кеш", "Әдеби кеш")]
        refused = services.import_plan(plan_file(unowned), "p.xlsx", year=YEAR, actor=central)
        assert [r.column for r in refused.refusals] == ["library"]
        with pytest.raises(PermissionDenied):
            services.import_plan(plan_file(rows), "p.xlsx", year=YEAR, actor=coordinator)


def test_a_row_in_a_month_already_reported_is_refused_alone(app, make_user):
    with app.test_request_context(headers=ENGLISH):
        branch = actor(make_user)
        no_6 = db.session.scalar(select(Library).where(Library.slug == "no-6"))
        db.session.add(MonthlyReport(library_id=no_6.id, year=YEAR, month=3, status="submitted"))
        db.session.flush()
        rows = [
            (datetime(YEAR, 3, 10), "", "Наурыз кеші", "Әдеби кеш"),
            (datetime(YEAR, 4, 10), "", "Сәуір кеші", "Әдеби кеш"),
        ]
        result = services.import_plan(plan_file(rows), "p.xlsx", year=YEAR, actor=branch)
        assert result.drafts == 1
        assert [(r.row, r.column) for r in result.refusals] == [(2, "when")]
        assert "has been submitted" in result.refusals[0].reason
        assert counts() == (1, 1)

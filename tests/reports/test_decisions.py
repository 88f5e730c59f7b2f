"""Monthly report decisions are conditional too: two central staff, one decision."""

from datetime import date

import pytest
from sqlalchemy import func, select

from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.errors import Conflict
from intranet.extensions import db
from intranet.libraries.models import Library, MonthlyReport
from intranet.reports import services
from tests.meanwhile import in_english, meanwhile

TODAY = date(2025, 5, 2)


def submitted(app) -> int:
    with in_english(app):
        library = db.session.scalar(select(Library).where(Library.slug == "no-9"))
        report = MonthlyReport(library_id=library.id, year=2025, month=4)
        db.session.add(report)
        db.session.commit()
        return report.id


def audits(action: str) -> int:
    return db.session.scalar(select(func.count()).where(AuditLog.action == action))


@pytest.mark.parametrize(("theirs", "ours"), [(True, False), (False, True), (True, True)])
def test_accept_and_return_at_once_make_one_decision(app, make_user, theirs, ours):
    report_id = submitted(app)
    other, me = make_user("central_staff")[0], make_user("central_staff")[0]
    with in_english(app):
        report = db.session.get(MonthlyReport, report_id)
        meanwhile(
            app,
            lambda: services.decide_report(
                db.session.get(MonthlyReport, report_id),
                actor=db.session.get(User, other),
                accept=theirs,
                comment="Қате бар",
            ),
        )
        with pytest.raises(Conflict, match="already been decided"):
            services.decide_report(
                report, actor=db.session.get(User, me), accept=ours, comment="Другое"
            )
        db.session.rollback()
        report = db.session.get(MonthlyReport, report_id)
        assert report.status == ("accepted" if theirs else "returned")
        assert report.decided_by_id == other
        assert audits("report.accepted") + audits("report.returned") == 1


def test_a_returned_month_submitted_twice_at_once_is_submitted_once(app, make_user):
    report_id = submitted(app)
    with in_english(app):
        report = db.session.get(MonthlyReport, report_id)
        report.status, report.return_comment = "returned", "Түзетіңіз"
        report.decided_dt = report.submitted_dt
        db.session.commit()
    one = make_user("branch_staff", library="no-9")[0]
    two = make_user("branch_staff", library="no-9")[0]

    def submit(user_id):
        library = db.session.scalar(select(Library).where(Library.slug == "no-9"))
        actor = db.session.get(User, user_id)
        services.submit_report(library, actor=actor, year=2025, month=4, today=TODAY)

    with in_english(app):
        page = db.session.get(MonthlyReport, report_id)  # what our page showed: returned
        meanwhile(app, lambda: submit(one))
        assert page.status == "returned"
        with pytest.raises(Conflict, match="already been submitted"):
            submit(two)
        db.session.rollback()
        assert db.session.get(MonthlyReport, report_id).submitted_by_id == one
        assert audits("report.submitted") == 1

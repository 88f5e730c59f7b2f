"""Staff's choice on a series: one registration for all meetings, or one per meeting."""

from dataclasses import replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from intranet.auth.models import User
from intranet.events.models import Event, RegistrationRules, SeriesRegistration, SeriesStatus
from intranet.events.services.registration import RegistrationError, RulesData, set_rules
from intranet.events.services.series_registration import fill_series
from intranet.extensions import db
from intranet.models import utc_now


def save_rules(event: Event, data: RulesData, *, actor: User) -> RegistrationRules:
    """An event's registration settings; on a series, one registration for all meetings
    (the same settings on every meeting ahead) or one per meeting."""
    rules = set_rules(event, data, actor=actor)
    series = event.series
    if series is None or data.register_once is None:
        return rules
    if not data.register_once and series.register_once and _live_count(series.id):
        raise RegistrationError(
            _l(
                "People are registered for all meetings of this series: registration per "
                "meeting can be chosen once they have cancelled."
            ),
            field="register_once",
        )
    series.register_once = data.register_once
    if data.register_once:
        now = utc_now()
        others = db.session.scalars(
            select(Event).where(
                Event.series_id == series.id, Event.id != event.id, Event.start_dt > now
            )
        )
        for other in others:
            set_rules(other, replace(data, register_once=None), actor=actor)
        fill_series(series.id, now)
    db.session.flush()
    return rules


def _live_count(series_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count()).where(
                SeriesRegistration.series_id == series_id,
                SeriesRegistration.status != SeriesStatus.CANCELLED,
            )
        )
        or 0
    )

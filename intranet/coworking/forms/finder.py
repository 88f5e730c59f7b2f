""" "Find me a seat": a GET form of date, start and length, and the labels of durations."""

import datetime as dt
from collections.abc import Sequence

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, StringField

from intranet.coworking.forms.booking import (
    StartAndLength,
    check_real_date,
    parse_date,
    parse_time,
)
from intranet.coworking.models import CoworkingCentre
from intranet.forms import SelectField, choices, required


def duration_label(minutes: int) -> str:
    """ "2 h", "1,5 h": a length in hours, the number written the language's way."""
    return _("%(hours)s h", hours=format_decimal(minutes / 60, format="#,##0.##"))


def duration_choices(low: int, high: int, step: int) -> list:
    """Select options of lengths from `low` to `high` minutes."""
    return choices((str(m), duration_label(m)) for m in range(low, high + 1, step))


class FindSeatForm(StartAndLength, FlaskForm):
    """Date, start and length, read from the query string (no CSRF: it only reads)."""

    class Meta:
        csrf = False

    date = StringField(_l("Date"), validators=[required()], render_kw={"type": "date"})
    start = SelectField(_l("Start"), validators=[required()], validate_choice=False)
    duration = SelectField(_l("For how long"), validators=[required()], validate_choice=False)

    def fill_choices(self, centres: Sequence[CoworkingCentre], starts: list[str]) -> None:
        """Every start time and length any centre allows."""
        self.start.choices = choices((t, t) for t in starts)
        if not centres:
            self.duration.choices = []
            return
        self.duration.choices = duration_choices(
            min(c.min_duration_minutes for c in centres),
            max(c.max_duration_minutes for c in centres),
            min(c.slot_minutes for c in centres),
        )

    def validate_date(self, field: Field) -> None:
        check_real_date(field)

    def wanted(self) -> tuple[dt.date, dt.time, int]:
        """The validated day, start and length in minutes."""
        day, start = parse_date(self.date.data), parse_time(self.start.data)
        if day is None or start is None:
            raise ValueError("wanted() reads a validated form")
        return day, start, int(self.duration.data)

"""The annual plan against what was held: planned, held, cancelled, not yet held, and the share
of the plan done, by month, by type, by campaign and by library.

A plan row counts as held or cancelled through the draft it became (an entry with only a month
is not yet held); events held outside the plan are the activity report's, not the plan's.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, time

from flask_babel import gettext as _
from sqlalchemy import select

from intranet.clock import from_local
from intranet.events.models import Campaign, Event, EventType, PlanRow, Status
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.reports.queries.sections import Section, Share, percent, total_row
from intranet.reports.queries.summary import short_month


@dataclass
class Tally:
    """How many plan rows were planned, held and cancelled; the rest are not yet held."""

    planned: int = 0
    held: int = 0
    cancelled: int = 0

    def add(self, status: str | None) -> None:
        self.planned += 1
        self.held += status == Status.HELD
        self.cancelled += status == Status.CANCELLED

    def row(self, label: str) -> list:
        waiting = self.planned - self.held - self.cancelled
        return [label, self.planned, self.held, self.cancelled, waiting, self.share]

    @property
    def share(self) -> Share | None:
        return percent(self.held, self.planned)


def _columns(name: str) -> list[str]:
    return [
        name,
        _("Planned"),
        _("Held"),
        _("Cancelled"),
        _("Not yet held"),
        _("Share of the plan done, %"),
    ]


def plan_rows(year: int, library_id: int | None, held_before: date | None = None) -> list[tuple]:
    """(library, month, type, campaign, status) of each plan row of the year; an event held
    on or after `held_before` counts as not yet held (the report of an earlier period)."""
    query = (
        select(
            PlanRow.library_id,
            PlanRow.month,
            PlanRow.type_id,
            PlanRow.campaign_id,
            Event.status,
            Event.start_dt,
        )
        .outerjoin(Event, PlanRow.event_id == Event.id)
        .where(PlanRow.year == year)
    )
    if library_id is not None:
        query = query.where(PlanRow.library_id == library_id)
    until = from_local(held_before, time.min) if held_before else None
    return [
        (*row[:4], None if until and row[5] and row[5] >= until else row[4])
        for row in db.session.execute(query)
    ]


def _tallies(rows: list, key: Callable[[tuple], Hashable]) -> dict:
    tallies: dict = defaultdict(Tally)
    for row in rows:
        tallies[key(row)].add(row[4])
    return tallies


def _section(key: str, title: str, name: str, lines: list[tuple[str, Tally]]) -> Section:
    section = Section(key, title, _columns(name))
    section.rows = [tally.row(label) for label, tally in lines]
    if section.rows:
        section.total = total_row(_("Total"), section.rows)
        planned, held = section.total[1], section.total[2]
        section.total[-1] = percent(held, planned)
    return section


def plan_sections(year: int, library: Library | None) -> list[Section]:
    """The plan against what was held: by month, type and campaign (and library, city-wide)."""
    rows = plan_rows(year, library.id if library else None)
    by_month = _tallies(rows, lambda r: r[1])
    by_type = _tallies(rows, lambda r: r[2])
    by_campaign = _tallies(rows, lambda r: r[3])
    types = {t.id: localized(t, "name") for t in db.session.scalars(select(EventType))}
    campaigns = {c.id: localized(c, "name") for c in db.session.scalars(select(Campaign))}
    sections = [
        _section(
            "plan_months",
            _("By month"),
            _("Month"),
            [(short_month(year, month), by_month[month]) for month in sorted(by_month)],
        ),
        _section(
            "plan_types",
            _("By type"),
            _("Type"),
            sorted(((types[k], t) for k, t in by_type.items()), key=lambda line: line[0]),
        ),
        _section(
            "plan_campaigns",
            _("By campaign"),
            _("Campaign"),
            [
                (campaigns[k] if k else _("No campaign"), t)
                for k, t in sorted(by_campaign.items(), key=lambda item: item[0] or 0)
            ],
        ),
    ]
    if library is None:
        sections.append(library_section(year, rows))
    return sections


def library_section(year: int, rows: list | None = None) -> Section:
    """The plan of each of the 21 libraries against what it held, and the city's total."""
    rows = plan_rows(year, None) if rows is None else rows
    by_library = _tallies(rows, lambda r: r[0])
    libraries = db.session.scalars(select(Library).order_by(Library.position))
    return _section(
        "plan_libraries",
        _("By library"),
        _("Library"),
        [(localized(library, "name"), by_library[library.id]) for library in libraries],
    )


def plan_share_section(year: int, until: date, library_id: int | None) -> Section:
    """The share of the year's plan done by the end of a period (the monthly and annual report)."""
    tally = Tally()
    for row in plan_rows(year, library_id, held_before=until):
        tally.add(row[4])
    section = Section(
        "plan_share",
        _("The annual plan %(year)d", year=year),
        [_("Plan rows"), _("By the end of the period")],
    )
    if not tally.planned:
        section.note = _("No annual plan has been imported for %(year)d.", year=year)
        return section
    section.rows = [
        [_("Events in the annual plan"), tally.planned],
        [_("Held"), tally.held],
        [_("Cancelled"), tally.cancelled],
        [_("Share of the plan done, %"), tally.share],
    ]
    return section

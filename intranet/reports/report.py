"""The activity report: sections of figures, each beside the same period a year earlier."""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from intranet.events.models import AUDIENCE_GROUPS, AUDIENCE_LABELS, AUDIENCES, Campaign, EventType
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.reports import queries as q
from intranet.reports.occupancy import percent
from intranet.reports.periods import Period


@dataclass
class Section:
    """One table of the report; `total` is its last row when the figures add up."""

    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None


@dataclass
class Report:
    period: Period
    library: Library | None
    sections: list[Section]

    @property
    def scope_name(self) -> str:
        return localized(self.library, "name") if self.library else _("All libraries")

    @property
    def args(self) -> dict:
        """The query parameters that select this report again."""
        period = self.period
        args = {"library": self.library.slug if self.library else "all", "period": period.kind}
        args["year"] = period.year
        if period.kind != "year":
            args[period.kind] = period.number
        return args

    @property
    def slug(self) -> str:
        return f"report-{self.library.slug if self.library else 'all'}-{self.period.slug()}"


def _before(name: str) -> str:
    return _("%(figure)s, a year earlier", figure=name)


def _side_by_side(names: list[str]) -> list[str]:
    return [column for name in names for column in (name, _before(name))]


def _pairs(now: tuple, before: tuple) -> list:
    return [value for pair in zip(now, before, strict=True) for value in pair]


def _total(label: str, rows: list[list]) -> list:
    return [label, *[sum(row[i] or 0 for row in rows) for i in range(1, len(rows[0]))]]


def events_by_type(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (q.events_by(q.Event.type_id, s, library_id) for s in (now, before))
    types = db.session.scalars(select(EventType).where(EventType.id.in_(set(a) | set(b))))
    section = Section(
        "types", _("Events by type"), [_("Event type"), *_side_by_side(_planned_held())]
    )
    for kind in sorted(types, key=lambda t: (t.position, t.id)):
        zero = (0, 0, 0, 0)
        now_row, before_row = a.get(kind.id, zero)[:3], b.get(kind.id, zero)[:3]
        section.rows.append([localized(kind, "name"), *_pairs(now_row, before_row)])
    section.total = _total(_("Total"), section.rows) if section.rows else None
    return section


def _planned_held() -> list[str]:
    return [_("Planned"), _("Held"), _("Cancelled")]


def by_campaign(now: q.Span, before: q.Span, library: Library | None) -> Section:
    library_id = library.id if library else None
    a, b = (q.events_by(q.Event.campaign_id, s, library_id) for s in (now, before))
    to_date = q.campaign_to_date(now, library_id)
    libraries = 1 if library else db.session.scalar(select(func.count(Library.id)))
    campaigns = db.session.scalars(
        select(Campaign).where(
            (Campaign.id.in_({k for k in (set(a) | set(b)) if k is not None}))
            | ((Campaign.end_date >= now.period.start) & (Campaign.start_date < now.period.end))
        )
    )
    columns = [_("Campaign"), *_side_by_side([_("Planned"), _("Held")])]
    columns += [_("Held since the campaign began"), _("Target"), _("Progress, %")]
    section = Section("campaigns", _("Campaigns"), columns)
    for campaign in sorted(campaigns, key=lambda c: c.start_date):
        zero = (0, 0, 0, 0)
        now_row, before_row = a.get(campaign.id, zero)[:2], b.get(campaign.id, zero)[:2]
        target = campaign.target_per_library * libraries
        done = to_date.get(campaign.id, 0)
        section.rows.append(
            [localized(campaign, "name"), *_pairs(now_row, before_row), done, target]
            + [percent(done, target)]
        )
    return section


def by_audience(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (q.events_by(q.Event.audience, s, library_id) for s in (now, before))
    names = [_("Planned"), _("Held"), _("People")]
    section = Section("audiences", _("Events by audience"), [_("Audience"), *_side_by_side(names)])
    for audience in AUDIENCES:
        zero = (0, 0, 0, 0)
        now_row, before_row = a.get(audience, zero), b.get(audience, zero)
        if now_row != zero or before_row != zero:
            now_row, before_row = ((r[0], r[1], r[3]) for r in (now_row, before_row))
            section.rows.append([str(AUDIENCE_LABELS[audience]), *_pairs(now_row, before_row)])
    section.total = _total(_("Total"), section.rows) if section.rows else None
    return section


def attendance(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (q.attendance_totals(s, library_id) for s in (now, before))
    section = Section(
        "attendance", _("Attendance"), [_("Audience group"), *_side_by_side([_("People")])]
    )
    for group in AUDIENCE_GROUPS:
        section.rows.append([str(AUDIENCE_LABELS[group]), a[group], b[group]])
    rest = [x["total"] - sum(x[g] for g in AUDIENCE_GROUPS) for x in (a, b)]
    section.rows.append([_("Not counted by group"), *rest])
    section.total = [_("Total"), a["total"], b["total"]]
    section.rows.insert(0, [_("Events with attendance recorded"), a["events"], b["events"]])
    return section


def split_partners(groups: dict[str, int]) -> dict[str, int]:
    """Partner names from the distinct partner texts ("A, B; C"), with their events."""
    names: dict[str, tuple[str, int]] = {}
    for text, count in groups.items():
        for name in filter(None, (part.strip() for part in re.split(r"[,;\n]", text))):
            shown, total = names.get(name.casefold(), (name, 0))
            names[name.casefold()] = (shown, total + count)
    return dict(names.values())


def partners(now: q.Span, before: q.Span, library_id) -> Section:
    a, b = (split_partners(q.partner_groups(s, library_id)) for s in (now, before))
    section = Section(
        "partners", _("Partners involved"), [_("Partner"), *_side_by_side([_("Held events")])]
    )
    for name in sorted(set(a) | set(b), key=lambda n: (-a.get(n, 0), n.casefold())):
        section.rows.append([name, a.get(name, 0), b.get(name, 0)])
    return section

"""Campaigns: their events in the period, and their progress towards the target since they began."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from intranet.events.models import Campaign, Event, Status
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.reports.queries.events import NONE, events_by
from intranet.reports.queries.sections import Section, pairs, percent, side_by_side
from intranet.reports.queries.span import Span


def campaign_to_date(span: Span, library_id: int | None) -> dict[int, int]:
    """Held events of each campaign running in the period, from its start to the period's end."""
    query = (
        select(Event.campaign_id, func.count(Event.id))
        .join(Campaign, Campaign.id == Event.campaign_id)
        .where(
            Event.status == Status.HELD,
            Event.start_dt < span.end,
            Campaign.end_date >= span.period.start,
            Campaign.start_date < span.period.end,
        )
        .group_by(Event.campaign_id)
    )
    if library_id is not None:
        query = query.where(Event.library_id == library_id)
    return {
        campaign_id: count
        for campaign_id, count in db.session.execute(query)
        if campaign_id is not None  # an inner join: always a campaign
    }


def campaigns_section(now: Span, before: Span, library: Library | None) -> Section:
    """Each campaign with events in the period or running in it, against its target."""
    library_id = library.id if library else None
    a, b = (events_by(Event.campaign_id, s, library_id) for s in (now, before))
    to_date = campaign_to_date(now, library_id)
    libraries = 1 if library else db.session.scalar(select(func.count(Library.id))) or 0
    campaigns = db.session.scalars(
        select(Campaign).where(
            (Campaign.id.in_({k for k in (set(a) | set(b)) if k is not None}))
            | ((Campaign.end_date >= now.period.start) & (Campaign.start_date < now.period.end))
        )
    )
    columns = [_("Campaign"), *side_by_side([_("Planned"), _("Held")])]
    columns += [_("Held since the campaign began"), _("Target, events"), _("Progress")]
    section = Section("campaigns", _("Campaigns"), columns)
    for campaign in sorted(campaigns, key=lambda c: c.start_date):
        now_row, before_row = a.get(campaign.id, NONE)[:2], b.get(campaign.id, NONE)[:2]
        target = campaign.target_per_library * libraries
        done = to_date.get(campaign.id, 0)
        section.rows.append(
            [localized(campaign, "name"), *pairs(now_row, before_row), done, target]
            + [percent(done, target)]
        )
    return section

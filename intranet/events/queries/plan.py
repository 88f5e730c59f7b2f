"""The annual plan's template: the headings to fill in, and the lists of what a cell may say."""

from itertools import zip_longest
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import select

from intranet.events.models import AUDIENCE_LABELS, Campaign, EventType
from intranet.events.services.plan_sheet import headings
from intranet.extensions import db
from intranet.i18n import localized
from intranet.libraries.models import Library
from intranet.spreadsheets import to_xlsx

if TYPE_CHECKING:
    from intranet.auth.models import User


def plan_template(viewer: "User", language: str) -> bytes:
    """An empty plan in the reader's language; its second sheet lists the valid choices."""
    types = db.session.scalars(
        select(EventType).where(EventType.is_active).order_by(EventType.position)
    )
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.is_active).order_by(Campaign.start_date.desc())
    )
    libraries = db.session.scalars(select(Library).order_by(Library.position))
    lists = zip_longest(
        [localized(row, "name", language) for row in types],
        [str(label) for label in AUDIENCE_LABELS.values()],
        [localized(row, "name", language) for row in libraries if viewer.can_act_for_library(row)],
        [localized(row, "name", language) for row in campaigns],
        [
            _("A date: 15.03.2026; or only a month: March, or 3."),
            _("Start time: 15:00 (empty: 11:00). The event lasts an hour; change it in the draft."),
            _("A row with a date becomes a draft event; a row with a month, a planned entry."),
        ],
        fillvalue="",
    )
    choices = (_("Type"), _("Audience"), _("Library"), _("Campaign"), _("How to fill in"))
    return to_xlsx([(_("Annual plan"), headings(language), []), (_("Lists"), choices, lists)])

"""Calendar filters (library, type, audience, campaign, club, status) and who sees what."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, TypeVarTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select
from werkzeug.datastructures import MultiDict

from intranet.errors import IntranetError
from intranet.events.models import AUDIENCES, PUBLIC_STATUSES, Campaign, Event, EventType, Status
from intranet.extensions import db
from intranet.libraries.models import Club, Library

if TYPE_CHECKING:
    from intranet.auth.models import User, Visitor

SlugItem = TypeVar("SlugItem", Library, EventType, Campaign, Club)
Columns = TypeVarTuple("Columns")


class BadRequest(IntranetError):
    """A malformed query string."""


@dataclass
class Filters:
    """What the reader narrowed the calendar to; unknown values are refused."""

    libraries: list[Library] = field(default_factory=list)
    type: EventType | None = None
    audience: str = ""
    campaign: Campaign | None = None
    club: Club | None = None
    status: str = ""
    everywhere: bool = False  # staff asked for all libraries, not their own
    mine_by_default: bool = False  # the branch's own library, chosen for them

    def query_args(self) -> dict[str, Any]:
        """The filters as query-string arguments, for links that keep them."""
        args = {
            "library": [] if self.mine_by_default else [lib.slug for lib in self.libraries],
            "type": self.type.slug if self.type else None,
            "audience": self.audience or None,
            "campaign": self.campaign.slug if self.campaign else None,
            "club": self.club.slug if self.club else None,
            "status": self.status or None,
            "all": "1" if self.everywhere else None,
        }
        return {key: value for key, value in args.items() if value}


@dataclass
class Choices:
    """Everything the filter form offers (four small queries)."""

    libraries: Sequence[Library]
    types: Sequence[EventType]
    campaigns: Sequence[Campaign]
    clubs: Sequence[Club]

    @classmethod
    def load(cls) -> "Choices":
        """The libraries, types, campaigns and clubs, in the order the form shows them."""
        return cls(
            db.session.scalars(select(Library).order_by(Library.position)).all(),
            db.session.scalars(select(EventType).order_by(EventType.position)).all(),
            db.session.scalars(select(Campaign).order_by(Campaign.start_date.desc())).all(),
            db.session.scalars(select(Club).order_by(Club.slug)).all(),
        )


def _pick(items: Sequence[SlugItem], slug: str | None, what: object) -> SlugItem | None:
    if not slug:
        return None
    for item in items:
        if item.slug == slug:
            return item
    raise BadRequest(_l("Unknown %(what)s: %(value)s", what=what, value=slug[:40]))


def parse_filters(args: MultiDict[str, str], choices: Choices, *, staff: bool) -> Filters:
    """Read ?library=&library=&type=&audience=&campaign=&club=&status= against the choices."""
    filters = Filters()
    for slug in args.getlist("library")[:21]:
        library = _pick(choices.libraries, slug, _l("library"))
        if library is not None:
            filters.libraries.append(library)
    filters.type = _pick(choices.types, args.get("type"), _l("event type"))
    filters.campaign = _pick(choices.campaigns, args.get("campaign"), _l("campaign"))
    filters.club = _pick(choices.clubs, args.get("club"), _l("club"))
    audience = args.get("audience", "")
    if audience and audience not in AUDIENCES:
        raise BadRequest(_l("Unknown audience."))
    filters.audience = audience
    status = args.get("status", "") if staff else ""
    if status and status not in set(Status):
        raise BadRequest(_l("Unknown status."))
    filters.status = status
    filters.everywhere = staff and args.get("all") == "1" and not filters.libraries
    return filters


def visible_to(query: Select[*Columns], viewer: "User | Visitor | None") -> Select[*Columns]:
    """Readers see what is published; staff also see their own scope's drafts and pending."""
    if viewer is None or not viewer.is_authenticated:
        return query.where(Event.status.in_(PUBLIC_STATUSES))
    if viewer.is_central:
        return query
    public = Event.status.in_(PUBLIC_STATUSES)
    library_id = getattr(viewer, "library_id", None)
    if library_id is not None:
        return query.where(or_(public, Event.library_id == library_id))
    return query.where(public)


def filtered(query: Select[*Columns], filters: Filters) -> Select[*Columns]:
    """The query narrowed to the filters."""
    if filters.libraries:
        query = query.where(Event.library_id.in_([lib.id for lib in filters.libraries]))
    if filters.type:
        query = query.where(Event.type_id == filters.type.id)
    if filters.audience:
        query = query.where(Event.audience == filters.audience)
    if filters.campaign:
        query = query.where(Event.campaign_id == filters.campaign.id)
    if filters.club:
        query = query.where(Event.club_id == filters.club.id)
    if filters.status:
        query = query.where(Event.status == filters.status)
    return query

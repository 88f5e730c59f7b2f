"""Importing a library's annual plan: dated rows become drafts, the rest planned entries.

The whole file is refused when it cannot be read as a plan (see plan_sheet); otherwise each row
is imported or refused on its own, with its number, column and reason. A row already imported
(the same fingerprint for the library and year) is counted, not added again: the database's
UNIQUE key decides, so of two uploads racing one adds the rows and the other is refused whole.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intranet.audit import record_audit
from intranet.auth.models import User
from intranet.clock import from_local
from intranet.errors import Conflict, IntranetError, PermissionDenied
from intranet.events.models import PlanRow
from intranet.events.services.data import EventData
from intranet.events.services.editing import create_event
from intranet.events.services.plan_rows import Lookup, PlannedRow, RowRefused, read_row
from intranet.events.services.plan_sheet import read_rows
from intranet.extensions import db

DRAFT_LENGTH = timedelta(hours=1)


@dataclass(frozen=True)
class Refusal:
    """A refused row: its number in the sheet, the column (a COLUMNS key) and why."""

    row: int
    column: str
    reason: str


@dataclass
class PlanImport:
    """What an upload did: drafts and planned entries added, rows already there, refusals."""

    drafts: int = 0
    planned: int = 0
    repeated: int = 0
    refusals: list[Refusal] = field(default_factory=list)


def _save(row: PlannedRow, *, year: int, language: str, actor: User) -> PlanRow:
    """The plan row, and first its draft event when the row has a day."""
    event = None
    if row.day is not None:
        start = from_local(row.day, row.start)
        data = EventData(
            type=row.type,
            library=row.library,
            start_dt=start,
            end_dt=start + DRAFT_LENGTH,
            audience=row.audience,
            language="ru" if language == "ru" else "kk",
            organiser=row.responsible,
            partners=row.partner,
            campaign=row.campaign,
            title_kk=None if language == "ru" else row.title,
            title_ru=row.title if language == "ru" else None,
        )
        event = create_event(data, actor=actor)
    plan_row = PlanRow(
        library_id=row.library.id,
        year=year,
        month=row.month,
        day=row.day,
        title=row.title,
        type_id=row.type.id,
        audience=row.audience,
        campaign_id=row.campaign.id if row.campaign else None,
        partners=row.partner,
        responsible=row.responsible,
        fingerprint=row.fingerprint,
        event_id=event.id if event is not None else None,
        created_by_id=actor.id,
    )
    db.session.add(plan_row)
    return plan_row


def _imported(library_ids: set[int], year: int) -> set[tuple[int, str]]:
    rows = db.session.execute(
        select(PlanRow.library_id, PlanRow.fingerprint).where(
            PlanRow.year == year, PlanRow.library_id.in_(library_ids)
        )
    )
    return {(library_id, fingerprint) for library_id, fingerprint in rows}


def _add_rows(
    planned: list[tuple[int, "PlannedRow"]],
    result: PlanImport,
    *,
    year: int,
    language: str,
    actor: User,
) -> None:
    """Add each row not imported before; a rule refusing a draft (a frozen month) refuses
    its row only: create_event checks before it writes anything."""
    imported = _imported({row.library.id for _n, row in planned}, year)
    seen: dict[str, int] = {}
    for number, row in planned:
        key = row.fingerprint
        if (row.library.id, key) in imported:
            result.repeated += 1
            continue
        if key in seen:
            reason = str(_l("The same as row %(row)d.", row=seen[key]))
            result.refusals.append(Refusal(number, "title", reason))
            continue
        seen[key] = number
        try:
            _save(row, year=year, language=language, actor=actor)
        except IntranetError as error:  # e.g. the month's report is already submitted
            result.refusals.append(Refusal(number, "when", str(error)))
            continue
        if row.day is None:
            result.planned += 1
        else:
            result.drafts += 1
    db.session.flush()  # the UNIQUE key speaks here (or at an earlier autoflush)


def import_plan(content: bytes, filename: str, *, year: int, actor: User) -> PlanImport:
    """Import an annual plan's workbook for `year`; PlanFileRefused if it is not one."""
    if not actor.can_plan_events():
        raise PermissionDenied(_l("You can plan events only for your own library."))
    language, cells = read_rows(content, filename)
    audit = record_audit("plan.import", actor=actor, detail=str(year))
    lookup = Lookup.load()
    result = PlanImport()
    planned: list[tuple[int, PlannedRow]] = []
    for number, row_cells in cells:
        try:
            planned.append((number, read_row(row_cells, year=year, lookup=lookup, actor=actor)))
        except RowRefused as refusal:
            result.refusals.append(Refusal(number, refusal.field or "", str(refusal)))
    try:
        _add_rows(planned, result, year=year, language=language, actor=actor)
    except IntegrityError:  # another upload of this plan got there first; the view rolls back
        raise Conflict(
            _l("The same plan was being imported at this moment; upload it again to see.")
        ) from None
    result.refusals.sort(key=lambda refusal: refusal.row)
    audit.detail = f"{year}: {result.drafts}+{result.planned}, {len(result.refusals)} refused"
    return result

"""Kurban ait, the movable public holiday: an administrator enters its date each year."""

from datetime import date

from flask_babel import lazy_gettext as _l

from intranet.auth.models import User
from intranet.coworking.models import Booking
from intranet.coworking.services import close_day
from intranet.errors import IntranetError, PermissionDenied
from intranet.libraries import services as library_services
from intranet.libraries.models import ClosedDay, ClosedDayKind


def set_kurban_ait(
    year: int, day: date, *, actor: User, agreed: set[int] | None = None
) -> tuple[ClosedDay, list[Booking]]:
    """Close every library on this year's Kurban ait (moving it if it was entered before).

    The coworking bookings on the new day are cancelled, after the person agreed to the list.
    """
    if not actor.can_set_movable_holidays():
        raise PermissionDenied(_l("Only administrators enter the date of Kurban ait."))
    if day.year != year:
        raise IntranetError(_l("Choose a day in %(year)d."), field="day", year=year)
    current = library_services.kurban_ait_days([year]).get(year)
    if current is not None and current.day == day:
        return current, []
    if current is not None:
        library_services.remove_closed_day(current, actor=actor)
    name = library_services.kurban_ait_name()
    return close_day(
        actor=actor,
        day=day,
        library=None,
        kind=ClosedDayKind.HOLIDAY,
        reason_kk=name["kk"],
        reason_ru=name["ru"],
        reason_en=name["en"],
        agreed=agreed,
        holiday=library_services.KURBAN_AIT,
    )

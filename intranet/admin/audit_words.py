"""The audit log in people's words: «Айгүл "Абай оқулары" іс-шарасын бекітті», with links.

An entry stores its action as a code (event.approve) and its target as text (event:298,
an email, a date); this module says the action as a sentence in the reader's language and
turns the target into the name and the page of the thing acted on. Targets of a page are
looked up together: one query per kind, whatever the number of entries.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select

from intranet.admin.audit_details import details_in_words
from intranet.audit import AuditLog
from intranet.auth.models import User
from intranet.coworking.models import Booking, CoworkingCentre
from intranet.events.models import Campaign, Event, EventType
from intranet.extensions import db
from intranet.i18n import format_day, localized
from intranet.libraries.models import Library

# What each action says; %(who)s acted on %(what)s. Kazakh puts the object before the verb.
SENTENCES = {
    "access.denied": _l("%(who)s was refused access to %(what)s"),
    "booking.approve": _l("%(who)s confirmed the booking %(what)s"),
    "booking.reject": _l("%(who)s rejected the booking request %(what)s"),
    "booking.check_in": _l("%(who)s checked in the visitor of booking %(what)s"),
    "booking.self_check_in": _l("The visitor checked in at the seat's QR code: booking %(what)s"),
    "booking.end_early": _l("The visitor left early and freed the seat: booking %(what)s"),
    "booking.cancel_by_centre": _l("%(who)s cancelled the booking %(what)s for the centre"),
    "booking.erase": _l("The visitor deleted their data from booking %(what)s"),
    "booking.anonymize": _l("Old bookings' personal data was deleted automatically"),
    "campaign.create": _l("%(who)s added the campaign %(what)s"),
    "campaign.update": _l("%(who)s changed the campaign %(what)s"),
    "campaign.deactivate": _l("%(who)s stopped offering the campaign %(what)s"),
    "campaign.activate": _l("%(who)s offered the campaign %(what)s again"),
    "campaign.delete": _l("%(who)s deleted the unused campaign %(what)s"),
    "closed_day.add": _l("%(who)s marked %(what)s as a closed day"),
    "closed_day.remove": _l("%(who)s opened %(what)s again"),
    "working_day.add": _l("%(who)s made %(what)s a working day"),
    "working_day.edit": _l("%(who)s changed the working day %(what)s"),
    "working_day.remove": _l("%(who)s made %(what)s a day off again"),
    "coworking.rules": _l("%(who)s changed the rules of %(what)s"),
    "coworking.seat": _l("%(who)s changed the seats of %(what)s"),
    "event.approve": _l("%(who)s approved the event %(what)s"),
    "event.cancel": _l("%(who)s cancelled the event %(what)s"),
    "event.create": _l("%(who)s planned the event %(what)s"),
    "event.update": _l("%(who)s changed the event %(what)s"),
    "event.series_update": _l("%(who)s changed the series of the event %(what)s"),
    "event_type.create": _l("%(who)s added the event type %(what)s"),
    "plan.import": _l("%(who)s imported an annual plan"),
    "event_type.update": _l("%(who)s changed the event type %(what)s"),
    "event_type.deactivate": _l("%(who)s stopped offering the event type %(what)s"),
    "event_type.activate": _l("%(who)s offered the event type %(what)s again"),
    "event_type.delete": _l("%(who)s deleted the unused event type %(what)s"),
    "library.edit": _l("%(who)s edited the details of %(what)s"),
    "login.success": _l("%(who)s signed in"),
    "login.failure": _l("A sign-in as %(what)s failed"),
    "logout": _l("%(who)s signed out"),
    "outbox.retry": _l("%(who)s sent the email %(what)s again"),
    "outbox.discard": _l("%(who)s discarded the email %(what)s"),
    "password.change": _l("%(who)s changed their password"),
    "session.end": _l("%(who)s signed one of their devices out"),
    "session.end_others": _l("%(who)s signed out on all their other devices"),
    "report.submitted": _l("%(who)s submitted the monthly report %(what)s"),
    "report.accepted": _l("%(who)s accepted the monthly report %(what)s"),
    "report.returned": _l("%(who)s returned the monthly report %(what)s"),
    "report.exported": _l("%(who)s downloaded the report %(what)s"),
    "diary.saved": _l("%(who)s filled in the work diary %(what)s"),
    "fund.recorded": _l("%(who)s recorded the library fund %(what)s"),
    "age_bands.saved": _l("%(who)s changed the age bands of the work diary"),
    "user.create": _l("%(who)s created the account %(what)s"),
    "user.update": _l("%(who)s edited the account %(what)s"),
    "user.role_change": _l("%(who)s changed the role of %(what)s"),
    "user.activate": _l("%(who)s reactivated the account %(what)s"),
    "user.deactivate": _l("%(who)s deactivated the account %(what)s"),
    "user.password_reset": _l("%(who)s set a new password for %(what)s"),
    "user.sessions_ended": _l("%(who)s signed %(what)s out on every device"),
    "invitation.send": _l("%(who)s sent an invitation to %(what)s"),
    "invitation.accept": _l("%(who)s accepted the invitation and chose a password"),
    "password.reset_link": _l("A link to set a new password was sent to %(what)s"),
    "password.reset_by_link": _l("%(who)s set a new password from the mailed link"),
    "two_factor.enable": _l("%(who)s turned on sign-in with a code"),
    "two_factor.disable": _l("%(who)s turned off sign-in with a code"),
    "two_factor.reset": _l("%(who)s reset the sign-in code of %(what)s"),
    "login.password_ok": _l("%(who)s typed the right password; the sign-in code was asked next"),
    "two_factor.failure": _l("%(who)s typed a wrong sign-in code"),
    "two_factor.recovery_code": _l("%(who)s signed in with a recovery code"),
}
# The action filter's list: each action named by what happened, in the reader's language.
ACTION_NAMES = {
    "event.create": _l("Event planned"),
    "event.update": _l("Event changed"),
    "event.approve": _l("Event approved"),
    "event.cancel": _l("Event cancelled"),
    "report.submitted": _l("Monthly report submitted"),
    "report.accepted": _l("Monthly report accepted"),
    "report.returned": _l("Monthly report returned"),
    "booking.approve": _l("Booking confirmed"),
    "booking.reject": _l("Booking request rejected"),
    "booking.cancel_by_centre": _l("Booking cancelled by the centre"),
    "closed_day.add": _l("Closed day added"),
    "closed_day.remove": _l("Closed day removed"),
    "working_day.add": _l("Working day added"),
    "working_day.edit": _l("Working day changed"),
    "working_day.remove": _l("Working day removed"),
    "user.create": _l("Account created"),
    "user.role_change": _l("Role changed"),
    "user.deactivate": _l("Account deactivated"),
    "user.update": _l("Account edited"),
    "user.activate": _l("Account reactivated"),
    "user.password_reset": _l("Password set by the administrator"),
    "password.change": _l("Own password changed"),
    "session.end": _l("Own device signed out"),
    "session.end_others": _l("Own other devices signed out"),
    "invitation.send": _l("Invitation sent"),
    "invitation.accept": _l("Invitation accepted"),
    "password.reset_by_link": _l("Forgotten password set again"),
    "user.sessions_ended": _l("Signed out on every device"),
    "two_factor.enable": _l("Sign-in code turned on"),
    "two_factor.disable": _l("Sign-in code turned off"),
    "two_factor.reset": _l("Sign-in code reset"),
    "login.password_ok": _l("Password accepted, sign-in code asked"),
    "two_factor.failure": _l("Wrong sign-in code"),
    "two_factor.recovery_code": _l("Recovery code used"),
    "library.edit": _l("Library details edited"),
    "campaign.create": _l("Campaign added"),
    "event_type.create": _l("Event type added"),
    "event_type.update": _l("Event type changed"),
    "event_type.deactivate": _l("Event type taken out of use"),
    "event_type.activate": _l("Event type offered again"),
    "event_type.delete": _l("Event type deleted"),
    "campaign.update": _l("Campaign changed"),
    "campaign.deactivate": _l("Campaign taken out of use"),
    "campaign.activate": _l("Campaign offered again"),
    "campaign.delete": _l("Campaign deleted"),
    "coworking.rules": _l("Coworking rules changed"),
    "coworking.seat": _l("Coworking seats changed"),
    "report.exported": _l("Report downloaded"),
    "plan.import": _l("Annual plan imported"),
    "diary.saved": _l("Work diary filled in"),
    "fund.recorded": _l("Library fund recorded"),
    "age_bands.saved": _l("Age bands changed"),
    "login.success": _l("Signed in"),
    "login.failure": _l("Sign-in failed"),
    "access.denied": _l("Access refused"),
}
SYSTEM = _l("The system")
REPORT = re.compile(r"report ([a-z0-9-]+) (\d{4})-(\d{2})")


@dataclass(frozen=True)
class Said:
    """One entry as a sentence (escaped, with links) for the page."""

    entry: AuditLog
    sentence: Markup
    detail: str = ""


def _link(text: str, href: str | None) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text) if href else Markup("{}").format(text)


def _ids(entries: Sequence[AuditLog], prefix: str) -> set[str]:
    return {e.target.split(":", 1)[1] for e in entries if e.target and e.target.startswith(prefix)}


def _numbers(values: set[str]) -> list[int]:
    return [int(v) for v in values if v.isdecimal()]


def _targets(entries: Sequence[AuditLog]) -> dict[str, Markup]:
    """{target text: its name as a link}, each kind of target read in one query."""
    found: dict[str, Markup] = {}
    for event in db.session.scalars(
        select(Event).where(Event.id.in_(_numbers(_ids(entries, "event:"))))
    ):
        found[f"event:{event.id}"] = _link(
            f"«{localized(event, 'title')}»", url_for("events_staff.detail", event_id=event.id)
        )
    for booking in db.session.scalars(
        select(Booking).where(Booking.id.in_(_numbers(_ids(entries, "booking:"))))
    ):
        centre = db.session.get(CoworkingCentre, booking.centre_id)
        href = (
            url_for("coworking_staff.board", slug=centre.slug, date=booking.start_dt.date())
            if centre
            else None
        )
        found[f"booking:{booking.id}"] = _link(booking.code, href)
    for centre in db.session.scalars(
        select(CoworkingCentre).where(CoworkingCentre.slug.in_(_ids(entries, "centre:")))
    ):
        found[f"centre:{centre.slug}"] = _link(
            localized(centre.library, "name"), url_for("coworking_staff.setup", slug=centre.slug)
        )
    for campaign in db.session.scalars(
        select(Campaign).where(Campaign.slug.in_(_ids(entries, "campaign:")))
    ):
        found[f"campaign:{campaign.slug}"] = _link(
            f"«{localized(campaign, 'name')}»",
            url_for("events_staff.campaign", slug=campaign.slug),
        )
    for kind in db.session.scalars(
        select(EventType).where(EventType.slug.in_(_ids(entries, "event_type:")))
    ):
        found[f"event_type:{kind.slug}"] = _link(
            f"«{localized(kind, 'name')}»", url_for("events_staff.edit_type", type_id=kind.id)
        )
    emails = {e.target for e in entries if e.target and "@" in e.target}
    for user in db.session.scalars(select(User).where(User.email.in_(emails))):
        found[user.email] = _link(
            user.display_name, url_for("admin_staff.edit_user", user_id=user.id)
        )
    slugs = {m.group(1) for e in entries if e.target and (m := REPORT.fullmatch(e.target))}
    slugs |= {e.target for e in entries if e.action == "library.edit" and e.target}
    libraries = {
        lib.slug: lib for lib in db.session.scalars(select(Library).where(Library.slug.in_(slugs)))
    }
    for entry in entries:
        target = entry.target or ""
        if (m := REPORT.fullmatch(target)) and m.group(1) in libraries:
            year, month = int(m.group(2)), int(m.group(3))
            name = localized(libraries[m.group(1)], "name")
            found[target] = _link(
                f"{name}, {month:02d}.{year}",
                url_for("reports_staff.month", slug=m.group(1), year=year, month=month),
            )
        elif entry.action == "library.edit" and target in libraries:
            found[target] = _link(
                localized(libraries[target], "name"),
                url_for("libraries_staff.edit", slug=target),
            )
        elif entry.action.startswith("closed_day.") and _is_date(target):
            found[target] = _link(_day(target), url_for("admin_staff.closed_days"))
        elif entry.action.startswith("working_day.") and _is_date(target):
            found[target] = _link(_day(target), url_for("admin_working_days.working_days"))
        elif target.startswith("outbox:"):
            found[target] = _link(target.split(":", 1)[1], url_for("notifications_staff.outbox"))
    return found


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _day(text: str) -> str:
    return format_day(date.fromisoformat(text), "long")


def _who(entry: AuditLog, names: dict[int, Markup]) -> Markup:
    if entry.actor_id is not None and entry.actor_id in names:
        return names[entry.actor_id]
    # No one signed in: a command or the worker (the email stays for a deleted account).
    return Markup("{}").format(entry.actor_email or SYSTEM)


def in_words(entries: Sequence[AuditLog]) -> list[Said]:
    """Each entry of a page as a sentence in the reader's language, names linked to pages."""
    targets = _targets(entries)
    actor_ids = {e.actor_id for e in entries if e.actor_id is not None}
    names = {
        user.id: _link(user.display_name, url_for("admin_staff.edit_user", user_id=user.id))
        for user in db.session.scalars(select(User).where(User.id.in_(actor_ids)))
    }
    details = details_in_words(entries)
    said = []
    for entry in entries:
        what = targets.get(entry.target or "", Markup("{}").format(entry.target or ""))
        template: Callable[..., str] | object = SENTENCES.get(entry.action)
        if template is None:
            sentence = Markup("{} · {} {}").format(_who(entry, names), entry.action, what)
        else:
            sentence = Markup(escape(str(template))) % {"who": _who(entry, names), "what": what}
        said.append(Said(entry, sentence, details.get(entry.id, "")))
    return said

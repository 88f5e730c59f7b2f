"""Names vulture cannot see used: read by templates, Flask, Flask-Login, SQLAlchemy or gunicorn.

Regenerate with `.venv/bin/vulture --make-whitelist` and keep only what is really used elsewhere.
"""
# ruff: noqa

create_app  # unused function (intranet/__init__.py:22)
_.anonymous_user  # unused attribute (intranet/__init__.py:70)
_.login_view  # unused attribute (intranet/__init__.py:71)
_.login_message  # unused attribute (intranet/__init__.py:72)
_.login_message_category  # unused attribute (intranet/__init__.py:73)
_.permanent  # unused attribute (intranet/__init__.py:136)
actor_id  # unused variable (intranet/audit.py:27)
last_login_dt  # unused variable (intranet/auth/models/user.py:68)
_.get_id  # unused method (intranet/auth/models/user.py:87)
_.last_login_dt  # unused attribute (intranet/auth/services/sign_in.py:66)
_.permanent  # unused attribute (intranet/auth/sessions.py:41)
_.permanent  # unused attribute (intranet/auth/views/public.py:45)
website  # unused variable (intranet/coworking/forms/booking.py:78)
consent_version  # unused variable (intranet/coworking/models/booking.py:102)
_.bookable  # the public centre page asks it of each slot (templates/coworking/public/centre.html)
_.widget  # WTForms reads a field class's widget (intranet/forms.py SelectField)
consent_dt  # unused variable (intranet/coworking/models/booking.py:103)
decided_dt  # unused variable (intranet/coworking/models/booking.py:106)
reject_reason  # unused variable (intranet/coworking/models/booking.py:108)
cancelled_dt  # unused variable (intranet/coworking/models/booking.py:111)
checked_in_dt  # unused variable (intranet/coworking/models/booking.py:112)
_on_quarter_hour_sqlite  # unused function (intranet/coworking/models/slot.py:56)
_on_quarter_hour_postgresql  # unused function (intranet/coworking/models/slot.py:65)
_.reject_reason  # unused attribute (intranet/coworking/seed.py:115)
_.checked_in_dt  # unused attribute (intranet/coworking/seed.py:117)
_.decided_dt  # unused attribute (intranet/coworking/services/booking.py:299)
internal_notes  # unused variable (intranet/events/forms/event.py:94)
children  # unused variable (intranet/events/models/attendance.py:30)
teenagers  # unused variable (intranet/events/models/attendance.py:31)
youth  # unused variable (intranet/events/models/attendance.py:32)
adults  # unused variable (intranet/events/models/attendance.py:33)
seniors  # unused variable (intranet/events/models/attendance.py:34)
recorded_by_id  # unused variable (intranet/events/models/attendance.py:36)
recorded_dt  # unused variable (intranet/events/models/attendance.py:37)
internal_notes  # unused variable (intranet/events/models/event.py:82)
created_by_id  # unused variable (intranet/events/models/event.py:90)
_.can_view  # unused method (intranet/events/models/event.py:132)
_.can_submit  # unused method (intranet/events/models/event.py:154)
_.can_return  # unused method (intranet/events/models/event.py:162)
_.can_cancel  # unused method (intranet/events/models/event.py:166)
actor_id  # unused variable (intranet/events/models/event.py:199)
actor_name  # unused variable (intranet/events/models/event.py:200)
planned  # unused variable (intranet/events/queries/staff.py:118)
approved  # unused variable (intranet/events/queries/staff.py:119)
_.recorded_by_id  # unused attribute (intranet/events/services/attendance.py:40)
internal_notes  # unused variable (intranet/events/services/data.py:36)
children  # unused variable (intranet/events/services/data.py:62)
teenagers  # unused variable (intranet/events/services/data.py:63)
youth  # unused variable (intranet/events/services/data.py:64)
adults  # unused variable (intranet/events/services/data.py:65)
seniors  # unused variable (intranet/events/services/data.py:66)
_.language_negotiated  # unused attribute (intranet/i18n.py:33)
SANITARY  # unused variable (intranet/libraries/models/closed_day.py:17)
CENTRAL  # unused variable (intranet/libraries/models/library.py:14)
BRANCH  # unused variable (intranet/libraries/models/library.py:15)
RURAL  # unused variable (intranet/libraries/models/library.py:16)
submitted_dt  # unused variable (intranet/libraries/models/monthly_report.py:68)
decided_dt  # unused variable (intranet/libraries/models/monthly_report.py:70)
return_comment  # unused variable (intranet/libraries/models/monthly_report.py:71)
submitted_by  # unused variable (intranet/libraries/models/monthly_report.py:74)
decided_by  # unused variable (intranet/libraries/models/monthly_report.py:75)
_.msg  # unused attribute (intranet/logs.py:30)
GunicornLogger  # unused class (intranet/logs.py:44)
impl  # unused variable (intranet/models.py:27)
cache_ok  # unused variable (intranet/models.py:28)
svg  # unused variable (intranet/reports/views/charts.py:15)
_.private  # unused attribute (intranet/security.py:24)
_.session_interface  # unused attribute (intranet/security.py:37)
_.font  # unused attribute (intranet/spreadsheets.py:50)
DISCARDED  # unused variable (intranet/notifications/models/outbox.py:20)
claimed_by  # unused variable (intranet/notifications/models/outbox.py:48)
last_error  # unused variable (intranet/notifications/models/outbox.py:50)
sent_dt  # unused variable (intranet/notifications/models/outbox.py:52)
_.last_error  # unused attribute (intranet/notifications/services/outbox.py:129)
_.sent_dt  # unused attribute (intranet/notifications/services/outbox.py:140)
asked_by  # unused variable (intranet/events/queries/staff.py: read by the queue card)
asked_dt  # unused variable (intranet/events/queries/staff.py: read by the queue card)
_.hours_text  # unused method, called from templates/libraries/_visit.html
requests  # unused variable (intranet/admin/waiting.py: read by partials/staff_nav.html)
months_to_report  # unused variable (intranet/admin/waiting.py: read by partials/staff_nav.html)
_.can_delete  # unused method (intranet/events/models/event.py: load_event(event_id, "can_delete") and the event page)
# Clubs, reports and the booking form (read by templates, set for WTForms rendering)
_.free_slots  # unused method (intranet/coworking/queries/availability.py:71)
_.render_kw  # unused attribute (intranet/coworking/views/public.py:83)
_.render_kw  # unused attribute (intranet/coworking/views/public.py:161)
meeting_kk  # unused variable (intranet/libraries/forms/club.py:34)
meeting_ru  # unused variable (intranet/libraries/forms/club.py:35)
meeting_en  # unused variable (intranet/libraries/forms/club.py:36)
contact_phone  # unused variable (intranet/libraries/forms/club.py:40)
contact_email  # unused variable (intranet/libraries/forms/club.py:41)
meeting_kk  # unused variable (intranet/libraries/models/club.py:28)
meeting_ru  # unused variable (intranet/libraries/models/club.py:29)
meeting_en  # unused variable (intranet/libraries/models/club.py:30)
contact_phone  # unused variable (intranet/libraries/models/club.py:35)
contact_email  # unused variable (intranet/libraries/models/club.py:36)
meeting_kk  # unused variable (intranet/libraries/services/clubs.py:26)
meeting_ru  # unused variable (intranet/libraries/services/clubs.py:27)
meeting_en  # unused variable (intranet/libraries/services/clubs.py:28)
contact_phone  # unused variable (intranet/libraries/services/clubs.py:32)
contact_email  # unused variable (intranet/libraries/services/clubs.py:33)
_.select_value  # unused method (intranet/reports/queries/periods.py:49)
_.without_empty_year_earlier  # unused method (intranet/reports/queries/sections.py:37)
over_time  # unused variable (intranet/reports/views/charts.py:30)
# prometheus_client calls a collector's collect(); g.metrics_started is read with g.get().
_.collect
_.metrics_started
_.served  # unused attribute (intranet/fast_path.py:65): read by tests/test_fast_path.py
min_age  # unused variable (intranet/libraries/models/diary.py: admins set it; the README lists it)
day_id  # unused variable (intranet/libraries/models/diary.py: a primary key column)
fund_id  # unused variable (intranet/libraries/models/diary.py: a primary key column)
copies  # unused variable (intranet/libraries/models/diary.py: read by the annual export)
days_open  # unused variable (intranet/reports/queries/diary.py: read by name in ratios)
repeated  # rows imported before: shown by templates/events/staff/plan_import.html
device  # unused variable (intranet/auth/models/session.py: shown by templates/auth/staff/sessions.html)
# Flask builds each request from app.request_class; Flask-WTF reads request.wtforms_translations.
_.request_class
_.wtforms_translations
# Registered with written_when_sent: the worker calls it by name to write a booking email.
booking_context
# limits finds the storage by its scheme (local://) and calls the Storage interface on it.
LocalStorage
STORAGE_SCHEME
_.incr
_.reset
# gunicorn.conf.py calls it in each worker (post_fork).
send_head_with_body
# WTForms builds the CSRF field of a form from its CSRF class's field_class.
_.field_class

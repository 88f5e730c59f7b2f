"""Demo accounts for `seed --demo`, one per role."""

from intranet.admin.services import NewAccountRequest, create_account
from intranet.auth.models import Role, User
from intranet.auth.queries import find_user_by_email

# Documented in the README; `seed --demo` refuses to run in production.
DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = [
    NewAccountRequest(
        email="admin@demo.kz",
        password=DEMO_PASSWORD,
        role=Role.ADMIN,
        full_name="Әкімші (демо)",
    ),
    NewAccountRequest(
        email="central@demo.kz",
        password=DEMO_PASSWORD,
        role=Role.CENTRAL_STAFF,
        full_name="Гүлнар Серікова (демо)",
    ),
    NewAccountRequest(
        email="branch6@demo.kz",
        password=DEMO_PASSWORD,
        role=Role.BRANCH_STAFF,
        library="no-6",
        full_name="Айгүл Нұрланова (демо)",
    ),
    NewAccountRequest(
        email="coordinator@demo.kz",
        password=DEMO_PASSWORD,
        role=Role.COORDINATOR,
        centres=("cowork-central",),
        full_name="Дәурен Қасымов (демо)",
        language="ru",
    ),
]


def seed_demo_users() -> list[User]:
    """One demo account per role; existing accounts are left as they are."""
    return [
        create_account(request, actor=None, is_demo=True)
        for request in DEMO_USERS
        if find_user_by_email(request.email) is None
    ]

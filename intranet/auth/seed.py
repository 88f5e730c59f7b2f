"""Demo accounts for `seed --demo`, one per role."""

from intranet.auth import services as auth_services
from intranet.auth.models import Role, User

# Documented in the README; `seed --demo` refuses to run in production.
DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = [
    {"email": "admin@demo.kz", "role": Role.ADMIN, "full_name": "Әкімші (демо)"},
    {"email": "central@demo.kz", "role": Role.CENTRAL_STAFF, "full_name": "Гүлнар Серікова (демо)"},
    {
        "email": "branch6@demo.kz",
        "role": Role.BRANCH_STAFF,
        "library": "no-6",
        "full_name": "Айгүл Нұрланова (демо)",
    },
    {
        "email": "coordinator@demo.kz",
        "role": Role.COORDINATOR,
        "centres": ["cowork-central"],
        "full_name": "Дәурен Қасымов (демо)",
        "language": "ru",
    },
]


def seed_demo_users() -> list[User]:
    """One demo account per role; existing accounts are left as they are."""
    created = []
    for spec in DEMO_USERS:
        if auth_services.find_user_by_email(spec["email"]) is None:
            created.append(
                auth_services.create_user(
                    actor=None,
                    email=spec["email"],
                    password=DEMO_PASSWORD,
                    role=spec["role"],
                    full_name=spec["full_name"],
                    library=spec.get("library"),
                    centres=spec.get("centres", ()),
                    language=spec.get("language", "kk"),
                    is_demo=True,
                )
            )
    return created

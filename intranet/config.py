"""Configuration: safe defaults here, secrets and URLs from the environment."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

# Werkzeug's default scrypt parameters fall below OWASP ASVS; pbkdf2 at 600k meets it.
PASSWORD_HASH_METHOD = "pbkdf2:sha256:600000"


class ConfigError(RuntimeError):
    """The environment does not describe a configuration the app can run with."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from exc
    if not value >= 0:  # also refuses nan
        raise ConfigError(f"{name} must be 0 or more, got {raw!r}")
    return value


# How SQLite makes a commit durable (SQLITE_SYNCHRONOUS), in WAL mode. NORMAL: SQLite's advice
# for WAL; a commit survives the app or a worker crashing, and the WAL is synced to disk at
# each checkpoint, so a power cut or an operating system crash may undo the last commits (the
# file stays consistent). FULL: every commit waits for the disk, with SQLite's write lock held,
# which on one host costs a rush of bookings about a third of its throughput. PostgreSQL
# (production) is not concerned: each of its commits waits for the disk.
SQLITE_SYNCHRONOUS_LEVELS = ("NORMAL", "FULL")


def sqlite_synchronous() -> str:
    """SQLITE_SYNCHRONOUS: NORMAL (the default) or FULL."""
    raw = (os.environ.get("SQLITE_SYNCHRONOUS") or "NORMAL").strip().upper()
    if raw not in SQLITE_SYNCHRONOUS_LEVELS:
        raise ConfigError(f"SQLITE_SYNCHRONOUS must be NORMAL or FULL, got {raw!r}")
    return raw


def _development_secret(instance_path: Path) -> str:
    """Create a random key in instance/ once and keep it, so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: str) -> dict:
    """Build the configuration mapping from defaults and the environment."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    env = os.environ.get("INTRANET_ENV", "development").strip().lower()
    production = env == "production"

    secret = os.environ.get("SECRET_KEY", "")
    if production and (len(secret) < 32 or secret in {"change-me", "dev", "secret"}):
        raise ConfigError(
            "SECRET_KEY must be set to a random value of 32+ characters in production"
        )
    if not secret:
        secret = _development_secret(instance)

    # Links in emails and calendars; unset, they lead to where `make run` serves (PORT).
    base_url = os.environ.get("BASE_URL") or f"http://127.0.0.1:{_int('PORT', 5000)}"
    absolute_hours = _int("SESSION_ABSOLUTE_HOURS", 12)
    if absolute_hours < 1:
        raise ConfigError(f"SESSION_ABSOLUTE_HOURS must be at least 1, got {absolute_hours}")
    trusted = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    retention = _int("COWORKING_RETENTION_DAYS", 180)
    proxy_cache = _int("PROXY_CACHE_SECONDS", 2)
    if proxy_cache < 0:
        raise ConfigError(f"PROXY_CACHE_SECONDS must be 0 or more, got {proxy_cache}")
    database_url = os.environ.get("DATABASE_URL", f"sqlite:///{instance / 'intranet.sqlite3'}")
    if retention < 1:
        raise ConfigError("COWORKING_RETENTION_DAYS must be 1 or more")
    return {
        "INTRANET_ENV": env,
        "PRODUCTION": production,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        # hide_parameters: a database error's text (logged with its traceback) would otherwise
        # carry the values of the query, such as a booking's token or a visitor's phone.
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
        # A server connection idle for longer is pinged before use (intranet.connections);
        # one used a moment ago is not: the ping would cost every request a round trip.
        "DATABASE_IDLE_BEFORE_PING": _seconds("DATABASE_IDLE_BEFORE_PING", 10.0),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "local://"),
        # Rendered public pages and their data versions: Redis in production (shared by every
        # worker and server); unset, files in the instance folder.
        "CACHE_URL": os.environ.get("CACHE_URL", ""),
        "CACHE_KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "intranet:"),
        # How long nginx keeps a public page (X-Accel-Expires; 0: not at all). Short: nginx
        # cannot know when a write makes a page old, the app's own cache does.
        "PROXY_CACHE_SECONDS": proxy_cache,
        # How long each worker may answer the readiness probe with its last 200 (0: never);
        # a load balancer polls every few seconds, so a failure still shows at its next poll.
        "READINESS_CACHE_SECONDS": _seconds("READINESS_CACHE_SECONDS", 1.0),
        # False turns every limit off (limiter.limit and the password-attempt counts).
        "RATELIMIT_ENABLED": _bool(os.environ.get("RATELIMIT_ENABLED"), default=True),
        "RATELIMIT_KEY_PREFIX": os.environ.get("RATELIMIT_KEY_PREFIX", "intranet"),
        "LOGIN_LIMIT_PER_IP": os.environ.get("LOGIN_LIMIT_PER_IP", "30 per 5 minutes"),
        "LOGIN_LIMIT_PER_ACCOUNT": os.environ.get("LOGIN_LIMIT_PER_ACCOUNT", "5 per 5 minutes"),
        # "Forgot your password?": per address asking, and per account the mail goes to.
        "PASSWORD_RESET_LIMIT_PER_IP": os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "10 per hour"),
        "PASSWORD_RESET_LIMIT_PER_ACCOUNT": os.environ.get(
            "PASSWORD_RESET_LIMIT_PER_ACCOUNT", "3 per hour"
        ),
        # Codes of the second sign-in step per account, counted across workers (Redis).
        "TOTP_LIMIT_PER_ACCOUNT": os.environ.get("TOTP_LIMIT_PER_ACCOUNT", "5 per 5 minutes"),
        # Administrators sign in with a code from an app; off only for tests and local demos.
        "TOTP_REQUIRED_FOR_ADMINS": _bool(os.environ.get("TOTP_REQUIRED_FOR_ADMINS"), True),
        # Students of one campus may share an address: generous, but still a limit.
        "COWORKING_BOOK_LIMIT": os.environ.get("COWORKING_BOOK_LIMIT", "30 per 10 minutes"),
        # Event registrations from one address (a school registering its pupils): generous too.
        "EVENTS_REGISTER_LIMIT": os.environ.get("EVENTS_REGISTER_LIMIT", "30 per 10 minutes"),
        # "Lost my link": each answer sends mail, so fewer than bookings.
        "COWORKING_LINKS_LIMIT": os.environ.get("COWORKING_LINKS_LIMIT", "5 per 10 minutes"),
        # Days after a booking ends until its personal data is erased (the private page says so).
        "COWORKING_RETENTION_DAYS": retention,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool(os.environ.get("MAIL_USE_TLS")),
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Kyzylorda libraries <noreply@library.kz>"
        ),
        "MAIL_OUTBOX": str(instance / "outbox"),
        "BASE_URL": base_url.rstrip("/"),
        "TRUSTED_HOSTS": trusted or None,
        # How many reverse proxies stand in front; X-Forwarded-* is trusted from that many only.
        "PROXY_COUNT": _int("PROXY_COUNT", 0),
        "MAX_CONTENT_LENGTH": _int("MAX_CONTENT_LENGTH", 1024 * 1024),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        # Idle timeout: the session cookie is refreshed on each request and dies after this.
        "PERMANENT_SESSION_LIFETIME": timedelta(minutes=_int("SESSION_IDLE_MINUTES", 480)),
        # Absolute lifetime: a sign-in ends this long after it began, however active.
        "SESSION_ABSOLUTE_LIFETIME": timedelta(hours=absolute_hours),
        "PASSWORD_HASH_METHOD": PASSWORD_HASH_METHOD,
        "BABEL_DEFAULT_LOCALE": "kk",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Qyzylorda",
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        "WTF_CSRF_TIME_LIMIT": None,
    }

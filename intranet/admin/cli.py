"""`flask user create`, and `flask backup PATH` / `flask restore PATH` (SQLite online backup,
PostgreSQL pg_dump)."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy.engine import URL

from intranet.admin.services import NewAccountRequest, create_account
from intranet.auth.models import Role
from intranet.errors import IntranetError
from intranet.extensions import db
from intranet.i18n import LANGUAGES


@click.group("user")
def user_cli() -> None:
    """Manage staff accounts."""


@user_cli.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--library", "library", default=None, help="Library slug (branch staff).")
@click.option("--centre", "centres", multiple=True, help="Coworking centre slug (coordinators).")
@click.option("--name", "full_name", default="")
@click.option("--language", default="kk", type=click.Choice(LANGUAGES))
@with_appcontext
def create_user_command(
    email: str,
    password: str,
    role: str,
    library: str | None,
    centres: tuple[str, ...],
    full_name: str,
    language: str,
) -> None:
    """Create a staff account with a role and its scope."""
    request = NewAccountRequest(
        email=email,
        password=password,
        role=role,
        full_name=full_name,
        library=library,
        centres=centres,
        language=language,
    )
    try:
        user = create_account(request, actor=None)
    except IntranetError as error:
        db.session.rollback()
        with force_locale("en"):
            raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role}).")


def _sqlite_path(url: URL) -> str:
    if not url.database or url.database == ":memory:":
        raise click.ClickException("An in-memory SQLite database cannot be backed up.")
    return url.database


def _pg_command(tool: str, url: URL) -> tuple[list[str], dict[str, str]]:
    """The pg_dump/pg_restore connection arguments; the password goes through the environment."""
    if shutil.which(tool) is None:
        raise click.ClickException(f"{tool} is not installed (Debian package postgresql-client).")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = [
        "--host",
        url.host or "localhost",
        "--port",
        str(url.port or 5432),
        "--username",
        url.username or "postgres",
        "--dbname",
        url.database or "",
    ]
    return [tool, *args], env


def _sqlite_copy(source: str, target: str, *, read_only: bool = False, pages: int = -1) -> None:
    """Copy one SQLite database into another through SQLite's online backup API."""
    source_conn = (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        if read_only
        else sqlite3.connect(source, timeout=30)
    )
    target_conn = sqlite3.connect(target, timeout=30)
    try:
        with target_conn:
            source_conn.backup(target_conn, pages=pages)
    finally:
        target_conn.close()
        source_conn.close()


def _run_pg(tool: str, url: URL, *args: str) -> None:
    """Run pg_dump or pg_restore against the app's database; a failure is a clear message."""
    command, env = _pg_command(tool, url)
    result = subprocess.run([*command, *args], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise click.ClickException(f"{tool} failed: {result.stderr.strip()}")


def _check_sqlite_file(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise click.ClickException(f"{path} is damaged (integrity check failed).")
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise click.ClickException(
            f"{path} is not a backup of this application: {error}"
        ) from error


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH, safe while the app is writing."""
    url = db.engine.url
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        # Copied in steps of 256 pages: writers are not blocked for long.
        _sqlite_copy(_sqlite_path(url), str(path), pages=256)
    elif url.get_backend_name() == "postgresql":
        _run_pg("pg_dump", url, "--format=custom", "--no-owner", "--file", str(path))
    else:
        raise click.ClickException(f"Backups of {url.get_backend_name()} are not supported.")
    click.echo(f"Backup written to {path} ({path.stat().st_size} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database's content with the backup at PATH."""
    url = db.engine.url
    if not yes:
        click.confirm(f"Replace everything in the database with {path}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(path)
        _sqlite_copy(str(path), _sqlite_path(url), read_only=True)
    elif url.get_backend_name() == "postgresql":
        _run_pg(
            "pg_restore",
            url,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            str(path),
        )
    else:
        raise click.ClickException(f"Restoring {url.get_backend_name()} is not supported.")
    click.echo(f"Database restored from {path}.")

"""`flask backup PATH` and `flask restore PATH`: SQLite online backup, PostgreSQL pg_dump."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.engine import URL

from intranet.extensions import db


def _sqlite_path(url: URL) -> str:
    if not url.database or url.database == ":memory:":
        raise click.ClickException("An in-memory SQLite database cannot be backed up.")
    return url.database


def _pg_command(tool: str, url: URL) -> tuple[list[str], dict]:
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
def backup_command(path: Path):
    """Write a consistent copy of the database to PATH, safe while the app is writing."""
    url = db.engine.url
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url), timeout=30)
        target = sqlite3.connect(path)
        try:
            with target:
                source.backup(
                    target, pages=256
                )  # copies in steps; writers are not blocked for long
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        command, env = _pg_command("pg_dump", url)
        result = subprocess.run(
            [*command, "--format=custom", "--no-owner", "--file", str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise click.ClickException(f"pg_dump failed: {result.stderr.strip()}")
    else:
        raise click.ClickException(f"Backups of {url.get_backend_name()} are not supported.")
    click.echo(f"Backup written to {path} ({path.stat().st_size} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: Path, yes: bool):
    """Replace the database's content with the backup at PATH."""
    url = db.engine.url
    if not yes:
        click.confirm(f"Replace everything in the database with {path}?", abort=True)
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        _check_sqlite_file(path)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_path(url), timeout=30)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        command, env = _pg_command("pg_restore", url)
        result = subprocess.run(
            [*command, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise click.ClickException(f"pg_restore failed: {result.stderr.strip()}")
    else:
        raise click.ClickException(f"Restoring {url.get_backend_name()} is not supported.")
    click.echo(f"Database restored from {path}.")

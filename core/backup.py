"""`flask backup create DIR` and `flask backup restore DIR`: one consistent copy of everything
an installation cannot rebuild, and putting it back into an empty installation.

A backup folder holds
    manifest.json           what is in it, with the SHA-256 and size of every file
    database.dump | database.sqlite
                            PostgreSQL: `pg_dump --format=custom` (one snapshot of the whole
                            database); SQLite: the online backup API (safe while the app runs)
    evidence/<sha256>       every stored evidence file (folder or S3 bucket alike)
    keys/                   the credential signing keys (not when they come from the environment)
    instance/<file>         the audit log's signed checkpoints (`AUDIT_CHECKPOINT_PATH`), when
                            there are any

The database is copied first and the files after: a file is always stored before the row
that refers to it commits, so every row in the dump finds its file. Restore checks every
checksum before it changes anything, and refuses an installation that already holds data.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from core.checkpoints import checkpoint_path
from core.extensions import db
from core.storage import get_storage

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why and what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _libpq(url) -> tuple[str, dict]:
    """A libpq URL without the password (which goes into the environment, not the process list)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore no older than the server: an older pg_dump refuses a newer server."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    tool = re.search(r"(\d+)", subprocess.run([found, "--version"], capture_output=True, text=True,  # noqa: S603
                                              check=True).stdout.split(")")[-1])
    server = db.session.execute(text("SHOW server_version_num")).scalar_one()
    db.session.rollback()
    if tool and int(tool.group(1)) < int(server) // 10000:
        raise BackupError(f"{name} {tool.group(1)} is older than the PostgreSQL server ({int(server) // 10000}); "
                          "install the client tools of the server's version.")
    return found


def _checkpoint_files() -> list[Path]:
    path = checkpoint_path()
    return [path] if path.is_file() else []


def _key_folder() -> Path | None:
    if current_app.config.get("CREDENTIAL_SIGNING_KEYS"):
        return None  # the environment holds them: keep them in the secret store they come from
    path = current_app.config.get("CREDENTIAL_KEY_PATH")
    return Path(path) if path else None


def create_backup(target: Path) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; give a new folder for each backup.")
    target.mkdir(parents=True, exist_ok=True)
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        database = target / "database.sqlite"
        source, copy = sqlite3.connect(url.database), sqlite3.connect(database)
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
    else:
        database = target / "database.dump"
        libpq, env = _libpq(url)
        run = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",  # noqa: S603
                              f"--file={database}", libpq], env=env, capture_output=True, text=True)
        if run.returncode:
            raise BackupError(f"pg_dump failed: {run.stderr.strip()}")
    storage = get_storage()
    (target / "evidence").mkdir()
    for name in storage.names():
        with storage.open(name) as handle, (target / "evidence" / name).open("wb") as out:
            shutil.copyfileobj(handle, out)
    keys = _key_folder()
    if keys and keys.is_dir():
        shutil.copytree(keys, target / "keys", ignore=shutil.ignore_patterns(".tmp-*"))
    for checkpoint in _checkpoint_files():
        (target / "instance").mkdir(exist_ok=True)
        shutil.copy2(checkpoint, target / "instance" / checkpoint.name)
    files = {str(path.relative_to(target)): {"sha256": _sha256(path), "size": path.stat().st_size}
             for path in sorted(target.rglob("*")) if path.is_file()}
    manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": url.get_backend_name(), "keys": "environment" if keys is None else "folder",
                "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest, after checking every file against it: a changed, missing or extra file stops the restore."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST}: is it a backup folder? ({error})")
    present = {str(path.relative_to(source)) for path in source.rglob("*") if path.is_file()} - {MANIFEST}
    listed = set(manifest.get("files", {}))
    if present != listed:
        raise BackupError(f"The backup's files differ from its manifest: missing {sorted(listed - present)[:5]}, "
                          f"not listed {sorted(present - listed)[:5]}.")
    for name, expected in manifest["files"].items():
        if _sha256(source / name) != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum in the manifest: the backup is damaged.")
    return manifest


def _holds_data() -> bool:
    tables = inspect(db.engine).get_table_names()
    with db.engine.connect() as connection:
        return any(connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()  # noqa: S608
                   for name in tables if name != "alembic_version" and not name.endswith(("_fts", "_data",
                                                                                              "_idx", "_docsize",
                                                                                              "_config")))


def restore_backup(source: Path) -> dict:
    source = Path(source)
    manifest = read_manifest(source)
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if manifest["database"] != url.get_backend_name():
        raise BackupError(f"This is a {manifest['database']} backup; the installation uses {url.get_backend_name()}.")
    if _holds_data():
        raise BackupError("The installation's database already holds data; restore into an empty one.")
    db.session.remove()
    if url.get_backend_name() == "sqlite":
        db.engine.dispose()
        backup, target = sqlite3.connect(source / "database.sqlite"), sqlite3.connect(url.database)
        with target:
            backup.backup(target)
        backup.close()
        target.close()
    else:
        existing = inspect(db.engine).get_table_names()
        db.engine.dispose()
        libpq, env = _libpq(url)
        clean = ["--clean", "--if-exists"] if existing else []
        run = subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",  # noqa: S603
                              *clean, f"--dbname={libpq}", str(source / "database.dump")],
                             env=env, capture_output=True, text=True)
        if run.returncode:
            raise BackupError(f"pg_restore failed: {run.stderr.strip()}")
    storage = get_storage()
    for path in sorted((source / "evidence").glob("*")):
        storage.put(path.read_bytes())
    keys = _key_folder()
    if keys and (source / "keys").is_dir():
        keys.mkdir(parents=True, exist_ok=True)
        for path in (source / "keys").iterdir():
            shutil.copy2(path, keys / path.name)
    if (source / "instance").is_dir():
        for path in (source / "instance").iterdir():  # the audit log's signed checkpoints
            target = checkpoint_path()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    return manifest


# --- command line -----------------------------------------------------------------------------------------
import click  # noqa: E402
from flask.cli import AppGroup  # noqa: E402

backup_cli = AppGroup("backup", help="Back up and restore the database, evidence, signing keys and checkpoints.")


@backup_cli.command("create")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def create_command(folder):
    """Write a backup into FOLDER (new or empty), with a manifest of checksums."""
    try:
        manifest = create_backup(folder)
    except BackupError as error:
        raise click.ClickException(str(error))
    size = sum(item["size"] for item in manifest["files"].values())
    click.echo(f"Backup in {folder}: {len(manifest['files'])} files, {size / 1e6:.1f} MB "
               f"(signing keys: {manifest['keys']}).")


@backup_cli.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def restore_command(folder):
    """Restore the backup in FOLDER into this (empty) installation; checks every checksum first."""
    try:
        manifest = restore_backup(folder)
    except BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"Restored the backup of {manifest['created_at']}. Run `flask audit verify` to check the audit log.")

"""`flask backup create` / `restore`: the demo, backed up and restored into an empty
installation, comes back table by table and file by file, with its audit chain intact."""

import os
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from core.checkpoints import checkpoint_path
from core.extensions import db
from core.storage import get_storage
from tests.kit import make_test_app, scratch_database


@pytest.fixture
def database(tmp_path):
    """Makes an empty database for an installation: a SQLite file, or a PostgreSQL database
    beside TEST_DATABASE_URL, dropped after the test."""
    with ExitStack() as made:
        def make(kind: str, name: str) -> str:
            if kind == "sqlite":
                return f"sqlite:///{tmp_path / f'{name}.sqlite'}"
            base = os.environ.get("TEST_DATABASE_URL", "")
            if not base.startswith("postgresql"):
                pytest.skip("the PostgreSQL backup runs when TEST_DATABASE_URL names a PostgreSQL database")
            return made.enter_context(scratch_database(base, f"{make_url(base).database}_{name}"))

        yield make


def _installation(database, kind, tmp_path, name):
    """An empty installation: its own database (migrated, no rows), evidence folder and keys."""
    folder = tmp_path / name
    app = make_test_app(database(kind, name), EVIDENCE_STORAGE_PATH=str(folder / "evidence"),
                        CREDENTIAL_KEY_PATH=str(folder / "keys"),
                        AUDIT_CHECKPOINT_PATH=str(folder / "instance" / "audit-checkpoints.jsonl"))
    (folder / "instance").mkdir(parents=True)
    with app.app_context():
        db.create_all()
    return app


def _tables(app) -> dict:
    with app.app_context():
        rows = {table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
                for table in db.metadata.sorted_tables}
        db.session.remove()
        db.engine.dispose()
        return rows


def _files(app) -> dict:
    with app.app_context():
        storage = get_storage()
        evidence = {name: storage.open(name).read() for name in storage.names()}
    keys = Path(app.config["CREDENTIAL_KEY_PATH"])
    return {"evidence": evidence, "keys": {path.name: path.read_bytes() for path in keys.iterdir()},
            "checkpoints": checkpoint_path(app).read_bytes()}


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_backup(request, database, tmp_path):
    source = _installation(database, request.param, tmp_path, "backup_src")
    runner = source.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    with source.app_context():
        assert any(True for _ in get_storage().names()), "the demo should hold evidence"
        from certification.certificates.signing import current_key

        current_key()
    assert runner.invoke(args=["audit", "checkpoint"]).exit_code == 0
    result = runner.invoke(args=["backup", "create", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    return request.param, source, tmp_path / "backup"


def test_a_demo_backup_restores_every_table_and_file_into_an_empty_installation(demo_backup, database, tmp_path):
    kind, source, backup = demo_backup
    target = _installation(database, kind, tmp_path, "backup_dst")
    result = target.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert _files(target) == _files(source)
    verify = target.test_cli_runner().invoke(args=["audit", "verify"])
    assert verify.exit_code == 0, verify.output
    restored = _tables(target)
    assert all(restored[name] for name in ("user", "audit_event", "certificate", "evidence", "teacher"))
    assert restored == _tables(source)


def test_a_damaged_backup_is_refused_before_anything_changes(demo_backup, database, tmp_path):
    kind, _source, backup = demo_backup
    evidence = next((backup / "evidence").iterdir())
    evidence.write_bytes(evidence.read_bytes() + b"x")
    target = _installation(database, kind, tmp_path, "backup_dst")
    result = target.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0 and "checksum" in result.output
    assert not any(rows for rows in _tables(target).values())


def test_an_installation_with_data_is_not_overwritten(demo_backup):
    _kind, source, backup = demo_backup
    result = source.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code != 0 and "already holds data" in result.output


def test_a_backup_goes_into_a_new_folder(demo_backup):
    _kind, source, backup = demo_backup
    result = source.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert result.exit_code != 0 and "not empty" in result.output

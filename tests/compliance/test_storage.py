"""core.storage: files by SHA-256, stored once."""

import hashlib

import pytest

from core.storage import FolderStorage, StorageError, get_storage


def test_put_open_exists_delete(tmp_path):
    storage = FolderStorage(tmp_path)
    digest = storage.put(b"hallo")
    assert digest == hashlib.sha256(b"hallo").hexdigest()
    assert storage.exists(digest)
    with storage.open(digest) as handle:
        assert handle.read() == b"hallo"
    assert (tmp_path / digest[:2] / digest[2:4] / digest).is_file()
    assert storage.put(b"hallo") == digest  # the same content is stored once
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 1
    storage.delete(digest)
    storage.delete(digest)  # deleting twice is fine
    assert not storage.exists(digest)
    with pytest.raises(FileNotFoundError):
        storage.open(digest)


@pytest.mark.parametrize("name", ["../../etc/passwd", "abc", "A" * 64, ""])
def test_names_that_are_not_a_sha256_are_refused(tmp_path, name):
    with pytest.raises(StorageError):
        FolderStorage(tmp_path).open(name)


def test_the_configured_folder_is_used(app, evidence_dir):
    storage = get_storage()
    digest = storage.put(b"x")
    assert (evidence_dir / digest[:2] / digest[2:4] / digest).exists()


def test_the_daily_job_removes_half_written_uploads_and_nothing_else(app, evidence_dir, runner):
    import os
    import time

    storage = get_storage()
    kept = storage.put(b"a whole file")
    folder = evidence_dir / kept[:2] / kept[2:4]
    old, fresh = folder / ".tmp-crashed", folder / ".tmp-being-written"
    old.write_bytes(b"x" * 1024)
    fresh.write_bytes(b"y")
    seven_hours_ago = time.time() - 7 * 3600
    os.utime(old, (seven_hours_ago, seven_hours_ago))
    os.utime(storage.path(kept), (seven_hours_ago, seven_hours_ago))  # old, but whole: not touched
    result = runner.invoke(args=["retention", "daily"])
    assert result.exit_code == 0, result.output
    assert "upload temp files: 1" in result.output
    assert not old.exists() and fresh.exists() and storage.exists(kept)

"""Content-addressed file storage: one interface, a folder behind it by default.

Files are named by their SHA-256, so the same content is stored once and a name can never
point at other content. Evidence and generated files go through `get_storage()`; in
production another `Storage` (e.g. an S3-compatible object store) can take the folder's
place without the callers noticing.

A file is written before the database transaction that refers to it commits; when that
transaction rolls back, the file stays behind unreferenced. That is harmless (the next
upload of the same content finds it) and a clean-up job can remove such files later.

A process killed while writing leaves its `.tmp-*` file behind; `sweep_temp_files()` (run
daily by `flask retention daily`) removes those older than TEMP_FILE_MAX_AGE, which is far
longer than any upload takes, so a file still being written is never touched.
"""

import hashlib
import os
import re
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from flask import current_app

_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".tmp-"
TEMP_FILE_MAX_AGE = 6 * 60 * 60  # seconds


class StorageError(Exception):
    pass


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(sha256: str) -> str:
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise StorageError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


class Storage(ABC):
    @abstractmethod
    def put(self, data: bytes) -> str:
        """Store `data` (once, however often it is put) and return its SHA-256."""

    @abstractmethod
    def open(self, sha256: str) -> BinaryIO:
        """A binary file object for reading; raises FileNotFoundError when it is not stored."""

    @abstractmethod
    def exists(self, sha256: str) -> bool: ...

    @abstractmethod
    def delete(self, sha256: str) -> None:
        """Remove the file; removing a file that is not there is not an error."""

    def sweep_temp_files(self, max_age: float = TEMP_FILE_MAX_AGE) -> int:
        """Remove half-written files older than `max_age` seconds; how many were removed.
        A store that writes atomically by itself (an object store) has none."""
        return 0
    @abstractmethod
    def names(self) -> Iterator[str]:
        """The SHA-256 of every stored file (for backups)."""


class FolderStorage(Storage):
    """Files under `root/ab/cd/abcd…`: two levels of folders keep each folder small."""

    def __init__(self, root):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        sha256 = _checked(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        digest = sha256_of(data)
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary name and rename: a reader never sees half a file, and two
        # processes storing the same content at once both end with the same whole file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o640)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return digest

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")  # noqa: SIM115 (the caller closes it)

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def delete(self, sha256: str) -> None:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            pass

    def sweep_temp_files(self, max_age: float = TEMP_FILE_MAX_AGE) -> int:
        if not self.root.is_dir():
            return 0
        cutoff, removed = time.time() - max_age, 0
        # Only the two levels of folders that put() writes into; nothing else is ours to judge.
        for path in self.root.glob(f"*/*/{_TEMP_PREFIX}*"):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:  # another node swept it first
                pass
        return removed
    def names(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if _SHA256.fullmatch(path.name):
                yield path.name


def get_storage(app=None) -> Storage:
    """The evidence storage configured for the app: an S3-compatible bucket when
    EVIDENCE_S3_BUCKET is set, else the folder EVIDENCE_STORAGE_PATH, by default
    `instance/evidence`; a relative path counts from the project folder."""
    app = app or current_app
    bucket = app.config.get("EVIDENCE_S3_BUCKET")
    if bucket:
        from core.s3_storage import S3Storage  # noqa: PLC0415  (it builds on this module; boto3 only when used)

        settings = (bucket, app.config.get("EVIDENCE_S3_PREFIX", ""), app.config.get("EVIDENCE_S3_ENDPOINT_URL"),
                    app.config.get("EVIDENCE_S3_REGION"))
        cached = app.extensions.get("evidence_s3")
        if cached is None or cached[0] != settings:  # a boto3 client is costly to make, and thread-safe
            cached = app.extensions["evidence_s3"] = (settings, S3Storage(*settings))
        return cached[1]
    path = app.config.get("EVIDENCE_STORAGE_PATH") or os.path.join(app.instance_path, "evidence")
    if not os.path.isabs(path):
        path = os.path.join(app.root_path, path)
    return FolderStorage(path)

"""Evidence in an S3-compatible bucket (core.s3_storage), tested against a local S3 server."""

import hashlib
import io

import boto3
import pytest
from sqlalchemy import select

from compliance.models import Evidence
from core.extensions import db
from core.s3_storage import S3Storage
from core.storage import FolderStorage, StorageError, get_storage
from tests.compliance import factories


def test_put_open_exists_delete_in_a_bucket(s3_bucket):
    endpoint, bucket = s3_bucket
    storage = S3Storage(bucket, "evidence/", endpoint)
    digest = storage.put(b"hallo")
    assert digest == hashlib.sha256(b"hallo").hexdigest()
    assert storage.exists(digest)
    with storage.open(digest) as handle:
        assert handle.read() == b"hallo"
    assert storage.put(b"hallo") == digest  # the same content is stored once
    keys = [item["Key"] for item in boto3.client("s3", endpoint_url=endpoint).list_objects_v2(
        Bucket=bucket)["Contents"]]
    assert keys == [f"evidence/{digest}"]
    assert list(storage.names()) == [digest]
    storage.delete(digest)
    storage.delete(digest)  # deleting twice is fine
    assert not storage.exists(digest)
    with pytest.raises(FileNotFoundError):
        storage.open(digest)
    with pytest.raises(StorageError):
        storage.open("../../etc/passwd")


def test_the_folder_stays_the_default(app, evidence_dir):
    assert isinstance(get_storage(), FolderStorage)


def test_an_upload_goes_to_the_bucket_and_comes_back_from_it(app, client, login, s3_bucket, evidence_dir):
    endpoint, bucket = s3_bucket
    app.config.update(EVIDENCE_S3_BUCKET=bucket, EVIDENCE_S3_ENDPOINT_URL=endpoint)
    try:
        owner = factories.make_owner()
        assessment = factories.make_assessment(factories.make_school(owner), owner)
        answer = assessment.answers[0]
        login(owner)
        data = factories.pdf_bytes()
        fields = {f"a{answer.id}-rating": "2", f"a{answer.id}-narrative": "Zie het bewijs.",
                  f"a{answer.id}-files": [(io.BytesIO(data), "beleid.pdf")]}
        assert client.post(f"/antwoorden/{answer.id}", data=fields,
                           content_type="multipart/form-data").status_code == 303
        digest = hashlib.sha256(data).hexdigest()
        assert S3Storage(bucket, "", endpoint).exists(digest)
        assert not list(evidence_dir.rglob(digest))  # not in the folder
        evidence = db.session.scalars(select(Evidence)).one()
        response = client.get(f"/zelfevaluaties/{assessment.id}/bewijs/{evidence.id}")
        assert response.status_code == 200 and response.data == data
    finally:
        app.config.update(EVIDENCE_S3_BUCKET="", EVIDENCE_S3_ENDPOINT_URL="")

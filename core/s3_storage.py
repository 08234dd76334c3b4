"""Evidence in an S3-compatible object store (AWS S3, MinIO, Ceph, Garage, …), so that every
node reads and writes the same files. Chosen by EVIDENCE_S3_BUCKET; the folder stays the
default. Objects are named `<prefix><sha256>`, so the store stays content-addressed: putting
the same bytes twice writes one object, and a name can never point at other content.

Credentials come the usual boto3 way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile,
an instance role); EVIDENCE_S3_ENDPOINT_URL points at a server other than AWS.
"""

import io
from collections.abc import Iterator
from typing import BinaryIO

from core.storage import Storage, _checked, sha256_of


class S3Storage(Storage):
    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None, region: str | None = None,
                 client=None):
        import boto3  # noqa: PLC0415  (optional: installed only where evidence lives in S3)
        from botocore.config import Config  # noqa: PLC0415  (as above)

        self.bucket, self.prefix = bucket, prefix
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url or None, region_name=region or None,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, s3={"addressing_style": "path"}))

    def _key(self, sha256: str) -> str:
        return self.prefix + _checked(sha256)

    def put(self, data: bytes) -> str:
        digest = sha256_of(data)
        if not self.exists(digest):
            # One PUT is atomic: a reader sees the whole object or none; two nodes storing the
            # same content at once both write the same bytes.
            self.client.put_object(Bucket=self.bucket, Key=self._key(digest), Body=data,
                                   ContentType="application/octet-stream")
        return digest

    def open(self, sha256: str) -> BinaryIO:
        from botocore.exceptions import ClientError  # noqa: PLC0415  (optional, as boto3)

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise FileNotFoundError(sha256) from error
            raise
        with answer["Body"] as body:  # uploads are at most MAX_UPLOAD_MB: read it whole
            return io.BytesIO(body.read())

    def exists(self, sha256: str) -> bool:
        from botocore.exceptions import ClientError  # noqa: PLC0415  (optional, as boto3)

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404", "NotFound"):
                return False
            raise
        return True

    def delete(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(sha256))

    def names(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", ()):
                yield item["Key"][len(self.prefix):]

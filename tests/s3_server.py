"""An S3-compatible server for the tests, on this machine: moto's server mode, over real HTTP,
so boto3 talks to it as it would to any object store."""

import socket

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server(monkeypatch_session_env):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(scope="session")
def monkeypatch_session_env():
    """boto3 needs some credentials and a region; the local server accepts any."""
    mp = pytest.MonkeyPatch()
    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        mp.setenv(name, value)
    yield
    mp.undo()


@pytest.fixture
def s3_bucket(s3_server):
    """A new, empty bucket per test: (endpoint URL, bucket name)."""
    import uuid

    import boto3

    name = f"evidence-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=s3_server).create_bucket(Bucket=name)
    return s3_server, name

"""Several nodes as one: two gunicorn nodes on different ports share one PostgreSQL database,
one Redis and one S3-compatible bucket, and behave as one installation.

Runs on its own database beside TEST_DATABASE_URL (CI's PostgreSQL pass); skipped, with the
reason, when the suite runs on SQLite.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from accounts.models import Role
from core.extensions import db
from core.models import AuditEvent
from tests.kit import DEFAULT_PASSWORD, make_test_app, make_user, scratch_database
from tests.s3_server import free_port

pytestmark = pytest.mark.nodes
ROOT = Path(__file__).resolve().parent.parent
REDIS = "redis://127.0.0.1:6379/0"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS, socket_timeout=2).ping())
    except redis.RedisError:
        return False


class Cluster:
    def __init__(self, env, ports, app):
        self.env, self.ports, self.app = env, ports, app

    def url(self, node: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[node]}{path}"

    def flask(self, *args) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "flask", *args], cwd=ROOT, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def twice_at_once(self, *args) -> list[str]:
        """The same command on both nodes at the same moment."""
        runs = [self.flask(*args), self.flask(*args)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert all(run.returncode == 0 for run in runs), outputs
        return outputs


@pytest.fixture(scope="module")
def cluster_database():
    """The nodes' own PostgreSQL database beside TEST_DATABASE_URL, dropped after the module."""
    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("several nodes need PostgreSQL: runs when TEST_DATABASE_URL names one (CI's PostgreSQL pass)")
    with scratch_database(base, f"{make_url(base).database}_nodes") as url:
        yield url


@pytest.fixture(scope="module")
def cluster(cluster_database, smtp_server, s3_server, tmp_path_factory):
    if not _redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("several nodes need Redis on 127.0.0.1:6379")
    import boto3
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    database = cluster_database
    bucket = f"nodes-{uuid.uuid4().hex[:10]}"
    boto3.client("s3", endpoint_url=s3_server).create_bucket(Bucket=bucket)
    key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    controller, _handler = smtp_server
    shared = {"APP_ENV": "development", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": database,
              "RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": f"nodes-{uuid.uuid4().hex[:8]}",
              "CREDENTIAL_SIGNING_KEYS": key, "EVIDENCE_S3_BUCKET": bucket, "EVIDENCE_S3_ENDPOINT_URL": s3_server,
              "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(controller.port), "MAIL_SEND_AFTER_REQUEST": "0",
              "BASE_URL": "http://dansveilig.test"}
    env = {**os.environ, **shared, "FLASK_APP": "app:create_app", "PYTHONPATH": str(ROOT)}
    env.pop("TEST_DATABASE_URL", None)
    instance = tmp_path_factory.mktemp("nodes-instance")
    app = make_test_app(database, controller.port, instance_path=str(instance),
                        **{name: shared[name] for name in ("EVIDENCE_S3_BUCKET", "EVIDENCE_S3_ENDPOINT_URL",
                                                           "CREDENTIAL_SIGNING_KEYS")})
    with app.app_context():
        db.create_all()
    ports = [free_port(), free_port()]
    log = (instance / "nodes.log").open("w")
    nodes = [subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}",
                               "app:create_app()"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT) for port in ports]
    try:
        for port in ports:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                assert time.monotonic() < deadline, (instance / "nodes.log").read_text()[-3000:]
                time.sleep(0.3)
        yield Cluster(env, ports, app)
    finally:
        for node in nodes:
            node.terminate()
        for node in nodes:
            try:
                node.wait(timeout=30)
            except subprocess.TimeoutExpired:
                node.kill()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _token(session: requests.Session, url: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(url, timeout=10).text).group(1)


def _log_in(session, cluster, node, email, password) -> requests.Response:
    url = cluster.url(node, "/login")
    return session.post(url, data={"csrf_token": _token(session, url), "email": email, "password": password},
                        allow_redirects=False, timeout=10)


def _user(cluster, role=Role.school_owner):
    with cluster.app.app_context():
        user = make_user(roles=(role,))
        return user.id, user.email


def test_a_login_on_one_node_is_valid_on_the_other(cluster):
    _id, email = _user(cluster)
    browser = requests.Session()  # one cookie jar: both nodes are 127.0.0.1, as behind one balancer
    assert _log_in(browser, cluster, 0, email, DEFAULT_PASSWORD).status_code == 302
    other = browser.get(cluster.url(1, "/account"), allow_redirects=False, timeout=10)
    assert other.status_code == 200
    assert email in other.text


def test_failed_logins_on_both_nodes_count_toward_one_limit(cluster):
    _id, email = _user(cluster)
    browser = requests.Session()
    answers = [_log_in(browser, cluster, attempt % 2, email, "wrong password").status_code for attempt in range(5)]
    assert answers == [401] * 5  # three on one node, two on the other: five in all
    assert _log_in(browser, cluster, 1, email, "wrong password").status_code == 429
    assert _log_in(browser, cluster, 0, email, DEFAULT_PASSWORD).status_code == 429  # even the right one, for now


def test_sending_the_outbox_on_both_nodes_at_once_sends_each_message_once(cluster, smtp_server):
    from core.mail import queue_mail

    _controller, handler = smtp_server
    run = uuid.uuid4().hex[:8]
    with cluster.app.app_context():
        for number in range(30):
            queue_mail(f"ontvanger{number}@example.nl", f"Bericht {run} {number}", "account_created",
                       user=type("Someone", (), {"name": f"Ontvanger {number}"}), token="t")
        db.session.commit()
    cluster.twice_at_once("mail", "send-pending")
    subjects = [message["Subject"] for message in handler.messages if run in message["Subject"]]
    assert sorted(subjects) == sorted(f"Bericht {run} {number}" for number in range(30))


def _events(action: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def test_the_daily_jobs_on_both_nodes_at_once_do_each_thing_once(cluster):
    from certification.teachers.models import VogRecord
    from core.dates import today
    from tests.certification.certificates import factories as certificates
    from tests.certification.teachers import factories as teachers

    with cluster.app.app_context():
        expired = [certificates.issue(on=today() - timedelta(days=5 * 366)) for _ in range(3)]
        lapsing = [teachers.active_teacher() for _ in range(3)]
        db.session.execute(update(VogRecord).where(VogRecord.teacher_id.in_([t.id for t in lapsing]))
                           .values(issued_on=today() - timedelta(days=20 * 365)))
        db.session.commit()
        expired_ids, lapsing_ids = [c.id for c in expired], [t.id for t in lapsing]
        before = db.session.scalar(select(func.max(AuditEvent.id)))
    cluster.twice_at_once("certificates", "daily")
    cluster.twice_at_once("registry", "daily")
    with cluster.app.app_context():
        db.session.expire_all()
        assert _events("certificate.expired") == 3
        changed = db.session.scalars(select(AuditEvent.object_id).where(
            AuditEvent.id > before, AuditEvent.action == "teacher.status_changed",
            AuditEvent.object_id.in_([str(i) for i in lapsing_ids]))).all()
        assert sorted(changed) == sorted(str(i) for i in lapsing_ids)  # lapsed once each
        assert len(expired_ids) == 3
    audit = cluster.flask("audit", "verify")
    output = audit.communicate(timeout=60)[0]
    assert audit.returncode == 0, output


def test_evidence_uploaded_through_one_node_is_served_by_the_other(cluster):
    from tests.compliance import factories

    with cluster.app.app_context():
        owner = factories.make_owner()
        assessment = factories.make_assessment(factories.make_school(owner), owner)
        answer_id, assessment_id, email = assessment.answers[0].id, assessment.id, owner.email
    browser = requests.Session()
    assert _log_in(browser, cluster, 0, email, DEFAULT_PASSWORD).status_code == 302
    page = cluster.url(0, f"/zelfevaluaties/{assessment_id}")
    data = factories.pdf_bytes()
    response = browser.post(cluster.url(0, f"/antwoorden/{answer_id}"), allow_redirects=False, timeout=30, data={
        "csrf_token": _token(browser, page), f"a{answer_id}-rating": "2", f"a{answer_id}-narrative": "Zie het bewijs."},
        files={f"a{answer_id}-files": ("beleid.pdf", data, "application/pdf")})
    assert response.status_code == 303, response.text[:500]
    with cluster.app.app_context():
        from compliance.models import Evidence

        evidence_id = db.session.scalars(select(Evidence.id).where(Evidence.school_id == assessment.school_id)).one()
    download = browser.get(cluster.url(1, f"/zelfevaluaties/{assessment_id}/bewijs/{evidence_id}"), timeout=30)
    assert download.status_code == 200
    assert download.content == data

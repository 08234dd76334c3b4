"""The benchmark's generator and query mixes, on a small fresh database of their own (not
the session app's): what a user of the bench would notice if they broke, such as an empty
school register, a status list that does not answer, or a query mix that answers 400."""

import logging
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select

from bench import common
from bench.generate import fill
from bench.mixes import query_mix, school_mix

TEACHERS, SCHOOLS = 300, 60


@contextmanager
def _logging_kept():
    """The migrations' env.py runs logging.config.fileConfig, which disables every logger
    that exists and resets the root logger; the tests after this one need them back."""
    root, loggers = logging.getLogger(), logging.root.manager.loggerDict
    kept = {name: (logger.disabled, logger.level) for name, logger in loggers.items()
            if isinstance(logger, logging.Logger)}
    level, handlers = root.level, root.handlers[:]
    try:
        yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
        for name, logger in loggers.items():
            if isinstance(logger, logging.Logger):
                logger.disabled, logger.level = kept.get(name, (False, logger.level))


@pytest.fixture(scope="module")
def bench_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bench")
    with pytest.MonkeyPatch.context() as patch:  # make_app sets DATABASE_URL; put it back
        patch.setenv("DATABASE_URL", "")
        app = common.make_app(f"sqlite:///{folder / 'bench.sqlite'}", APP_ENV="testing",
                              CREDENTIAL_KEY_PATH=str(folder / "keys"), BASE_URL="http://bench.test")
    with _logging_kept():
        common.fresh_database(app)
    fill(app, TEACHERS, SCHOOLS, echo=lambda *args: None)
    yield app
    from core.extensions import db

    with app.app_context():
        db.engine.dispose()


def test_the_school_register_holds_certified_schools_in_several_statuses(bench_app):
    body = bench_app.test_client().get("/api/v1/registry/schools?per_page=100").get_json()
    statuses = {item["certificate"]["status"] for item in body["items"]}
    assert SCHOOLS // 2 <= body["total"] <= SCHOOLS and len(body["items"]) == body["total"]
    assert {"active", "expired"} <= statuses and len(statuses) >= 3
    number = body["items"][0]["certificate"]["number"]
    assert re.fullmatch(r"DV-20\d\d-\d{5}", number)
    found = bench_app.test_client().get(f"/api/v1/registry/schools?q={number.lower()}").get_json()
    assert [item["certificate"]["number"] for item in found["items"]] == [number]


def test_certificates_are_numbered_counted_and_in_signed_status_lists(bench_app):
    from certification.certificates.models import Certificate, CertificateCounter, CertificateStatus, StatusList
    from certification.certificates.signing import verify
    from certification.certificates.status_lists import bit_at, decode_bits
    from compliance.models import Assessment, AssessmentStatus
    from core.extensions import db

    client = bench_app.test_client()
    with bench_app.app_context():
        certificates = db.session.execute(select(Certificate)).scalars().all()
        counters = {row.year: row.last for row in db.session.execute(select(CertificateCounter)).scalars()}
        last = {}
        for certificate in certificates:
            year, serial = certificate.number.split("-")[1:]
            last[int(year)] = max(last.get(int(year), 0), int(serial))
        assert counters == last
        assert db.session.scalar(select(func.count()).select_from(Assessment).where(
            Assessment.status == AssessmentStatus.approved)) == len(certificates)
        lists = db.session.execute(select(StatusList)).scalars().all()
        revoked = [c.status_index for c in certificates if c.status is CertificateStatus.revoked]
        for status_list in lists:
            response = client.get(f"/credentials/status/{status_list.list_id}")
            assert response.status_code == 200
            _header, payload = verify(response.get_data(as_text=True))
            if status_list.purpose.value == "revocation":
                bits = decode_bits(payload["credentialSubject"]["encodedList"])
                assert all(bit_at(bits, index) for index in revoked)
                assert sum(bin(byte).count("1") for byte in bits) == len(revoked)
        assert len(lists) == 2 and len({c.status_index for c in certificates}) == len(certificates)


def test_teacher_documents_hold_the_cities_of_certified_schools_only(bench_app):
    from sqlalchemy.orm import selectinload

    from certification.certificates.listing import listed_school_ids
    from certification.teachers.models import Employment, Teacher
    from core.extensions import db
    from registry.models import TeacherSearch
    from registry.search import teachers as search

    with bench_app.app_context():
        listed = listed_school_ids(range(1, SCHOOLS + 1))
        teachers = db.session.execute(select(Teacher).options(
            selectinload(Teacher.employments).selectinload(Employment.school))).scalars().all()
        documents = dict(db.session.execute(select(TeacherSearch.teacher_id, TeacherSearch.document)).all())
        for teacher in teachers:  # what the registry itself writes (search.reindex_teacher)
            row = search.index_row(teacher, sorted({e.school.city for e in teacher.employments
                                                    if e.school_id in listed}))
            assert documents.get(teacher.id) == (row["document"] if row else None)
        public = next(t for t in teachers if t.status.value == "active")
    body = bench_app.test_client().get(
        f"/api/v1/registry/teachers?q={public.first_name} {public.last_name}&per_page=100").get_json()
    assert public.registration_number in [item["registration_number"] for item in body["items"]]


def test_the_query_mixes_answer(bench_app):
    client = bench_app.test_client()
    teacher_paths, school_paths = query_mix(bench_app, 40), school_mix(bench_app, 80)
    assert all(path.startswith("/api/v1/registry/schools?") for path in school_paths)
    for path in teacher_paths + school_paths:
        assert client.get(path).status_code == 200, path
    found = [client.get(path).get_json()["total"] > 0 for path in school_paths]
    assert 0.6 * len(found) <= sum(found) < len(found)  # mostly hits, and a few that find nothing


def test_the_plans_script_explains_every_way_and_leaves_the_database_as_it_was(tmp_path, capsys):
    """`python -m bench.plans` (PostgreSQL): the term table's plans and both alternatives'
    for every word, with the alternatives' tables and indexes rolled back after."""
    import os
    import uuid

    from sqlalchemy import inspect

    from tests.kit import scratch_database

    base = os.environ.get("TEST_DATABASE_URL", "")
    if not base.startswith("postgresql"):
        pytest.skip("the plans are PostgreSQL's: runs when TEST_DATABASE_URL names a PostgreSQL database")
    with scratch_database(base, f"plans_{uuid.uuid4().hex[:8]}") as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        app = common.make_app(url, APP_ENV="testing", CREDENTIAL_KEY_PATH=str(tmp_path / "keys"),
                              BASE_URL="http://bench.test")
        with _logging_kept():
            common.fresh_database(app)
        fill(app, TEACHERS, SCHOOLS, echo=lambda *args: None)
        from bench import plans

        plans.main()
        from core.extensions import db

        with app.app_context():
            left = set(inspect(db.engine).get_table_names())
            db.engine.dispose()
    out = capsys.readouterr().out
    assert out.count("Execution Time") == len(plans.WORDS) * 5  # term table 1, each alternative 2 per word
    assert all(heading in out for heading in ("## 1. The term table", "## 2. pg_trgm", "## 3. text_pattern_ops"))
    assert "on teacher_search_terms" in out and "on bench_words" in out  # each way reads its own index
    assert "bench_words" not in left and "teacher_search_terms" in left


def test_the_load_step_loads_both_baselines_and_both_searches_without_errors(bench_app, capsys):
    """`python -m bench.registry`'s load step (gunicorn and wrk, one short round): every
    endpoint answers without an error, and each search is set against both baselines."""
    import shutil

    from bench import registry

    if shutil.which("wrk") is None:
        pytest.skip("the load step needs Debian's wrk (apt-get install -y wrk)")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", bench_app.config["SQLALCHEMY_DATABASE_URI"])
        # The bench's app and its gunicorn run in production mode, which refuses to start
        # without the keys the database's certificates were signed with.
        patch.setenv("CREDENTIAL_KEY_PATH", bench_app.config["CREDENTIAL_KEY_PATH"])
        registry.main(["--seconds", "1", "--rounds", "1", "--skip-scaling", "--skip-import"])
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("   /") or "(/bench" in line}
    assert {"trivial", "/healthz", "/api/v1/registry/teachers?q=...", "/api/v1/registry/schools?q=..."} <= set(rows)
    for row in rows.values():
        assert float(row[-6]) > 0 and row[-3] == "0", row  # requests per second, and no errors
    for name in ("teachers", "schools"):
        assert re.search(rf"ratio {name} search / trivial: \d\.\d\d, / healthz: \d\.\d\d", out), out

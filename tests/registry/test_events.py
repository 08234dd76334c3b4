"""The registry follows certification through domain events: certification never imports
it, and every event that keeps the registers current has the registry's receiver."""

import ast
from pathlib import Path

from certification.certificates import signals as certificate_signals
from certification.teachers import signals as teacher_signals
from registry import indexes

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(folder: str):
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module
            elif isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)


def test_certification_does_not_import_the_registry():
    upward = [(str(path.relative_to(ROOT)), name) for path, name in _imported_modules("certification")
              if name == "registry" or name.startswith("registry.")]
    assert upward == []


def test_the_registry_receives_what_keeps_its_indexes_current(app):
    connected = {
        teacher_signals.teacher_changed: indexes.on_teacher_changed,
        teacher_signals.daily_run_finished: indexes.optimize_teacher_index,
        certificate_signals.certificate_issued: indexes.on_certificate_issued,
        certificate_signals.certificate_status_changed: indexes.on_certificate_status_changed,
        certificate_signals.daily_run_finished: indexes.optimize_school_index,
    }
    for event, receiver in connected.items():
        assert receiver in event._now.receivers.values(), event


def test_certificates_answer_which_schools_count_as_certified(app):
    assert teacher_signals.listed_schools.receivers >= 1
    assert teacher_signals.listed_school_ids([]) == set()


def test_the_api_refuses_a_blank_page_number_and_names_it(client):
    for path in ("/api/v1/registry/teachers", "/api/v1/registry/schools"):
        response = client.get(f"{path}?page=")
        assert response.status_code == 400
        assert response.get_json()["parameter"] == "page"
        response = client.get(f"{path}?per_page=%20&lang=en")
        assert response.status_code == 400
        assert response.get_json() == {"error": "Give per_page a whole number, or leave the parameter out.",
                                       "parameter": "per_page"}
    assert client.get("/api/v1/registry/teachers?page=1").status_code == 200

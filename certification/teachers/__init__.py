"""The teacher registry (recommendation 5.1): registration, qualifications, VOG, code of
conduct, CPD points, the derived registration status, employment at schools, the public
lookup and its JSON API, bulk import and export.

models.py     tables; status.py derives the status (pure); numbers.py registration numbers
services/     the rules and transactions; search.py the public search and its index
views/, api.py, forms.py, permissions.py, importer.py, cli.py, demo.py
"""


def init_app(app) -> None:
    """Connects the registry's answer to the school gates (a domain event of compliance)."""
    from certification.teachers import gates  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.teachers.models import TeacherStatus  # noqa: PLC0415  (init_app: loaded when the app is built)
    from core.notifications import register_param_label  # noqa: PLC0415  (init_app: loaded when the app is built)

    gates.connect()
    register_param_label("teacher_status", lambda code: TeacherStatus(code).label)

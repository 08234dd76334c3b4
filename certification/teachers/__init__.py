"""The teacher registry (recommendation 5.1): registration, qualifications, VOG, code of
conduct, CPD points, the derived registration status, employment at schools, the public
lookup and its JSON API, bulk import and export.

models.py     tables; status.py derives the status (pure); numbers.py registration numbers
services/     the rules and transactions (the public search lives in registry/)
views/, api.py, forms.py, permissions.py, importer.py, cli.py, demo.py
"""


def init_app(app) -> None:
    """Connects the registry's answer to the school gates (a domain event of compliance)."""
    from certification.teachers import gates  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.teachers.models import TeacherStatus  # noqa: PLC0415  (init_app: loaded when the app is built)
    from notifications import register_param_label  # noqa: PLC0415  (init_app: loaded when the app is built)

    gates.connect()
    from certification.teachers import receivers  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.teachers.cli import registry_cli  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.teachers.views import bp as teachers_bp  # noqa: PLC0415  (init_app: loaded when the app is built)

    receivers.connect()  # the teacher panel on assessment pages
    import certification.teachers.demo  # noqa: F401, PLC0415  (registers the demo step, after compliance's)

    app.register_blueprint(teachers_bp)
    app.cli.add_command(registry_cli)
    register_param_label("teacher_status", lambda code: TeacherStatus(code).label)

"""The teacher registry (recommendation 5.1): registration, qualifications, VOG, code of
conduct, CPD points, the derived registration status, employment at schools, the public
lookup and its JSON API, bulk import and export.

models.py     tables; status.py derives the status (pure); numbers.py registration numbers
services/     the rules and transactions; search.py the public search and its index
views/, api.py, forms.py, permissions.py, importer.py, cli.py, demo.py
"""


def init_app(app) -> None:
    """Connects the registry's answer to the school gates (a domain event of compliance)."""
    from certification.teachers import gates
    from certification.teachers.models import TeacherStatus
    from notifications import register_param_label

    gates.connect()
    from certification.teachers import receivers

    receivers.connect()  # the teacher panel on assessment pages
    import certification.certificates.public_views  # noqa: F401  (/verify, /register/scholen on the registry bp)
    import certification.teachers.demo  # noqa: F401  (registers the demo step, after compliance's)
    from certification.blueprint import bp as registry_bp
    from certification.teachers.api import bp as registry_api_bp
    from certification.teachers.cli import registry_cli
    from certification.teachers.views import bp as teachers_bp

    for blueprint in (registry_bp, teachers_bp, registry_api_bp):
        app.register_blueprint(blueprint)
    app.cli.add_command(registry_cli)
    register_param_label("teacher_status", lambda code: TeacherStatus(code).label)

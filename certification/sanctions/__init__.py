"""Due process for teachers and schools: sanctions on a registration with their history
(models, services), objections against a sanction or a certificate's suspension or
revocation (objections), what the people concerned are told (messages), and the admin's
pages for those steps (views). `init_app(app)` sets the objection address and registers
the blueprint."""

import os


def init_app(app) -> None:
    app.config.setdefault("OBJECTION_ADDRESS", os.environ.get("OBJECTION_ADDRESS", "bezwaar@dansveilig.nl"))
    app.config.setdefault("OBJECTION_WEEKS", int(os.environ.get("OBJECTION_WEEKS", "6")))

    import certification.sanctions.messages  # noqa: F401, PLC0415  (init_app; the texts of the messages)
    from certification.sanctions.views import bp  # noqa: PLC0415  (init_app: loaded when the app is built)

    app.register_blueprint(bp)

"""Cases: a school tells the alliance, confidentially, that a serious report concerns a
registered teacher; only admins see the case (models, services, views). `init_app(app)`
registers the blueprint."""


def init_app(app) -> None:
    from certification.cases.permissions import can_handle_cases, can_report_case  # noqa: PLC0415  (init_app: loaded when the app is built)
    from certification.cases.views import bp  # noqa: PLC0415  (init_app: loaded when the app is built)

    app.register_blueprint(bp)
    app.context_processor(lambda: {"can_report_case": can_report_case, "can_handle_cases": can_handle_cases})

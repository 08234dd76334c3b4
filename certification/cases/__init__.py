"""Cases: a school tells the alliance, confidentially, that a serious report concerns a
registered teacher; only admins see the case (models, services, views). `init_app(app)`
registers the blueprint."""


def init_app(app) -> None:
    from certification.cases.views import bp

    app.register_blueprint(bp)

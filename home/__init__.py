"""Each role's home page (`/start`): what to do next, in order, each with a link. The
parts come from the packages that own them (one service function each); this package only
assembles them, so it sits above every other package."""


from home.views import bp


def init_app(app) -> None:
    app.register_blueprint(bp)

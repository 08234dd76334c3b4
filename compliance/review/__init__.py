"""The assessor's side of the self-assessment: conflicts of interest, review per criterion,
information requests, site visits, the recommendation, the four-eyes decision and
corrective actions. See compliance/README.md ("Review") and the project README.

`init_app(app)` registers the blueprint, the `flask review` commands and the demo step.
"""


def init_app(app) -> None:
    import compliance.review.demo  # noqa: F401  (registers the demo step, after compliance's)
    from compliance.review.cli import review_cli
    from compliance.review.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(review_cli)

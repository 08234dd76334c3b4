"""The quality plan: versioned YAML under `standards/plans/`, validated by `schema`, published
as immutable copies in the database (`models`), read by the rest of the platform through
`services` (`current_plan()`, `get_plan()`, `plan.rules`, `applicable_criteria()`).

`init_app(app)` registers the pages, the API and `flask standards` (which also adds the
shipped plan to `flask setup first-start`).
"""

from pathlib import Path

# The alliance's own plan; other packages ask for it by this code.
DEFAULT_PLAN_CODE = "kwaliteitsplan-dans-veilig"
PLANS_DIR = Path(__file__).resolve().parent / "plans"


def init_app(app) -> None:
    from standards.api import bp as api_bp  # noqa: PLC0415  (imports DEFAULT_PLAN_CODE from here)
    from standards.cli import standards_cli  # noqa: PLC0415  (imports DEFAULT_PLAN_CODE from here)
    from standards.views import bp  # noqa: PLC0415  (imports DEFAULT_PLAN_CODE from here)

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    app.cli.add_command(standards_cli)

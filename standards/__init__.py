"""The quality plan: versioned YAML under `standards/plans/`, validated by `schema`, published
as immutable copies in the database (`models`), read by the rest of the platform through
`services` (`current_plan()`, `get_plan()`, `plan.rules`, `applicable_criteria()`).
"""

from pathlib import Path

# The alliance's own plan; other packages ask for it by this code.
DEFAULT_PLAN_CODE = "kwaliteitsplan-dans-veilig"
PLANS_DIR = Path(__file__).resolve().parent / "plans"

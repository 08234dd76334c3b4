"""Due process for every decision of the alliance about a school or a teacher (a
suspension, a revocation, a sanction): how to object. Shared by certificates and sanctions."""

from flask import current_app


def objection_terms() -> dict:
    """How to object: where to, and within how many weeks (the Dutch Awb term is six)."""
    config = current_app.config
    return {"address": config.get("OBJECTION_ADDRESS", "bezwaar@dansveilig.nl"),
            "weeks": int(config.get("OBJECTION_WEEKS", 6))}

from tests.access_kit import PUBLIC

RULES = {
    "static": PUBLIC,
    "core.home": PUBLIC,
    "core.report": PUBLIC,
    "core.set_language": PUBLIC,
    "core.healthz": PUBLIC,
    "core.audit_checkpoints": PUBLIC,
}
SAMPLES = {"static": lambda: {"filename": "css/app.css"}}

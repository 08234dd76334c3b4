"""Schools and their self-assessment: school profiles, locations and rooms, members and
invitations, the assessment lifecycle, answers with narrative and evidence, exports.

`init_app(app)` sets the package's configuration defaults, registers its blueprint, its demo
step and how a notification shows a decision.
"""

import os
import tempfile

from compliance.models import AssessmentStatus
from compliance.views import bp
from notifications import register_param_label


def init_app(app) -> None:
    # Evidence lives outside the web root (never under static/). A test app without a
    # folder of its own writes to a temporary one, never to the developer's instance/.
    if not app.config.get("EVIDENCE_STORAGE_PATH"):
        path = os.environ.get("EVIDENCE_STORAGE_PATH") or os.path.join(app.instance_path, "evidence")
        if app.config.get("APP_ENV") == "testing" and not os.environ.get("EVIDENCE_STORAGE_PATH"):
            path = tempfile.mkdtemp(prefix="dansveilig-evidence-")
        app.config["EVIDENCE_STORAGE_PATH"] = path
    app.config.setdefault("MAX_UPLOAD_MB", int(os.environ.get("MAX_UPLOAD_MB", "20")))
    app.config.setdefault("SCHOOL_INVITATION_MAX_AGE", int(os.environ.get("SCHOOL_INVITATION_MAX_AGE",
                                                                         str(14 * 24 * 60 * 60))))

    import compliance.demo  # noqa: F401, PLC0415  (registers the demo step in the order of init_app)

    app.register_blueprint(bp)
    register_param_label("decision", lambda code: AssessmentStatus(code).label)

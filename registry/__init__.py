"""The public registers (recommendation 5.1 and the register of certified schools): what
anyone may read without an account.

blueprint.py    the public pages' blueprint (named "certification": its endpoints,
                `certification.teachers`, `certification.verify`, ..., are used by templates)
views/          the pages: teachers.py (/register/docenten), schools.py (/verify, /register/scholen)
api.py          the JSON API (/api/v1/registry/...); openapi.py describes it
teachers.py, schools.py   reading a search and running it; one school's entry
search/         the full-text index (fulltext.py) and each register's index and SQL
models.py       the search tables; indexes.py keeps them current

The registry stands above certification: it reads certificates and teachers, and follows
their changes through their domain events (connected here), never the other way round.
"""

from certification.certificates import signals as certificate_signals
from certification.teachers import signals as teacher_signals
from compliance.signals import school_changed
from registry import indexes
from registry.api import bp as api_bp
from registry.views import bp


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    school_changed.connect(indexes.refresh_school)  # a school's name, city, genres or locations
    teacher_signals.teacher_changed.connect(indexes.on_teacher_changed)
    teacher_signals.daily_run_finished.connect(indexes.optimize_teacher_index)
    certificate_signals.certificate_issued.connect(indexes.on_certificate_issued)
    certificate_signals.certificate_status_changed.connect(indexes.on_certificate_status_changed)
    certificate_signals.daily_run_finished.connect(indexes.optimize_school_index)

"""Privacy (AVG/GDPR): a person downloads everything the platform holds about them (JSON and
a readable PDF) and asks for erasure, from their account page.

collect.py (what we hold: every row that refers to the user), pdf.py (the readable copy),
erasure.py (the rules per table: what goes, what is kept and why), views.py (the page).
Other packages add their own erasure rules through `core.personal_data.register` and their
retention rules through `core.retention.register`.

`init_app(app)` registers the blueprint and the platform's erasure rules.
"""


from privacy.erasure import register_rules
from privacy.views import bp


def init_app(app) -> None:
    register_rules()
    app.register_blueprint(bp)

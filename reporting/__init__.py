"""The annual cycle: each school's monitoring report and the sector's figures
(recommendations 2.4, 3.5, 3.6 and 5.3).

models.py (the report's lifecycle row and its data in separate tables), vocabulary.py,
privacy.py (what free text may not hold), services/ (reports, review, what is due, figures),
suppression.py (small-cell and complementary suppression), figures.py, charts.py (SVG),
exports.py (CSV, XLSX, PDF), views.py, api.py, openapi.py, demo.py.

`init_app(app)` registers the blueprints and connects the receiver of certification's
`monitoring_form` event, so `flask certificates daily` opens the form before it reminds,
and never suspends a school that had no form to file.
"""


from certification.certificates.signals import monitoring_form
from reporting import messages  # noqa: F401  (the texts of its in-app messages)
from reporting.api import bp as api_bp
from reporting.charts import value_text
from reporting.permissions import template_helpers
from reporting.retention import register_rules
from reporting.services import form_state
from reporting.views import bp


def init_app(app) -> None:
    import reporting.demo  # noqa: F401, PLC0415  (registers the demo step in the order of init_app)

    monitoring_form.connect(form_state)  # a strong reference: form_state is a module-level function
    register_rules()  # the answers' retention, run by `flask retention daily`
    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    app.context_processor(template_helpers)
    app.add_template_global(value_text, "figure_value")

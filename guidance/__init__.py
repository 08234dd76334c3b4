"""Where to go when something is wrong: step plans per audience (content the alliance edits,
with the shipped defaults in `content/`), the contacts they link to, the wegwijzer, the quick
exit, and the site's footer pages (recommendations 2.3, 5.4, 6.2, 6.3).

models.py, content.py (text format and defaults), readability.py (LIX, Flesch), services.py,
helper.py (the wegwijzer's questions and routes), views.py, forms.py, permissions.py.
"""


from guidance.models import Audience
from guidance.services import contacts
from guidance.views import bp


def init_app(app) -> None:
    app.config.setdefault("QUICK_EXIT_URL", "https://www.google.com/")
    import guidance.demo  # noqa: F401, PLC0415  (registers the demo step in the order of init_app)

    app.register_blueprint(bp)

    @app.context_processor
    def guidance_helpers():
        return {"guidance_audiences": list(Audience), "guidance_contacts": contacts,
                "quick_exit_url": app.config["QUICK_EXIT_URL"]}

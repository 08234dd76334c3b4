"""Public step plans and the wegwijzer, the footer's pages, and the admins' editor."""

import io

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from certification.certificates.services import find_certificate
from core.forms import show_error
from core.web import public, render_form
from guidance import content, materials, services
from guidance import helper as wegwijzer
from guidance.errors import GuidanceError
from guidance.forms import ContactForm, PageForm
from guidance.models import Audience
from guidance.permissions import can_edit_guidance
from registry.schools import registry_entry

bp = Blueprint("guidance", __name__)
ABOUT_PAGES = ("contact", "privacy", "toegankelijkheid", "colofon")


def _audience(value: str) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        abort(404)


def _language() -> str:
    return "en" if str(get_locale()) == "en" else "nl"


@bp.get("/melden/<audience>")
@public
def page(audience):
    audience = _audience(audience)
    text, language = services.current_page(audience), _language()
    return render_template("guidance/page.html", audience=audience, title=text.title[language],
                           body=content.render(text.body[language], services.contacts(), language))


@bp.route("/melden/wegwijzer", methods=["GET", "POST"])
@public
def helper():
    """POST, so that the answers stay out of the address bar and the browser's history."""
    state = wegwijzer.advance(request.form, back="terug" in request.form)
    return render_template("guidance/helper.html", state=state, Audience=Audience)


@bp.get("/over/<slug>")
@public
def about(slug):
    if slug not in ABOUT_PAGES:
        abort(404)
    return render_template(f"guidance/about_{slug}.html", contacts=services.contacts())


@bp.get("/verify/<number>/badge.svg")
@public
def badge(number):
    """The live status as an image a school embeds on its own site (?lang=en for English)."""
    certificate = find_certificate(number)
    if certificate is None:
        abort(404)
    language = "en" if request.args.get("lang") == "en" else "nl"
    response = make_response(materials.badge_svg(certificate, language))
    response.mimetype = "image/svg+xml"
    response.headers["Cache-Control"] = "public, max-age=300"  # a status change shows within minutes
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@bp.get("/register/scholen/<int:school_id>/poster-<language>.pdf")
@public
def poster(school_id, language):
    entry = registry_entry(school_id)
    if entry is None or language not in content.LANGUAGES:
        abort(404)
    filename, mimetype, data = materials.PosterRenderer(language, services.contacts()).generate(entry.certificate)
    return send_file(io.BytesIO(data), mimetype=mimetype, download_name=filename, max_age=0)


def _editor():
    if not can_edit_guidance(current_user):
        abort(403)


@bp.get("/beheer/stappenplannen")
def admin_index():
    _editor()
    pages = [(audience, services.current_page(audience), services.latest_version(audience)) for audience in Audience]
    return render_template("guidance/admin_index.html", pages=pages, contacts=services.contacts())


@bp.route("/beheer/stappenplannen/<audience>", methods=["GET", "POST"])
def admin_edit(audience):
    _editor()
    audience = _audience(audience)
    current = services.current_page(audience)
    form = PageForm(data={"title_nl": current.title["nl"], "title_en": current.title["en"],
                          "body_nl": current.body["nl"], "body_en": current.body["en"]})
    preview = readability = None
    if form.validate_on_submit():
        title = {"nl": form.title_nl.data, "en": form.title_en.data}
        body = {"nl": form.body_nl.data, "en": form.body_en.data}
        try:
            if "publish" in request.form:
                services.publish_page(audience, title, body, current_user)
                flash(_("Gepubliceerd. De vorige versie staat in de geschiedenis."), "success")
                _warn_readability(services.check_readability(audience, body))
                return redirect(url_for("guidance.admin_edit", audience=audience.value))
            services.validate_page(title, body)
            found = services.contacts()
            preview = {language: (title[language], content.render(body[language], found, language))
                       for language in content.LANGUAGES}
        except GuidanceError as exc:
            show_error(form, exc)
        readability = services.check_readability(audience, body)
    return render_form("guidance/admin_edit.html", form, audience=audience, current=current, preview=preview,
                       readability=readability, contacts=services.contacts())


def _warn_readability(results) -> None:
    for language, result in results.items():
        if not result.ok:
            flash(_("Let op: de %(language)s tekst is moeilijker dan het doel (%(measure)s %(score)s, doel "
                    "%(target)s). Open de pagina en kies Voorbeeld om de langste zinnen te zien.",
                    language=_("Nederlandse") if language == "nl" else _("Engelse"), measure=result.measure,
                    score=result.rounded, target=result.target), "error")


@bp.get("/beheer/stappenplannen/<audience>/versies")
def admin_history(audience):
    _editor()
    audience = _audience(audience)
    return render_template("guidance/admin_history.html", audience=audience,
                           versions=services.page_history(audience), shipped=content.shipped_page(audience))


@bp.route("/beheer/stappenplannen/contacten/<key>", methods=["GET", "POST"])
def admin_contact(key):
    _editor()
    contact = services.contacts().get(key) or abort(404)
    form = ContactForm(data={"name_nl": contact.name["nl"], "name_en": contact.name["en"],
                             "purpose_nl": contact.purpose["nl"], "purpose_en": contact.purpose["en"],
                             "phone": contact.phone, "url": contact.url})
    if form.validate_on_submit():
        data = services.ContactData(form.name_nl.data, form.name_en.data, form.purpose_nl.data,
                                    form.purpose_en.data, form.phone.data or "", form.url.data or "")
        try:
            services.update_contact(key, data, current_user)
        except GuidanceError as exc:
            (getattr(form, exc.field) if exc.field else form.phone).errors.append(exc.message)
        else:
            flash(_("Contact opgeslagen. Alle pagina's tonen het nieuwe gegeven."), "success")
            return redirect(url_for("guidance.admin_index"))
    return render_form("guidance/admin_contact.html", form, contact=contact)

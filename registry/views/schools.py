"""Public pages on the registry blueprint: verifying a certificate (the QR code leads here),
its PDF, and the register of certified schools. Plain words: parents and children read them."""

import io

from flask import abort, current_app, redirect, render_template, request, send_file, url_for

from certification.certificates.errors import CertificateError
from certification.certificates.models import CertificateStatus
from certification.certificates.pdf import certificate_pdf as render_pdf
from certification.certificates.services import find_certificate, normalise_number
from compliance.vocabulary import GENRES, reporting_points
from core.http_cache import cacheable
from core.web import public
from registry import schools as registry
from registry.blueprint import bp

_TEMPLATES = "registry"


@bp.get("/verify")
@public
def verify_lookup():
    raw = request.args.get("number")
    if raw is None:
        return render_template(f"{_TEMPLATES}/verify_lookup.html", value="", invalid=False)
    number = normalise_number(raw)
    if number is None:
        return render_template(f"{_TEMPLATES}/verify_lookup.html", value=raw[:40], invalid=True), 400
    return redirect(url_for("certification.verify", number=number), 303)


@bp.get("/verify/<number>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def verify(number):
    certificate = find_certificate(number)
    if certificate is None:
        return render_template(f"{_TEMPLATES}/verify.html", certificate=None, number=number[:40]), 404
    if certificate.number != number:
        return redirect(url_for("certification.verify", number=certificate.number), 301)
    return render_template(f"{_TEMPLATES}/verify.html", certificate=certificate, number=certificate.number,
                           status=certificate.effective_status(), Status=CertificateStatus,
                           changed_on=certificate.effective_status_changed_on(),
                           verify_url=f"{current_app.config['BASE_URL']}/verify/{certificate.number}")


@bp.get("/verify/<number>/certificaat.pdf")
@public
def certificate_pdf(number):
    certificate = find_certificate(number)
    if certificate is None:
        abort(404)
    filename, mimetype, data = render_pdf(certificate)
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename,
                     max_age=0)


@bp.get("/register/scholen")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def schools():
    try:
        query = registry.parse_query(request.args)
    except CertificateError as exc:
        return render_template(f"{_TEMPLATES}/schools.html", result=None, error=exc.message,
                               args=request.args, genres=GENRES), 400
    return render_template(f"{_TEMPLATES}/schools.html", result=registry.search_schools(query), error=None,
                           args=request.args, genres=GENRES)


@bp.get("/register/scholen/<int:school_id>")
@public
@cacheable("PUBLIC_CACHE_SECONDS")
def school(school_id):
    entry = registry.registry_entry(school_id)
    if entry is None:
        abort(404)
    return render_template(f"{_TEMPLATES}/school.html", entry=entry, genres=GENRES,
                           points=reporting_points(entry.school.school_type), Status=CertificateStatus)

"""Access rules for every certificate endpoint, and samples that belong to someone else."""

from accounts.models import Role
from tests.access_kit import PUBLIC, roles

RULES = {
    # public: verification, the register of schools and the API
    "certification.verify_lookup": PUBLIC,
    "certification.verify": PUBLIC,
    "certification.certificate_pdf": PUBLIC,
    "certification.schools": PUBLIC,
    "certification.school": PUBLIC,
    "certificates_api.certificate": PUBLIC,
    "certificates_api.credential": PUBLIC,
    "certificates_api.verify": PUBLIC,
    "registry_api.registry_schools": PUBLIC,
    "certificates_api.jwks": PUBLIC,
    "certificates_api.status_list": PUBLIC,
    "openapi.document": PUBLIC,
    # the admin's lifecycle pages
    "certificates.admin_index": roles(Role.admin),
    "certificates.admin_certificate": roles(Role.admin),
    "certificates.suspend": roles(Role.admin),
    "certificates.reinstate": roles(Role.admin),
    "certificates.request_revocation": roles(Role.admin),
    "certificates.confirm_revocation": roles(Role.admin),
    "certificates.cancel_revocation": roles(Role.admin),
    # a school's members; the sample school belongs to someone else, so only admins may look
    "certificates.school_certificates": roles(Role.admin),
}


def _number():
    from tests.certification.certificates import factories

    return {"number": factories.issue().number}


def _school():
    from tests.certification.certificates import factories

    return {"school_id": factories.issue().school_id}


def _request():
    from tests.certification.certificates import factories

    return {"request_id": factories.pending_revocation().id}


def _status_list():
    from tests.certification.certificates import factories

    return {"list_id": factories.issue().revocation_list.list_id}


SAMPLES = {
    "certification.verify": _number,
    "certification.certificate_pdf": _number,
    "certification.school": _school,
    "certificates_api.certificate": _number,
    "certificates_api.credential": _number,
    "certificates_api.status_list": _status_list,
    "certificates.admin_certificate": _number,
    "certificates.suspend": _number,
    "certificates.reinstate": _number,
    "certificates.request_revocation": _number,
    "certificates.confirm_revocation": _request,
    "certificates.cancel_revocation": _request,
    "certificates.school_certificates": _school,
}

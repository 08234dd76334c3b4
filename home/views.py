"""The home page after login: a part per role the user holds."""

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from accounts.models import Role
from accounts.permissions import has_role, is_admin
from certification.certificates.services.home import admin_certificate_tasks, newest_certificates
from certification.teachers.services.home import admin_registry_tasks, teacher_tasks
from compliance.permissions import memberships
from compliance.review.services.home import assessor_tasks, school_review_tasks
from compliance.services.home import evidence_running_out, school_states

bp = Blueprint("home", __name__)


@bp.get("/start")
def index():
    user, parts = current_user, {}
    if has_role(user, Role.school_owner) or _manages_a_school(user):
        parts["schools"] = school_states(user)
        parts["school_review"] = school_review_tasks(user)
        parts["certificates"] = newest_certificates(user)
        parts["running_out"] = evidence_running_out(user, {school_id: certificate.valid_until for school_id, certificate
                                                           in parts["certificates"].items()})
    if has_role(user, Role.teacher):
        parts["teacher"] = teacher_tasks(user)
    if has_role(user, Role.assessor, Role.admin):
        parts["assessor"] = assessor_tasks(user)
    if has_role(user, Role.monitor) and "reporting.sector" in current_app.view_functions:
        parts["monitor"] = True  # the ministry or the board: the sector's figures, nothing per school
    if is_admin(user):
        parts["admin_registry"] = admin_registry_tasks()
        parts["admin_certificates"] = admin_certificate_tasks(user)
    return render_template("home/index.html", **parts)


def _manages_a_school(user) -> bool:
    return bool(memberships(user))

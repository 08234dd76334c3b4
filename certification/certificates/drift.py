"""After the certificate: the teacher registry and the certified school stay in step.

- When a linked teacher's registration stops being active (lapsed, restricted, suspended,
  revoked, or any other status that is not active), the managers of every school that
  employs them are told, by message and e-mail in their language. The registry announces
  the change with `certification.teachers.signals.registration_status_changed`; this module
  answers it (connected in `init_app`).
- `flask certificates daily` lists the certified schools that teach minors and no longer
  have an active teacher working with minors, and tells the admins (once a day).
- `gates_today(certificate)` is what the certificate's admin page shows: the gates before
  a certificate as the school stands today, by the rules of the certificate's plan.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select

from accounts.models import Role, User, UserRole
from certification.certificates.models import Certificate, CertificateStatus
from certification.teachers.models import Employment, Teacher, TeacherStatus
from certification.teachers.services import teachers_for_school
from certification.teachers.signals import registration_status_changed
from compliance.gates import unmet_profile_gates
from compliance.models import School, SchoolMember
from core.audit import record_event
from core.dates import start_of, today
from core.extensions import db
from notifications import Notification, link_for, notify

LIVE = (CertificateStatus.active, CertificateStatus.suspended)


def on_registration_status_changed(teacher: Teacher, old=None, new=None, **_extra) -> None:
    """Tell the managers of each school that employs `teacher` that the registration is no
    longer active. A registration that never was complete (pending) tells nobody."""
    if new is None or new in (TeacherStatus.active, TeacherStatus.pending):
        return
    on = today()
    for employment in teacher.employments:
        if not employment.is_current(on):
            continue
        school = employment.school
        managers = list(db.session.execute(select(User).join(SchoolMember, SchoolMember.user_id == User.id)
                                           .where(SchoolMember.school_id == school.id)).scalars())
        notify(managers, "teacher_not_active", link_for("teachers.school_teachers", school_id=school.id),
               teacher=teacher.name, school=school.name, teacher_status=new.value)


def connect() -> None:
    registration_status_changed.connect(on_registration_status_changed)


def schools_without_active_teacher(on: date | None = None) -> list[School]:
    """Schools with a live certificate (active or suspended, within its validity) that teach
    minors and employ no teacher with an active registration who works with minors."""
    on = on or today()
    live = select(Certificate.school_id).where(Certificate.status.in_(LIVE), Certificate.valid_until >= on)
    active_teacher = (select(Employment.id).join(Teacher, Teacher.id == Employment.teacher_id)
                      .where(Employment.school_id == School.id, Employment.works_with_minors.is_(True),
                             Employment.since <= on, or_(Employment.until.is_(None), Employment.until > on),
                             Teacher.status == TeacherStatus.active))
    return list(db.session.execute(select(School).where(School.id.in_(live), School.teaches_minors.is_(True),
                                                        ~exists(active_teacher))
                                   .order_by(School.name, School.id)).scalars())


def report_schools_without_active_teacher(on: date | None = None) -> list[School]:
    """The daily check: the list, and one message to each admin a day while it is not empty.
    The caller commits."""
    on = on or today()
    schools = schools_without_active_teacher(on)
    if not schools:
        return schools
    sent_today = select(Notification.id).where(Notification.kind == "schools_without_active_teacher",
                                               Notification.created_at >= start_of(on))  # the Dutch day's start
    already = db.session.execute(sent_today.limit(1)).first()
    if already is None:
        admins = db.session.execute(select(User).join(UserRole).where(UserRole.role == Role.admin,
                                                                       User.is_enabled.is_(True))).scalars()
        notify(admins, "schools_without_active_teacher", link_for("certificates.admin_index"), count=len(schools))
        record_event("certificates.teacher_gap_reported", None, details={
            "on": on.isoformat(), "school_ids": [school.id for school in schools]})
    return schools


@dataclass
class GatesToday:
    gates: list  # compliance.gates.Gate, unmet today
    teachers: list  # certification.teachers.services.SchoolTeacher rows

    @property
    def met(self) -> bool:
        return not self.gates


def gates_today(certificate: Certificate) -> GatesToday:
    """The gates before a certificate as the certified school stands today, by the rules of
    the plan the certificate was issued under: advisor, locations with rooms, teachers."""
    return GatesToday(unmet_profile_gates(certificate.school, certificate.plan),
                      teachers_for_school(certificate.school))

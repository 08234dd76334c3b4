"""Demo teachers for `flask demo load`: one in every status, the demo login
docent@demo.dansveilig.nl active and linked to the demo school, a code of conduct and a CPD
catalogue. Idempotent. Runs after the compliance demo step (imported first below), which
creates the demo school, and before the submissions of phase 1, which need the links; the
lapsed teacher joins the demo school in phase 2, after its submission."""

from datetime import timedelta

from sqlalchemy import select

import compliance.demo  # noqa: F401  (its demo step, which makes the demo school, must run before ours)
import compliance.review.demo  # noqa: F401  (and the review demo's schools, which we link teachers to)
from accounts.services import find_user
from certification.sanctions.models import SanctionState, TeacherSanction
from certification.sanctions.services import confirm_revocation, impose_sanction
from certification.teachers import services
from certification.teachers.models import (
    CodeOfConductSignature,
    CpdRecord,
    Employment,
    Qualification,
    QualificationKind,
    Review,
    Sanction,
    Teacher,
    VogRecord,
)
from certification.teachers.sanction_kinds import SanctionReason
from compliance.models import School
from core.audit import record_event
from core.dates import add_months
from core.demo import demo_step
from core.extensions import db
from core.models import utcnow
from standards.services import current_plan, publish_shipped_plans

TEACHER_LOGIN = "docent@demo.dansveilig.nl"
ADMIN_LOGIN = "admin@demo.dansveilig.nl"
DEMO_SCHOOL_KVK = "90000001"

CODE_TEXT = {
    "nl": "1. Ik behandel iedere danser met respect, hoe jong of oud ook.\n"
          "2. Ik raak een danser alleen aan als dat nodig is voor de les, en ik vraag het vooraf.\n"
          "3. Ik maak geen opmerkingen over lichaam, gewicht of uiterlijk.\n"
          "4. Een danser mag altijd nee zeggen of stoppen, zonder gevolgen.\n"
          "5. Ik heb geen privécontact met minderjarige dansers via sociale media.\n"
          "6. Zie of hoor ik iets wat niet klopt, dan meld ik het bij de vertrouwenspersoon.",
    "en": "1. I treat every dancer with respect, whatever their age.\n"
          "2. I touch a dancer only when the class needs it, and I ask first.\n"
          "3. I make no comments about body, weight or looks.\n"
          "4. A dancer may always say no or stop, without consequences.\n"
          "5. I have no private contact with minor dancers through social media.\n"
          "6. If I see or hear something that is not right, I report it to the confidential advisor.",
}
CATALOGUE = (
    ("Signalen van grensoverschrijdend gedrag herkennen", "Centrum Veilige Sport Nederland", 8, "social_safety"),
    ("Veilig aanraken in de dansles", "De Alliantie Dans Veilig", 6, "social_safety"),
    ("Pedagogiek voor dansdocenten", "Codarts Rotterdam", 12, "pedagogy"),
    ("Blessurepreventie bij jonge dansers", "NIDG", 6, "health"),
    ("Masterclass hedendaagse techniek", "ICK Dans Amsterdam", 4, "craft"),
)
# (first, last, e-mail, genres, status to reach)
TEACHERS = (
    ("Esra", "Yılmaz", TEACHER_LOGIN, ["urban", "modern"], "active"),
    ("Sanne", "de Vries", "sanne.devries@demo.dansveilig.nl", ["ballet", "jazz"], "active"),
    ("Mohamed", "El Amrani", "mohamed.elamrani@demo.dansveilig.nl", ["urban"], "pending"),
    ("Lotte", "van den Berg", "lotte.vandenberg@demo.dansveilig.nl", ["ballet"], "lapsed"),
    ("Daan", "Bakker", "daan.bakker@demo.dansveilig.nl", ["ballroom"], "restricted"),
    ("Kim", "Nguyen", "kim.nguyen@demo.dansveilig.nl", ["jazz", "musical"], "suspended"),
    ("Ruud", "Jansen", "ruud.jansen@demo.dansveilig.nl", ["tap"], "revoked"),
    ("Noor", "Visser", "noor.visser@demo.dansveilig.nl", ["modern", "urban"], "temporary"),
)
SCHOOL_OWNER_LOGIN = "eigenaar@demo.dansveilig.nl"


def _complete(teacher: Teacher, code, activities, years_ago: int) -> None:
    """Qualification, VOG, signature and CPD, as if registered `years_ago` years back. Every
    date lies in the past: a CPD record dated ahead would show as approved before it happened."""
    today = services.today()
    start = add_months(today, -12 * years_ago) if years_ago else today - timedelta(days=100)
    teacher.qualifications.append(Qualification(kind=QualificationKind.hbo, institution="Codarts Rotterdam",
                                                obtained_on=start - timedelta(days=900), review=Review.approved,
                                                reviewed_at=utcnow()))
    teacher.vog_records.append(VogRecord(issued_on=start - timedelta(days=20), screening_profile="84",
                                         review=Review.approved, checked_at=utcnow()))
    teacher.signatures.append(CodeOfConductSignature(version_id=code.id))
    for offset, activity in enumerate(activities):
        # Never after today: a record dated in the future would show as approved already.
        done = start + timedelta(days=40 + 30 * offset) if years_ago else today - timedelta(days=5 + 7 * offset)
        teacher.cpd_records.append(CpdRecord(activity_id=activity.id, title=activity.title, provider=activity.provider,
                                             points=activity.points, category=activity.category,
                                             completed_on=min(done, today), review=Review.approved,
                                             reviewed_at=utcnow()))
    teacher.activated_on = None if years_ago == 0 else start


@demo_step
def demo_teachers():
    admin = find_user(ADMIN_LOGIN)
    if admin is None or db.session.execute(select(Teacher.id).limit(1)).first() is not None:
        return

    if current_plan() is None:
        publish_shipped_plans()
    code = services.current_code_version() or services.publish_code_version("1.0", CODE_TEXT["nl"],
                                                                              CODE_TEXT["en"], by=admin)
    activities = services.catalogue() or [services.add_activity(*item, by=admin) for item in CATALOGUE]
    for first, last, email, genres, goal in TEACHERS:
        user = find_user(email)
        teacher = Teacher(registration_number=services.new_registration_number(), first_name=first, last_name=last,
                          email=email, genres=genres, user_id=user.id if user else None,
                          confirmed_at=utcnow() if user else None)
        db.session.add(teacher)
        if goal != "pending":
            _complete(teacher, code, activities[:3] if goal != "lapsed" else [], 4 if goal == "lapsed" else 0)
        db.session.flush()
        services.refresh_status(teacher, actor=admin)
        db.session.commit()
        reason = "Demo: klacht over omgang met dansers in onderzoek."
        if goal == "restricted":
            impose_sanction(teacher, "restricted", "code_of_conduct", reason, by=admin, restriction="no_minors")
        elif goal == "suspended":
            impose_sanction(teacher, "suspended", "code_of_conduct", reason, by=admin,
                            until=services.today() + timedelta(days=90))
        elif goal == "revoked":
            confirm_revocation(_demo_revocation(teacher), admin)
    _link_demo_school(admin)
    _demo_case(admin)


def _demo_revocation(teacher) -> TeacherSanction:
    """Revoking needs two admins and the demo has one: the loader itself (no person) asks,
    as the certificates' demo does, and the demo admin confirms."""
    request = TeacherSanction(teacher_id=teacher.id, kind=Sanction.revoked,
                              reason_category=SanctionReason.code_of_conduct,
                              note="Demo: ernstige schending van de gedragscode.", starts_on=services.today(),
                              state=SanctionState.requested)
    db.session.add(request)
    db.session.flush()
    record_event("teacher.revocation_requested", teacher, details={"sanction_id": request.id, "demo": True})
    db.session.commit()
    return request


def _demo_case(admin) -> None:
    """The demo school tells the alliance about a serious report on a teacher; the alliance
    takes a temporary measure and has not told the teacher yet."""
    from certification.cases.services import report_case, take_measure  # noqa: PLC0415  (upward: the demo's case)

    school = db.session.execute(select(School).where(School.kvk_number == DEMO_SCHOOL_KVK)).scalar_one_or_none()
    owner, teacher = find_user(SCHOOL_OWNER_LOGIN), services.find_teacher_by_email("noor.visser@demo.dansveilig.nl")
    if school is None or owner is None or teacher is None:
        return
    case = report_case(school, teacher.registration_number, "emotional", services.today() - timedelta(days=12),
                       "Gesprek gevoerd met de danser en de ouders; de docent geeft voorlopig geen les aan de "
                       "jeugdgroep. Nazorg geregeld via de vertrouwenspersoon.", ["confidential_advisor", "care"],
                       by=owner)
    take_measure(case, "investigation", "Demo: meerdere dansers melden vernederende opmerkingen; onderzoek loopt.",
                 by=admin)
    _link_demo_school(admin)


# The review demo's schools (compliance.review.demo), each with an active teacher of minors.
REVIEW_SCHOOL_KVKS = ("90000201", "90000202", "90000203", "90000204")
LAPSED_LOGIN = "lotte.vandenberg@demo.dansveilig.nl"


def _school(kvk):
    return db.session.execute(select(School).where(School.kvk_number == kvk)).scalar_one_or_none()


def _link(school, teacher, admin, minors=True) -> None:
    if school is None or teacher is None:
        return
    if db.session.execute(select(Employment.id).where(Employment.school_id == school.id,
                                                      Employment.teacher_id == teacher.id)).first() is None:
        services.link_teacher(school, teacher.registration_number, "Docent", minors,
                              services.today() - timedelta(days=200), by=admin)


def _link_demo_school(admin) -> None:
    """Before the demo submissions (phase 1): the demo login teaches minors at the demo
    school, Sanne de Vries at each school of the review demo."""
    _link(_school(DEMO_SCHOOL_KVK), services.find_teacher_by_email(TEACHER_LOGIN), admin)
    sanne = services.find_teacher_by_email("sanne.devries@demo.dansveilig.nl")
    for kvk in REVIEW_SCHOOL_KVKS:
        _link(_school(kvk), sanne, admin)


@demo_step(phase=2)
def demo_lapsed_teacher_at_school():
    """After the submission: the demo school also employs a teacher of minors whose
    registration lapsed, so its teacher overview flags her and the approval's gates list her."""
    admin = find_user(ADMIN_LOGIN)
    if admin is not None:
        _link(_school(DEMO_SCHOOL_KVK), services.find_teacher_by_email(LAPSED_LOGIN), admin)

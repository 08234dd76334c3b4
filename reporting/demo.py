"""Demo monitoring reports for `flask demo load`: 22 certified schools in several genres,
types and provinces with two years of filed reports (enough for shown and suppressed cells),
one report with an assessor's question, the older year published on /cijfers, and one overdue
report at the demo owner's school to file in the browser. Idempotent; runs after the
certificates' demo step. Everything goes through the services, as a school and an assessor
would; only the assessment's approval (its verdicts and confirmed recommendation, with the
days from submission to decision that the sector's median counts) is set directly, as the
certificates' demo does."""

import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

import certification.certificates.demo as certificate_demo  # its demo step must run before ours
from accounts.models import Role
from accounts.services import create_user, find_user
from certification.certificates import services as certificates
from compliance import services as compliance
from compliance.models import School
from compliance.review.models import Decision, Outcome, Recommendation
from core.dates import add_months, today
from core.demo import DEMO_PASSWORD, demo_step
from core.extensions import db
from reporting import services
from reporting import vocabulary as v
from standards.services import current_plan, publish_shipped_plans

OWNER, ADMIN, ASSESSOR = "eigenaar@demo.dansveilig.nl", "admin@demo.dansveilig.nl", "assessor1@demo.dansveilig.nl"
SCHOOLS_OWNER = "scholen@demo.dansveilig.nl"
CITIES = (("Amsterdam", "1012 AB"), ("Rotterdam", "3011 CD"), ("Utrecht", "3511 EF"), ("Groningen", "9711 GH"),
          ("Eindhoven", "5611 JK"), ("Zwolle", "8011 LM"), ("Arnhem", "6811 NP"), ("Leeuwarden", "8911 RS"),
          ("Maastricht", "6211 TV"), ("Den Haag", "2511 WX"), ("Almere", "1315 YZ"))
GENRE_SETS = (["ballet", "modern"], ["urban"], ["urban", "jazz"], ["ballroom"], ["ballet"], ["modern", "jazz"],
              ["musical", "tap"], ["folk", "ballroom"])
TYPES = ("dansschool", "dansschool", "dansschool", "vooropleiding", "vereniging", "beroepsopleiding")
ANSWERS = {"survey_held": "yes", "survey_response_rate": "58", "intervision_held": "yes", "code_discussed": "yes",
           "teachers_confirmed": "yes", "survey_outcome": "De meeste dansers voelen zich veilig in de les.",
           "advisor_themes": "Omgangsvormen in de kleedruimte en de toon van feedback.",
           "advisor_advice": "Spreek aan het begin van elk seizoen de gedragscode door."}
OVERDUE_KVK = "90000199"


def _counts(rng: random.Random, genres: list[str]) -> dict:
    counts: dict = {}
    for _ in range(rng.choice((0, 1, 2, 3, 5, 8, 12))):
        kind = rng.choice(("verbal", "verbal", "emotional", "physical", "power", "discrimination", "sexual"))
        channel = rng.choice(("advisor", "advisor", "management", "teacher", "mores"))
        for key in (("genre", kind, rng.choice(genres)), ("channel", kind, channel),
                    ("follow_up", kind, rng.choice(("handled", "handled", "closed", "referred", "ongoing")))):
            counts[key] = counts.get(key, 0) + 1
        person = ("advisor", kind, rng.choice(tuple(v.CONTACT_PERSONS)))
        counts[person] = counts.get(person, 0) + 1
    return counts


def _certified_school(number: int, owner, admin, on):
    city, postcode = CITIES[number % len(CITIES)]
    school = compliance.register_school(compliance.SchoolData(
        name=f"Dansschool Demo {number + 1:02d} {city}", kvk_number=f"901{number:05d}", street="Danslaan",
        house_number=str(number + 1), postcode=postcode, city=city, school_type=TYPES[number % len(TYPES)],
        teaches_minors=True, genres=GENRE_SETS[number % len(GENRE_SETS)], age_groups=["6_11", "12_15"]), by=owner)
    location = compliance.add_location(school, "Hoofdlocatie", f"Danslaan {number + 1}", postcode, city, by=owner)
    return school, _certify(school, location, owner, admin, on, review_days=14 + (number * 37) % 90)


def _certify(school, location, owner, admin, on, review_days=None):
    """A certificate issued on `on` to a school that meets the gates before a certificate
    (a room described, a confidential advisor, an active teacher of minors); with
    `review_days`, also the decision the review workflow would have recorded that many days
    after submission (for the median days to a decision)."""
    compliance.add_room(location, "Grote zaal", "glass_wall", by=owner)
    compliance.update_advisor(school, "Noor Vertrouwen", "vertrouwenspersoon@demo.dansveilig.nl", "020 123 45 67",
                              "external", by=owner)
    certificate_demo.link_teacher_of_minors(school, admin)
    assessment = certificate_demo.approved_assessment(school, owner, admin)
    if review_days is not None:
        decided_at = datetime.combine(on, time(12), tzinfo=UTC)
        assessment.submitted_at = decided_at - timedelta(days=review_days)
        db.session.add(Recommendation(assessment_id=assessment.id, reviewer_id=admin.id, outcome=Outcome.approve,
                                      rationale="Alle eisen voldoen.", decision=Decision.confirmed,
                                      decided_by_id=admin.id, decided_at=decided_at))
    certificate = certificates.issue_certificate(assessment, admin, None, on=on)
    db.session.commit()
    return certificate


@demo_step(phase=1)  # after the registry's teachers, and after the certificates' step
def demo_reports():
    admin, assessor, demo_owner = find_user(ADMIN), find_user(ASSESSOR), find_user(OWNER)
    if admin is None or assessor is None or demo_owner is None:
        return
    if db.session.execute(select(School.id).where(School.kvk_number == "90100000")).first() is not None:
        return
    if current_plan() is None:
        publish_shipped_plans()
    owner = find_user(SCHOOLS_OWNER) or create_user(SCHOOLS_OWNER, "Demo Scholenbeheer", {Role.school_owner},
                                                    by=None, password=DEMO_PASSWORD)
    rng, on = random.Random(14), add_months(today(), -26)
    years = []
    for number in range(22):
        school, certificate = _certified_school(number, owner, admin, on)
        for round_ in (1, 2):
            report = services.open_report(certificate, on=certificate.monitoring_due_on - timedelta(days=30))
            db.session.commit()
            services.save_report(report, _counts(rng, school.genres), ANSWERS, owner)
            services.submit_report(report, owner)
            if round_ == 2 and number == 3:
                services.ask_questions(report, assessor, "Bij ‘opvolging’ staan twee meldingen als ‘loopt nog’. "
                                                         "Wat is de stand van zaken?")
            else:
                services.acknowledge_report(report, assessor)
            years.append(report.year)
    services.publish_year(min(years), admin)
    _overdue_school(demo_owner, admin)


def _overdue_school(owner, admin):
    """The demo owner's school whose first report was due ten days ago (within the grace period)."""
    school = compliance.register_school(compliance.SchoolData(
        name="Dansstudio De Late Lente", kvk_number=OVERDUE_KVK, street="Lentelaan", house_number="9",
        postcode="3512 AA", city="Utrecht", school_type="dansschool", teaches_minors=True,
        genres=["modern", "urban"], age_groups=["12_15", "adults"]), by=owner)
    location = compliance.add_location(school, "Hoofdlocatie", "Lentelaan 9", "3512 AA", "Utrecht", by=owner)
    _certify(school, location, owner, admin, add_months(today(), -12) - timedelta(days=10))
    certificates.run_daily()  # opens the form and warns: the report is overdue

"""Demo reviews for `flask demo load`, built through the real services (idempotent; runs
after compliance's step, whose "Dansschool De Demo" is the submitted assessment waiting
for assignment):

- Dansstudio In Gesprek: in review by assessor1, with an open information request;
- Danscentrum Vier Ogen: recommended by assessor1, waiting for assessor2's decision;
- Dansacademie Akkoord: approved (reviewer assessor1, approver assessor2).
"""

from datetime import date

from sqlalchemy import select

import compliance.demo  # noqa: F401  (its demo step must run before ours)
from accounts.services import find_user
from compliance import services as compliance
from compliance.demo import OWNER, _fill
from compliance.models import School
from compliance.review import services
from compliance.review.models import Outcome, Relation
from core.demo import demo_step
from core.extensions import db
from standards.services import current_plan

ADMIN, REVIEWER, APPROVER = "admin@demo.dansveilig.nl", "assessor1@demo.dansveilig.nl", "assessor2@demo.dansveilig.nl"
SCHOOLS = (("90000201", "Dansstudio In Gesprek", "information_requested"),
           ("90000202", "Danscentrum Vier Ogen", "recommended"),
           ("90000203", "Dansacademie Akkoord", "approved"))


def _review(school, owner, admin, reviewer, approver, state):
    assessment = compliance.start_assessment(school, by=owner)
    _fill(assessment, owner, 1.0)
    compliance.submit_assessment(assessment, by=owner)
    services.assign_reviewer(assessment, reviewer, admin)
    for answer in assessment.answers:
        services.record_verdict(assessment, answer, reviewer, services.VerdictInput(
            "meets", "good_practice" if answer.position == 0 else None,
            "Duidelijk beschreven, met bewijs." if answer.position == 0 else "", answer.position == 0))
    if state == "information_requested":
        first = assessment.answers[0]
        services.request_information(assessment, reviewer, {
            first.id: "Kunnen jullie de notulen van het overleg met de dansers toevoegen?"})
        return
    services.recommend(assessment, reviewer, services.RecommendationInput(
        Outcome.approve, "Alle verplichte eisen voldoen; de school betrekt dansers en ouders aantoonbaar."))
    if state == "approved":
        services.approve_recommendation(assessment, approver, "Eens met het advies.")


@demo_step
def demo_reviews():
    owner, admin = find_user(OWNER), find_user(ADMIN)
    reviewer, approver = find_user(REVIEWER), find_user(APPROVER)
    if None in (owner, admin, reviewer, approver) or current_plan() is None:
        return
    if not services.declarations_of(approver):
        services.declare_conflict(approver, Relation.former_student, date(2012, 9, 1),
                                  organisation="Dansacademie Lucia Marthas")
    for kvk, name, state in SCHOOLS:
        if db.session.execute(select(School.id).where(School.kvk_number == kvk)).first() is not None:
            continue
        school = compliance.register_school(compliance.SchoolData(
            name=name, kvk_number=kvk, street="Reviewstraat", house_number=kvk[-1], postcode="3511 AB",
            city="Utrecht", website="https://demo.dansveilig.nl", school_type="dansschool", teaches_minors=True,
            genres=["ballet", "modern"], age_groups=["6_11", "12_15", "adults"]), by=owner)
        location = compliance.add_location(school, "Hoofdlocatie", "Reviewstraat 1", "3511 AB", "Utrecht", by=owner)
        compliance.add_room(location, "Studio 1", "glass_wall", by=owner)
        compliance.update_advisor(school, "Fatima El Amrani", "vertrouwenspersoon@demo.dansveilig.nl",
                                  "030 123 45 67", "external", by=owner)
        _review(school, owner, admin, reviewer, approver, state)


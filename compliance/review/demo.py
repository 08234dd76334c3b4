"""Demo reviews for `flask demo load`, built through the real services (idempotent; runs
after compliance's step, whose "Dansschool De Demo" is the submitted assessment waiting
for assignment):

- Dansstudio In Gesprek: in review by assessor1, with an open information request;
- Danscentrum Vier Ogen: recommended by assessor1, waiting for assessor2's decision;
- Dansacademie Akkoord: approved (reviewer assessor1, approver assessor2);
- Dansschool Grote Stap: in review by assessor1, who judged one mandatory criterion a major
  nonconformity; "approve with conditions" was refused for it, so the review is still open.

The schools are made in phase 0; the reviews run in phase 1, after the registry's demo step
has linked each school's teacher (a gate before submission).
"""

from datetime import date

from sqlalchemy import select

import compliance.demo  # noqa: F401  (its demo step must run before ours)
from accounts.services import find_user
from compliance import services as compliance
from compliance.demo import OWNER, _fill
from compliance.gates import unmet_profile_gates
from compliance.models import School
from compliance.review import services
from compliance.review.errors import ReviewError
from compliance.review.models import Outcome, Relation
from core.demo import demo_step
from core.extensions import db
from standards.services import current_plan

ADMIN, REVIEWER, APPROVER = "admin@demo.dansveilig.nl", "assessor1@demo.dansveilig.nl", "assessor2@demo.dansveilig.nl"
SCHOOLS = (("90000201", "Dansstudio In Gesprek", "information_requested"),
           ("90000202", "Danscentrum Vier Ogen", "recommended"),
           ("90000203", "Dansacademie Akkoord", "approved"),
           ("90000204", "Dansschool Grote Stap", "conditions_refused"))
REFUSED_CRITERION_INDEX = 1  # the second criterion (mandatory in the plan): a major nonconformity


def _review(school, owner, admin, reviewer, approver, state):
    assessment = compliance.start_assessment(school, by=owner)
    _fill(assessment, owner, 1.0)
    compliance.submit_assessment(assessment, by=owner)
    services.assign_reviewer(assessment, reviewer, admin)
    for answer in assessment.answers:
        services.record_verdict(assessment, answer, reviewer, services.VerdictInput(
            "meets", "good_practice" if answer.position == 0 else None,
            "Duidelijk beschreven, met bewijs." if answer.position == 0 else "", answer.position == 0))
    if state == "conditions_refused":
        answer = assessment.answers[REFUSED_CRITERION_INDEX]
        services.record_verdict(assessment, answer, reviewer, services.VerdictInput(
            "does_not_meet", "major_nonconformity", "Niet iedereen heeft de gedragscode getekend, ook twee "
            "stagiairs niet die met kinderen werken.", True))
        try:
            services.recommend(assessment, reviewer, services.RecommendationInput(
                Outcome.approve_with_conditions, "Op één punt na in orde; met een verbeteractie op te lossen.",
                [services.ActionInput("Laat alle medewerkers en stagiairs de gedragscode tekenen.", None,
                                      answer.criterion_id)]))
        except ReviewError:
            pass  # refused, as the plan says: a major nonconformity is not settled by a corrective action
        return
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
def demo_review_schools():
    owner = find_user(OWNER)
    if owner is None or current_plan() is None:
        return
    for kvk, name, _state in SCHOOLS:
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


@demo_step(phase=1)
def demo_reviews():
    owner, admin = find_user(OWNER), find_user(ADMIN)
    reviewer, approver = find_user(REVIEWER), find_user(APPROVER)
    if None in (owner, admin, reviewer, approver) or current_plan() is None:
        return
    if not services.declarations_of(approver):
        services.declare_conflict(approver, Relation.former_student, date(2012, 9, 1),
                                  organisation="Dansacademie Lucia Marthas")
    for kvk, _name, state in SCHOOLS:
        school = db.session.execute(select(School).where(School.kvk_number == kvk)).scalar_one_or_none()
        if school is None or school.assessments or unmet_profile_gates(school, current_plan()):
            continue
        _review(school, owner, admin, reviewer, approver, state)

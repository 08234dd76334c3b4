"""The self-assessment shows, on the domain with the plan's teacher criteria, each linked
teacher's registry status, and flags teachers of minors without an active registration."""


from certification.teachers.services import link_teacher
from core.dates import today
from tests.certification.teachers.factories import make_teacher
from tests.compliance.factories import make_assessment, owner_of
from tests.kit import log_in


def test_teacher_domain_lists_linked_teachers_and_flags_minors_without_registration(client):
    assessment = make_assessment()
    owner = owner_of(assessment.school)
    pending = make_teacher(first_name="Pim", last_name="Pending")
    link_teacher(assessment.school, pending.registration_number, "Balletdocent", True, today(), by=owner)
    log_in(client, owner)

    body = client.get(f"/zelfevaluaties/{assessment.id}/domein/D").get_data(as_text=True)
    assert 'id="school-teachers-heading"' in body
    assert "Pim Pending" in body and pending.registration_number in body
    assert "Geeft les aan minderjarigen zonder actieve registratie." in body

    other_domain = client.get(f"/zelfevaluaties/{assessment.id}/domein/A").get_data(as_text=True)
    assert 'id="school-teachers-heading"' not in other_domain

"""Each role lands on its home after logging in, and the home names what to do next,
each with a link to where it is done."""

from accounts.models import Role
from compliance.review import services as review
from tests.certification.certificates import factories as certs
from tests.certification.teachers import factories as tf
from tests.compliance import factories as cf
from tests.compliance.review import factories as rf
from tests.kit import DEFAULT_PASSWORD, log_in, make_user


def test_login_lands_on_the_home_not_the_public_page(app, client):
    user = make_user(roles=(Role.teacher,))
    response = client.post("/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.headers["Location"].endswith("/start")


def test_login_from_a_protected_page_says_why_and_goes_back_there(app, client):
    page = client.get("/beheer/gebruikers", follow_redirects=True)
    assert "Log in om deze pagina te zien." in page.get_data(as_text=True)
    user = make_user(roles=(Role.admin,))
    response = client.post("/login?next=/beheer/gebruikers", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.headers["Location"].endswith("/beheer/gebruikers")


def test_a_teacher_without_registration_is_told_the_second_form_waits(app, client):
    cf.published_plan()
    log_in(client, make_user(roles=(Role.teacher,)))
    html = client.get("/start").get_data(as_text=True)
    assert "nog niet in het docentenregister" in html
    assert 'href="/docent"' in html


def test_a_teacher_sees_status_and_what_is_missing(app, client):
    tf.published_plan()
    teacher = tf.make_teacher()
    log_in(client, teacher.user)
    html = client.get("/start").get_data(as_text=True)
    assert teacher.registration_number in html
    assert "Voeg een diploma of certificaat toe" in html


def test_a_school_owner_sees_progress_and_a_link_to_the_first_missing_criterion(app, client):
    cf.published_plan()
    owner = cf.make_owner()
    assessment = cf.make_assessment(owner=owner)
    first = assessment.answers[0].criterion
    log_in(client, owner)
    html = client.get("/start").get_data(as_text=True)
    assert assessment.school.name in html
    assert f"Nog {len(assessment.answers)} eisen te doen" in html
    assert f"/domein/{first.domain.code}#criterion-{first.code}" in html
    assert f"/scholen/{assessment.school_id}/docenten" in html


def test_a_school_owner_sees_an_open_question_and_the_certificate(app, client):
    assessment, reviewer = rf.in_review()
    owner = cf.owner_of(assessment.school)
    answer = assessment.answers[0]
    review.request_information(assessment, reviewer, {answer.id: "Hoe vaak gebeurt dit?"})
    log_in(client, owner)
    html = client.get("/start").get_data(as_text=True)
    assert f"Een beoordelaar heeft een vraag bij {answer.criterion.code}" in html


def test_certificate_expiry_shows_for_its_school(app, client):
    certificate = certs.issue()
    owner = cf.owner_of(certificate.school)
    log_in(client, owner)
    html = client.get("/start").get_data(as_text=True)
    assert certificate.number in html and "geldig tot" in html


def test_assessor_and_admin_see_their_queues(app, client):
    assessment, reviewer = rf.in_review()
    log_in(client, reviewer)
    html = client.get("/start").get_data(as_text=True)
    assert assessment.school.name in html and f"/beoordelen/{assessment.id}" in html
    client.post("/logout")
    submitted = rf.submitted_assessment()
    admin = rf.make_admin()
    log_in(client, admin)
    html = client.get("/start").get_data(as_text=True)
    assert f"Ingediend door {submitted.school.name}" in html


def test_a_user_with_several_roles_sees_each_part(app, client):
    cf.published_plan()
    user = make_user(roles=(Role.teacher, Role.school_owner, Role.assessor))
    log_in(client, user)
    html = client.get("/start").get_data(as_text=True)
    for heading in ("Mijn scholen", "Mijn registratie als docent", "Beoordelen"):
        assert heading in html


def test_the_home_runs_a_fixed_number_of_queries(app, client):
    from sqlalchemy import event

    from core.extensions import db

    cf.published_plan()
    owner = cf.make_owner()
    cf.make_assessment(owner=owner)
    log_in(client, owner)

    def count():
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/start").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    one = count()
    for _ in range(3):
        cf.make_assessment(cf.make_school(owner), owner)
    assert count() == one


def test_a_monitor_is_led_to_the_sector_figures_and_nothing_per_school(app, client):
    log_in(client, make_user(roles=(Role.monitor,)))
    page = client.get("/start").get_data(as_text=True)
    assert 'href="/sectorcijfers"' in page and 'href="/cijfers"' in page
    assert "Mijn scholen" not in page and "Beoordelen</h2>" not in page

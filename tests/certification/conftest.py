"""A registered teacher and two admins for the sanctions and cases tests (the teacher and
certificate tests define their own `plan`, `active` and admins, closer to them)."""

import pytest

from accounts.models import Role
from tests.certification.teachers import factories
from tests.kit import make_user


@pytest.fixture
def plan(app):
    return factories.published_plan()


@pytest.fixture
def active(plan):
    from core.mail import send_pending

    factories.code_version()
    teacher = factories.active_teacher(first_name="Noor", last_name="Visser")
    send_pending()  # the "you are active" mail goes before the test's mailbox opens
    return teacher


@pytest.fixture
def admin(app):
    return make_user(roles=(Role.admin,), name="Anouk Admin")


@pytest.fixture
def second_admin(app):
    return make_user(roles=(Role.admin,), name="Bas Beheerder")

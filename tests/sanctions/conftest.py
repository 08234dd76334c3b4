import pytest

from accounts.models import Role
from tests.certification import factories
from tests.kit import make_user


@pytest.fixture(autouse=True)
def _own_evidence_dir(evidence_dir):
    return evidence_dir


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


def sent_to(mailbox, address):
    from core.mail import send_pending

    send_pending()
    return [message for message in mailbox if message["To"] == address]


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()

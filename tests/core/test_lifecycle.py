"""The one lifecycle mechanism: a transition table on the model, `transition()` that guards,
stamps and audits, and `may()` / `allowed_actions()` for pages."""

import enum
from datetime import datetime

import pytest
from sqlalchemy import select, update

from certification.certificates.models import Certificate, CertificateStatus
from compliance.errors import InvalidTransition
from compliance.models import Assessment, AssessmentStatus
from compliance.review.models import CorrectiveAction, Outcome
from core.dates import today
from core.extensions import db
from core.lifecycle import Lifecycle, StaleState, allowed_actions, guard, may, transition
from core.models import AuditEvent
from reporting.models import MonitoringReport
from tests.compliance.factories import published_plan
from tests.compliance.review import factories as rf


class Door(enum.Enum):
    shut = "shut"
    open = "open"
    locked = "locked"


class Refused(Exception):
    pass


class Gate:
    """A plain record with a lifecycle: the mechanism needs no table of its own."""

    __tablename__ = "gate"
    lifecycle = Lifecycle(
        {(Door.shut, "open"): Door.open, (Door.open, "close"): Door.shut, (Door.shut, "lock"): Door.locked},
        events={"open": "gate.opened", "close": "gate.closed", "lock": None},
        refuse=lambda gate, action: Refused(f"{action}: the gate is {gate.status.value}"),
        changed_at="changed_at", stamps={"lock": ("locked_at", "locked_by_id")},
        audit_details=lambda gate: {"colour": "green"},
        activities={"paint": frozenset({Door.shut, Door.open})})

    def __init__(self, status=Door.shut):
        self.id, self.status = 7, status
        self.changed_at = self.locked_at = self.locked_by_id = None


@pytest.fixture
def keeper(user_factory):
    return user_factory()


def _events(action="gate.%"):
    return db.session.execute(select(AuditEvent).where(AuditEvent.action.like(action))
                              .order_by(AuditEvent.id)).scalars().all()


def test_a_step_changes_the_state_stamps_it_and_writes_its_audit_event(keeper):
    gate = Gate()
    assert transition(gate, "open", keeper, reason="wind") is Door.open
    assert gate.status is Door.open and isinstance(gate.changed_at, datetime)
    [event] = _events("gate.opened")
    assert event.actor_id == keeper.id and event.object_type == "gate" and event.object_id == "7"
    assert event.details == {"colour": "green", "from": "shut", "to": "open", "reason": "wind"}


def test_a_step_the_state_does_not_allow_is_refused_naming_the_state_and_writes_nothing(keeper):
    gate = Gate(Door.locked)
    with pytest.raises(Refused, match="open: the gate is locked"):
        transition(gate, "open", keeper)
    assert gate.status is Door.locked and gate.changed_at is None and not _events()
    with pytest.raises(Refused):
        guard(gate, "open")


def test_a_step_stamps_its_own_columns_and_may_be_audited_elsewhere(keeper):
    gate = Gate()
    transition(gate, "lock", keeper, at=datetime(2026, 1, 2, 3, 4))
    assert gate.locked_at == gate.changed_at == datetime(2026, 1, 2, 3, 4) and gate.locked_by_id == keeper.id
    assert not _events()  # "lock" has no event of its own


def test_pages_ask_what_the_state_allows():
    gate = Gate()
    assert allowed_actions(gate) == ["open", "lock"]
    assert may(gate, "open") and not may(gate, "close") and may(gate, "paint")
    gate.status = Door.locked
    assert allowed_actions(gate) == [] and not may(gate, "paint")


def test_an_activity_is_not_a_step(keeper):
    with pytest.raises(Refused):
        transition(Gate(), "paint", keeper)


def test_every_action_needs_its_audit_event_declared():
    with pytest.raises(ValueError, match="lock"):
        Lifecycle({(Door.shut, "lock"): Door.locked}, events={}, refuse=lambda *_: Refused())


@pytest.mark.parametrize("model", [Assessment, Certificate, CorrectiveAction, MonitoringReport])
def test_the_models_declare_their_lifecycle(model):
    lifecycle = model.lifecycle
    states = {state for pair in lifecycle.table.items() for state in (pair[0][0], pair[1])}
    enum_type = type(next(iter(states)))
    assert states == set(enum_type), "every state is reached or left by some step"


def test_the_assessment_table():
    table, S = Assessment.lifecycle.successors, AssessmentStatus
    assert table(S.draft) == {S.submitted, S.withdrawn}
    assert table(S.recommended) == {S.approved, S.rejected, S.in_review}
    assert not table(S.approved) and not table(S.rejected) and not table(S.withdrawn)


def test_the_certificate_table_and_its_refusal():
    certificate = Certificate(status=CertificateStatus.revoked)
    assert allowed_actions(certificate) == []
    with pytest.raises(Exception, match="ingetrokken"):
        guard(certificate, "reinstate")
    assert Certificate.lifecycle.clock() == today()  # the Dutch calendar day, not the server's


def test_the_assessment_refusal_is_the_compliance_error_naming_the_state():
    with pytest.raises(InvalidTransition, match="Concept"):
        guard(Assessment(status=AssessmentStatus.draft), "approve")


@pytest.fixture
def recommended(app, evidence_dir):
    published_plan()
    return rf.recommended(Outcome.approve)[0]


def test_compare_and_set_lets_only_the_first_decision_through(recommended):
    assessment = recommended
    approver = rf.make_assessor()
    # Another approver's decision lands between this one's read and its write.
    db.session.execute(update(Assessment).where(Assessment.id == assessment.id)
                       .values(status=AssessmentStatus.rejected).execution_options(synchronize_session=False))
    with pytest.raises(StaleState):
        transition(assessment, "approve", approver, compare_and_set=True)
    db.session.rollback()
    assert db.session.get(Assessment, assessment.id).status is AssessmentStatus.recommended


def test_compare_and_set_writes_state_stamps_and_event(recommended):
    assessment = recommended
    before = assessment.status_changed_at
    approver = rf.make_assessor()
    assert transition(assessment, "send_back", approver, compare_and_set=True, note="x") is AssessmentStatus.in_review
    assert assessment.status is AssessmentStatus.in_review and assessment.status_changed_at >= before
    event = _events("assessment.sent_back")[-1]
    assert event.details["from"] == "recommended" and event.details["note"] == "x"

"""Several people manage one school: the owner invites by e-mail, the invitee accepts."""

import re

from sqlalchemy import select

from compliance.models import MemberRole, SchoolInvitation, SchoolMember
from core.extensions import db
from core.models import AuditEvent
from tests.compliance import factories
from tests.kit import log_in


def _link(mailbox, email):
    message = next(m for m in mailbox if m["To"] == email)
    body = message.get_content()
    return re.search(r"http://dansveilig\.test(/uitnodiging/\S+)", body).group(1), message


def test_the_owner_invites_someone_who_logs_in_and_accepts(client, owner, school, mailbox):
    log_in(client, owner)
    response = client.post(f"/scholen/{school.id}/beheerders", data={"email": "Hulp@Example.nl", "role": "manager"})
    assert response.status_code == 303
    path, message = _link(mailbox, "hulp@example.nl")
    assert school.name in message["Subject"]
    invitation = db.session.execute(select(SchoolInvitation)).scalar_one()
    assert path.split("/")[-1] not in invitation.token_hash  # only a hash of the secret is stored

    client.post("/logout")
    helper = factories.make_owner(email="hulp@example.nl")
    assert client.get(path).status_code == 302  # log in first
    log_in(client, helper)
    page = client.get(path)
    assert page.status_code == 200 and school.name in page.get_data(as_text=True)
    accepted = client.post(path)
    assert accepted.status_code == 303
    member = db.session.execute(select(SchoolMember).where(SchoolMember.user_id == helper.id)).scalar_one()
    assert member.role is MemberRole.manager and member.school_id == school.id
    assert client.get(f"/scholen/{school.id}/gegevens").status_code == 200
    assert client.post(path).status_code == 400  # used once
    assert "school.invitation_accepted" in db.session.scalars(select(AuditEvent.action)).all()


def test_an_invitation_works_only_for_the_address_it_was_sent_to(client, owner, school, mailbox):
    log_in(client, owner)
    client.post(f"/scholen/{school.id}/beheerders", data={"email": "hulp@example.nl", "role": "manager"})
    path, _message = _link(mailbox, "hulp@example.nl")
    client.post("/logout")
    log_in(client, factories.make_owner(email="iemand-anders@example.nl"))
    response = client.post(path)
    assert response.status_code == 400
    assert "Deze uitnodiging is gestuurd naar hulp@example.nl" in response.get_data(as_text=True)
    assert len(school.members) == 1


def test_a_tampered_or_revoked_invitation_is_refused(client, owner, school, mailbox):
    log_in(client, owner)
    client.post(f"/scholen/{school.id}/beheerders", data={"email": "hulp@example.nl", "role": "owner"})
    path, _message = _link(mailbox, "hulp@example.nl")
    assert client.get(path + "x").status_code == 400
    invitation = db.session.execute(select(SchoolInvitation)).scalar_one()
    assert client.post(f"/scholen/uitnodigingen/{invitation.id}/intrekken").status_code == 303
    client.post("/logout")
    log_in(client, factories.make_owner(email="hulp@example.nl"))
    response = client.get(path)
    assert response.status_code == 400 and "is al gebruikt" in response.get_data(as_text=True)


def test_only_an_owner_invites_and_the_last_owner_stays(client, owner, school):
    manager = factories.make_owner()
    db.session.add(SchoolMember(school_id=school.id, user_id=manager.id, role=MemberRole.manager))
    db.session.commit()
    log_in(client, manager)
    assert client.get(f"/scholen/{school.id}/beheerders").status_code == 200
    assert client.post(f"/scholen/{school.id}/beheerders", data={"email": "x@example.nl", "role": "manager"}
                       ).status_code == 403
    client.post("/logout")
    log_in(client, owner)
    own = db.session.execute(select(SchoolMember).where(SchoolMember.user_id == owner.id)).scalar_one()
    response = client.post(f"/scholen/beheerders/{own.id}/verwijderen", follow_redirects=True)
    assert "Een school heeft altijd een eigenaar" in response.get_data(as_text=True)
    member = db.session.execute(select(SchoolMember).where(SchoolMember.user_id == manager.id)).scalar_one()
    assert client.post(f"/scholen/beheerders/{member.id}/verwijderen").status_code == 303
    assert [m.user_id for m in db.session.scalars(select(SchoolMember))] == [owner.id]


def test_one_owner_runs_several_schools(owner_client, owner):
    first, second = factories.make_school(owner, name="Eerste school"), factories.make_school(owner, name="Tweede")
    page = owner_client.get("/scholen").get_data(as_text=True)
    assert "Eerste school" in page and "Tweede" in page
    assert owner_client.get(f"/scholen/{second.id}/gegevens").status_code == 200
    assert first.id != second.id

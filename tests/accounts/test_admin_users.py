import re

from sqlalchemy import select

from accounts.models import Role, User
from core.extensions import db


def test_admin_creates_an_assessor_who_sets_a_password_by_mail(client, login, mailbox):
    login(Role.admin)
    response = client.post("/beheer/gebruikers", data={"name": "Bea Beoordelaar", "email": "bea@alliantie.nl",
                                                       "roles": ["assessor"], "locale": "nl"})
    assert response.status_code == 302
    user = db.session.execute(select(User).where(User.email == "bea@alliantie.nl")).scalar_one()
    assert user.roles == {Role.assessor}
    assert mailbox[0]["To"] == "bea@alliantie.nl"
    link = re.search(r"http://dansveilig\.test(/wachtwoord-herstellen/\S+)", mailbox[0].get_content()).group(1)
    client.post("/logout")
    assert client.post(link, data={"password": "bea's own secret", "confirm": "bea's own secret"}).status_code == 302
    assert client.post("/login", data={"email": "bea@alliantie.nl", "password": "bea's own secret"}).status_code == 302


def test_admin_page_refuses_duplicate_and_missing_roles(client, login, user_factory):
    admin = login(Role.admin)
    response = client.post("/beheer/gebruikers", data={"name": "X", "email": admin.email, "roles": ["assessor"]})
    assert response.status_code == 400
    assert "Er is al een account" in response.get_data(as_text=True)
    response = client.post("/beheer/gebruikers", data={"name": "X", "email": "x@example.nl"})
    assert response.status_code == 400
    assert "Kies minstens één rol" in response.get_data(as_text=True)


def test_admin_changes_roles_and_blocks_but_not_themselves(client, login, user_factory):
    admin = login(Role.admin)
    other = user_factory(roles=(Role.teacher,))
    client.post(f"/beheer/gebruikers/{other.id}/rollen", data={"roles": ["teacher", "assessor"]})
    db.session.refresh(other)
    assert other.roles == {Role.teacher, Role.assessor}
    response = client.post(f"/beheer/gebruikers/{admin.id}/blokkeren", follow_redirects=True)
    assert "eigen account niet blokkeren" in response.get_data(as_text=True)
    response = client.post(f"/beheer/gebruikers/{admin.id}/rollen", data={"roles": ["assessor"]},
                           follow_redirects=True)
    assert "eigen beheerdersrol niet afnemen" in response.get_data(as_text=True)
    client.post(f"/beheer/gebruikers/{other.id}/blokkeren")
    db.session.refresh(other)
    assert other.is_enabled is False


def test_non_admins_cannot_manage_users(client, login):
    login(Role.assessor)
    assert client.get("/beheer/gebruikers").status_code == 403
    response = client.post("/beheer/gebruikers", data={"name": "X", "email": "x@example.nl", "roles": ["admin"]})
    assert response.status_code == 403
    assert db.session.execute(select(User).where(User.email == "x@example.nl")).first() is None


def test_cli_creates_an_admin(runner):
    result = runner.invoke(args=["users", "create-admin", "baas@alliantie.nl", "--password", "a long password"])
    assert result.exit_code == 0, result.output
    user = db.session.execute(select(User).where(User.email == "baas@alliantie.nl")).scalar_one()
    assert user.roles == {Role.admin}
    result = runner.invoke(args=["users", "create-admin", "baas@alliantie.nl", "--password", "a long password"])
    assert result.exit_code != 0 and "Er is al een account" in result.output

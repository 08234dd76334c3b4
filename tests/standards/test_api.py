"""GET /api/v1/quality-plan and /api/v1/quality-plan/<version>."""


def test_the_current_plan_as_json(client, published_plan):
    response = client.get("/api/v1/quality-plan")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.json
    assert data["code"] == "kwaliteitsplan-dans-veilig" and data["version"] == "1.0"
    assert data["title"] == {"nl": "Kwaliteitsplan Dans Veilig", "en": "Dans Veilig quality plan (Safe Dance)"}
    assert data["status"] == "published"
    assert data["rules"]["certificate_validity_months"] == 36
    assert data["rules"]["vog"]["screening_profile_minors"] == "84"
    assert [domain["code"] for domain in data["domains"]] == list("ABCDEFG")
    b1 = data["domains"][1]["criteria"][0]
    assert b1 == {
        "code": "B1",
        "title": {"nl": "Geen een-op-een situaties", "en": "No one-on-one situations"},
        "requirement": b1["requirement"],
        "guidance": b1["guidance"],
        "evidence": ["document", "minutes"],
        "mandatory": True,
        "applies_to": {"school_types": ["dansschool", "vooropleiding", "beroepsopleiding", "gezelschap",
                                        "vereniging"], "minors_only": False},
        "recommendations": ["1.3", "4.3"],
    }
    assert set(b1["requirement"]) == set(b1["guidance"]) == {"nl", "en"}
    assert data["out_of_scope"][0]["recommendation"] == "2.1"
    assert set(data["out_of_scope"][0]["reason"]) == {"nl", "en"}


def test_a_version_as_json(client, second_version):
    old = client.get("/api/v1/quality-plan/1.0")
    assert old.status_code == 200
    assert old.json["status"] == "retired" and old.json["retired_at"]
    assert old.json["rules"]["certificate_validity_months"] == 36
    assert client.get("/api/v1/quality-plan").json["version"] == "1.1"


def test_an_unknown_version_is_a_json_404(client, published_plan):
    response = client.get("/api/v1/quality-plan/9.9")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert response.json == {"error": "Versie 9.9 van het kwaliteitsplan bestaat niet."}


def test_no_plan_yet_is_a_json_404(client):
    response = client.get("/api/v1/quality-plan")
    assert response.status_code == 404
    assert "error" in response.json


def test_the_api_needs_no_login(client, published_plan):
    assert client.get("/api/v1/quality-plan/1.0").status_code == 200

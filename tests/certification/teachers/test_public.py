"""The public lookup and its API: what is shown, what never is, and bad parameters."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from accounts.models import Role
from certification.sanctions.services import confirm_revocation, impose_sanction
from certification.teachers import services
from certification.teachers.numbers import format_number
from core.extensions import db
from tests.certification.teachers import factories
from tests.kit import make_user


@pytest.fixture
def private_teacher(code):
    teacher = factories.make_teacher(first_name="Isabel", last_name="van Dongen", genres=("ballet", "jazz"),
                                     phone="06 12345678", date_of_birth=date(1988, 3, 14))
    factories.complete(teacher)
    admin = make_user(roles=(Role.admin,))
    impose_sanction(teacher, "suspended", "code_of_conduct", "Geheime reden: onderzoek naar een melding", by=admin,
                    until=services.today() + timedelta(days=40))
    school = factories.make_school(city="Zwolle", teaches_minors=True)
    services.link_teacher(school, teacher.registration_number, "Docent", True, services.today(), by=admin)
    return teacher


def _private_values(teacher):
    return ["1988", "14-03", "06 12345678", "12345678", teacher.email, "Geheime reden", "minderjarig", "minors",
            "Danslaan"]


def _without_number(text: str, teacher) -> str:
    """The answer without the (random) registration number, which may hold "1988" by chance."""
    return text.replace(teacher.registration_number, "D-number")


def test_public_page_shows_the_public_fields_and_nothing_private(client, private_teacher):
    page = client.get(f"/register/docenten/{private_teacher.registration_number}").get_data(as_text=True)
    assert "Isabel van Dongen" in page and private_teacher.registration_number in page
    assert "Geschorst" in page and "Ballet" in page
    page = _without_number(page, private_teacher)
    for value in _private_values(private_teacher):
        assert value not in page, value


def test_api_entry_has_exactly_the_public_fields(client, private_teacher):
    data = client.get(f"/api/v1/registry/teachers/{private_teacher.registration_number}").get_json()
    assert set(data) == {"registration_number", "name", "status", "until", "restriction", "reason_category",
                         "genres", "qualifications", "cpd_on_track", "vog_current", "schools", "url"}
    assert data["status"] == "suspended" and data["until"] == (services.today() + timedelta(days=40)).isoformat()
    assert data["reason_category"] == "code_of_conduct" and data["restriction"] is None
    assert data["schools"] == []  # no certificates yet: no school is publicly listed
    text = _without_number(str(data), private_teacher)
    for value in _private_values(private_teacher):
        assert value not in text, value


def test_vog_and_cpd_are_yes_or_no_never_dates(client, code):
    teacher = factories.active_teacher()
    data = client.get(f"/api/v1/registry/teachers/{teacher.registration_number}").get_json()
    assert data["vog_current"] is True and data["cpd_on_track"] is True
    vog_date = teacher.vog_records[0].issued_on.isoformat()
    assert vog_date not in str(data)
    assert vog_date not in client.get(f"/register/docenten/{teacher.registration_number}").get_data(as_text=True)


def test_a_pending_registration_is_not_public(client, teacher):
    assert client.get(f"/register/docenten/{teacher.registration_number}").status_code == 404
    assert client.get(f"/api/v1/registry/teachers/{teacher.registration_number}").status_code == 404
    assert client.get("/api/v1/registry/teachers", query_string={"q": teacher.last_name}).get_json()["total"] == 0


def test_a_wrong_check_digit_is_a_400_with_that_message(client, active):
    number = active.registration_number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    response = client.get(f"/api/v1/registry/teachers/{wrong}")
    assert response.status_code == 400 and "laatste cijfer klopt niet" in response.get_json()["error"]
    assert client.get(f"/register/docenten/{wrong}").status_code == 400
    search = client.get("/api/v1/registry/teachers", query_string={"q": wrong})
    assert search.status_code == 400 and search.get_json()["parameter"] == "q"


def test_an_unknown_number_is_a_404(client, plan):
    response = client.get(f"/api/v1/registry/teachers/{format_number('000001')}")
    assert response.status_code == 404 and response.get_json()["error"]


@pytest.mark.parametrize("params, parameter", [
    ({"per_page": "101"}, "per_page"), ({"per_page": "0"}, "per_page"), ({"per_page": "tien"}, "per_page"),
    ({"page": "0"}, "page"), ({"page": "-1"}, "page"), ({"page": "1.5"}, "page"), ({"page": "999999"}, "page"),
    ({"genre": "breakdance"}, "genre"), ({"status": "pending"}, "status"), ({"status": "actief"}, "status"),
    ({"q": "x" * 101}, "q"), ({"perpage": "10"}, "perpage"), ({"q": "D-12345678"}, "q"),
])
def test_bad_parameters_get_a_400_json(client, plan, params, parameter):
    response = client.get("/api/v1/registry/teachers", query_string=params)
    assert response.status_code == 400, params
    body = response.get_json()
    assert body["error"] and body["parameter"] == parameter


def test_bad_parameters_on_the_page_get_a_message(client, plan):
    response = client.get("/register/docenten?per_page=1000")
    assert response.status_code == 400 and "per_page" in response.get_data(as_text=True)


def test_errors_come_in_the_callers_language(client, plan):
    response = client.get("/api/v1/registry/teachers", query_string={"genre": "x", "lang": "en"})
    assert response.status_code == 400


def test_search_by_name_number_genre_status_and_paging(client, code):
    names = [("Jan", "de Jong"), ("Janneke", "Smit"), ("Piet", "Jansen"), ("Émile", "Müller"), ("Esra", "Yılmaz")]
    teachers = [factories.active_teacher(first_name=first, last_name=last, genres=("ballet",) if i % 2 else ("urban",))
                for i, (first, last) in enumerate(names)]
    def search(**params):
        response = client.get("/api/v1/registry/teachers", query_string=params)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    found = search(q="jan")
    assert [item["name"] for item in found["items"]] == ["Piet Jansen", "Jan de Jong", "Janneke Smit"]  # by surname
    assert found["total"] == 3 and found["total_is_exact"] is True
    assert search(q="muller")["items"][0]["name"] == "Émile Müller"  # accents do not matter
    assert search(q="YILMAZ esra")["total"] == 1
    assert search(q=teachers[2].registration_number)["items"][0]["name"] == "Piet Jansen"
    assert search(q=teachers[2].registration_number[2:])["total"] == 1  # without the D-
    assert search(genre="ballet")["total"] == 2
    assert search(q="ballet")["total"] == 2  # genre names are words too
    admin = make_user(roles=(Role.admin,))
    confirm_revocation(impose_sanction(teachers[0], "revoked", "transgressive_behaviour",
                                       "Ernstige schending van de code", by=admin), make_user(roles=(Role.admin,)))
    assert [item["name"] for item in search(status="revoked")["items"]] == ["Jan de Jong"]
    page = search(per_page=2, page=2)
    assert page["page"] == 2 and page["per_page"] == 2 and len(page["items"]) == 2 and page["total"] == 5
    assert page["items"][0]["url"].endswith(f"/register/docenten/{page['items'][0]['registration_number']}")
    assert search(q="zzzz")["items"] == []
    assert search(q='"; DROP TABLE teacher; --')["total"] == 0  # only words reach the search


def test_a_broad_search_counts_up_to_the_cap_and_says_so(client, code, monkeypatch):
    from registry.search import teachers as registry_search

    monkeypatch.setattr(registry_search, "TOTAL_CAP", 3)
    for first in ("Anna", "Bram", "Cas", "Daan", "Eva"):
        factories.active_teacher(first_name=first, last_name="Jansen")

    def page(number):
        response = client.get("/api/v1/registry/teachers", query_string={"q": "jansen", "per_page": 2, "page": number})
        return response.get_json()

    first = page(1)
    assert (first["total"], first["total_is_exact"], len(first["items"])) == (3, False, 2)
    last = page(3)  # a partial page knows how many there are
    assert ([item["name"] for item in last["items"]], last["total"], last["total_is_exact"]) == (["Eva Jansen"], 5,
                                                                                                  True)
    beyond = page(9)
    assert beyond["items"] == [] and beyond["total_is_exact"] is False and beyond["total"] == 3
    html = client.get("/register/docenten?q=jansen&per_page=2").get_data(as_text=True)
    assert "Meer dan 3 docenten gevonden" in html and 'rel="next"' in html


def test_a_common_name_is_listed_in_name_order_page_by_page(client, code):
    for first, last in (("Bram", "Aalders"), ("Eva", "Visser"), ("Anna", "Visser"), ("Cas", "Visser"),
                        ("Daan", "de Visser"), ("Bram", "Visser"), ("Anna", "Zwart")):
        factories.active_teacher(first_name=first, last_name=last)
    names = []
    for number in (1, 2, 3):
        found = client.get("/api/v1/registry/teachers", query_string={"q": "visser", "per_page": 2, "page": number})
        names += [item["name"] for item in found.get_json()["items"]]
    assert names == ["Anna Visser", "Bram Visser", "Cas Visser", "Daan de Visser", "Eva Visser"]


def test_the_openapi_document_describes_the_api(client, plan):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/registry/teachers", "/api/v1/registry/teachers/{registration_number}"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/v1/registry/teachers"]["get"]["parameters"]}
    assert {"q", "genre", "status", "page", "per_page"} <= params


def _count_queries(app, client, url):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_a_registry_page_runs_as_many_queries_for_100_results_as_for_10(app, client, code):
    for index in range(100):
        factories.active_teacher(first_name=f"Docent{index}", last_name="Bos")
    for url in ("/register/docenten?q=bos&per_page={}", "/api/v1/registry/teachers?q=bos&per_page={}",
                "/api/v1/registry/teachers?per_page={}"):
        ten, hundred = _count_queries(app, client, url.format(10)), _count_queries(app, client, url.format(100))
        assert ten == hundred and 0 < ten <= 3, (url, ten, hundred)


def test_the_daily_job_merges_the_search_index_and_search_still_finds_everyone(client, code):
    for first in ("Anna", "Bram", "Cas", "Daan", "Eva", "Fien"):
        factories.active_teacher(first_name=first, last_name="Visser")
    def index_pieces():
        return db.session.execute(db.text("SELECT count(*) FROM teacher_search_fts_data")).scalar_one()

    def vacuumed_since(moment):  # PostgreSQL: the term table was vacuumed after `moment`
        return db.session.execute(db.text("SELECT coalesce(last_vacuum >= :moment, false) FROM pg_stat_user_tables "
                                          "WHERE relname = 'teacher_search_terms'"), {"moment": moment}).scalar_one()

    sqlite = db.engine.dialect.name == "sqlite"
    before = index_pieces() if sqlite else db.session.execute(db.text("SELECT now()")).scalar_one()
    db.session.commit()
    if not sqlite:
        assert not vacuumed_since(before)
        db.session.commit()
    services.run_daily()
    if sqlite:
        assert index_pieces() < before  # each change had added a segment; now they are one
    else:
        assert vacuumed_since(before)
    found = client.get("/api/v1/registry/teachers", query_string={"q": "visser"}).get_json()
    assert found["total"] == 6 and found["items"][0]["name"] == "Anna Visser"

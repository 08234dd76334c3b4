"""A one-letter search means the same on SQLite and PostgreSQL: the names (and other words)
that start with it, never the index's hidden filter words."""

from tests.certification.certificates import factories as certificate_factories
from tests.certification.teachers import factories


def _names(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return sorted(item["name"] for item in response.get_json()["items"])


def test_x_finds_the_teachers_whose_names_start_with_x_and_nobody_else(client, code):
    factories.active_teacher(first_name="Xander", last_name="Bos")
    factories.active_teacher(first_name="Anna", last_name="Smit")
    factories.active_teacher(first_name="Sara", last_name="Xu")
    assert _names(client, "/api/v1/registry/teachers?q=x") == ["Sara Xu", "Xander Bos"]
    assert _names(client, "/api/v1/registry/teachers?q=a") == ["Anna Smit"]
    assert _names(client, "/api/v1/registry/teachers?q=xs") == []  # not the status words inside the index
    assert _names(client, "/api/v1/registry/teachers?q=xg") == []


def test_x_finds_no_school_without_such_a_word(client, plan):
    certificate_factories.issue(name="Balletschool Utrecht", city="Utrecht")
    certificate_factories.issue(name="Xtra Dans", city="Zeist")
    assert _names(client, "/api/v1/registry/schools?q=x") == ["Xtra Dans"]
    assert _names(client, "/api/v1/registry/schools?q=xc") == []

"""The school register's search index follows the schools: exact name order however the
schools came in, renamed schools move, locations make their cities findable, a new
certificate replaces the old number, and the teacher register hears of a school's new city."""

import dataclasses
import random

import pytest

from certification.teachers import services as teacher_services
from compliance import services as compliance
from core.extensions import db
from registry.search import schools as school_search
from tests.certification.certificates import factories
from tests.certification.teachers import factories as teacher_factories

NAMES = ["Dansschool Tango", "Dansschool Arabesque", "dansschool Beweging", "Dansschool Élan", "Dansschool Plié",
         "Dansschool Pirouette 2", "Dansschool Pirouette 10", "Balletstudio Zwaan", "Studio Ritme"]
IN_ORDER = ["Balletstudio Zwaan", "Dansschool Arabesque", "dansschool Beweging", "Dansschool Élan",
            "Dansschool Pirouette 10", "Dansschool Pirouette 2", "Dansschool Plié", "Dansschool Tango", "Studio Ritme"]


def _names(client, query=""):
    response = client.get(f"/api/v1/registry/schools{query}")
    assert response.status_code == 200, response.json
    return [item["name"] for item in response.json["items"]]


def _approved():
    """A certified school's changes to what its certificate states wait for an admin (issue 12)."""
    admin = factories.make_admin()
    for change in compliance.pending_changes():
        compliance.approve_change(change, by=admin)


def _edit(school, **changes):
    fields = {field.name: getattr(school, field.name) for field in dataclasses.fields(compliance.SchoolData)}
    compliance.update_school(school, compliance.SchoolData(**(fields | changes)), by=school.members[0].user)
    _approved()


@pytest.mark.parametrize("gap", [school_search.GAP, 2])  # 2: no room between neighbours, keys are spaced out
def test_the_register_lists_schools_in_name_order_however_they_came_in(client, plan, monkeypatch, gap):
    monkeypatch.setattr(school_search, "GAP", gap)
    for name in random.Random(gap).sample(NAMES, len(NAMES)):
        factories.issue(name=name)
    assert _names(client) == IN_ORDER
    first, second = _names(client, "?per_page=4"), _names(client, "?per_page=4&page=2")
    assert first + second == IN_ORDER[:8]
    assert _names(client, "?q=dansschool&per_page=3&page=2") == IN_ORDER[4:7]
    beyond = client.get("/api/v1/registry/schools?q=dansschool&per_page=3&page=9").json
    assert beyond["items"] == [] and beyond["total"] == 7


def test_a_renamed_school_moves_and_is_found_by_its_new_name(client, plan):
    for name in ("Studio Ritme", "Dansschool Tango"):
        factories.issue(name=name)
    zwaan = factories.issue(name="Balletstudio Zwaan").school
    _edit(zwaan, name="Urban Zwaan")
    assert _names(client) == ["Dansschool Tango", "Studio Ritme", "Urban Zwaan"]
    assert _names(client, "?q=urban") == ["Urban Zwaan"] and _names(client, "?q=balletstudio") == []


def test_a_location_makes_its_city_findable_until_it_is_removed(client, plan):
    school = factories.issue(name="Dansschool Tango", city="Utrecht", locations=(("Zaal", "Utrecht"),)).school
    assert _names(client, "?q=zeist") == [] and _names(client, "?city=Zeist") == []
    compliance.add_location(school, "Studio Zeist", "Slotlaan 1", "3701 AB", "Zeist", by=school.members[0].user)
    assert _names(client, "?q=zeist") == []  # waits for an admin
    _approved()
    assert _names(client, "?q=zeist") == ["Dansschool Tango"] == _names(client, "?city=zeist")
    location = next(item for item in school.locations if item.city == "Zeist")
    compliance.remove_location(location, by=school.members[0].user)
    _approved()
    assert _names(client, "?q=zeist") == []


def test_the_city_filter_is_the_whole_city_not_a_prefix(client, plan):
    factories.issue(name="Dansschool Tango", city="Den Haag", locations=(("Zaal", "Den Haag"),))
    factories.issue(name="Studio Ritme", city="Den Helder", locations=(("Zaal", "Den Helder"),))
    assert _names(client, "?city=den%20haag") == ["Dansschool Tango"]
    assert _names(client, "?city=den") == []
    assert _names(client, "?q=den") == ["Dansschool Tango", "Studio Ritme"]


def test_a_certificate_number_is_found_whole_compact_or_by_its_serial(client, plan):
    certificate = factories.issue(name="Dansschool Tango")
    factories.issue(name="Studio Ritme")
    year, serial = certificate.number.split("-")[1:]
    for query in (certificate.number, certificate.number.lower(), f"DV{year}{serial}", serial):
        assert _names(client, f"?q={query}") == ["Dansschool Tango"], query


def test_a_new_certificate_replaces_the_old_number(client, plan):
    first = factories.issue(name="Dansschool Tango")
    renewed = factories.issue(assessment=factories.approved_assessment(school=first.school))
    assert _names(client, f"?q={renewed.number}") == ["Dansschool Tango"]
    assert _names(client, f"?q={first.number}") == []
    item = client.get("/api/v1/registry/schools").json["items"][0]
    assert item["certificate"]["number"] == renewed.number


def test_rebuilding_the_index_lists_the_same_schools(client, plan):
    for name in NAMES[:5]:
        factories.issue(name=name, locations=(("Zaal", "Zeist"),))
    queries = ["", "?q=dansschool", "?city=zeist", "?q=plie", "?per_page=2&page=2"]
    before = [_names(client, query) for query in queries]
    assert school_search.rebuild_index(db.session.connection()) == 5
    db.session.commit()
    assert [_names(client, query) for query in queries] == before


def test_a_schools_new_city_reaches_the_teacher_register(client, plan):
    teacher_factories.code_version()
    teacher = teacher_factories.active_teacher(first_name="Isabel", last_name="van Dongen")
    school = factories.make_school(name="Dansschool Tango", city="Utrecht", teacher=False)
    teacher_services.link_teacher(school, teacher.registration_number, "Docent", True, teacher_services.today(),
                                  by=factories.make_admin())
    factories.issue(factories.approved_assessment(school))

    def found(city):
        return [item["name"] for item in client.get(f"/api/v1/registry/teachers?q={city}").json["items"]]

    assert found("utrecht") == ["Isabel van Dongen"] and found("houten") == []
    _edit(school, city="Houten")
    assert found("houten") == ["Isabel van Dongen"] and found("utrecht") == []

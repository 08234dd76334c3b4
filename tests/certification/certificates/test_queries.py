"""No N+1: the register, its API and the admin list run the same number of queries for 2
schools as for 12."""

from tests.certification.certificates import factories
from tests.compliance.test_queries import count_queries
from tests.kit import log_in


def _queries(client, url) -> int:
    with count_queries() as statements:
        assert client.get(url).status_code == 200, url
    return len(statements)


def test_listing_pages_do_not_grow_with_the_number_of_schools(client, plan, admin):
    for _ in range(2):
        factories.issue(locations=(("A", "Utrecht"), ("B", "Zeist")))
    log_in(client, admin)
    urls = ["/register/scholen", "/api/v1/registry/schools", "/beheer/certificaten", "/register/scholen?q=dansschool"]
    before = {url: _queries(client, url) for url in urls}
    for index in range(10):
        certificate = factories.issue(locations=(("A", "Utrecht"), ("B", "Zeist"), ("C", "Houten")))
        if index % 3 == 0:
            factories.pending_revocation(certificate)
    after = {url: _queries(client, url) for url in urls}
    assert after == before

"""A service's refusal (`DomainError`) on a form page: beside the field it names and in the
error summary at the top of the form; without a field, as a message at the top of the page."""

import html
from datetime import timedelta

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from core.dates import today
from core.errors import DomainError
from core.forms import show_error
from tests.certification.certificates import factories
from tests.kit import log_in


@pytest.fixture
def certificate(app):
    factories.published_plan()
    return factories.issue()


def test_a_service_error_lands_on_its_field_and_in_the_summary(client, certificate):
    """The certificate's admin page used a copy of the helper that left the summary alone."""
    log_in(client, factories.make_admin())
    response = client.post(f"/beheer/certificaten/{certificate.number}/schorsen", data={
        "suspend-reason_category": "administrative", "suspend-note": "KvK-gegevens kloppen niet.",
        "suspend-until": today().isoformat()})  # the form accepts the date; the service refuses it
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    message = "Kies een einddatum na vandaag, of laat het veld leeg."
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#suspend-until"' in summary and message in summary
    assert f'id="suspend-until-error">{message}</p>' in page


def test_an_error_without_a_field_is_a_message_at_the_top(client, certificate):
    log_in(client, factories.make_admin())
    data = {"suspend-reason_category": "administrative", "suspend-note": "KvK-gegevens kloppen niet.",
            "suspend-until": (today() + timedelta(days=10)).isoformat()}
    assert client.post(f"/beheer/certificaten/{certificate.number}/schorsen", data=data).status_code == 303
    response = client.post(f"/beheer/certificaten/{certificate.number}/schorsen", data=data)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "Alleen een geldig certificaat kan worden geschorst." in page


class _Form(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Naam")


def test_the_helper_adds_to_the_field_or_flashes(app):
    with app.test_request_context("/", method="POST", data={"name": "x"}):
        form = _Form()
        form.validate()
        show_error(form, DomainError("Die naam bestaat al.", field="name"))
        assert form.errors == {"name": ["Die naam bestaat al."]}
        show_error(form, DomainError("Dat kan nu niet."))
        show_error(form, DomainError("Onbekend veld.", field="elders"))
        show_error(None, DomainError("Geen formulier."))
        assert get_flashed_messages() == ["Dat kan nu niet.", "Onbekend veld.", "Geen formulier."]
        assert form.errors == {"name": ["Die naam bestaat al."]}

"""The report in the browser: a school member fills it in and submits, a refusal keeps what was
typed and says what to remove, an assessor acknowledges; the monitor sees the figures with
charts and downloads them; the public sees only published years, on /cijfers and in the API."""

import csv
import io

import pytest
from openpyxl import load_workbook

from core.extensions import db
from reporting import services
from reporting.models import ReportStatus
from tests.kit import log_in
from tests.reporting import factories


def _form(report, **extra):
    data = {"genre-verbal-urban": "2", "channel-verbal-advisor": "2", "follow_up-verbal-handled": "2",
            **factories.ANSWERS}
    data.update(extra)
    return data


def test_a_school_files_its_report_and_an_assessor_acknowledges_it(client, app):
    report = factories.open_report(genres=["urban"])
    log_in(client, factories.owner_of(report.school))
    page = client.get(f"/scholen/{report.school_id}/jaarverslagen").get_data(as_text=True)
    assert "Verslag invullen" in page
    assert client.post(f"/jaarverslagen/{report.id}", data=_form(report)).status_code == 302
    page = client.get(f"/jaarverslagen/{report.id}").get_data(as_text=True)
    assert 'value="2"' in page and "Verslag indienen" in page
    assert client.post(f"/jaarverslagen/{report.id}/indienen").status_code == 302
    db.session.expire_all()
    assert report.status is ReportStatus.submitted
    client.post("/logout")
    log_in(client, factories.make_assessor())
    assert report.school.name in client.get("/jaarverslagen").get_data(as_text=True)
    client.post(f"/jaarverslagen/{report.id}/akkoord")
    db.session.expire_all()
    assert report.status is ReportStatus.acknowledged
    assert "Bewaren" not in client.get(f"/jaarverslagen/{report.id}").get_data(as_text=True)


def test_a_refused_save_says_what_to_remove_and_keeps_what_was_typed(client, app):
    report = factories.open_report(genres=["urban"])
    log_in(client, factories.owner_of(report.school))
    response = client.post(f"/jaarverslagen/{report.id}", data=_form(
        report, advisor_themes="Bel 06-12345678 voor meer", **{"follow_up-verbal-handled": "1"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "telefoonnummer" in page and "kloppen niet" in page
    assert "Bel 06-12345678 voor meer" in page  # kept, so nothing typed is lost
    db.session.expire_all()
    assert report.counts == []


def test_the_monitor_sees_the_figures_with_charts_and_downloads_them(client, app):
    factories.submitted_report(genres=["urban"])
    factories.submitted_report(factories.filled_counts("physical", "ballet", "teacher", "referred", n=9),
                               genres=["ballet"], school_type="vooropleiding")
    log_in(client, factories.make_monitor())
    page = client.get("/sectorcijfers").get_data(as_text=True)
    assert "<svg" in page and "<title" in page and "<desc" in page and "&lt; 5" in page
    year = factories.submitted_report().year
    csv_text = client.get(f"/sectorcijfers/{year}.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))
    assert {"< 5"} & {row["waarde"] for row in rows}
    assert not any(row["waarde"] in {"1", "2", "3", "4"} for row in rows)
    book = load_workbook(io.BytesIO(client.get(f"/sectorcijfers/{year}.xlsx").data))
    assert len(book.sheetnames) >= 4
    pdf = client.get(f"/sectorcijfers/{year}.pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.mimetype == "application/pdf"


def test_the_public_sees_only_published_years(client, app):
    report = factories.submitted_report()
    assert client.get("/api/v1/sector/figures").get_json() == {"years": []}
    assert client.get(f"/api/v1/sector/figures?year={report.year}").status_code == 404
    assert client.get("/api/v1/sector/figures?year=20x6").status_code == 400
    assert "nog geen jaarcijfers" in client.get("/cijfers").get_data(as_text=True)
    services.publish_year(report.year, factories.make_admin())
    body = client.get(f"/api/v1/sector/figures?year={report.year}").get_json()
    assert body["year"] == report.year and body["suppressed_below"] == 5
    table = next(t for t in body["tables"] if t["name"] == "reports_by_kind_genre")
    assert set(table) == {"name", "title", "unit", "rows", "columns", "cells", "row_totals", "column_totals"}
    assert table["cells"] == [[None]]  # two reports at one school: never shown
    assert "&lt; 5" in client.get("/cijfers").get_data(as_text=True)
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/sector/figures" in paths


@pytest.mark.parametrize("role", ["school_owner", "teacher"])
def test_only_monitors_and_admins_see_the_figures(client, app, role):
    from accounts.models import Role
    from tests.kit import make_user

    log_in(client, make_user(roles=(Role(role),)))
    assert client.get("/sectorcijfers").status_code == 403

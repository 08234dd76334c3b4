"""The school exports its own assessment as PDF and XLSX."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

from compliance import services
from tests.compliance import factories


def _answer_first(assessment, narrative):
    answer = assessment.answers[0]
    services.save_answer(answer, factories.owner_of(assessment.school), services.AnswerInput(
        rating=3, narrative=narrative, uploads=[services.Upload("gedragscode.pdf", factories.pdf_bytes())],
        link_url="https://plie.example.nl/code", link_title="Gedragscode online"))
    return answer


def test_the_pdf_export_holds_the_school_and_its_answers(owner_client, assessment):
    _answer_first(assessment, "Samen met de dansersraad opgesteld & besproken <b>elk jaar</b>.")
    response = owner_client.get(f"/zelfevaluaties/{assessment.id}/export.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert assessment.school.name in text
    assert "dansersraad opgesteld & besproken <b>elk jaar</b>" in text.replace("\n", " ")
    assert "gedragscode.pdf" in text and "A1" in text


def test_the_xlsx_export_has_a_row_per_criterion_and_no_formulas(owner_client, assessment):
    _answer_first(assessment, "=HYPERLINK(\"http://evil.example\",\"klik\")")
    response = owner_client.get(f"/zelfevaluaties/{assessment.id}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook["Zelfevaluatie"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Domein", "Code", "Eis")
    assert len(rows) == 1 + len(assessment.answers)
    first = rows[1]
    assert first[1] == "A1" and first[4] == 3
    assert first[5] == "'=HYPERLINK(\"http://evil.example\",\"klik\")"  # neutralised: a leading apostrophe
    assert sheet.cell(row=2, column=6).data_type == "s"  # text, not a formula
    assert first[6] == "gedragscode.pdf" and first[7] == "https://plie.example.nl/code"
    profile = dict(workbook["School"].iter_rows(values_only=True))
    assert profile["School"] == assessment.school.name and profile["KvK-nummer"] == assessment.school.kvk_number


def test_an_admin_can_export_too_but_another_owner_cannot(client, login, assessment):
    from accounts.models import Role

    login(Role.admin)
    assert client.get(f"/zelfevaluaties/{assessment.id}/export.xlsx").status_code == 200
    client.post("/logout")
    login(factories.make_owner())
    assert client.get(f"/zelfevaluaties/{assessment.id}/export.xlsx").status_code == 403

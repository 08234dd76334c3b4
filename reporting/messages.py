"""The texts of the annual cycle's in-app messages (added to notifications' list)."""

from flask_babel import lazy_gettext as _l

from notifications import TEXTS

TEXTS.update({
    "report_questions": _l("De alliantie heeft vragen bij het jaarverslag %(year)s van %(school)s. Beantwoord ze en "
                           "dien het verslag opnieuw in."),
})

"""What the people on the other side of a decision are told: the texts of their in-app
messages (added to notifications' list) and how to object."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from notifications import TEXTS

TEXTS.update({
    "sanction_imposed": _l("De alliantie heeft een besluit genomen over je registratie %(number)s. Lees wat het "
                           "inhoudt en hoe je bezwaar maakt in de e-mail die we je stuurden."),
    "sanction_lifted": _l("De maatregel op je registratie %(number)s is opgeheven."),
    "certificate_suspended": _l("Het certificaat %(number)s is geschorst. Lees waarom en hoe je bezwaar maakt in de "
                                "e-mail die we stuurden."),
    "certificate_revoked": _l("Het certificaat %(number)s is ingetrokken. Lees waarom en hoe je bezwaar maakt in de "
                              "e-mail die we stuurden."),
    "certificate_reinstated": _l("Het certificaat %(number)s is weer geldig."),
    "case_reported": _l("%(school)s meldt de alliantie een ernstige zaak over een geregistreerde docent."),
})


def objection_terms() -> dict:
    """How to object: where to, and within how many weeks (the Dutch Awb term is six)."""
    config = current_app.config
    return {"address": config.get("OBJECTION_ADDRESS", "bezwaar@dansveilig.nl"),
            "weeks": int(config.get("OBJECTION_WEEKS", 6))}

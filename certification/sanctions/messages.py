"""What the people on the other side of a decision are told: the texts of their in-app
messages (added to notifications' list); how to object is `certification.due_process`."""

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


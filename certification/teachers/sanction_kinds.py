"""What a sanction on a registration can say in public: the named restriction and the
category of its reason (the details stay in an internal note). The categories follow the
registers the sector looks to (the US Center for SafeSport's disciplinary database, the
Dutch sport sanctions register): a category, never the story."""

import enum

from flask_babel import lazy_gettext as _l


class Restriction(enum.Enum):
    no_minors = "no_minors"
    supervised_only = "supervised_only"
    no_one_to_one = "no_one_to_one"

    @property
    def label(self) -> str:
        return str(_RESTRICTION_LABELS[self])


_RESTRICTION_LABELS = {
    Restriction.no_minors: _l("Geen les aan minderjarigen"),
    Restriction.supervised_only: _l("Alleen lesgeven onder toezicht"),
    Restriction.no_one_to_one: _l("Geen lessen één op één"),
}


class SanctionReason(enum.Enum):
    investigation = "investigation"
    code_of_conduct = "code_of_conduct"
    transgressive_behaviour = "transgressive_behaviour"
    registration_requirements = "registration_requirements"
    false_information = "false_information"
    at_teacher_request = "at_teacher_request"
    other = "other"

    @property
    def label(self) -> str:
        return str(_REASON_LABELS[self])


_REASON_LABELS = {
    SanctionReason.investigation: _l("Er loopt een onderzoek"),
    SanctionReason.code_of_conduct: _l("Schending van de gedragscode"),
    SanctionReason.transgressive_behaviour: _l("Grensoverschrijdend gedrag vastgesteld"),
    SanctionReason.registration_requirements: _l("Niet voldaan aan de eisen van de registratie"),
    SanctionReason.false_information: _l("Onjuiste gegevens verstrekt"),
    SanctionReason.at_teacher_request: _l("Op verzoek van de docent"),
    SanctionReason.other: _l("Andere reden"),
}

"""The profile's gates before a certificate: what the school's profile must hold, as the
plan's `rules.preconditions` say (recommendations 2.3, 5.1). One function,
`unmet_profile_gates(school, plan)`, used at submission, at approval, by
`issue_certificate`, and by the pages that list what is missing.

The gates on teachers belong to the teacher registry, a package above this one: it answers
the `profile_gates_requested` event (compliance.signals) with its own `Gate`s, so this
package never imports it.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from compliance.errors import ComplianceError
from compliance.signals import profile_gates_requested


@dataclass(frozen=True)
class Gate:
    """One unmet precondition: `message` says what is missing (no user input in it),
    `subject` names the thing it is about (a location, a teacher) and the link
    (`endpoint`, `values`) leads to where it is fixed."""

    code: str  # advisor | locations | rooms | teachers
    message: object
    endpoint: str
    values: dict = field(default_factory=dict)
    subject: str = ""
    button: object = ""  # a short "what to do" for a button

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else str(self.message)


class ProfileIncomplete(ComplianceError):
    """Refused because the school's profile does not meet the plan's preconditions."""

    def __init__(self, message, gates: list[Gate]):
        super().__init__(message)
        self.gates = gates


def advisor_recorded(school) -> bool:
    """A confidential advisor with a name, a way to reach them, and internal or external."""
    return bool((school.advisor_name or "").strip() and (school.advisor_email or school.advisor_phone)
                and school.advisor_kind in ("internal", "external"))


def unmet_profile_gates(school, plan) -> list[Gate]:
    """Every precondition of `plan` that `school`'s profile does not meet today, in the
    order a school would fix them."""
    rules = plan.rules.preconditions
    gates: list[Gate] = []
    if rules.confidential_advisor and not advisor_recorded(school):
        gates.append(Gate("advisor", _l("Er is geen vertrouwenspersoon vastgelegd met naam, bereikbaarheid en of "
                                        "die intern of extern is."),
                          "compliance.edit_advisor", {"school_id": school.id},
                          button=_l("Eerst de vertrouwenspersoon vastleggen")))
    if rules.locations_with_rooms:
        if not school.locations:
            gates.append(Gate("locations", _l("Er is nog geen locatie vastgelegd."), "compliance.add_location",
                              {"school_id": school.id}, button=_l("Eerst een locatie toevoegen")))
        for location in school.locations:
            if not location.rooms:
                gates.append(Gate("rooms", _l("Bij deze locatie zijn nog geen zalen beschreven."),
                                  "compliance.edit_location", {"location_id": location.id}, subject=location.name,
                                  button=_l("Eerst de zalen beschrijven")))
    for answer in profile_gates_requested.send(school, plan=plan, preconditions=rules):
        gates.extend(answer)
    return gates


def describe(gates: list[Gate]) -> str:
    return " ".join(f"{gate}." if not str(gate).endswith(".") else str(gate) for gate in gates)


def require_profile_gates(school, plan, error=ProfileIncomplete) -> None:
    """Raise `error` (message, gates) naming every unmet precondition."""
    gates = unmet_profile_gates(school, plan)
    if gates:
        # gettext, not a lazy string: the names of locations and teachers are typed by users.
        raise error(_("Het profiel van de school voldoet nog niet aan het kwaliteitsplan: %(what)s",
                      what=describe(gates)), gates)

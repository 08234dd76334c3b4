"""The text of each kind of notification, in the reader's language. Packages above add their
kinds to TEXTS and register how a parameter stored as a code is shown (`register_param_label`)."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

TEXTS = {
    "assessment_submitted": _l("Zelfevaluatie ingediend door %(school)s: wijs een beoordelaar toe."),
    "assigned": _l("Je bent beoordelaar van de zelfevaluatie van %(school)s."),
    "information_requested": lambda params: ngettext(
        "De beoordelaar vraagt om aanvulling bij %(num)d eis van %(school)s.",
        "De beoordelaar vraagt om aanvulling bij %(num)d eisen van %(school)s.", int(params["count"]),
        school=params["school"]),
    "resubmitted": _l("%(school)s heeft de gevraagde informatie aangevuld."),
    "recommendation_ready": _l("Advies over %(school)s wacht op een tweede beoordelaar."),
    "sent_back": _l("Je advies over %(school)s is teruggestuurd door de tweede beoordelaar."),
    "decision": _l("Besluit over de zelfevaluatie van %(school)s: %(decision)s."),
    "action_reported": _l("%(school)s meldt een verbeteractie als gedaan."),
    "action_due": _l("Verbeteractie van %(school)s moet af voor %(due)s."),
    "action_overdue": _l("Verbeteractie van %(school)s is over de termijn (%(due)s)."),
    "teacher_not_active": _l("De registratie van %(teacher)s, docent bij %(school)s, is niet meer actief: "
                             "%(teacher_status)s."),
    "schools_without_active_teacher": _l("%(count)s gecertificeerde scholen met les aan minderjarigen hebben geen "
                                         "actief geregistreerde docent van minderjarigen meer."),
    "change_requested": _l("%(school)s vraagt een wijziging van wat het certificaat vermeldt."),
    "change_approved": _l("De alliantie heeft de wijziging van de gegevens van %(school)s goedgekeurd."),
    "change_refused": _l("De alliantie heeft de wijziging van de gegevens van %(school)s niet goedgekeurd."),
}
# Parameters stored as a code and shown as a label in the reader's language; the package
# that owns the code registers how (`register_param_label("decision", ...)` by compliance).
_PARAM_LABELS = {}


def register_param_label(name: str, label_of) -> None:
    _PARAM_LABELS[name] = label_of


class NotificationText:
    """A notification's text, rendered when str() is called: in the locale in force then
    (queue_mail forces the recipient's). Coded parameters get their registered label."""

    def __init__(self, kind: str, params: dict, subject: bool = False):
        self.kind, self.params, self.subject = kind, params, subject

    def __str__(self) -> str:
        params = dict(self.params)
        for name, label_of in _PARAM_LABELS.items():
            if name in params:
                try:
                    params[name] = label_of(params[name])
                except ValueError:
                    pass
        text = TEXTS.get(self.kind)
        if text is None:
            return self.kind
        text = text(params) if callable(text) else str(text) % params
        return text.rstrip(".") if self.subject else text  # an e-mail subject ends without a full stop

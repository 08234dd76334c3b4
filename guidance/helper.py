"""The wegwijzer: a few questions, one per page, then the routes that fit, in order
(recommendations 2.3 and 5.4). It works without JavaScript and stores nothing: the answers
travel in the form from page to page and are gone when the browser leaves."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from compliance.vocabulary import reporting_points
from core.i18n import lazy_text
from guidance.content import Contact
from guidance.models import Audience
from guidance.services import contacts as current_contacts
from registry.schools import SchoolQuery, registry_entry, search_schools

MAX_NAME = 100
YES_NO = (("ja", _l("Ja")), ("nee", _l("Nee")))
QUESTIONS = {
    "wie": (_l("Wie ben jij?"), (("kind", _l("Een kind")), ("jongere", _l("Een danser of student")),
                                 ("ouder", _l("Een ouder of verzorger")), ("docent", _l("Een docent")),
                                 ("organisatie", _l("Iemand van een dansschool of organisatie")),
                                 ("anders", _l("Iemand anders"))), None),
    "gevaar": (_l("Is iemand nu in gevaar?"), YES_NO, None),
    "school": (_l("Gaat het over een dansschool, een dansopleiding, een dansvereniging of een docent?"),
               (*YES_NO, ("weet_niet", _l("Weet ik niet"))), None),
    "naam": (_l("Hoe heet de school?"), None,
             _l("Typ (een deel van) de naam. Weet je het niet? Laat het leeg en ga verder.")),
    "keuze": (_l("Welke school bedoel je?"), None, None),
    "doel": (_l("Wat wil je eerst?"), (("praten", _l("Eerst met iemand praten")), ("melden", _l("Het melden"))),
             None),
    "anoniem": (_l("Wil je dat niemand je naam weet?"), (*YES_NO, ("weet_niet", _l("Weet ik nog niet"))), None),
}
ORDER = tuple(QUESTIONS)
AUDIENCE_OF = {"kind": Audience.kinderen, "jongere": Audience.jongeren, "ouder": Audience.ouders,
               "docent": Audience.docenten, "organisatie": Audience.organisaties, "anders": Audience.ouders}


@dataclass
class Route:
    heading: str
    text: str
    contacts: list[Contact] = field(default_factory=list)
    school: object = None  # the school whose advisor to show


@dataclass
class HelperPage:
    step: str | None  # None: show the routes
    answers: dict
    error: str | None = None
    matches: list = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    audience: Audience | None = None

    @property
    def question(self):
        return QUESTIONS[self.step] if self.step else None

    @property
    def number(self) -> int:
        return len(self.answers) + 1


def _read(form) -> dict:
    answers = {}
    for name in ORDER:
        value = (form.get(name) or "").strip()
        if name == "naam":
            if name in form:
                answers[name] = " ".join(value.split())[:MAX_NAME]
        elif name == "keuze":
            if value == "geen" or value.isdigit():
                answers[name] = value
        elif value in {code for code, _label in QUESTIONS[name][1]}:
            answers[name] = value
    return answers


def _matches(name: str) -> list:
    if not name:
        return []
    return search_schools(SchoolQuery(q=name, per_page=8), with_cities=True).entries


def _next_step(answers: dict, matches: list) -> str | None:
    for name in ORDER:
        if name in answers:
            if name == "gevaar" and answers[name] == "ja":
                return None  # danger: the routes at once, 112 first
            continue
        if name == "naam" and answers.get("school") != "ja":
            continue
        if name == "keuze" and not matches:
            continue
        return name
    return None


def advance(form, back: bool = False) -> HelperPage:
    """The page to show after `form` was sent: the next question, the same one with an error
    when it was left unanswered, or the routes. `back` forgets the last answer."""
    answers = _read(form)
    asked = form.get("vraag")
    if back and answers:
        answers.pop(list(answers)[-1])
    matches = _matches(answers.get("naam", ""))
    step = _next_step(answers, matches)
    error = None
    if not back and asked in ORDER and asked not in answers and asked == step:
        error = _l("Kies een antwoord.")
    if step is not None:
        return HelperPage(step, answers, error, matches)
    return HelperPage(None, answers, routes=routes(answers, _school(answers)),
                      audience=AUDIENCE_OF.get(answers.get("wie")))


def _school(answers: dict):
    choice = answers.get("keuze", "")
    if not choice.isdigit():
        return None
    entry = registry_entry(int(choice))
    return entry.school if entry else None


def routes(answers: dict, school, contacts: dict[str, Contact] | None = None) -> list[Route]:
    """Where to go, most urgent first."""
    found = contacts or current_contacts()
    who, first = answers.get("wie"), answers.get("doel", "praten")
    young = who in ("kind", "jongere")
    result = []
    if answers.get("gevaar") == "ja":
        result.append(Route(_l("Bel nu 112"), _l("Bij direct gevaar komen politie, ambulance of brandweer meteen. "
                                                 "Ook als je het niet zeker weet."), [found["112"]]))
    talk = []
    if young:
        talk.append(Route(_l("Praat met iemand die je vertrouwt"),
                          _l("Bijvoorbeeld je vader of moeder, een vriend of een docent die je vertrouwt.")))
    if school is not None and school.has_advisor:
        talk.append(Route(lazy_text("De vertrouwenspersoon van %(school)s", school=school.name),
                          _l("Luistert, denkt mee en vertelt niets door zonder dat jij dat wilt."), school=school))
    else:
        talk.append(Route(_l("De vertrouwenspersoon van de school"),
                          _l("Elke school met het keurmerk heeft een vertrouwenspersoon. Je vindt de naam bij de "
                             "school in het register.")))
    if who == "kind" or (young and answers.get("anoniem") == "ja"):
        talk.append(Route(_l("Bel of chat met de Kindertelefoon"),
                          _l("Voor iedereen tot 18 jaar. Gratis, en je hoeft je naam niet te zeggen."),
                          [found["kindertelefoon"]]))
    if who in ("ouder", "docent", "organisatie", "anders"):
        talk.append(Route(_l("Vraag advies aan Veilig Thuis"),
                          _l("Bij zorgen over mishandeling of misbruik van een kind, ook als u twijfelt."),
                          [found["veilig_thuis"]]))
    points = reporting_points(school.school_type) if school is not None else None
    keys = [point["code"] for point in points] if points else ["mores", "cvsn"]
    report = [Route(_l("Melden buiten de school"),
                    _l("Een onafhankelijk meldpunt luistert, geeft advies en kan een onderzoek laten doen. "
                       "Mores is er voor scholen, opleidingen en gezelschappen; Centrum Veilige Sport "
                       "Nederland voor verenigingen."), [found[key] for key in keys]),
              Route(_l("Een strafbaar feit? De politie"),
                    _l("Aangifte doen kan niet anoniem. Je mag eerst om advies vragen."), [found["politie"]])]
    if answers.get("anoniem") == "ja":
        report[0].text = _l("Je hoeft in een eerste gesprek je naam niet te noemen. Vraag het meldpunt wat "
                             "anoniem kan.")
    result.extend(report + talk if first == "melden" else talk + report)
    if answers.get("gevaar") != "ja" and not any(found["veilig_thuis"] in r.contacts for r in result):
        result.append(Route(_l("Is het thuis niet veilig?"), _l("Bel Veilig Thuis, gratis, dag en nacht."),
                            [found["veilig_thuis"]]))
    return result

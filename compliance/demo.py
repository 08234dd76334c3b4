"""Demo schools for `flask demo load`: the demo owner runs two schools, one with a submitted
self-assessment and one with a draft that is half done, with evidence files. Idempotent.
The submission waits for phase 1, after the registry's demo step has linked a teacher."""

import functools
import io
import struct
import zlib

from sqlalchemy import select

from accounts.services import find_user
from compliance import services
from compliance.gates import unmet_profile_gates
from compliance.models import School
from core.demo import demo_step
from core.extensions import db
from standards.services import current_plan, publish_shipped_plans

OWNER = "eigenaar@demo.dansveilig.nl"
SUBMITTED_KVK, DRAFT_KVK = "90000001", "90000002"


def _pdf(title: str, lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415  (reportlab is heavy; only the demo makes PDFs here)
    from reportlab.pdfgen import canvas  # noqa: PLC0415  (as above)

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(60, 780, title)
    page.setFont("Helvetica", 11)
    for index, line in enumerate(lines):
        page.drawString(60, 750 - 18 * index, line)
    page.save()
    return buffer.getvalue()


def _png(width: int = 64, height: int = 40) -> bytes:
    """A small plain PNG, standing in for a photo of a studio's glass wall."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((91, 42, 134)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@functools.cache
def _files() -> dict[str, bytes]:
    return {
        "gedragscode.pdf": _pdf("Gedragscode Dansschool De Demo", [
            "Samen opgesteld met dansers en ouders, september 2025.",
            "1. We gaan respectvol met elkaar om.",
            "2. Aanraken alleen als het nodig is voor de les, en we vragen het vooraf.",
            "3. Geen opmerkingen over lichaam of gewicht.",
            "4. Contact via sociale media alleen in groepen met ouders erbij.",
        ]),
        "veiligheidsplan.pdf": _pdf("Veiligheidsplan Dansschool De Demo", [
            "Vertrouwenspersoon, meldroute, VOG-beleid en jaarlijkse evaluatie.",
        ]),
        "studio-1-glazen-wand.png": _png(),
    }


def _narrative(criterion, thorough: bool) -> str:
    text = (f"Voor {criterion.code} hebben we in 2025 afspraken gemaakt met het team, de dansers en de ouders. "
            "We bespreken dit elk seizoen in het teamoverleg en passen het aan als dansers iets aangeven.")
    if thorough:
        text += " Het verslag van de laatste bespreking en de afspraken zelf staan bij het bewijs."
    return text


def _school(kvk: str, name: str, school_type: str, owner) -> School:
    school = db.session.execute(select(School).where(School.kvk_number == kvk)).scalar_one_or_none()
    if school is not None:
        return school
    return services.register_school(services.SchoolData(
        name=name, kvk_number=kvk, street="Danslaan", house_number="12", postcode="3511 AB", city="Utrecht",
        website="https://demo.dansveilig.nl", school_type=school_type, teaches_minors=True,
        genres=["ballet", "modern", "urban"], age_groups=["6_11", "12_15", "16_17", "adults"]), by=owner)


def _fill(assessment, owner, share: float) -> None:
    answers = assessment.answers[: round(len(assessment.answers) * share)]
    for index, answer in enumerate(answers):
        criterion = answer.criterion
        uploads = []
        if criterion.mandatory:
            name = "gedragscode.pdf" if index % 2 == 0 else "veiligheidsplan.pdf"
            uploads.append(services.Upload(name, _files()[name]))
        if index == 0:
            uploads.append(services.Upload("studio-1-glazen-wand.png", _files()["studio-1-glazen-wand.png"]))
        link = "https://demo.dansveilig.nl/gedragscode" if index == 1 else None
        services.save_answer(answer, owner, services.AnswerInput(
            rating=3 if criterion.mandatory else 2, narrative=_narrative(criterion, criterion.mandatory),
            uploads=uploads, link_url=link, link_title="Onze gedragscode op de website" if link else None))


@demo_step
def demo_schools():
    owner = find_user(OWNER)
    if owner is None:
        return
    if current_plan() is None:
        publish_shipped_plans()
    if current_plan() is None:
        return
    first = _school(SUBMITTED_KVK, "Dansschool De Demo", "dansschool", owner)
    if not first.locations:
        location = services.add_location(first, "Hoofdlocatie", "Danslaan 12", "3511 AB", "Utrecht", by=owner)
        services.add_room(location, "Studio 1", "glass_wall", by=owner)
        services.add_room(location, "Studio 2", "door_window", by=owner)
        annex = services.add_location(first, "Dependance Oost", "Oosterstraat 5", "3581 CD", "Utrecht", by=owner)
        services.add_room(annex, "Kleine zaal", "open_door", by=owner)
    if not first.has_advisor:
        services.update_advisor(first, "Fatima El Amrani", "vertrouwenspersoon@demo.dansveilig.nl",
                                "030 123 45 67", "external", by=owner)
    if not first.assessments:
        assessment = services.start_assessment(first, by=owner)
        _fill(assessment, owner, 1.0)

    second = _school(DRAFT_KVK, "Balletstudio Demo Junior", "vooropleiding", owner)
    if not second.locations:
        location = services.add_location(second, "Studio", "Pliéstraat 3", "3512 EF", "Utrecht", by=owner)
        services.add_room(location, "Balletzaal", "door_window", by=owner)
    if not second.assessments:
        assessment = services.start_assessment(second, by=owner)
        _fill(assessment, owner, 0.5)


@demo_step(phase=1)
def demo_submission():
    """Submit the first school's assessment, once the registry's demo step has linked its
    teacher (the plan's gates before a certificate ask for one)."""
    owner = find_user(OWNER)
    school = db.session.execute(select(School).where(School.kvk_number == SUBMITTED_KVK)).scalar_one_or_none()
    if owner is None or school is None:
        return
    draft = next((a for a in school.assessments if a.status.value == "draft"), None)

    if draft is not None and len(school.assessments) == 1 and not unmet_profile_gates(school, draft.plan):
        services.submit_assessment(draft, by=owner)

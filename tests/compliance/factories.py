"""One-line factories for schools, assessments and evidence files, shared by the compliance
tests and the access samples."""

import io
import itertools
import re
import zipfile

from sqlalchemy import select

from accounts.models import Role
from compliance import services
from core.extensions import db
from core.models import OutboxMessage
from tests.kit import make_user
from tests.standards.factories import published_plan

_kvk = itertools.count(10_000_001)


def make_owner(**kwargs):
    return make_user(roles=(Role.school_owner,), **kwargs)


def school_data(**overrides) -> services.SchoolData:
    values = dict(name="Dansschool Plié", kvk_number=str(next(_kvk)), street="Danslaan", house_number="1",
                  postcode="1234 AB", city="Utrecht", website="https://plie.example.nl", school_type="dansschool",
                  teaches_minors=True, genres=["ballet", "jazz"], age_groups=["6_11", "12_15", "adults"])
    values.update(overrides)
    return services.SchoolData(**values)


def make_school(owner=None, ready=False, **overrides):
    """A registered school; `ready=True` gives it what the plan's preconditions ask for
    before a certificate (`meet_gates`)."""
    owner = owner or make_owner()
    school = services.register_school(school_data(**overrides), by=owner)
    if ready:
        meet_gates(school, owner)
    return school


def meet_gates(school, owner=None, *, advisor=True, location=True, teacher=True):
    """Give `school` a confidential advisor, a location with a room, and when it teaches
    minors an active teacher linked as working with minors (compliance.gates)."""
    from datetime import timedelta

    owner = owner or owner_of(school)
    if advisor:
        services.update_advisor(school, "Vera Vertrouwen", "vp@example.nl", "030 123 45 67", "external", by=owner)
    if location:
        place = school.locations[0] if school.locations else services.add_location(
            school, "Hoofdlocatie", "Danslaan 1", "1234 AB", school.city, by=owner)
        if not place.rooms:
            services.add_room(place, "Grote zaal", "glass_wall", by=owner)
    if teacher and school.teaches_minors:
        from certification.teachers import services as registry
        from tests.certification.teachers.factories import active_teacher

        published_plan()
        registry.link_teacher(school, active_teacher().registration_number, "Docent ballet", True,
                              registry.today() - timedelta(days=1), by=owner)
    db.session.commit()
    return school


def make_assessment(school=None, owner=None, ready=False):
    published_plan()
    if school is None:
        owner = owner or make_owner()
        school = make_school(owner, ready=ready)
    owner = owner or owner_of(school)
    return services.start_assessment(school, by=owner)


def owner_of(school):
    return school.members[0].user


# --- files ---------------------------------------------------------------------------------------------

def pdf_bytes(text: str = "Gedragscode") -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def png_bytes() -> bytes:
    from compliance.demo import _png

    return _png(4, 4)


def _zip(parts: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), parts.pop(stored_first), compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _zip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                               b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b'<?xml version="1.0"?><w:document/>',
    })


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Presentielijst"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"},
                stored_first="mimetype")


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot"


def invitation_token(email: str) -> str:
    """The token from the newest invitation mail in the outbox."""
    body = db.session.execute(select(OutboxMessage.body_text).where(OutboxMessage.recipient == email)
                              .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one()
    return re.search(r"/uitnodiging/(\S+)", body).group(1)

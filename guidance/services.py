"""Publishing step plans and updating the contacts they point to (recommendations 2.3, 5.4,
6.2 and 6.3). A published page is never changed: publishing adds a version, so the history
shows what the public read, when, and who published it."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.audit import record_event
from core.extensions import db
from core.i18n import lazy_text
from guidance import content, readability
from guidance.content import LANGUAGES, Contact, PageText
from guidance.errors import GuidanceError
from guidance.models import Audience, GuideContact, GuidePageVersion

MAX_TITLE = 200
MAX_BODY = 20_000


@dataclass(frozen=True)
class ContactData:
    name_nl: str
    name_en: str
    purpose_nl: str
    purpose_en: str
    phone: str
    url: str


def contacts() -> dict[str, Contact]:
    """The shipped contacts with the admin's updates over them, in the shipped order."""
    updates = {row.key: row for row in db.session.scalars(select(GuideContact))}
    merged = {}
    for key, shipped in content.shipped_contacts().items():
        row = updates.get(key)
        merged[key] = shipped if row is None else Contact(
            key, {"nl": row.name_nl, "en": row.name_en}, {"nl": row.purpose_nl, "en": row.purpose_en},
            row.phone, row.url)
    return merged


def latest_version(audience: Audience) -> GuidePageVersion | None:
    return db.session.scalars(select(GuidePageVersion).where(GuidePageVersion.audience == audience.value)
                              .order_by(GuidePageVersion.number.desc()).limit(1)).first()


def current_page(audience: Audience) -> PageText:
    """What the public reads: the newest published version, else the shipped default."""
    version = latest_version(audience)
    if version is None:
        return content.shipped_page(audience)
    return PageText({"nl": version.title_nl, "en": version.title_en},
                    {"nl": version.body_nl, "en": version.body_en}, version.number)


def page_history(audience: Audience) -> list[GuidePageVersion]:
    return list(db.session.scalars(select(GuidePageVersion).where(GuidePageVersion.audience == audience.value)
                                   .order_by(GuidePageVersion.number.desc())))


def check_readability(audience: Audience, body: dict) -> dict[str, readability.Readability]:
    """The readability of each language's body, for the audiences that have a target."""
    level = audience.reading_level
    if level is None:
        return {}
    found = contacts()
    return {language: readability.check(content.plain_text(body[language], found, language), language, level)
            for language in LANGUAGES}


def validate_page(title: dict, body: dict) -> None:
    """Both languages filled in, within length, linking only to what exists."""
    known = contacts()
    for language in LANGUAGES:
        if not title.get(language, "").strip():
            raise GuidanceError(_l("Vul de titel in."), field=f"title_{language}")
        if len(title[language]) > MAX_TITLE:
            raise GuidanceError(lazy_text("De titel mag hoogstens %(n)s tekens lang zijn.", n=MAX_TITLE),
                                field=f"title_{language}")
        if not body.get(language, "").strip():
            raise GuidanceError(_l("Vul de tekst in."), field=f"body_{language}")
        if len(body[language]) > MAX_BODY:
            raise GuidanceError(lazy_text("De tekst mag hoogstens %(n)s tekens lang zijn.", n=MAX_BODY),
                                field=f"body_{language}")
        unknown = content.unknown_links(body[language], known)
        if unknown:
            keys = ", ".join(f"[[{key}]]" for key in unknown)
            raise GuidanceError(lazy_text("Onbekende verwijzing: %(keys)s. Gebruik een sleutel uit de lijst met "
                                          "contacten.", keys=keys), field=f"body_{language}")


def publish_page(audience: Audience, title: dict, body: dict, by) -> GuidePageVersion:
    """Publish a new version of the audience's page; the earlier versions stay."""
    title = {language: title[language].strip() for language in LANGUAGES}
    body = {language: body[language].replace("\r\n", "\n").strip() for language in LANGUAGES}
    validate_page(title, body)
    number = (db.session.scalar(select(func.max(GuidePageVersion.number))
                                .where(GuidePageVersion.audience == audience.value)) or 0) + 1
    version = GuidePageVersion(audience=audience.value, number=number, title_nl=title["nl"], title_en=title["en"],
                               body_nl=body["nl"], body_en=body["en"], published_by_id=by.id)
    db.session.add(version)
    try:
        db.session.flush()
    except IntegrityError:  # another editor published this page at the same moment
        db.session.rollback()
        raise GuidanceError(_l("Iemand anders publiceerde deze pagina tegelijk met u. Bekijk de geschiedenis en "
                               "publiceer opnieuw."), field="body_nl") from None
    record_event("guidance.page_published", version, actor=by,
                 details={"audience": audience.value, "number": number})
    db.session.commit()
    return version


def update_contact(key: str, data: ContactData, by) -> None:
    """Change a contact's name, purpose, phone or site; every page shows it at once."""
    if key not in content.shipped_contacts():
        raise GuidanceError(_l("Dit contact bestaat niet."))
    if not data.phone and not data.url:
        raise GuidanceError(_l("Geef een telefoonnummer of een website op."), field="phone")
    row = db.session.get(GuideContact, key) or GuideContact(key=key)
    before = {"phone": row.phone, "url": row.url}
    for name, value in vars(data).items():
        setattr(row, name, value.strip())
    row.updated_by_id = by.id
    db.session.add(row)
    db.session.flush()
    record_event("guidance.contact_updated", object_type="guide_contacts", object_id=key, actor=by,
                 details={"before": before, "after": {"phone": row.phone, "url": row.url}})
    db.session.commit()

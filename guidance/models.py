"""Step plans as content: every published version of an audience's page is kept, with who
published it and when; the organisations the pages point to are data the admin updates."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.models import UTCDateTime, utcnow


class Audience(enum.Enum):
    """Who a step plan is for; the value is the page's address under /melden/."""

    kinderen = "kinderen"
    jongeren = "jongeren"
    ouders = "ouders"
    docenten = "docenten"
    organisaties = "organisaties"
    vertrouwenspersonen = "vertrouwenspersonen"

    @property
    def reading_level(self) -> str | None:
        """The readability target a page for this audience is checked against, if any."""
        return {Audience.kinderen: "child", Audience.jongeren: "youth"}.get(self)

    @property
    def label(self):
        return AUDIENCE_LABELS[self]


AUDIENCE_LABELS = {
    Audience.kinderen: _l("Voor kinderen"),
    Audience.jongeren: _l("Voor dansers en studenten"),
    Audience.ouders: _l("Voor ouders en verzorgers"),
    Audience.docenten: _l("Voor docenten"),
    Audience.organisaties: _l("Voor scholen en organisaties"),
    Audience.vertrouwenspersonen: _l("Voor vertrouwenspersonen"),
}


class GuidePageVersion(db.Model):
    __tablename__ = "guide_page_versions"
    __table_args__ = (UniqueConstraint("audience", "number", name="uq_guide_page_versions_audience_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(30), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title_nl: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    body_nl: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_by = db.relationship("User")


class GuideContact(db.Model):
    """An admin's update of a shipped contact (`content/contacts.yaml`), by its key."""

    __tablename__ = "guide_contacts"

    key: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_nl: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    purpose_nl: Mapped[str] = mapped_column(String(400))
    purpose_en: Mapped[str] = mapped_column(String(400))
    phone: Mapped[str] = mapped_column(String(30), default="")
    url: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

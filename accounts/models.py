"""Users and their roles. A user may hold several roles."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import UTCDateTime, utcnow


class Role(enum.Enum):
    admin = "admin"
    assessor = "assessor"
    school_owner = "school_owner"
    teacher = "teacher"
    monitor = "monitor"  # the ministry of OCW, the alliance's board: reads the sector figures only

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.admin: _l("Beheerder"),
    Role.assessor: _l("Beoordelaar"),
    Role.school_owner: _l("Schoolhouder"),
    Role.teacher: _l("Docent"),
    Role.monitor: _l("Monitor (sectorcijfers)"),
}
SELF_REGISTER_ROLES = (Role.school_owner, Role.teacher)


class UserRole(db.Model):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20), primary_key=True)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Part of the id every session and remember-me cookie carries; raising it ends them all
    # (logout, password change, blocking, "log out everywhere").
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set when the person asked for erasure (privacy.erasure): the row stays, anonymised, so
    # that the records the registry must keep still point at an account.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> set[Role]:
        return {row.role for row in self.role_rows}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def get_id(self) -> str:
        """Flask-Login's alternative id: the user's id and session generation, stored in the
        signed session and remember-me cookies; `load_from_cookie_id` refuses an old one."""
        return f"{self.id}.{self.session_generation or 0}"

    @property
    def is_active(self) -> bool:  # Flask-Login: a disabled account cannot hold a session
        return self.is_enabled

    def __repr__(self) -> str:
        return f"<User {self.email}>"

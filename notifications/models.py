"""An in-app notification: one row per recipient, read or not; its text is rendered from
`kind` and `params` in the reader's language (notifications.services)."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.models import UTCDateTime, utcnow
from notifications.texts import NotificationText


class Notification(db.Model):
    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    @property
    def text(self) -> str:
        return str(NotificationText(self.kind, self.params))

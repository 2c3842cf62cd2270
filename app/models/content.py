"""Recordings that go with the content: a narration per card, language and level."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UtcDateTime, utcnow


class Narration(Base):
    """A staff member reading one card aloud, at one level, in one language.

    The sound is kept in the database, never under a name someone chose, and is served only
    with the type Kite found in its bytes.
    """

    __tablename__ = "narration"
    __table_args__ = (UniqueConstraint("card_slug", "locale", "level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_slug: Mapped[str] = mapped_column(String(80))
    locale: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(8))
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    sound: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

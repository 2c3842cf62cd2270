"""Cases and tablets: nothing here can hold a child's name or any identifier."""

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UtcDateTime, _enum, utcnow
from app.models.homes import Facility
from app.models.staff import StaffUser


class AgeBand(enum.StrEnum):
    """The only age Kite keeps: the reading level, about 6–11 or 12–17."""

    YOUNGER = "younger"
    OLDER = "older"


class Stage(enum.StrEnum):
    """The three stages of care in the standards."""

    ARRIVING = "arriving"
    STAYING = "staying"
    MOVING_ON = "moving_on"


class Tablet(Base):
    """An enrolled shared device: it belongs to a home and is never linked to an answer."""

    __tablename__ = "tablet"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    label: Mapped[str] = mapped_column(String(60))
    secret_hash: Mapped[str] = mapped_column(String(255))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    facility: Mapped[Facility] = relationship()


class TabletEnrolment(Base):
    """A one-time code that staff show and a tablet redeems to join their home; short-lived."""

    __tablename__ = "tablet_enrolment"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    label: Mapped[str] = mapped_column(String(60))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    facility: Mapped[Facility] = relationship()


class Case(Base):
    """A child's case: a random code and the few facts care needs, nothing that names them."""

    __tablename__ = "case"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"))
    age_band: Mapped[AgeBand] = mapped_column(_enum(AgeBand))
    stage: Mapped[Stage] = mapped_column(_enum(Stage))
    preferred_locale: Mapped[str] = mapped_column(String(8))
    from_another_country: Mapped[bool] = mapped_column(default=False)
    case_worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)

    facility: Mapped[Facility] = relationship()
    case_worker: Mapped[StaffUser | None] = relationship()

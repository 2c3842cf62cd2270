"""SQLAlchemy 2 typed models. Nothing here can hold a child's name or any identifier."""

import enum
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in UTC, aware on the way out on every database (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; use app.models.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _enum(kind: type[enum.Enum]) -> Enum:
    return Enum(kind, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for Alembic."""

    metadata = MetaData(naming_convention=NAMING)


class FacilityKind(enum.StrEnum):
    SHELTER = "shelter"
    FOSTER_NETWORK = "foster_network"
    SMALL_GROUP_HOME = "small_group_home"
    SUPPORTED_LIVING = "supported_living"


class Role(enum.StrEnum):
    CAREGIVER = "caregiver"
    CASE_WORKER = "case_worker"
    HOME_MANAGER = "home_manager"
    MONITOR = "monitor"
    ADMINISTRATOR = "administrator"


class AgeBand(enum.StrEnum):
    """The only age Kite keeps: the reading level, about 6–11 or 12–17."""

    YOUNGER = "younger"
    OLDER = "older"


class Stage(enum.StrEnum):
    """The three stages of care in the standards."""

    ARRIVING = "arriving"
    STAYING = "staying"
    MOVING_ON = "moving_on"


class Facility(Base):
    """A home where children are cared for."""

    __tablename__ = "facility"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    default_locale: Mapped[str] = mapped_column(String(8))
    kind: Mapped[FacilityKind] = mapped_column(_enum(FacilityKind))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    contacts: Mapped[list["HelpContact"]] = relationship(
        cascade="all, delete-orphan", order_by="HelpContact.id", lazy="selectin"
    )


class ContactKind(enum.StrEnum):
    """Who a help contact is, so a child can be told in their own language."""

    CHILD_HELPLINE = "child_helpline"
    GUARDIANS_OFFICE = "guardians_office"
    INDEPENDENT_BODY = "independent_body"
    EMERGENCY = "emergency"
    OTHER = "other"


class HelpContact(Base):
    """A phone number a home shows its children: set by an administrator, never hard-coded."""

    __tablename__ = "help_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(
        ForeignKey("facility.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ContactKind] = mapped_column(_enum(ContactKind))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40))


class StaffUser(Base):
    """A member of staff, a monitor or an administrator who signs in."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The last 30-second step a code was accepted for: a code works once.
    totp_last_step: Mapped[int | None] = mapped_column()
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    grants: Mapped[list["RoleGrant"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class RoleGrant(Base):
    """One role for one user, scoped to one home (or to none, for administrators)."""

    __tablename__ = "role_grant"
    __table_args__ = (UniqueConstraint("user_id", "role", "facility_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(_enum(Role))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facility.id"))

    user: Mapped[StaffUser] = relationship(back_populates="grants")
    facility: Mapped[Facility | None] = relationship(lazy="joined")


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


class StaffSession(Base):
    """A signed-in staff session, held on the server so that ending it ends every copy."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(32))

    user: Mapped[StaffUser] = relationship()


class AuditEvent(Base):
    """Who saw or changed what, when; each event carries the hash of the one before."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    actor_role: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    actor: Mapped[StaffUser | None] = relationship(lazy="joined")


class AuditHead(Base):
    """The chain's one head row: appending locks it, so two writers never fork the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int | None] = mapped_column()
    last_hash: Mapped[str] = mapped_column(String(64))


class RecoveryCode(Base):
    """A one-time code for signing in when the authenticator is lost; only its hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Invitation(Base):
    """A one-time link an administrator hands to a new member of staff to set their password."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    user: Mapped[StaffUser] = relationship()


class Settings(Base):
    """Kite's one row of settings that administrators change while it runs."""

    __tablename__ = "settings"
    __table_args__ = (CheckConstraint("small_number_threshold >= 5", name="threshold_floor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Counts below this are never shown anywhere; 5 is the floor, it may only go up.
    small_number_threshold: Mapped[int] = mapped_column(default=5)
    answer_retention_months: Mapped[int] = mapped_column(default=24)
    audit_retention_months: Mapped[int] = mapped_column(default=84)
    staff_idle_minutes: Mapped[int] = mapped_column(default=30)
    staff_absolute_hours: Mapped[int] = mapped_column(default=8)

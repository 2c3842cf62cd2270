"""Homes and the help numbers they show their children."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UtcDateTime, _enum, utcnow


class FacilityKind(enum.StrEnum):
    SHELTER = "shelter"
    FOSTER_NETWORK = "foster_network"
    SMALL_GROUP_HOME = "small_group_home"
    SUPPORTED_LIVING = "supported_living"


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
    # Languages its tablets keep to read offline, besides its own (none chosen: English).
    offline_locales: Mapped[list[str]] = mapped_column(JSON, server_default="[]")

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

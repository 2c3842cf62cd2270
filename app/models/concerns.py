"""Calls for help and disclosures: who they go to, their deadlines, and everything done about them.

A concern keeps the home, the ISO week, what it is about, how urgent it is and when it was raised
(its deadline runs from then). One raised from an anonymous answer names no case, no tablet and
no answer; one from a case answer or a case session names the case. Only a child's call for help
may carry their own words, and those are shown only to the people the concern is routed to.
"""

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UtcDateTime, _enum, utcnow
from app.models.homes import Facility
from app.models.staff import StaffUser


class Source(enum.StrEnum):
    HELP = "help"  # the child pressed "I need help"
    ANSWER = "answer"  # an answer the content marks as a disclosure


class Urgency(enum.StrEnum):
    NOW = "now"
    TODAY = "today"


class Topic(enum.StrEnum):
    """What a concern is about, as the child said it (or as the disclosing question is marked)."""

    UNSAFE = "unsafe"
    HURT = "hurt"
    SICK = "sick"
    SAD = "sad"
    GOING_HOME = "going_home"
    OTHER = "other"
    NOT_SAID = "not_said"


class Asked(enum.StrEnum):
    """Who the child asked to come."""

    HERE = "here"
    VISITORS = "visitors"
    UNKNOWN = "unknown"


class Route(enum.StrEnum):
    HOME = "home"  # the home's safeguarding leads, and the case worker when a case is known
    MONITORS = "monitors"  # the independent body: never the home's staff


class Concern(Base):
    __tablename__ = "concern"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key: Mapped[uuid.UUID] = mapped_column(unique=True)  # the child's send, stored once
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id", ondelete="SET NULL"))
    source: Mapped[Source] = mapped_column(_enum(Source))
    urgency: Mapped[Urgency] = mapped_column(_enum(Urgency))
    topic: Mapped[Topic] = mapped_column(_enum(Topic))
    asked: Mapped[Asked | None] = mapped_column(_enum(Asked))
    route: Mapped[Route] = mapped_column(_enum(Route))
    question_id: Mapped[str | None] = mapped_column(String(40))  # the disclosing question
    words: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(8))
    iso_week: Mapped[str] = mapped_column(String(8))
    raised_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())  # acknowledge by then
    escalation_level: Mapped[int] = mapped_column(default=0)
    escalate_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[str | None] = mapped_column(Text)

    facility: Mapped[Facility] = relationship()
    acknowledged_by: Mapped[StaffUser | None] = relationship(foreign_keys=[acknowledged_by_id])
    notes: Mapped[list["ConcernNote"]] = relationship(
        cascade="all, delete-orphan", order_by="ConcernNote.id"
    )


class ConcernRecipient(Base):
    """Someone a concern was routed or escalated to: they see it in their inbox."""

    __tablename__ = "concern_recipient"
    __table_args__ = (UniqueConstraint("concern_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[int]  # 0: routed; 1, 2 …: escalated
    added_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class ConcernNote(Base):
    """A note someone handling the concern added."""

    __tablename__ = "concern_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    author: Mapped[StaffUser | None] = relationship()


class ConcernRoute(Base):
    """A home's rule: concerns about this topic go to its leads or to the outside visitors."""

    __tablename__ = "concern_route"
    __table_args__ = (UniqueConstraint("facility_id", "topic"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id", ondelete="CASCADE"))
    topic: Mapped[Topic] = mapped_column(_enum(Topic))
    route: Mapped[Route] = mapped_column(_enum(Route))


class OutgoingEmail(Base):
    """An email written in the same transaction as what it tells, sent afterwards, retried until
    the SMTP server takes it. It never holds what a child said."""

    __tablename__ = "outgoing_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))

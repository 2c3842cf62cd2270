"""What children answered. Anonymous rows keep only what invariant 3 allows; case rows are the
case record the child chose to send to their case worker."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UtcDateTime, utcnow


class AnonymousAnswer(Base):
    """One anonymous answer: the home, the ISO week and how it was given, never who or when.

    The id is random, and rows arrive in shuffled batches of at least K answer sets (see
    app.services.answers), so neither id order nor storage order gives submission order.
    """

    __tablename__ = "anonymous_answer"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    iso_week: Mapped[str] = mapped_column(String(8))  # "2026-W48"
    age_band: Mapped[str] = mapped_column(String(8))
    stage: Mapped[str] = mapped_column(String(12))
    locale: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(8))  # alone | helped
    question_set: Mapped[str] = mapped_column(String(32))
    set_version: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40))


class AnonymousWords(Base):
    """A child's own words, anonymous: for the home and the visitors, or for the visitors only."""

    __tablename__ = "anonymous_words"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    iso_week: Mapped[str] = mapped_column(String(8))
    age_band: Mapped[str] = mapped_column(String(8))
    stage: Mapped[str] = mapped_column(String(12))
    locale: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(8))
    question_set: Mapped[str] = mapped_column(String(32))
    set_version: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(40))
    audience: Mapped[str] = mapped_column(String(8))  # count | visitors
    words: Mapped[str] = mapped_column(Text)
    hidden: Mapped[bool] = mapped_column(default=False)  # could identify a child: not shown


class PooledAnswerSet(Base):
    """An anonymous answer set waiting for K-1 others from its home before any is written.

    Held only until K sets wait or the week ends; then shuffled together into the tables above
    and deleted. No time, no tablet, no case: the set itself as the rows it will become.
    """

    __tablename__ = "pooled_answer_set"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    facility_id: Mapped[int] = mapped_column(ForeignKey("facility.id"), index=True)
    iso_week: Mapped[str] = mapped_column(String(8))
    rows: Mapped[list] = mapped_column(JSON)


class SubmissionKey(Base):
    """An idempotency key already used: a resend is answered with success and stored once.

    It names no answer, so it cannot link one; the day lets old keys be forgotten.
    """

    __tablename__ = "submission_key"

    key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    received_on: Mapped[date] = mapped_column(Date)


class CaseAnswer(Base):
    """An answer or the words a child chose to send to their case worker, under the case code."""

    __tablename__ = "case_answer"
    __table_args__ = (UniqueConstraint("submission_key", "question_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    submission_key: Mapped[uuid.UUID]
    question_set: Mapped[str] = mapped_column(String(32))
    set_version: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40))
    words: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(8))
    mode: Mapped[str] = mapped_column(String(8))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class CaseReply(Base):
    """What the case worker did with what a child sent: how it was weighed, what the child was
    told (UN CRC General Comment 12, para 45). The child sees it at their next case session."""

    __tablename__ = "case_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    submission_key: Mapped[uuid.UUID] = mapped_column(unique=True)
    weighed: Mapped[str] = mapped_column(Text)
    told: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    written_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    shown_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

"""Concerns: a child's call for help, or an answer that discloses harm (invariant 5).

A concern is stored, routed (app.services.concern_routes) and its first emails queued in one
transaction, before the child is told anything. A home with no one on a route is a
configuration error, and its concerns go to the administrators meanwhile, never nowhere. The
people it reaches handle it with app.services.concern_handling.

Unacknowledged by its deadline (1 hour for "now", 24 for "today", settings), a concern
escalates: a home-routed one to the home managers, then the monitors, then the administrators;
a monitor-routed one to the administrators; and it keeps re-notifying everyone on it each
deadline after that, until someone acknowledges it. `escalate()` does this and runs every minute.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import insert, select

from app.extensions import db
from app.models import Case, Facility, utcnow
from app.models.base import iso_week
from app.models.concerns import (
    Asked,
    Concern,
    ConcernRecipient,
    Route,
    Source,
    Topic,
    Urgency,
)
from app.questions import TOO_MANY_WORDS, WORDS_LIMIT
from app.services import audit, concern_routes, mail, settings
from app.services.concern_routes import ConcernError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Call:
    """What a child asked for with "I need help"."""

    asked: Asked
    urgency: Urgency
    topic: Topic
    words: str | None = None


class Raised(NamedTuple):
    """A concern as stored, and whether this call stored it (False: a resend of its key)."""

    concern: Concern
    new: bool


def window(urgency: Urgency) -> timedelta:
    """How long a concern of this urgency may wait to be acknowledged."""
    current = settings.current()
    if urgency == Urgency.NOW:
        return timedelta(minutes=current.concern_now_minutes)
    return timedelta(hours=current.concern_today_hours)


def told(concern: Concern) -> dict:
    """What the child is told once their call is stored: who will come, and within how long."""
    minutes = int((concern.due_at - concern.raised_at).total_seconds() // 60)
    return {"route": concern.route.value, "urgency": concern.urgency.value, "minutes": minutes}


def ask_for_help(
    *, key: uuid.UUID, facility: Facility, call: Call, locale: str, case: Case | None = None
) -> Raised:
    """Store a child's call for help once and route it; a resend returns the stored one."""
    words = (call.words or "").strip() or None
    if words is not None and len(words) > WORDS_LIMIT:
        raise ConcernError(TOO_MANY_WORDS)
    with db.writing() as session:
        new = _raise(
            key=key,
            facility_id=facility.id,
            case=case,
            source=Source.HELP,
            urgency=call.urgency,
            topic=call.topic,
            asked=call.asked,
            words=words,
            locale=locale,
            today=utcnow().date(),
        )
        return Raised(session.scalar(select(Concern).where(Concern.key == key)), new)


def raise_from_answer(
    *,
    key: uuid.UUID,
    facility_id: int,
    case: Case | None,
    topic: str,
    question_id: str,
    visitors: bool,
    locale: str,
    today: date,
) -> None:
    """Inside the write that stores an answer disclosing harm: raise its concern with it."""
    _raise(
        key=key,
        facility_id=facility_id,
        case=case,
        source=Source.ANSWER,
        urgency=Urgency.TODAY,
        topic=Topic(topic),
        asked=Asked.VISITORS if visitors else None,
        words=None,
        locale=locale,
        today=today,
        question_id=question_id,
    )


class Notice(NamedTuple):
    """What notifying someone of a concern needs to know of it (a Concern has the same)."""

    id: uuid.UUID
    facility_id: int
    case_id: int | None
    route: Route
    urgency: Urgency
    due_at: datetime


def _raise(
    *,
    key: uuid.UUID,
    facility_id: int,
    case: Case | None,
    source: Source,
    urgency: Urgency,
    topic: Topic,
    asked: Asked | None,
    words: str | None,
    locale: str,
    today: date,
    question_id: str | None = None,
) -> bool:
    """Store a concern under its key and route it; False when the key was stored before."""
    now = utcnow()
    notice = Notice(
        id=uuid.uuid4(),
        facility_id=facility_id,
        case_id=case.id if case else None,
        route=concern_routes.route_for(facility_id, topic, asked),
        urgency=urgency,
        due_at=now + window(urgency),
    )
    written = db.session.execute(
        db.insert_new(Concern.__table__),
        {
            "id": notice.id,
            "key": key,
            "facility_id": facility_id,
            "case_id": notice.case_id,
            "source": source.value,
            "urgency": urgency.value,
            "topic": topic.value,
            "asked": asked.value if asked else None,
            "route": notice.route.value,
            "question_id": question_id,
            "words": words,
            "locale": locale,
            "iso_week": iso_week(today),
            "raised_at": now,
            "due_at": notice.due_at,
            "escalation_level": 0,
            "escalate_at": notice.due_at,
        },
    ).first()
    if written is None:
        return False  # a resend: stored and routed the first time
    _notify(notice, level=0)
    audit.record(actor=None, action="concern.raised", object_type="concern", object_id=notice.id)
    return True


def _notify(concern: Concern | Notice, *, level: int) -> None:
    """Put the people of this level on the concern and email them (re-notify all past the top)."""
    ladder = concern_routes.LADDER[concern.route]
    groups = ladder[level] if level < len(ladder) else tuple(g for step in ladder for g in step)
    people = concern_routes.people_on(concern.facility_id, concern.case_id, groups)
    if not people:  # a home without anyone on this route: never a silent drop
        log.error(
            "Concern routing: home %s has no one on route %s; the administrators get it",
            concern.facility_id,
            concern.route.value,
        )
        people = concern_routes.administrators()
    session = db.session
    known = set()
    if level > 0:
        known = set(
            session.scalars(
                select(ConcernRecipient.user_id).where(ConcernRecipient.concern_id == concern.id)
            )
        )
    added = [
        {"concern_id": concern.id, "user_id": person.id, "level": level}
        for person in people
        if person.id not in known
    ]
    if added:
        session.execute(insert(ConcernRecipient), added)
    subject, body = _email(concern, escalated=level > 0)
    mail.queue([(person.email, subject, body) for person in people])


def _email(concern: Concern | Notice, *, escalated: bool) -> tuple[str, str]:
    """Subject and body: that a concern needs them, how urgent, a link; never what was said."""
    urgency = "URGENT (now)" if concern.urgency == Urgency.NOW else "today"
    subject = f"Kite: a concern needs you — {urgency}"
    if escalated:
        subject = f"Kite: OVERDUE concern escalated to you — {urgency}"
    link = f"{current_app.config['KITE_BASE_URL']}/concerns/{concern.id}"
    deadline = concern.due_at.strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"A concern in Kite needs someone to act. Urgency: {urgency}.\n"
        f"It had to be acknowledged by {deadline}.\n\n"
        f"Open it here (sign in first): {link}\n\n"
        "This email says nothing of what was said, on purpose.\n"
    )
    return subject, body


def escalate(now: datetime | None = None) -> int:
    """Escalate every concern past its deadline and unacknowledged; returns how many."""
    now = now or utcnow()
    with db.writing() as session:
        due = list(
            session.scalars(
                select(Concern)
                .where(
                    Concern.acknowledged_at.is_(None),
                    Concern.closed_at.is_(None),
                    Concern.escalate_at <= now,
                )
                .order_by(Concern.escalate_at)
                .with_for_update(skip_locked=True)
            )
        )
        for concern in due:
            concern.escalation_level += 1
            concern.escalate_at = now + window(concern.urgency)
            _notify(concern, level=concern.escalation_level)
            audit.record(
                actor=None, action="concern.escalated", object_type="concern", object_id=concern.id
            )
    return len(due)

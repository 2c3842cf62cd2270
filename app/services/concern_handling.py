"""Handling a concern: only the people it was routed or escalated to see it; they take it on
(it stops escalating), add notes and close it with an outcome. Every step is audited."""

import uuid
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Case, StaffUser, utcnow
from app.models.concerns import Concern, ConcernNote, ConcernRecipient, Urgency
from app.services import audit
from app.services.concern_routes import ConcernError


def is_recipient(concern: Concern, user: StaffUser) -> bool:
    """Whether the concern was routed or escalated to this person."""
    return (
        db.session.scalar(
            select(ConcernRecipient.id).where(
                ConcernRecipient.concern_id == concern.id, ConcernRecipient.user_id == user.id
            )
        )
        is not None
    )


def get_for(user: StaffUser, concern_id: uuid.UUID) -> Concern | None:
    """A concern this person may see (it was routed or escalated to them); opening it is audited."""
    concern = db.session.get(Concern, concern_id)
    if concern is None or not is_recipient(concern, user):
        return None
    audit.record(actor=user, action="concern.viewed", object_type="concern", object_id=concern.id)
    return concern


def inbox(user: StaffUser) -> list[Concern]:
    """This person's concerns: open before closed, unacknowledged "now" first, then oldest."""
    concerns = list(
        db.session.scalars(
            select(Concern)
            .join(ConcernRecipient, ConcernRecipient.concern_id == Concern.id)
            .where(
                ConcernRecipient.user_id == user.id,
                or_(Concern.closed_at.is_(None), Concern.closed_at > utcnow() - timedelta(days=30)),
            )
        )
    )
    return sorted(
        concerns,
        key=lambda c: (
            c.closed_at is not None,
            c.acknowledged_at is not None,
            c.urgency != Urgency.NOW,
            c.raised_at,
        ),
    )


def of_case(case: Case) -> list[Concern]:
    """The concerns raised on a case, newest first."""
    return list(
        db.session.scalars(
            select(Concern).where(Concern.case_id == case.id).order_by(Concern.raised_at.desc())
        )
    )


def acknowledge(concern: Concern, *, actor: StaffUser) -> None:
    """Someone takes it on: it stops escalating. Audited."""
    _may_act(concern, actor)
    with db.writing() as session:
        row = session.get(Concern, concern.id, with_for_update=True)
        if row.acknowledged_at is None:
            row.acknowledged_at, row.acknowledged_by_id = utcnow(), actor.id
            row.escalate_at = None
            audit.record(
                actor=actor, action="concern.acknowledged", object_type="concern", object_id=row.id
            )


def add_note(concern: Concern, *, actor: StaffUser, text: str) -> None:
    """A note on what was done. Audited."""
    _may_act(concern, actor)
    text = text.strip()
    if not text:
        raise ConcernError(_l("Write the note first."))
    with db.writing() as session:
        session.add(ConcernNote(concern_id=concern.id, author_id=actor.id, text=text))
        audit.record(
            actor=actor, action="concern.note_added", object_type="concern", object_id=concern.id
        )


def close(concern: Concern, *, actor: StaffUser, outcome: str) -> None:
    """Record the outcome and close; a concern is acknowledged before it is closed. Audited."""
    _may_act(concern, actor)
    outcome = outcome.strip()
    if not outcome:
        raise ConcernError(_l("Write what happened before closing the concern."))
    with db.writing() as session:
        acknowledge(concern, actor=actor)
        row = session.get(Concern, concern.id)
        row.closed_at, row.outcome = utcnow(), outcome
        audit.record(actor=actor, action="concern.closed", object_type="concern", object_id=row.id)


def _may_act(concern: Concern, actor: StaffUser) -> None:
    if not is_recipient(concern, actor):
        raise ConcernError(_l("This concern was not routed to you."))
    if concern.closed_at is not None:
        raise ConcernError(_l("This concern is closed."))

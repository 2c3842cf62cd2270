"""The audit trail: who saw or changed what, and when — never content — in a hash chain."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, AuditHead, Role, StaffUser, utcnow

GENESIS = "0" * 64
PAGE_SIZE = 50


def _digest(prev_hash: str, event: AuditEvent) -> str:
    fields = (
        prev_hash,
        event.at.isoformat(),
        event.actor_id,
        event.actor_role,
        event.action,
        event.object_type,
        event.object_id,
    )
    return hashlib.sha256(
        "\x1f".join("" if f is None else str(f) for f in fields).encode()
    ).hexdigest()


def record(
    *,
    actor: StaffUser | None,
    action: str,
    object_type: str,
    object_id: object = None,
    role: str | None = None,
) -> AuditEvent:
    """Append an event inside a write; the role is the actor's first, unless one is given."""
    with db.writing() as session:
        # Locking the head row serialises appends on PostgreSQL; SQLite writes are serial.
        head = session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
        event = AuditEvent(
            at=utcnow(),
            actor_id=actor.id if actor else None,
            actor_role=role or _role_of(actor),
            action=action,
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            prev_hash=head.last_hash,
        )
        event.hash = _digest(head.last_hash, event)
        session.add(event)
        session.flush()
        head.last_hash, head.last_event_id = event.hash, event.id
    return event


def _role_of(actor: StaffUser | None) -> str | None:
    roles = sorted({grant.role for grant in actor.grants}, key=list(Role).index) if actor else []
    return roles[0].value if roles else None


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain first stops adding up."""

    event_id: int | None
    reason: str


def verify_chain() -> ChainProblem | None:
    """Walk the whole chain; None when intact, else the first event that does not add up."""
    expected_prev = GENESIS
    last_id = None
    events = db.session.scalars(
        select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=1000)
    )
    for event in events:
        if event.prev_hash != expected_prev:
            return ChainProblem(
                event.id, "does not follow the event before it (one was removed or inserted)"
            )
        if _digest(event.prev_hash, event) != event.hash:
            return ChainProblem(event.id, "was altered after it was written")
        expected_prev, last_id = event.hash, event.id
    head = db.session.get(AuditHead, 1)
    if head is None or head.last_hash != expected_prev or head.last_event_id != last_id:
        return ChainProblem(last_id, "is not the last event written (later events were removed)")
    return None


def browse(
    *,
    action: str | None = None,
    actor_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page: int = 1,
) -> Sequence[AuditEvent]:
    """One page of the trail, newest first, filtered."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    if actor_id:
        query = query.where(AuditEvent.actor_id == actor_id)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    return db.session.scalars(query.limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)).all()


def actions() -> list[str]:
    """Every action that appears in the trail, for the filter."""
    return list(
        db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
    )

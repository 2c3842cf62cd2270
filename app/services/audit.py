"""The audit trail: who saw or changed what, and when — never content — in a hash chain."""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update

from app.extensions import db
from app.models import AuditEvent, AuditHead, Role, StaffUser, utcnow

GENESIS = "0" * 64
PAGE_SIZE = 50


def _digest(prev_hash: str, event: AuditEvent | dict) -> str:
    """The hash of an event (a row, or the values about to become one) after prev_hash."""
    get = event.get if isinstance(event, dict) else lambda name: getattr(event, name)
    fields = (
        prev_hash,
        get("at").isoformat(),
        get("actor_id"),
        get("actor_role"),
        get("action"),
        get("object_type"),
        get("object_id"),
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
) -> int:
    """Append an event inside a write and return its id; the role is the actor's first, unless
    one is given.

    Three statements (lock and read the head, insert the event, move the head), held as short
    as they can be: every append of every request waits for the one before it to commit."""
    with db.writing() as session:
        # Locking the head row serialises appends on PostgreSQL; SQLite writes are serial.
        prev_hash = session.execute(
            select(AuditHead.last_hash).where(AuditHead.id == 1).with_for_update()
        ).scalar_one()
        values = {
            "at": utcnow(),
            "actor_id": actor.id if actor else None,
            "actor_role": role or _role_of(actor),
            "action": action,
            "object_type": object_type,
            "object_id": None if object_id is None else str(object_id),
            "prev_hash": prev_hash,
        }
        values["hash"] = _digest(prev_hash, values)
        event_id = session.execute(
            insert(AuditEvent).values(**values).returning(AuditEvent.id)
        ).scalar_one()
        session.execute(
            update(AuditHead)
            .where(AuditHead.id == 1)
            .values(last_hash=values["hash"], last_event_id=event_id)
        )
    return event_id


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
    head = db.session.execute(
        select(AuditHead.last_hash, AuditHead.last_event_id).where(AuditHead.id == 1)
    ).first()
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

"""Staff sessions held on the server: ending one (or all of a user's) ends every cookie copy."""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.models import StaffSession, StaffUser, utcnow
from app.services import settings

# Touching last_seen on every request would make every staff page a write.
TOUCH_EVERY = timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: StaffUser) -> str:
    """Open a new session for a user who just proved who they are; returns the cookie token."""
    token = secrets.token_urlsafe(32)
    with db.writing() as session:
        session.add(StaffSession(token_hash=_digest(token), user_id=user.id))
    return token


def resume_session(token: str) -> StaffUser | None:
    """The user of a live session, or None once it has ended, idled out or grown too old."""
    record = db.session.scalar(
        select(StaffSession).where(StaffSession.token_hash == _digest(token))
    )
    if record is None or record.ended_at is not None:
        return None
    now = utcnow()
    limits = settings.current()
    if now - record.last_seen_at > timedelta(minutes=limits.staff_idle_minutes):
        end_session(token, reason="idle")
        return None
    if now - record.started_at > timedelta(hours=limits.staff_absolute_hours):
        end_session(token, reason="expired")
        return None
    user = db.session.get(StaffUser, record.user_id)
    if user is None or not user.active:
        end_session(token, reason="deactivated")
        return None
    if now - record.last_seen_at > TOUCH_EVERY:
        with db.writing() as session:
            session.execute(
                update(StaffSession).where(StaffSession.id == record.id).values(last_seen_at=now)
            )
    return user


def end_session(token: str, *, reason: str) -> None:
    """End one session (sign-out, timeout)."""
    with db.writing() as session:
        session.execute(
            update(StaffSession)
            .where(StaffSession.token_hash == _digest(token), StaffSession.ended_at.is_(None))
            .values(ended_at=utcnow(), end_reason=reason)
        )


def end_all_sessions(user_id: int, *, reason: str) -> int:
    """End every live session of a user (password change, deactivation); returns how many."""
    with db.writing() as session:
        result = session.execute(
            update(StaffSession)
            .where(StaffSession.user_id == user_id, StaffSession.ended_at.is_(None))
            .values(ended_at=utcnow(), end_reason=reason)
        )
    return result.rowcount

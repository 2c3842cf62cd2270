"""Invitations: a one-time link an administrator hands over, so no email is ever needed."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.extensions import db
from app.models import Facility, Invitation, Role, StaffUser, utcnow
from app.services import accounts, audit, passwords

VALID_FOR = timedelta(days=7)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(user_id: int) -> str:
    """A fresh link for this user; any earlier unused link stops working."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.writing() as session:
        session.execute(
            update(Invitation)
            .where(Invitation.user_id == user_id, Invitation.used_at.is_(None))
            .values(used_at=now)
        )
        session.add(
            Invitation(token_hash=_digest(token), user_id=user_id, expires_at=now + VALID_FOR)
        )
    return token


def invite(
    *, email: str, display_name: str, role: Role, homes: list[Facility], actor: StaffUser
) -> tuple[StaffUser, str]:
    """Create the account (unable to sign in yet) and its one-time link; audited."""
    grants = [(role, home) for home in homes] or [(role, None)]
    with db.writing():
        user = accounts.create_staff(
            email=email, display_name=display_name, password=None, grants=grants
        )
        token = _issue(user.id)
        audit.record(
            actor=actor, action="account.invite", object_type="staff_user", object_id=user.id
        )
    return user, token


def reissue(*, user: StaffUser, actor: StaffUser) -> str:
    """A new link for someone who has not set their password yet; the old one stops working."""
    if not accounts.is_invited(user):
        raise accounts.AccountError(_l("This person has already set their password."))
    with db.writing():
        token = _issue(user.id)
        audit.record(
            actor=actor, action="account.invite_again", object_type="staff_user", object_id=user.id
        )
    return token


def open_invitation(token: str) -> Invitation | None:
    """The invitation behind a link, while it is unused, unexpired and the account active."""
    found = db.session.scalar(select(Invitation).where(Invitation.token_hash == _digest(token)))
    if found is None or found.used_at is not None or found.expires_at <= utcnow():
        return None
    return found if found.user.active else None


def accept(*, invitation: Invitation, password: str) -> StaffUser:
    """Set the new member of staff's password; the link is then spent."""
    problem = passwords.problem_with(password)
    if problem is not None:
        raise accounts.AccountError(problem, "password")
    with db.writing() as session:
        user = session.get(StaffUser, invitation.user_id)
        user.password_hash = accounts.hash_password(password)
        session.get(Invitation, invitation.id).used_at = utcnow()
        audit.record(
            actor=user,
            action="account.invitation_accepted",
            object_type="staff_user",
            object_id=user.id,
        )
    return user

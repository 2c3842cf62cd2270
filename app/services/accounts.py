"""Staff accounts: creating them, checking passwords, and what roles they hold."""

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from app.extensions import db
from app.models import Facility, Role, RoleGrant, StaffUser

_hasher = PasswordHasher()
# Verified against when the email is unknown, so both paths cost one argon2 hash.
_DUMMY_HASH = _hasher.hash("kite-no-such-account")


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def create_staff(
    *, email: str, display_name: str, password: str, grants: Iterable[tuple[Role, Facility | None]]
) -> StaffUser:
    """Create a member of staff with their roles; the caller's transaction commits it."""
    user = StaffUser(
        email=email.strip().lower(),
        display_name=display_name,
        password_hash=hash_password(password),
    )
    user.grants = [RoleGrant(role=role, facility=facility) for role, facility in grants]
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(*, email: str, password: str) -> StaffUser | None:
    """The active user with this email and password, or None; the cost is the same either way."""
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        with db.writing():
            user.password_hash = hash_password(password)
    return user


def get_active_user(user_id: int) -> StaffUser | None:
    """The user with this id, if they still may sign in."""
    user = db.session.get(StaffUser, user_id)
    return user if user is not None and user.active else None


def holds_any(user: StaffUser, roles: Iterable[Role]) -> bool:
    """Whether the user holds at least one of these roles, for any scope."""
    wanted = set(roles)
    return any(grant.role in wanted for grant in user.grants)


def facilities_for(user: StaffUser, role: Role) -> list[Facility]:
    """The homes in which the user holds this role."""
    return [g.facility for g in user.grants if g.role == role and g.facility is not None]


def role_names(user: StaffUser) -> list[Role]:
    """The distinct roles the user holds, in a stable order."""
    return sorted({grant.role for grant in user.grants}, key=list(Role).index)

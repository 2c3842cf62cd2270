"""Staff accounts: creating them, checking passwords, and what roles they hold."""

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Facility, Role, RoleGrant, StaffUser
from app.services import audit, passwords, sessions

_hasher = PasswordHasher()
# Stored instead of a hash until an invitation is accepted: no password can ever match it.
INVITED = "!invited"
# Verified against when the email is unknown, so both paths cost one argon2 hash.
_DUMMY_HASH = _hasher.hash("kite-no-such-account")


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


class AccountError(ValueError):
    """An account change that breaks a rule: a message for people, and the field it is about."""

    def __init__(self, message: object, field: str = "email") -> None:
        super().__init__(message)
        self.message, self.field = message, field


HOME_ROLES = {Role.CAREGIVER, Role.CASE_WORKER, Role.HOME_MANAGER}


def check_grants(grants: Iterable[tuple[Role, Facility | None]]) -> None:
    """Home roles need exactly one home each, monitors at least one, administrators none."""
    for role, facility in grants:
        if role in HOME_ROLES | {Role.MONITOR} and facility is None:
            raise AccountError(_l("Choose the home this person works in or oversees."), "homes")
        if role is Role.ADMINISTRATOR and facility is not None:
            raise AccountError(_l("An administrator is not tied to a home."), "homes")
    homes_by_role = [role for role, facility in grants if role in HOME_ROLES]
    if len(homes_by_role) != len(set(homes_by_role)):
        raise AccountError(
            _l("Caregivers, case workers and home managers work in one home."), "homes"
        )


def create_staff(
    *,
    email: str,
    display_name: str,
    password: str | None,
    grants: Iterable[tuple[Role, Facility | None]],
) -> StaffUser:
    """Create a member of staff with their roles; without a password they are still invited."""
    problem = passwords.problem_with(password) if password is not None else None
    if problem is not None:
        raise AccountError(problem, "password")
    grants = list(grants)
    check_grants(grants)
    with db.writing() as session:
        if session.scalar(select(StaffUser.id).where(StaffUser.email == email.strip().lower())):
            raise AccountError(_l("There is already an account with this email address."))
        user = StaffUser(
            email=email.strip().lower(),
            display_name=display_name.strip(),
            password_hash=hash_password(password) if password is not None else INVITED,
        )
        user.grants = [RoleGrant(role=role, facility=facility) for role, facility in grants]
        session.add(user)
        session.flush()
    return user


def get_user(user_id: int) -> StaffUser | None:
    """Any account by id, active or not (for administrators)."""
    return db.session.get(StaffUser, user_id)


def is_invited(user: StaffUser) -> bool:
    """True until the person has set a password through their invitation."""
    return user.password_hash == INVITED


def list_staff() -> list[StaffUser]:
    """Every staff account, by email."""
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.email)))


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


def facilities_for(user: StaffUser, *roles: Role) -> list[Facility]:
    """The homes in which the user holds any of these roles, each once."""
    homes = {g.facility.id: g.facility for g in user.grants if g.role in roles and g.facility}
    return list(homes.values())


def role_names(user: StaffUser) -> list[Role]:
    """The distinct roles the user holds, in a stable order."""
    return sorted({grant.role for grant in user.grants}, key=list(Role).index)


def sign_in(user: StaffUser) -> str:
    """Start a fresh server-side session for a user who proved who they are; audited."""
    token = sessions.start_session(user)
    audit.record(
        actor=user,
        action="account.sign_in",
        object_type="staff_user",
        object_id=user.id,
    )
    return token


def sign_out(user: StaffUser | None, token: str | None) -> None:
    """End this session on the server; audited when someone was signed in."""
    if token:
        sessions.end_session(token, reason="sign_out")
    if user is not None:
        audit.record(
            actor=user,
            action="account.sign_out",
            object_type="staff_user",
            object_id=user.id,
        )


def change_password(*, user: StaffUser, new_password: str, actor: StaffUser) -> None:
    """Set a new password and end every session the user had."""
    problem = passwords.problem_with(new_password)
    if problem is not None:
        raise AccountError(problem, "password")
    with db.writing() as session:
        session.get(StaffUser, user.id).password_hash = hash_password(new_password)
        audit.record(
            actor=actor,
            action="account.password_change",
            object_type="staff_user",
            object_id=user.id,
        )
    sessions.end_all_sessions(user.id, reason="password_change")


def set_active(*, user: StaffUser, active: bool, actor: StaffUser) -> None:
    """Deactivate (ending every session at once) or reactivate an account."""
    with db.writing() as session:
        session.get(StaffUser, user.id).active = active
        audit.record(
            actor=actor,
            action="account.reactivate" if active else "account.deactivate",
            object_type="staff_user",
            object_id=user.id,
        )
    if not active:
        sessions.end_all_sessions(user.id, reason="deactivated")


def change_own_password(*, user: StaffUser, current: str, new_password: str) -> None:
    """Change one's own password after proving the current one; every session then ends."""
    try:
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError) as wrong:
        raise AccountError(_l("Your current password is not right."), "current") from wrong
    change_password(user=user, new_password=new_password, actor=user)

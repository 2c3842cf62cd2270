"""The second factor for home managers, monitors and administrators: TOTP and recovery codes."""

import hashlib
import hmac
import secrets
import time

import pyotp
from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db
from app.models import RecoveryCode, Role, StaffUser, utcnow
from app.qr import qr_svg
from app.services import audit

REQUIRED_FOR = {Role.HOME_MANAGER, Role.MONITOR, Role.ADMINISTRATOR}
RECOVERY_CODES = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def required_for(user: StaffUser) -> bool:
    """Whether this user must use a second factor."""
    return any(grant.role in REQUIRED_FOR for grant in user.grants)


def is_set_up(user: StaffUser) -> bool:
    """Whether the user has confirmed an authenticator."""
    return user.totp_secret is not None and user.totp_confirmed_at is not None


def pending_secret(user: StaffUser) -> str:
    """The secret being set up: made once, kept until confirmed, never shown after that."""
    if is_set_up(user):
        raise ValueError("two-factor sign-in is already set up")
    if user.totp_secret is None:
        with db.writing() as session:
            session.get(StaffUser, user.id).totp_secret = pyotp.random_base32()
        db.session.refresh(user)
    return user.totp_secret


def qr_code(user: StaffUser, secret: str) -> Markup:
    """The authenticator link as an SVG QR code, drawn on the server (no script, CSP-safe)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Kite")
    return qr_svg(uri, "qr-help")


def _accept_totp(user: StaffUser, code: str) -> bool:
    """A current code (30 seconds either way) that has not been used before."""
    totp = pyotp.TOTP(user.totp_secret)
    now = int(time.time())
    for drift in (0, -30, 30):
        step = (now + drift) // 30
        if hmac.compare_digest(totp.at(now + drift), code) and step > (user.totp_last_step or -1):
            with db.writing() as session:
                session.get(StaffUser, user.id).totp_last_step = step
            return True
    return False


def _digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def confirm_setup(user: StaffUser, code: str) -> list[str] | None:
    """Finish setting up with a first code; returns the recovery codes, shown only this once."""
    if not _accept_totp(user, code.strip()):
        return None
    codes = [
        "-".join("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
        for _ in range(RECOVERY_CODES)
    ]
    with db.writing() as session:
        stored = session.get(StaffUser, user.id)
        stored.totp_confirmed_at = utcnow()
        session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(c)) for c in codes)
        audit.record(
            actor=user,
            action="account.two_factor_set_up",
            object_type="staff_user",
            object_id=user.id,
        )
    return codes


def verify(user: StaffUser, code: str) -> bool:
    """Accept a current authenticator code, or an unused recovery code (which is then spent)."""
    code = code.strip()
    if code.isdigit():
        return _accept_totp(user, code)
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _digest(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    with db.writing() as session:
        session.get(RecoveryCode, found.id).used_at = utcnow()
        audit.record(
            actor=user,
            action="account.recovery_code_used",
            object_type="staff_user",
            object_id=user.id,
        )
    return True

"""What every way of finishing a sign-in shares: a fresh session, and a safe way onward."""

from flask import session, url_for

from app.models import StaffUser
from app.services import accounts


def safe_next(target: str | None) -> str:
    """Only ever go on to a path on this site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return url_for("care.index")


def begin_session(user: StaffUser) -> None:
    """Start the staff session under a fresh id; nothing from before sign-in survives."""
    session.clear()
    session["sid"] = accounts.sign_in(user)

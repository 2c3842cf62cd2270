"""Who may use each route: every view is declared public or guarded by roles."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort, g, redirect, request, session, url_for

from app.labels import ROLE_LABELS
from app.models import Role, StaffUser
from app.services import accounts, sessions

ACCESS_ATTRIBUTE = "kite_access"
PUBLIC = "public"


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view as open to anyone, children included."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def current_staff() -> StaffUser | None:
    """The signed-in member of staff for this request, if any."""
    if "staff" not in g:
        token = session.get("sid")
        g.staff = sessions.resume_session(token) if token else None
        if token and g.staff is None:
            session.pop("sid")
    return g.staff


def requires_role(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Guard a view: signed-in staff holding one of these roles, or a sign-in / 403."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = current_staff()
            if user is None:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not accounts.holds_any(user, roles):
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ACCESS_ATTRIBUTE, tuple(roles))
        return guarded

    return decorate


def init_app(app: Flask) -> None:
    """Give staff templates the signed-in user and role names."""

    @app.context_processor
    def _staff() -> dict:
        if request.blueprint in {"child", None}:
            return {}
        return {"staff_user": current_staff(), "role_label": ROLE_LABELS.__getitem__}

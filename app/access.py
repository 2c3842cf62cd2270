"""Who may use each route: every view is declared public or guarded by roles."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, abort, g, redirect, request, session, url_for

from app.labels import ROLE_LABELS
from app.models import Role, StaffUser, Tablet
from app.services import accounts, sessions, tablets

TABLET_COOKIE = "kite_tablet"
ACCESS_ATTRIBUTE = "kite_access"
PUBLIC = "public"


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view as open to anyone, children included."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def _once_per_request(name: str) -> bool:
    """True the first time this request asks (g outlives a request where tests share one app
    context, so the request itself is the key)."""
    this_request = request._get_current_object()  # type: ignore[attr-defined]
    if g.get(f"{name}_of") is this_request:
        return False
    setattr(g, f"{name}_of", this_request)
    return True


def current_staff() -> StaffUser | None:
    """The signed-in member of staff for this request, if any."""
    if _once_per_request("staff"):
        token = session.get("sid")
        g.staff = sessions.resume_session(token) if token else None
        if token and g.staff is None:
            session.pop("sid")
    return g.staff


def current_tablet() -> Tablet | None:
    """The enrolled tablet this request comes from, if any; its home becomes the page's home."""
    if _once_per_request("tablet"):
        g.tablet = tablets.from_credential(request.cookies.get(TABLET_COOKIE))
        g.facility = g.tablet.facility if g.tablet else None
    return g.tablet


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
        if request.blueprint in {"child", "answering", "help", "offline", None}:
            return {"enrolled_tablet": current_tablet() is not None}
        return {"staff_user": current_staff(), "role_label": ROLE_LABELS.__getitem__}

"""A child's visit on a shared tablet lasts while the child is there, and no longer (invariant 9).

Every child page knows its tablet (and so its home) and nothing about the child. A visit left
untouched longer than the idle setting is forgotten before the next page is shown: the next child
starts afresh. Pressing a button counts as being there, so a child's posted answer or words are
never thrown away by this; the page's script asks "are you still here?" before the time runs out.
"""

import time

from flask import Flask, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from werkzeug.wrappers import Response

from app.access import current_tablet
from app.i18n import is_child_path
from app.models import StaffUser
from app.services import accounts, settings

SEEN = "seen"
# A tablet handed to one child: their case (the case worker's hand-over), or a helped session.
CASE_SESSION = "case_id"
HELPED = "helped"
# Sent by the service worker when it fetches pages for the tablet to keep (static/js/sw.js).
KEEPING = "Kite-Keeping"


def keeping() -> bool:
    """Whether this request fetches a page for the tablet to keep: it belongs to no visit."""
    return request.headers.get(KEEPING) == "1"


class VisitSessions(SecureCookieSessionInterface):
    """Sessions as Flask keeps them, except that a page fetched for the tablet to keep never
    writes the session cookie: that fetch runs beside a child's visit, and writing the session
    as it was when the fetch began would undo what the child did meanwhile."""

    def save_session(self, app, session, response) -> None:  # type: ignore[no-untyped-def]
        if not keeping():
            super().save_session(app, session, response)


def begin_child_page() -> Response | None:
    """Before every child page: know the tablet, and forget a visit that was left idle."""
    current_tablet()
    if keeping():
        return None  # no visit: the page is kept for every child
    now = int(time.time())
    seen = session.get(SEEN)
    idle = seen is not None and now - seen > settings.current().child_idle_seconds
    if idle and request.method == "GET":
        session.clear()
        session[SEEN] = now
        return redirect(url_for("child.languages"))
    session[SEEN] = now
    return None


def hand_to_child(staff: StaffUser, **visit: object) -> None:
    """Staff give the tablet to a child: they are signed out, and a new visit begins with this."""
    accounts.sign_out(staff, session.get("sid"))
    session.clear()
    session.update(visit)


def _case_session_stays_with_the_child() -> Response | None:
    # A tablet handed to a child for their case shows only child pages until they finish,
    # press Exit or go idle: no staff page, no sign-in, nothing of anyone else. What the tablet
    # itself fetches (static files, its offline files and service worker, its API) goes on.
    if session.get(CASE_SESSION) and not (
        is_child_path(request.path)
        or request.endpoint in {"static", "health.healthz"}
        or request.blueprint in {"offline", "tablet_api"}
    ):
        return redirect(url_for("child.home", locale=session.get("locale", "en")))
    return None


def init_app(app: Flask) -> None:
    """Keep case sessions to the child; tell child pages how long an idle tablet waits."""
    app.session_interface = VisitSessions()
    app.before_request(_case_session_stays_with_the_child)
    app.jinja_env.globals["idle_seconds"] = lambda: settings.current().child_idle_seconds

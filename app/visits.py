"""A child's visit on a shared tablet lasts while the child is there, and no longer (invariant 9).

Every child page knows its tablet (and so its home) and nothing about the child. A visit left
untouched longer than the idle setting is forgotten before the next page is shown: the next child
starts afresh. Pressing a button counts as being there, so a child's posted answer or words are
never thrown away by this; the page's script asks "are you still here?" before the time runs out.
"""

import time

from flask import Flask, redirect, request, session, url_for
from werkzeug.wrappers import Response

from app.access import current_tablet
from app.services import settings

SEEN = "seen"


def begin_child_page() -> Response | None:
    """Before every child page: know the tablet, and forget a visit that was left idle."""
    current_tablet()
    now = int(time.time())
    seen = session.get(SEEN)
    idle = seen is not None and now - seen > settings.current().child_idle_seconds
    if idle and request.method == "GET":
        session.clear()
        session[SEEN] = now
        return redirect(url_for("child.languages"))
    session[SEEN] = now
    return None


def init_app(app: Flask) -> None:
    """Child pages tell their script how long the tablet waits for an idle child."""
    app.jinja_env.globals["idle_seconds"] = lambda: settings.current().child_idle_seconds

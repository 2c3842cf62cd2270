"""Error pages in the page's language: child-friendly on child pages, plain on staff pages."""

import math
import time
from typing import NamedTuple

from flask import Flask, current_app, g, render_template, request
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import limiter
from app.forms import REFILLS_FORM, TOKEN_REFUSED
from app.i18n import is_child_path


class ErrorText(NamedTuple):
    """What an error page says, to a child and to staff."""

    child_title: LazyString
    child_message: LazyString
    staff_title: LazyString
    staff_message: LazyString


MESSAGES = {
    400: ErrorText(
        _l("Something went wrong"),
        _l(
            "The page could not use what was sent. Go back and try again. What you wrote is "
            "still on the page before this one."
        ),
        _l("Bad request"),
        _l(
            "The request could not be understood, or the form had expired. Go back, "
            "reload the page and try again."
        ),
    ),
    403: ErrorText(
        _l("This page is not for you"),
        _l("This page is only for grown-ups who work here. You can go back to the start."),
        _l("You do not have access to this page"),
        _l(
            "Your account does not allow you to see this page. Ask an administrator "
            "if you think it should."
        ),
    ),
    404: ErrorText(
        _l("We could not find that page"),
        _l("This page is not here. You can go back to the start."),
        _l("Page not found"),
        _l("Check the address, or go back to the start."),
    ),
    413: ErrorText(
        _l("That was too much to send"),
        _l(
            "What you tried to send was too big. Go back: your words are still there. "
            "Try sending a shorter part."
        ),
        _l("Too much data"),
        _l("What you sent was larger than Kite accepts. Go back and send less at once."),
    ),
    429: ErrorText(
        _l("Please wait a moment"),
        _l("This tablet asked too many times, too fast. Wait a little, then try again."),
        _l("Too many attempts"),
        _l("There have been too many attempts. Wait before you try again."),
    ),
    500: ErrorText(
        _l("Sorry, something broke"),
        _l("It is not your fault. Ask a grown-up here to help you, or try again soon."),
        _l("Something went wrong"),
        _l(
            "Kite could not finish this request. Nothing was half-saved. Try again; if it "
            "keeps happening, tell your administrator."
        ),
    ),
}


def render_error(error: HTTPException) -> tuple[str, int, dict[str, str]]:
    """Render the error page that fits who is looking."""
    code = error.code if error.code in MESSAGES else 500
    child = is_child_path(request.path)
    text = MESSAGES[code]
    title, message = (
        (text.child_title, text.child_message) if child else (text.staff_title, text.staff_message)
    )
    wait = _seconds_until_retry() if code == 429 else None
    template = "errors/child.html" if child else "errors/staff.html"
    page = render_template(template, code=code, title=title, message=message, wait=wait)
    headers = {"Retry-After": str(wait)} if wait else {}
    return page, code, headers


def _seconds_until_retry() -> int:
    """How long until the limit that was hit lets this client in again."""
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, math.ceil(current.reset_at - time.time()))


def _expired_form(error: CSRFError):  # type: ignore[no-untyped-def]
    """A form sent with an expired token comes back filled in; anything else is a 400.

    The view runs again with the same request: its KiteForm fails on the token, so it
    changes nothing and shows the form with what was typed and a plain explanation.
    """
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, REFILLS_FORM, False):
        g.setdefault(TOKEN_REFUSED, True)
        try:
            return view(**(request.view_args or {}))
        except HTTPException as refused:  # e.g. the record is gone, or the role never had it
            return render_error(refused)
    return render_error(error)


def init_app(app: Flask) -> None:
    """Send every HTTP error, and any crash, to render_error."""
    for code in MESSAGES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, _expired_form)

    @app.errorhandler(Exception)
    def _crash(error: Exception) -> tuple[str, int, dict[str, str]]:
        if isinstance(error, HTTPException):
            return render_error(error)
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(InternalServerError())

"""Child pages: the language choice, the welcome page, and the exit button."""

from flask import Blueprint, redirect, render_template, session, url_for

from app.access import public
from app.extensions import csrf

bp = Blueprint("child", __name__)


@bp.get("/")
@public
def languages() -> str:
    """Choose a language, each shown by its own name in its own script."""
    return render_template("child/languages.html")


@bp.get("/<locale:locale>/")
@public
def home(locale: str) -> str:
    """The child's welcome page in their language."""
    return render_template("child/home.html")


@bp.post("/<locale:locale>/exit")
@csrf.exempt  # Exit must always work, even with an expired session; it only forgets.
@public
def exit_visit(locale: str):  # type: ignore[no-untyped-def]
    """End this child's visit: forget everything and go back to the start for the next child."""
    session.clear()
    return redirect(url_for("child.languages"), code=303)

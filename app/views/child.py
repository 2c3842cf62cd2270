"""Child pages: the language choice, the welcome page, and the exit button."""

from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from app import content
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


@bp.get("/<locale:locale>/rights/<level:level>/")
@public
def rights(locale: str, level: str) -> str:
    """Every rights card, with its picture, at the child's reading level."""
    return render_template(
        "child/rights.html", cards=content.all_cards(), level=level, text_for=content.text_for
    )


@bp.get("/<locale:locale>/rights/<level:level>/<slug:slug>")
@public
def card(locale: str, level: str, slug: str) -> str:
    """One card; an htmx request gets just the card, to swap in place."""
    found = content.card_by_slug(slug) or abort(404)
    previous, following = content.neighbours(found)
    fragment = bool(request.headers.get("HX-Request"))
    return render_template(
        "child/_card.html" if fragment else "child/card.html",
        card=found,
        text=content.text_for(found, locale),
        level=level,
        previous=previous,
        following=following,
        fragment=fragment,
    )

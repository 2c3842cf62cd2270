"""Child pages: the language choice, the welcome page, and the exit button."""

import io

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from app import content, questions, visits
from app.access import public
from app.extensions import csrf
from app.labels import STAGE_WORDS
from app.services import narrations

bp = Blueprint("child", __name__)


bp.before_request(visits.begin_child_page)


@bp.get("/")
@public
def languages() -> str:
    """Choose a language, each shown by its own name in its own script."""
    return render_template("child/languages.html")


@bp.get("/<locale:locale>/")
@public
def home(locale: str) -> str:
    """The child's welcome page in their language, asking how old they are."""
    return render_template("child/home.html", level=session.get("level"))


@bp.post("/<locale:locale>/exit")
@csrf.exempt  # Exit must always work, even with an expired session; it only forgets.
@public
def exit_visit(locale: str):  # type: ignore[no-untyped-def]
    """End this child's visit: forget everything and go back to the start for the next child."""
    session.clear()
    return redirect(url_for("child.languages"), code=303)


def _remember_level(level: str) -> None:
    """Keep the child's reading level for this visit only; Exit forgets it."""
    session["level"] = level


@bp.get("/<locale:locale>/rights/<level:level>/")
@public
def stages(locale: str, level: str) -> str:
    """Where the child is in their care, in their words, to show the cards that fit."""
    _remember_level(level)
    stage_choices = [
        (stage, url_for("child.rights", locale=locale, level=level, stage=stage), words)
        for stage, words in STAGE_WORDS.items()
    ]
    return render_template("child/stages.html", stage_choices=stage_choices)


@bp.get("/<locale:locale>/rights/<level:level>/<stage:stage>/")
@public
def rights(locale: str, level: str, stage: str) -> str:
    """The rights cards of one stage (or all of them), with pictures, at the child's level."""
    _remember_level(level)
    return render_template(
        "child/rights.html",
        cards=content.cards_in(stage),
        level=level,
        stage=stage,
        stage_words=STAGE_WORDS[stage],
        text_for=content.text_for,
    )


@bp.get("/<locale:locale>/rights/<level:level>/<stage:stage>/<slug:slug>")
@public
def card(locale: str, level: str, stage: str, slug: str) -> str:
    """One card; an htmx request gets just the card, to swap in place."""
    cards = content.cards_in(stage)
    found = content.card_by_slug(slug)
    if found not in cards:
        abort(404)
    _remember_level(level)
    previous, following = content.neighbours(found, cards)
    fragment = bool(request.headers.get("HX-Request"))
    narration = narrations.find(slug, locale, level)
    asks = questions.question_for_card(slug, stage, level)
    return render_template(
        "child/_card.html" if fragment else "child/card.html",
        card=found,
        text=content.text_for(found, locale),
        level=level,
        stage=stage,
        previous=previous,
        following=following,
        fragment=fragment,
        asks=asks,
        narration_url=narration
        and url_for(
            "child.narration", locale=locale, level=level, slug=slug, v=narration.sha256[:12]
        ),
    )


@bp.get("/<locale:locale>/narration/<level:level>/<slug:slug>")
@public
def narration(locale: str, level: str, slug: str) -> Response:
    """A card read aloud by staff; a URL naming this very recording may be cached for a year."""
    found = narrations.find(slug, locale, level) or abort(404)
    response = send_file(
        io.BytesIO(found.sound), mimetype=found.media_type, etag=found.sha256, conditional=True
    )
    versioned = request.args.get("v") == found.sha256[:12]
    response.headers["Cache-Control"] = (
        "public, max-age=31536000, immutable" if versioned else "no-cache"
    )
    return response

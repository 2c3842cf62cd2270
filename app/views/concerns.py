"""The inbox of concerns: for the people each one was routed or escalated to, and nobody else."""

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.access import current_staff, requires_role
from app.forms import CloseConcernForm, ConcernNoteForm, KiteForm, refills_form
from app.labels import HELP_ASKED, HELP_TOPICS
from app.models import Concern, Role, utcnow
from app.services import concern_handling
from app.services.concern_routes import ConcernError

bp = Blueprint("concerns", __name__, url_prefix="/concerns")
ANYONE = tuple(Role)  # the service decides: only those a concern was routed or escalated to


def _concern(concern_id: uuid.UUID) -> Concern:
    return concern_handling.get_for(current_staff(), concern_id) or abort(404)


def _waited(concern: Concern) -> str:
    """How long a concern has waited (until acknowledged), as "3 h 05 min"."""
    end = concern.acknowledged_at or utcnow()
    minutes = int((end - concern.raised_at).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    text = f"{minutes // 60} h {minutes % 60:02d} min"
    return _("%(days)d d %(rest)s", days=days, rest=text) if days else text


@bp.get("/")
@requires_role(*ANYONE)
def index() -> str:
    """Urgent and unacknowledged first, each with how long it has waited."""
    return render_template(
        "concerns/index.html",
        concerns=concern_handling.inbox(current_staff()),
        waited=_waited,
        topics=HELP_TOPICS,
    )


def _page(concern: Concern, note_form=None, close_form=None) -> str:  # type: ignore[no-untyped-def]
    return render_template(
        "concerns/show.html",
        concern=concern,
        waited=_waited,
        topics=HELP_TOPICS,
        asked=HELP_ASKED,
        plain_form=KiteForm(),
        note_form=note_form or ConcernNoteForm(),
        close_form=close_form or CloseConcernForm(),
    )


@bp.get("/<uuid:concern_id>")
@requires_role(*ANYONE)
def show(concern_id: uuid.UUID) -> str:
    """One concern, its notes and what can be done next; opening it is audited."""
    return _page(_concern(concern_id))


def _act(concern: Concern, action, done: str):  # type: ignore[no-untyped-def]
    try:
        action()
    except ConcernError as problem:
        flash(str(problem))
    else:
        flash(done)
    return redirect(url_for(".show", concern_id=concern.id), 303)


@bp.post("/<uuid:concern_id>/acknowledge")
@requires_role(*ANYONE)
def acknowledge(concern_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """Take the concern on: it stops escalating."""
    concern = _concern(concern_id)
    if not KiteForm().validate_on_submit():
        return _page(concern)
    return _act(
        concern,
        lambda: concern_handling.acknowledge(concern, actor=current_staff()),
        _("You have taken this concern on. It no longer escalates."),
    )


@bp.post("/<uuid:concern_id>/notes")
@requires_role(*ANYONE)
@refills_form
def note(concern_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """Add a note."""
    concern = _concern(concern_id)
    form = ConcernNoteForm()
    if not form.validate_on_submit():
        return _page(concern, note_form=form)
    return _act(
        concern,
        lambda: concern_handling.add_note(concern, actor=current_staff(), text=form.text.data),
        _("The note is saved."),
    )


@bp.post("/<uuid:concern_id>/close")
@requires_role(*ANYONE)
@refills_form
def close(concern_id: uuid.UUID):  # type: ignore[no-untyped-def]
    """Record the outcome and close."""
    concern = _concern(concern_id)
    form = CloseConcernForm()
    if not form.validate_on_submit():
        return _page(concern, close_form=form)
    return _act(
        concern,
        lambda: concern_handling.close(concern, actor=current_staff(), outcome=form.outcome.data),
        _("The concern is closed."),
    )

"""'I need help': a child asks for someone to come, and is told who will come and by when.

The call is stored and routed before the child is told it was sent (invariant 5). The home's
help numbers are on the page whatever happens, and on a device that is not one of a home's
tablets they are all it can offer. A page that comes back with an error keeps the child's words.
"""

import uuid

from flask import Blueprint, redirect, render_template, request, session, url_for

from app import questions, visits
from app.access import current_tablet, public
from app.forms import EXPIRED, refills_form, token_refused
from app.labels import CONTACT_KIND_LABELS, HELP_ASKED, HELP_TOPICS, HELP_URGENCY
from app.services import cases, concerns, help_form
from app.services.concerns import ConcernError
from app.services.help_form import HelpFormError

bp = Blueprint("help", __name__, url_prefix="/<locale:locale>/help")
SENT = "help_sent"  # what the "help is coming" page says, kept until the visit ends

bp.before_request(visits.begin_child_page)


def _page(template: str, **context):  # type: ignore[no-untyped-def]
    tablet = current_tablet()
    return render_template(
        template,
        tablet=tablet,
        contacts=tablet.facility.contacts if tablet else [],
        contact_labels=CONTACT_KIND_LABELS,
        asked_choices=HELP_ASKED,
        urgency_choices=HELP_URGENCY,
        topic_choices=HELP_TOPICS,
        words_limit=questions.WORDS_LIMIT,
        **context,
    )


@bp.route("/", methods=["GET", "POST"])
@public
@refills_form
def ask(locale: str):  # type: ignore[no-untyped-def]
    """Who should come, how soon, what about (if the child wants), and their own words."""
    tablet = current_tablet()
    chosen = {
        "key": request.form.get("key") or str(uuid.uuid4()),
        "asked": request.form.get("asked", ""),
        "urgency": request.form.get("urgency", ""),
        "topic": request.form.get("topic", ""),
        "words": request.form.get("words", ""),
    }
    errors: dict[str, str] = {}
    if request.method == "POST" and token_refused():
        errors["form"] = str(EXPIRED)  # shown again with everything the child chose and wrote
    if request.method == "POST" and tablet is not None:
        try:
            call = help_form.read(request.form)
        except HelpFormError as problem:
            errors.update(problem.errors)
        try:
            key = uuid.UUID(chosen["key"])
        except ValueError:
            key, chosen["key"] = uuid.uuid4(), ""
        if not errors:
            try:
                raised = concerns.ask_for_help(
                    key=key,
                    facility=tablet.facility,
                    call=call,
                    locale=locale,
                    case=cases.of_session(session.get(visits.CASE_SESSION), tablet),
                )
            except ConcernError as problem:
                errors["words"] = str(problem)
            else:  # committed: only now is the child told it was sent
                session[SENT] = concerns.told(raised.concern)
                return redirect(url_for(".sent", locale=locale), 303)
    return _page("help/ask.html", chosen=chosen, errors=errors)


@bp.get("/sent")
@public
def sent(locale: str):  # type: ignore[no-untyped-def]
    """Who will come and by when, in child words; and the help numbers."""
    told = session.get(SENT)
    if told is None:
        return redirect(url_for(".ask", locale=locale), 303)
    return _page("help/sent.html", told=told)

"""A child answers a question set: who hears it first, then one question a page, then send.

The answers wait in the visit's session (nothing is stored on the server until the child
sends), so Exit or the idle reset forgets them, and a page that comes back with an error keeps
what the child chose and wrote. Only an enrolled tablet can send.
"""

import uuid

from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from app import questions, visits
from app.access import current_tablet, public
from app.forms import EXPIRED, refills_form, token_refused
from app.labels import ANSWER_WORDS, AUDIENCE_HINTS, AUDIENCE_WORDS
from app.models import Case
from app.services import answer_forms, answers, cases
from app.services.answers import AUDIENCES, Given

bp = Blueprint(
    "answering", __name__, url_prefix="/<locale:locale>/questions/<level:level>/<stage:stage>"
)
DRAFT = "answering"


bp.before_request(visits.begin_child_page)


def _set(stage: str, level: str) -> questions.QuestionSet:
    return questions.set_for(stage, level) or abort(404)


def _session_case() -> Case | None:
    return cases.of_session(session.get(visits.CASE_SESSION), current_tablet())


def _audiences() -> list[str]:
    """The audiences this child can choose; the case worker only in a case session."""
    return [a for a in AUDIENCES if a != "case" or _session_case() is not None]


def _draft(question_set: questions.QuestionSet) -> dict | None:
    draft = session.get(DRAFT)
    if draft and draft["set"] == question_set.id and draft["version"] == question_set.version:
        return draft
    return None


def _page(template: str, question_set: questions.QuestionSet, audiences=None, **context):  # type: ignore[no-untyped-def]
    return render_template(
        template,
        question_set=question_set,
        audiences=audiences or _audiences(),
        audience_words=AUDIENCE_WORDS,
        audience_hints=AUDIENCE_HINTS,
        audience_pictures=questions.AUDIENCE_PICTURES,
        answer_words=ANSWER_WORDS,
        tablet=current_tablet(),
        skip_picture=questions.SKIP_PICTURE,
        words_limit=questions.WORDS_LIMIT,
        **context,
    )


@bp.route("/", methods=["GET", "POST"])
@public
def intro(locale: str, level: str, stage: str):  # type: ignore[no-untyped-def]
    """What happens to the answers, the three audiences and the one limit; then choose who hears."""
    question_set = _set(stage, level)
    first = request.values.get("first", "")
    if question_set.question(first) is None:
        first = question_set.questions[0].id
    if request.method == "POST" and current_tablet() is not None:
        audience = request.form.get("audience")
        if audience in _audiences():
            session[DRAFT] = {
                "set": question_set.id,
                "version": question_set.version,
                "key": str(uuid.uuid4()),
                "audience": audience,
                "answers": {},
            }
            return redirect(
                url_for(".question", locale=locale, level=level, stage=stage, question_id=first),
                303,
            )
    case = _session_case()
    replies = cases.replies_to_show(case) if case and request.method == "GET" else []
    return _page(
        "answering/intro.html",
        question_set,
        first=first,
        chosen=request.form.get("audience"),
        replies=replies,
    )


@bp.route("/<slug:question_id>", methods=["GET", "POST"])
@public
@refills_form
def question(locale: str, level: str, stage: str, question_id: str):  # type: ignore[no-untyped-def]
    """One question, its pictures, "I don't want to answer", and who hears this answer."""
    question_set = _set(stage, level)
    asked = question_set.question(question_id) or abort(404)
    draft = _draft(question_set)
    if draft is None or current_tablet() is None:
        return redirect(
            url_for(".intro", locale=locale, level=level, stage=stage, first=question_id), 303
        )
    index = question_set.questions.index(asked)
    following = (
        question_set.questions[index + 1] if index + 1 < len(question_set.questions) else None
    )
    previous = question_set.questions[index - 1] if index else None
    if session.get(visits.HELPED) and asked.sensitive and not draft.get("handed_over"):
        # A private question: the grown-up gives the tablet to the child and looks away.
        if request.method == "POST" and request.form.get("handed_over"):
            draft["handed_over"] = True
            session.modified = True
            return redirect(request.path, 303)
        return _page("answering/hand_over.html", question_set, question=asked)
    error = None
    given = draft["answers"].get(
        asked.id, {"values": [], "words": None, "audience": draft["audience"]}
    )
    if request.method == "POST":
        given = {
            "values": request.form.getlist("value") if asked.kind != "words" else [],
            "words": request.form.get("words") if asked.kind == "words" else None,
            "audience": request.form.get("audience", draft["audience"]),
        }
        try:
            if token_refused():
                raise answers.AnswerError(EXPIRED)  # show the page again, keep nothing
            answers.check_one(
                question_set,
                Given(asked.id, tuple(given["values"]), given["audience"], given["words"]),
                case_session=bool(session.get("case_id")),
            )
        except answers.AnswerError as problem:
            error = str(problem)
        else:
            draft["answers"][asked.id] = given
            session.modified = True
            target = (
                url_for(
                    ".question", locale=locale, level=level, stage=stage, question_id=following.id
                )
                if following
                else url_for(".send", locale=locale, level=level, stage=stage)
            )
            return redirect(target, 303)
    return _page(
        "answering/question.html",
        question_set,
        question=asked,
        number=index + 1,
        given=given,
        error=error,
        previous=previous,
    )


@bp.route("/send", methods=["GET", "POST"])
@public
@refills_form
def send(locale: str, level: str, stage: str):  # type: ignore[no-untyped-def]
    """Send the answers: stored once, however often this is pressed or resent."""
    question_set = _set(stage, level)
    draft = _draft(question_set)
    tablet = current_tablet()
    if draft is None or tablet is None:
        return redirect(url_for(".intro", locale=locale, level=level, stage=stage), 303)
    error = str(EXPIRED) if token_refused() else None
    mode = "helped" if session.get(visits.HELPED) else "alone"
    if request.method == "POST" and error is None:
        given = [
            Given(question_id, tuple(answer["values"]), answer["audience"], answer["words"])
            for question_id, answer in draft["answers"].items()
        ]
        try:
            answers.submit(
                key=uuid.UUID(draft["key"]),
                facility=tablet.facility,
                question_set=question_set,
                locale=locale,
                mode=mode,
                given=given,
                case=_session_case(),
            )
        except answers.AnswerError as problem:
            error = str(problem)
        else:
            session.pop(DRAFT)
            session.pop(visits.CASE_SESSION, None)  # the child has finished: the case session ends
            session.pop(visits.HELPED, None)
            return redirect(url_for(".thanks", locale=locale, level=level, stage=stage), 303)
    return _page(
        "answering/send.html",
        question_set,
        draft=draft,
        error=error,
        copy=answer_forms.fields_of(draft, mode, _session_case()),
    )


@bp.route("/on-this-tablet", methods=["GET", "POST"])
@public
@refills_form
def whole(locale: str, level: str, stage: str):  # type: ignore[no-untyped-def]
    """Every question on one page, sent at once: what a tablet keeps for a child to answer
    without a connection (its outbox keeps the post), and a plain form everywhere else."""
    question_set = _set(stage, level)
    tablet = current_tablet()
    error = str(EXPIRED) if request.method == "POST" and token_refused() else None
    if request.method == "POST" and tablet is not None and error is None:
        try:
            answer_forms.submit(
                question_set,
                request.form,
                tablet=tablet,
                key=_key(request.form.get("key")),
                locale=locale,
            )
        except answers.AnswerError as problem:
            error = str(problem)
        else:
            return redirect(url_for(".thanks", locale=locale, level=level, stage=stage), 303)
    return _page(
        "answering/whole.html",
        question_set,
        audiences=[a for a in AUDIENCES if a != "case"],  # no case: kept for every child
        form=request.form,
        key=request.form.get("key") or str(uuid.uuid4()),  # a double press is stored once
        error=error,
    )


def _key(posted: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(posted or "")
    except ValueError:
        return uuid.uuid4()


@bp.get("/thank-you")
@public
def thanks(locale: str, level: str, stage: str) -> str:
    """Thank you, and what happens now."""
    return _page("answering/thanks.html", _set(stage, level))

"""A whole answer set as form fields: how the one-page form, the send page's copy and a sealed
item from a tablet's outbox all carry it, read back by one function.

Fields: ``key`` (the set's idempotency key), ``audience`` (who hears, unless a question says
otherwise), and per question ``value-<id>`` (one or more), ``words-<id>``, ``audience-<id>``;
the send page adds ``mode`` and, in a case session, ``case`` (signed by the server).
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import MultiDict

from app.models import Case, Tablet
from app.questions import QuestionSet
from app.services import answers, cases
from app.services.answers import MODES, NOT_FITTING, WORDS, AnswerError, Given

NOTHING_GIVEN = _l("Answer at least one question, or choose \u201cI don't want to answer\u201d.")


@dataclass(frozen=True)
class SetForm:
    """What the fields say: the answers, how they were given, and the case they belong to."""

    given: list[Given]
    mode: str
    case: Case | None


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="kite-case-of-answers")


def case_token(case: Case) -> str:
    """The case of a case session, signed: a tablet keeps it with answers it could not send."""
    return _signer().dumps(case.id)


def fields_of(draft: dict, mode: str, case: Case | None) -> list[tuple[str, str]]:
    """The send page's copy of a draft, so a tablet can keep it if sending fails."""
    fields = [("key", draft["key"]), ("audience", draft["audience"]), ("mode", mode)]
    if case is not None:
        fields.append(("case", case_token(case)))
    for question_id, answer in draft["answers"].items():
        fields.append((f"audience-{question_id}", answer["audience"]))
        if answer["words"] is not None:
            fields.append((f"words-{question_id}", answer["words"]))
        fields += [(f"value-{question_id}", value) for value in answer["values"]]
    return fields


def read(question_set: QuestionSet, form: MultiDict | Iterable, tablet: Tablet) -> SetForm:
    """The answer set in these fields; AnswerError (nothing kept) unless it all fits."""
    form = form if isinstance(form, MultiDict) else MultiDict(form)
    case = None
    if form.get("case"):
        try:
            case = cases.of_session(_signer().loads(form["case"]), tablet)
        except BadSignature:
            case = None
        if case is None:
            raise AnswerError(_l("This case is closed, so these answers cannot go to it."))
    mode = form.get("mode", "alone")
    if mode not in MODES:
        raise AnswerError(NOT_FITTING)
    default = form.get("audience", "")
    given = []
    for question in question_set.questions:
        words = form.get(f"words-{question.id}") if question.kind == WORDS else None
        values = tuple(form.getlist(f"value-{question.id}")) if question.kind != WORDS else ()
        if not values and not (words or "").strip():
            continue
        audience = form.get(f"audience-{question.id}") or default
        given.append(Given(question.id, values, audience, words))
    if not given:
        raise AnswerError(NOTHING_GIVEN)
    return SetForm(given=given, mode=mode, case=case)


def submit(
    question_set: QuestionSet,
    form: MultiDict | Iterable,
    *,
    tablet: Tablet,
    key: uuid.UUID,
    locale: str,
) -> bool:
    """Read the answer set in these fields and keep it once (False: a resend); AnswerError,
    nothing kept, unless it all fits. The one-page form and the tablet's outbox both send here."""
    read_form = read(question_set, form, tablet)
    return answers.submit(
        key=key,
        facility=tablet.facility,
        question_set=question_set,
        locale=locale,
        mode=read_form.mode,
        given=read_form.given,
        case=read_form.case,
    )

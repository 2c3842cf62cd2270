"""A tablet sends a whole answer set, or a call for help, in one request: as plain JSON (what
the benchmarks drive), or sealed (`/sealed`: how its outbox delivers what a child sent while
offline; see docs/offline.md).

JSON only, authenticated by the tablet's own credential (its cookie), idempotent by each item's
key: a resend is answered 200 and stored once. No page token is needed — a browser cannot send
JSON across sites without asking first, and the credential is SameSite — so an item kept for
days on a tablet is still accepted.
"""

import uuid

from flask import Blueprint, current_app, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from app import questions
from app.access import current_tablet, public
from app.extensions import csrf
from app.i18n import CODES
from app.models import Tablet
from app.services import answer_forms, answers, concerns, help_form, sealing
from app.services.answers import Given
from app.services.concerns import ConcernError
from app.services.help_form import HelpFormError
from app.services.sealing import SealError

bp = Blueprint("tablet_api", __name__, url_prefix="/tablet/api")
MAX_BYTES = 64 * 1024


class Refused(Exception):
    """A post this API cannot take: answered with its status and a plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@bp.errorhandler(Refused)
def _refused(refused: Refused) -> tuple[Response, int]:
    return jsonify({"error": refused.message}), refused.status


def _posted() -> tuple[Tablet, dict]:
    """The enrolled tablet posting, and the JSON object it posted; else Refused."""
    tablet = current_tablet()
    if tablet is None:
        raise Refused(401, "This device is not an enrolled tablet of a home.")
    if request.content_length is not None and request.content_length > MAX_BYTES:
        raise Refused(413, "Too large.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Refused(400, "Send one JSON object.")
    return tablet, body


def _given(item: dict) -> Given:
    words = item.get("words")
    return Given(
        question_id=str(item["question"]),
        values=tuple(str(v) for v in item.get("values", [])),
        audience=str(item["audience"]),
        words=None if words is None else str(words),
    )


@bp.post("/answer-sets")
@csrf.exempt  # JSON from the tablet's own pages only; see the module's note
@public
def answer_sets():  # type: ignore[no-untyped-def]
    """Store one answer set from an enrolled tablet, exactly once."""
    tablet, body = _posted()
    try:
        key = uuid.UUID(str(body["key"]))
        question_set = questions.set_for(str(body["stage"]), str(body["level"]))
        locale = str(body["locale"])
        given = [_given(item) for item in body["answers"]]
    except (KeyError, TypeError, ValueError, AttributeError):
        raise Refused(400, "The answer set is not in the expected shape.") from None
    if question_set is None or body.get("version") != question_set.version:
        raise Refused(400, "Unknown question set or version.")
    if locale not in CODES:
        raise Refused(400, "Unknown language.")
    try:
        stored = answers.submit(
            key=key,
            facility=tablet.facility,
            question_set=question_set,
            locale=locale,
            mode="helped" if body.get("helped") else "alone",
            given=given,
        )
    except answers.AnswerError as error:
        raise Refused(400, str(error)) from error
    return jsonify({"stored": stored, "key": str(key)}), 201 if stored else 200


@bp.post("/calls-for-help")
@csrf.exempt  # as answer sets; see the module's note
@public
def calls_for_help():  # type: ignore[no-untyped-def]
    """Store one call for help from an enrolled tablet, exactly once, routed before the answer;
    the answer says what to tell the child (who will come, within how many minutes)."""
    tablet, body = _posted()
    try:
        key = uuid.UUID(str(body["key"]))
        locale = str(body["locale"])
        # The live form's fields, read by the live form's rules.
        call = help_form.read(MultiDict({k: str(v) for k, v in body.items() if v is not None}))
    except (KeyError, TypeError, ValueError):
        raise Refused(400, "The call for help is not in the expected shape.") from None
    if locale not in CODES:
        raise Refused(400, "Unknown language.")
    try:
        raised = concerns.ask_for_help(key=key, facility=tablet.facility, call=call, locale=locale)
    except ConcernError as error:
        raise Refused(400, str(error)) from error
    told = concerns.told(raised.concern)
    return jsonify({"stored": raised.new, "key": str(key), **told}), 201 if raised.new else 200


@bp.post("/sealed")
@csrf.exempt  # as answer sets; the envelope stands in for the expired page token
@public
def sealed():  # type: ignore[no-untyped-def]
    """Open one item from a tablet's outbox and store it as if its form were posted live, once.

    The item holds the path its form was sent to and the form's fields: the same rules read
    them as on the live page. A resend is answered 200; an item that can never fit is 422."""
    tablet, body = _posted()
    try:
        opened = sealing.open_envelope(body)
    except SealError as error:
        raise Refused(400, str(error)) from error
    try:
        endpoint, args = current_app.url_map.bind("").match(opened.path, method="POST")
    except HTTPException:
        raise Refused(422, "The item was sent from no page that takes it.") from None
    form = MultiDict(opened.fields)
    try:
        if endpoint == "help.ask":
            raised = concerns.ask_for_help(
                key=opened.key,
                facility=tablet.facility,
                call=help_form.read(form),
                locale=args["locale"],
            )
            reply = {"stored": raised.new, **concerns.told(raised.concern)}
        elif endpoint in {"answering.send", "answering.whole"}:
            question_set = questions.set_for(args["stage"], args["level"])
            if question_set is None:
                raise Refused(422, "Unknown question set.")
            stored = answer_forms.submit(
                question_set, form, tablet=tablet, key=opened.key, locale=args["locale"]
            )
            reply = {"stored": stored}
        else:
            raise Refused(422, "The item was sent from no page that takes it.")
    except (answers.AnswerError, HelpFormError, ConcernError) as error:
        raise Refused(422, str(error)) from error
    return jsonify({"key": str(opened.key), **reply}), 201 if reply["stored"] else 200

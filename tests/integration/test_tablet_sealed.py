"""A tablet's outbox sends each item sealed to the server's key: the server opens it, reads it
with the same rules as the live form, stores it once, and accepts it days later without a page
token; anything it cannot open or that can never fit is refused plainly, nothing stored."""

import base64
import uuid

import pytest

from app.models import Concern, PooledAnswerSet, Role, SubmissionKey
from app.services import sealing
from tests.conftest import count_rows

URL = "/tablet/api/sealed"
WHOLE = "/km/questions/younger/arriving/on-this-tablet"


@pytest.fixture
def home(create_home, create_staff):  # type: ignore[no-untyped-def]
    home = create_home()
    create_staff(Role.CAREGIVER, home)
    return home


@pytest.fixture
def tablet(home, create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    return tablet_device(create_tablet(home)[1])


@pytest.fixture
def public(app_context) -> dict:  # type: ignore[no-untyped-def]
    return sealing.public_key()


def answers_fields(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    question_set = app.extensions["kite_question_sets"]["arriving-younger"]
    fields = [("audience", "count")]
    for question in question_set.questions:
        if question.kind == "words":
            fields.append((f"words-{question.id}", "The food is good here."))
        else:
            fields.append((f"value-{question.id}", "skip"))
    return fields


def test_a_sealed_answer_set_is_stored_once_and_a_resend_is_a_success(app, tablet, public) -> None:  # type: ignore[no-untyped-def]
    envelope = sealing.seal(uuid.uuid4(), WHOLE, answers_fields(app), public)
    first = tablet.post(URL, json=envelope)
    assert first.status_code == 201, first.json
    again = tablet.post(URL, json=envelope)
    assert again.status_code == 200 and again.json["stored"] is False
    assert count_rows(SubmissionKey) == 1 and count_rows(PooledAnswerSet) == 1


def test_a_sealed_call_for_help_is_routed_once_and_says_what_to_tell(tablet, public) -> None:  # type: ignore[no-untyped-def]
    fields = [("asked", "unknown"), ("urgency", "now"), ("topic", ""), ("words", "Please come.")]
    envelope = sealing.seal(uuid.uuid4(), "/ar/help/", fields, public)
    first = tablet.post(URL, json=envelope)
    assert first.status_code == 201 and first.json["minutes"] > 0, first.json
    assert tablet.post(URL, json=envelope).status_code == 200
    assert count_rows(Concern) == 1


def test_an_expired_page_token_does_not_matter_the_envelope_stands_for_it(
    app, tablet, public
) -> None:  # type: ignore[no-untyped-def]
    fields = [("csrf_token", "long-expired"), *answers_fields(app)]
    response = tablet.post(URL, json=sealing.seal(uuid.uuid4(), WHOLE, fields, public))
    assert response.status_code == 201


def _tampered(envelope: dict) -> dict:
    sealed = bytearray(base64.b64decode(envelope["sealed"]))
    sealed[0] ^= 1
    return {**envelope, "sealed": base64.b64encode(bytes(sealed)).decode()}


@pytest.mark.parametrize(
    "spoil",
    [
        _tampered,
        lambda e: {**e, "key": str(uuid.uuid4())},  # the key is bound into the envelope
        lambda e: {**e, "kid": "0" * 32},
        lambda e: {**e, "v": 2},
        lambda e: {**e, "iv": "not base64!"},
        lambda e: {k: v for k, v in e.items() if k != "wrapped"},
    ],
)
def test_an_envelope_that_cannot_be_opened_is_refused_and_nothing_is_stored(
    app, tablet, public, spoil
) -> None:  # type: ignore[no-untyped-def]
    envelope = spoil(sealing.seal(uuid.uuid4(), WHOLE, answers_fields(app), public))
    response = tablet.post(URL, json=envelope)
    assert response.status_code == 400 and response.json["error"]
    assert count_rows(SubmissionKey) == 0


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        (WHOLE, [("audience", "count"), ("value-feel-safe", "purple")]),
        (WHOLE, [("audience", "everyone"), ("value-feel-safe", "skip")]),
        (WHOLE, [("audience", "count")]),  # nothing answered
        (WHOLE, [("audience", "case"), ("value-feel-safe", "skip")]),  # no case session
        (WHOLE, [("case", "forged"), ("audience", "case"), ("value-feel-safe", "skip")]),
        ("/km/help/", [("asked", "the-cook"), ("urgency", "now")]),
        ("/km/rights/younger/", [("audience", "count")]),
        ("/../../etc/passwd", []),
    ],
)
def test_an_item_that_can_never_fit_is_refused_as_the_live_form_would(
    tablet, public, path, fields
) -> None:  # type: ignore[no-untyped-def]
    response = tablet.post(URL, json=sealing.seal(uuid.uuid4(), path, fields, public))
    assert response.status_code == 422 and response.json["error"]
    assert count_rows(SubmissionKey) == 0 and count_rows(Concern) == 0


def test_only_an_enrolled_tablet_may_send(app, public, client) -> None:  # type: ignore[no-untyped-def]
    envelope = sealing.seal(uuid.uuid4(), WHOLE, answers_fields(app), public)
    assert client.post(URL, json=envelope).status_code == 401


def test_every_key_ever_handed_out_still_opens_what_waited(app, tablet, public) -> None:  # type: ignore[no-untyped-def]
    older = sealing.seal(uuid.uuid4(), WHOLE, answers_fields(app), public)
    sealing._make_key()  # a new key is handed out; tablets still hold items sealed to the old
    assert sealing.public_key()["id"] != public["id"]
    assert tablet.post(URL, json=older).status_code == 201

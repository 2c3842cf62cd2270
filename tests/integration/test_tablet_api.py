"""A tablet sends a whole answer set as JSON: once, with its credential, or a clear refusal."""

import uuid

import pytest

from app.models import PooledAnswerSet, SubmissionKey
from tests.conftest import count_rows as count

URL = "/tablet/api/answer-sets"


@pytest.fixture
def tablet(create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    return tablet_device(create_tablet()[1])


def answer_set(app, key: str | None = None, **changes) -> dict:  # type: ignore[no-untyped-def]
    question_set = app.extensions["kite_question_sets"]["arriving-younger"]
    body = {
        "key": key or str(uuid.uuid4()),
        "locale": "km",
        "level": "younger",
        "stage": "arriving",
        "version": question_set.version,
        "answers": [
            {"question": q.id, "values": [q.values[0]], "audience": "count"}
            for q in question_set.questions
        ],
    }
    return {**body, **changes}


def test_a_tablet_sends_a_set_once_and_a_resend_is_answered_with_success(
    app, tablet, app_context
) -> None:  # type: ignore[no-untyped-def]
    body = answer_set(app)
    first = tablet.post(URL, json=body)
    assert first.status_code == 201 and first.json["stored"] is True
    again = tablet.post(URL, json=body)
    assert again.status_code == 200 and again.json["stored"] is False
    assert count(SubmissionKey) == 1 and count(PooledAnswerSet) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"version": 999},
        {"stage": "all"},
        {"locale": "xx"},
        {"key": "not-a-key"},
        {"answers": [{"question": "feel-safe", "values": ["excellent"], "audience": "count"}]},
        {"answers": [{"question": "feel-safe", "values": ["good"], "audience": "case"}]},
        {"answers": "nonsense"},
    ],
    ids=["version", "stage", "locale", "key", "value", "case-without-session", "shape"],
)
def test_a_set_that_does_not_fit_is_refused_plainly_and_stores_nothing(
    app, tablet, app_context, change
) -> None:  # type: ignore[no-untyped-def]
    response = tablet.post(URL, json=answer_set(app, **change))
    assert response.status_code == 400 and response.json["error"]
    assert count(SubmissionKey) == 0 and count(PooledAnswerSet) == 0


def test_only_an_enrolled_tablet_may_send_and_only_json(app, client, tablet, app_context) -> None:  # type: ignore[no-untyped-def]
    assert client.post(URL, json=answer_set(app)).status_code == 401
    form = tablet.post(URL, data={"key": str(uuid.uuid4())})
    assert form.status_code == 400, "a cross-site form post is not JSON"
    huge = tablet.post(URL, data="x" * 70_000, content_type="application/json")
    assert huge.status_code == 413
    assert count(SubmissionKey) == 0

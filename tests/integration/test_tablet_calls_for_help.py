"""A tablet sends a call for help as JSON (its outbox's way): stored and routed once, and told
what to say to the child; or refused plainly, with nothing stored."""

import uuid

import pytest

from app.models import Concern, ConcernRecipient, OutgoingEmail, Role
from tests.conftest import count_rows as count

URL = "/tablet/api/calls-for-help"


@pytest.fixture
def home(create_home, create_staff):  # type: ignore[no-untyped-def]
    home = create_home()
    create_staff(Role.MONITOR, home)
    create_staff(Role.CAREGIVER, home)
    return home


@pytest.fixture
def tablet(home, create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    return tablet_device(create_tablet(home)[1])


def call(**changes: object) -> dict:
    body = {"key": str(uuid.uuid4()), "locale": "ar", "asked": "unknown", "urgency": "now"}
    return {**body, "topic": "hurt", "words": "A grown-up hit me.", **changes}


def test_a_call_is_stored_and_routed_once_and_says_what_to_tell_the_child(
    tablet, app_context
) -> None:  # type: ignore[no-untyped-def]
    body = call()
    first = tablet.post(URL, json=body)
    assert first.status_code == 201
    assert first.json == {
        "stored": True,
        "key": body["key"],
        "route": "monitors",
        "urgency": "now",
        "minutes": 60,
    }
    again = tablet.post(URL, json=body)
    assert again.status_code == 200 and again.json["stored"] is False
    assert again.json["route"] == "monitors", "a resend is told the same"
    assert count(Concern) == 1
    assert count(ConcernRecipient) == 1, "routed to the monitor only, once"
    assert count(OutgoingEmail) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"key": "not-a-key"},
        {"asked": "everyone"},
        {"urgency": "later"},
        {"topic": "ghosts"},
        {"locale": "xx"},
        {"words": "x" * 601},
        {"asked": None},
    ],
    ids=["key", "asked", "urgency", "topic", "locale", "too-many-words", "shape"],
)
def test_a_call_that_does_not_fit_is_refused_plainly_and_stores_nothing(
    tablet, app_context, change
) -> None:  # type: ignore[no-untyped-def]
    response = tablet.post(URL, json=call(**change))
    assert response.status_code == 400 and response.json["error"]
    assert count(Concern) == 0 and count(OutgoingEmail) == 0


def test_only_an_enrolled_tablet_may_call_and_only_in_json(client, tablet, app_context) -> None:  # type: ignore[no-untyped-def]
    assert client.post(URL, json=call()).status_code == 401
    assert tablet.post(URL, data=call()).status_code == 400, "a cross-site form post"
    assert tablet.post(URL, json=[call()]).status_code == 400
    huge = tablet.post(URL, data="x" * 70_000, content_type="application/json")
    assert huge.status_code == 413
    assert count(Concern) == 0

"""Every question on one page, sent at once: the form a tablet keeps to answer offline, which
is also a plain form that works without a service worker or script; and the send page's copy
of the answers that a tablet seals when sending fails."""

import uuid

from werkzeug.datastructures import MultiDict

from app.models import PooledAnswerSet, SubmissionKey
from app.services import answer_forms, sealing
from tests.conftest import count_rows

BASE = "/km/questions/older/staying"
WHOLE = BASE + "/on-this-tablet"


def test_the_one_page_form_asks_every_question_and_offers_no_case(
    app, create_tablet, tablet_device
) -> None:  # type: ignore[no-untyped-def]
    tablet = tablet_device(create_tablet()[1])
    page = tablet.get(WHOLE).soup
    question_set = app.extensions["kite_question_sets"]["staying-older"]
    assert len(page.select("section.question")) == len(question_set.questions)
    assert [i["value"] for i in page.select("input[name=audience]")] == ["count", "visitors"]
    assert page.select_one("input[name=key][data-fresh-key]") is not None


def test_a_plain_post_of_the_whole_set_is_stored_once(
    app, create_tablet, tablet_device, app_context
) -> None:  # type: ignore[no-untyped-def]
    tablet = tablet_device(create_tablet()[1])
    key = str(uuid.uuid4())
    data = MultiDict([("key", key), ("audience", "count"), ("value-feel-safe", "always")])
    data.add("words-make-it-better", "More football.")
    sent = tablet.post(WHOLE, data=data)
    assert sent.status_code == 303 and sent.headers["Location"].endswith(BASE + "/thank-you")
    assert tablet.post(WHOLE, data=data).status_code == 303, "a second press is kind"
    assert count_rows(SubmissionKey) == 1 and count_rows(PooledAnswerSet) == 1


def test_an_answer_that_does_not_fit_comes_back_with_everything_kept(
    create_tablet, tablet_device, app_context
) -> None:  # type: ignore[no-untyped-def]
    tablet = tablet_device(create_tablet()[1])
    data = {
        "audience": "count",
        "value-feel-safe": "purple",
        "words-make-it-better": "More football.",
    }
    page = tablet.post(WHOLE, data=data).soup
    assert page.select_one(".error-summary") is not None
    assert page.select_one("textarea[name=words-make-it-better]").get_text() == "More football."
    assert count_rows(SubmissionKey) == 0


def test_a_device_that_is_not_a_tablet_reads_but_cannot_send(client, app_context) -> None:  # type: ignore[no-untyped-def]
    assert client.get(WHOLE).soup.select_one("main form") is None
    assert (
        client.post(WHOLE, data={"audience": "count", "value-feel-safe": "always"}).status_code
        == 200
    )
    assert count_rows(SubmissionKey) == 0


def test_the_send_page_carries_a_copy_that_opens_as_the_same_set(
    app, create_tablet, tablet_device, app_context
) -> None:  # type: ignore[no-untyped-def]
    tablet_row, credential = create_tablet()
    tablet = tablet_device(credential)
    question_set = app.extensions["kite_question_sets"]["staying-older"]
    first = question_set.questions[0]
    tablet.post(BASE + "/", data={"audience": "visitors"})
    tablet.post(f"{BASE}/{first.id}", data={"value": first.values[0], "audience": "count"})
    form = tablet.get(BASE + "/send").soup.select_one("main form")
    fields = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    names = dict(fields)
    assert names["audience"] == "visitors" and names[f"audience-{first.id}"] == "count"
    read = answer_forms.read(question_set, MultiDict(fields), tablet_row)
    assert [(g.question_id, g.values, g.audience) for g in read.given] == [
        (first.id, (first.values[0],), "count")
    ]
    # What a tablet would seal from this page, stored through the outbox's path once.
    envelope = sealing.seal(uuid.UUID(names["key"]), BASE + "/send", fields, sealing.public_key())
    assert tablet.post("/tablet/api/sealed", json=envelope).status_code == 201
    assert tablet.post(BASE + "/send").status_code == 303, "the live send is now a resend"
    assert count_rows(SubmissionKey) == 1


def test_without_script_a_double_press_is_stored_once(
    create_tablet, tablet_device, app_context
) -> None:  # type: ignore[no-untyped-def]
    tablet = tablet_device(create_tablet()[1])
    key = tablet.get(WHOLE).soup.select_one("input[name=key]")["value"]
    data = {"key": key, "audience": "count", "value-feel-safe": "always"}
    assert tablet.post(WHOLE, data=data).status_code == 303
    assert tablet.post(WHOLE, data=data).status_code == 303
    assert count_rows(SubmissionKey) == 1

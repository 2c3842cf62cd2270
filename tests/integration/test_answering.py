"""A child answers on the home's tablet: chooses who hears, answers, changes it, sends once."""

import pytest
from sqlalchemy import func, select

from app.access import TABLET_COOKIE
from app.extensions import db
from app.models import PooledAnswerSet, Role, StaffUser, SubmissionKey, Tablet

BASE = "/km/questions/older/staying"


@pytest.fixture
def tablet(create_home, create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    return tablet_device(create_tablet(home=create_home())[1])


def pooled() -> list:
    return db.session.scalars(select(PooledAnswerSet)).all()


def test_a_device_that_is_not_a_tablet_reads_but_cannot_answer(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(BASE + "/")
    assert page.status_code == 200 and page.soup.select_one("main form") is None
    assert client.post(BASE + "/", data={"audience": "count"}).status_code == 200
    assert client.get(BASE + "/feel-safe").status_code == 303


def test_the_intro_explains_and_offers_the_audiences_without_a_case_session(tablet) -> None:  # type: ignore[no-untyped-def]
    page = tablet.get(BASE + "/").soup
    assert [i["value"] for i in page.select("input[name=audience]")] == ["count", "visitors"]
    assert page.select_one(".limit").get_text(strip=True)


def test_a_child_answers_changes_one_audience_and_sends_once(app, tablet, app_context) -> None:  # type: ignore[no-untyped-def]
    question_set = app.extensions["kite_question_sets"]["staying-older"]
    first, second, *_ = question_set.questions
    start = tablet.post(BASE + "/", data={"audience": "count"})
    assert start.headers["Location"].endswith(f"{BASE}/{first.id}")
    page = tablet.get(f"{BASE}/{first.id}").soup
    assert page.select_one("details.audience summary").get_text()
    assert page.select_one("#value-skip") is not None, "I don't want to answer is always there"
    tablet.post(f"{BASE}/{first.id}", data={"value": first.values[0], "audience": "visitors"})
    tablet.post(f"{BASE}/{second.id}", data={"value": "skip", "audience": "count"})
    back = tablet.get(f"{BASE}/{first.id}").soup
    assert back.select_one(f"#value-{first.values[0]}").has_attr("checked")
    assert back.select_one("#audience-visitors").has_attr("checked")
    assert tablet.post(f"{BASE}/send").status_code == 303
    assert len(pooled()) == 1
    rows = {(r["question_id"], r["value"]) for r in pooled()[0].rows}
    assert rows == {(first.id, first.values[0]), (second.id, "skip")}
    assert tablet.post(f"{BASE}/send").status_code == 303, "a second press is answered kindly"
    assert db.session.scalar(select(func.count()).select_from(SubmissionKey)) == 1


def test_a_value_that_does_not_fit_comes_back_with_a_kind_error_and_keeps_the_words(  # type: ignore[no-untyped-def]
    tablet, app_context
) -> None:
    tablet.post(BASE + "/", data={"audience": "count"})
    wrong = tablet.post(f"{BASE}/feel-safe", data={"value": "excellent", "audience": "count"})
    assert wrong.status_code == 200 and wrong.soup.select_one(".error-summary")
    words = "ខ្ញុំចង់លេងបាល់" * 60
    long = tablet.post(f"{BASE}/make-it-better", data={"words": words, "audience": "count"})
    assert long.status_code == 200
    assert long.soup.select_one("#words").get_text() == words, "the child's words come back"
    assert pooled() == []


def test_is_this_happening_for_you_leads_from_a_card_to_its_question(app, client) -> None:  # type: ignore[no-untyped-def]
    link = client.get("/km/rights/older/staying/fair-rules").soup.find(
        "a", href=lambda h: h and "/questions/" in h
    )
    assert link["href"].startswith("/km/questions/older/staying/?first=")
    question_id = link["href"].split("=")[1]
    asked = app.extensions["kite_question_sets"]["staying-older"].question(question_id)
    assert asked.card == "fair-rules"


def test_invariant_9_shared_tablets_forget_an_idle_visit_but_never_a_posted_answer(  # type: ignore[no-untyped-def]
    app, tablet, app_context
) -> None:
    tablet.post(BASE + "/", data={"audience": "count"})
    with tablet.session_transaction() as session:
        session["seen"] -= 10_000  # the child walked away long ago
    posted = tablet.post(f"{BASE}/feel-safe", data={"value": "always", "audience": "count"})
    assert posted.status_code == 303 and "hurt-or-scared" in posted.headers["Location"], "kept"
    with tablet.session_transaction() as session:
        assert session["answering"]["answers"]["feel-safe"]["values"] == ["always"]
        session["seen"] -= 10_000
    assert tablet.get(f"{BASE}/hurt-or-scared").headers["Location"] == "/"
    with tablet.session_transaction() as session:
        assert "answering" not in session and set(session) <= {"seen", "csrf_token", "locale"}


def test_a_helped_session_hands_the_tablet_to_the_child_before_a_private_question(  # type: ignore[no-untyped-def]
    app, client, create_home, create_tablet, create_staff, sign_in, app_context
) -> None:
    home = create_home()
    _, credential = create_tablet(home=home)
    client.set_cookie(TABLET_COOKIE, credential)
    sign_in(create_staff(Role.CAREGIVER, home=home))
    assert client.post("/care/helped").headers["Location"] == "/"
    assert client.get("/care/").status_code == 302, "the caregiver is signed out"
    question_set = app.extensions["kite_question_sets"]["arriving-younger"]
    private = next(q for q in question_set.questions if q.sensitive)
    base = "/km/questions/younger/arriving"
    client.post(base + "/", data={"audience": "count", "first": private.id})
    hand_over = client.get(f"{base}/{private.id}").soup
    assert hand_over.select_one("input[name=handed_over]") is not None
    assert hand_over.select_one("input[name=value]") is None, "the question waits for the child"
    client.post(f"{base}/{private.id}", data={"handed_over": "yes"})
    assert client.get(f"{base}/{private.id}").soup.select_one("input[name=value]") is not None
    client.post(f"{base}/{private.id}", data={"value": "skip", "audience": "count"})
    client.post(f"{base}/send")
    assert {row["mode"] for row in pooled()[0].rows} == {"helped"}


def test_an_expired_token_keeps_the_childs_words_and_changes_nothing(  # type: ignore[no-untyped-def]
    app, tablet, configure, app_context
) -> None:
    tablet.post(BASE + "/", data={"audience": "count"})
    configure(WTF_CSRF_ENABLED=True)
    words = "ខ្ញុំចង់មានពេលលេងច្រើនជាងនេះ"
    stale = tablet.post(
        f"{BASE}/make-it-better", data={"words": words, "audience": "count", "csrf_token": "old"}
    )
    assert stale.status_code == 200 and stale.soup.select_one("#words").get_text() == words
    assert stale.soup.select_one(".error-summary")
    with tablet.session_transaction() as session:
        assert "make-it-better" not in session["answering"]["answers"], "nothing kept"
    sent = tablet.post(f"{BASE}/send", data={"csrf_token": "old"})
    assert sent.status_code == 200 and pooled() == [], "a forged or stale send stores nothing"


def test_a_tablet_stopped_mid_set_sends_nothing_and_says_why(  # type: ignore[no-untyped-def]
    app, create_home, create_tablet, create_staff, app_context
) -> None:
    from app.services import tablets

    home = create_home()
    stopped, credential = create_tablet(home=home)
    device = app.test_client()
    device.set_cookie(TABLET_COOKIE, credential)
    device.post(BASE + "/", data={"audience": "count"})
    device.post(f"{BASE}/feel-safe", data={"value": "always", "audience": "count"})
    staff = create_staff(Role.CAREGIVER, home=home)
    tablets.revoke(db.session.get(Tablet, stopped.id), by=db.session.get(StaffUser, staff.id))
    refused = device.post(f"{BASE}/send")
    assert refused.status_code == 303 and refused.headers["Location"].endswith(f"{BASE}/")
    assert device.get(BASE + "/").soup.select_one(".notice-child") is not None
    assert pooled() == []

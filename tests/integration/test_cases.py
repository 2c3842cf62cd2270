"""Cases and case sessions: a random code and no name; the child's words go to their case worker,
who reads them (audited), replies, and the child sees the reply at the next session."""

import pytest
from sqlalchemy import select

from app.access import TABLET_COOKIE
from app.extensions import db
from app.models import AuditEvent, Case, CaseAnswer, Role

QUESTIONS = "/km/questions/older/staying"


@pytest.fixture
def home(create_home):  # type: ignore[no-untyped-def]
    return create_home(name="Lotus House")


@pytest.fixture
def worker(create_staff, home):  # type: ignore[no-untyped-def]
    return create_staff(Role.CASE_WORKER, home=home)


@pytest.fixture
def on_tablet(client, home, create_tablet):  # type: ignore[no-untyped-def]
    """The test client is the home's enrolled tablet."""
    _, credential = create_tablet(home=home)
    client.set_cookie(TABLET_COOKIE, credential)
    return client


def test_a_case_worker_opens_a_case_with_a_random_code_and_no_name(
    client, sign_in, worker, home, app_context
) -> None:  # type: ignore[no-untyped-def]
    sign_in(worker)
    form = client.get("/care/cases/").soup
    names = {c["name"] for c in form.select("main form [name]")} - {"csrf_token"}
    assert names == {"home", "age_band", "stage", "preferred_locale", "from_another_country"}
    made = client.post(
        "/care/cases/",
        data={"home": home.id, "age_band": "older", "stage": "staying", "preferred_locale": "km"},
    )
    assert made.status_code == 303
    case = db.session.scalar(select(Case))
    assert made.headers["Location"].endswith(case.code) and len(case.code) == 9
    client.post(f"/care/cases/{case.code}/stage", data={"stage": "moving_on"})
    client.post(f"/care/cases/{case.code}/close")
    db.session.expire_all()
    assert case.stage.value == "moving_on" and case.closed_on is not None
    actions = list(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == case.code))
    )
    assert {"case.open", "case.stage", "case.close"} <= set(actions)


def test_invariant_2_in_a_case_session_the_child_can_send_to_their_case_worker_who_replies(  # type: ignore[no-untyped-def]
    app, on_tablet, sign_in, worker, home, create_case, app_context
) -> None:
    tablet = on_tablet
    case = create_case(home=home, preferred_locale="km", case_worker=worker)
    sign_in(worker)
    handed = tablet.post(f"/care/cases/{case.code}/hand-over")
    assert handed.status_code == 303 and "/questions/" in handed.headers["Location"]
    assert tablet.get("/care/cases/").status_code == 302, "no staff page from a case session"
    assert tablet.get("/sign-in").status_code == 302
    assert tablet.get("/sw.js").mimetype == "text/javascript", "it still keeps Kite offline"
    stage = case.stage.value.replace("_", "-")
    level = case.age_band.value
    base = f"/km/questions/{level}/{stage}"
    intro = tablet.get(base + "/").soup
    assert [i["value"] for i in intro.select("input[name=audience]")] == [
        "count",
        "case",
        "visitors",
    ]
    question_set = app.extensions["kite_question_sets"][f"{stage}-{level}"]
    first = question_set.questions[0]
    tablet.post(base + "/", data={"audience": "case"})
    tablet.post(f"{base}/{first.id}", data={"value": first.values[0], "audience": "case"})
    assert tablet.post(f"{base}/send").status_code == 303
    stored = db.session.scalars(select(CaseAnswer)).all()
    assert [(a.case_id, a.question_id) for a in stored] == [(case.id, first.id)]
    assert tablet.get("/care/cases/").status_code == 302, "the session ended: sign in again"

    sign_in(worker)
    record = tablet.get(f"/care/cases/{case.code}")
    assert record.status_code == 200
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "case.view"))
    key = stored[0].submission_key
    replied = tablet.post(
        f"/care/cases/{case.code}/reply/{key}",
        data={"weighed": "We talked about it at the review.", "told": "ខ្ញុំបានស្តាប់ប្អូន"},
    )
    assert replied.status_code == 303
    tablet.post(f"/care/cases/{case.code}/hand-over")
    assert "ខ្ញុំបានស្តាប់ប្អូន" in tablet.get(base + "/").get_data(as_text=True)
    assert "ខ្ញុំបានស្តាប់ប្អូន" not in tablet.get(base + "/").get_data(as_text=True), "shown once"


def test_a_case_session_needs_the_homes_own_tablet(
    client, sign_in, worker, home, create_case, app_context
) -> None:  # type: ignore[no-untyped-def]
    case = create_case(home=home)
    sign_in(worker)
    response = client.post(f"/care/cases/{case.code}/hand-over")
    assert response.status_code == 303 and response.headers["Location"].endswith(case.code)
    assert client.get("/care/cases/").status_code == 200, "still signed in: nothing was handed over"


def test_a_case_of_another_home_is_not_found(
    client, sign_in, worker, create_case, app_context
) -> None:  # type: ignore[no-untyped-def]
    other = create_case()
    sign_in(worker)
    assert client.get(f"/care/cases/{other.code}").status_code == 404

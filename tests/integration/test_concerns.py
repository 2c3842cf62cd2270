"""Invariant 5: a call for help is stored before the child is told, routed (about the home: to
the monitors, never to its staff), escalated while nobody takes it on, and every step audited."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Asked,
    AuditEvent,
    Concern,
    ConcernRecipient,
    OutgoingEmail,
    Role,
    Route,
    Topic,
    Urgency,
    utcnow,
)
from app.services import concern_handling, concern_routes, concerns
from app.services.answers import Given, submit
from app.services.concern_routes import ConcernError
from tests.conftest import count_rows

WORDS = "the night man shouts at me"


@pytest.fixture
def home(create_home):  # type: ignore[no-untyped-def]
    return create_home()


@pytest.fixture
def people(home, create_staff):  # type: ignore[no-untyped-def]
    """The home's staff and its monitor."""
    return {
        role: create_staff(role, home)
        for role in (Role.CAREGIVER, Role.HOME_MANAGER, Role.CASE_WORKER, Role.MONITOR)
    }


@pytest.fixture
def tablet(home, create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    return tablet_device(create_tablet(home)[1])


def ask(tablet, **choices):  # type: ignore[no-untyped-def]
    form = {"asked": "here", "urgency": "now", "topic": "", "words": "", **choices}
    return tablet.post("/km/help/", data=form)


def recipients(concern: Concern) -> set[int]:
    return set(
        db.session.scalars(
            select(ConcernRecipient.user_id).where(ConcernRecipient.concern_id == concern.id)
        )
    )


def only_concern() -> Concern:
    return db.session.scalars(select(Concern)).one()


def test_invariant_5_a_call_for_help_is_stored_and_routed_before_the_child_is_told(  # type: ignore[no-untyped-def]
    app_context, tablet, people
) -> None:
    response = ask(tablet, topic="sick", words=WORDS)
    assert response.status_code == 303 and response.headers["Location"] == "/km/help/sent"
    concern = only_concern()
    assert concern.route == Route.HOME and concern.words == WORDS and concern.case_id is None
    assert recipients(concern) == {people[Role.CAREGIVER].id, people[Role.HOME_MANAGER].id}
    emails = db.session.scalars(select(OutgoingEmail)).all()
    assert {e.to for e in emails} == {people[Role.CAREGIVER].email, people[Role.HOME_MANAGER].email}
    assert all(WORDS not in e.body and "sick" not in e.body for e in emails), "never what was said"
    assert all(f"/concerns/{concern.id}" in e.body for e in emails)
    told = tablet.get("/km/help/sent")
    assert told.status_code == 200 and "60" in told.get_data(as_text=True)


def test_invariant_5_someone_hurt_me_goes_to_the_monitors_and_never_to_the_homes_staff(  # type: ignore[no-untyped-def]
    app_context, tablet, people, client, sign_in
) -> None:
    ask(tablet, topic="hurt", asked="here")
    concern = only_concern()
    assert concern.route == Route.MONITORS
    assert recipients(concern) == {people[Role.MONITOR].id}
    sign_in(people[Role.HOME_MANAGER])
    assert client.get(f"/concerns/{concern.id}").status_code == 404
    assert str(concern.id) not in client.get("/concerns/").get_data(as_text=True)


def test_a_child_who_asks_for_the_outside_visitors_reaches_only_them(  # type: ignore[no-untyped-def]
    app_context, tablet, people
) -> None:
    ask(tablet, topic="sad", asked="visitors")
    assert recipients(only_concern()) == {people[Role.MONITOR].id}


def test_a_resent_call_for_help_is_stored_once(app_context, tablet, people) -> None:  # type: ignore[no-untyped-def]
    key = str(uuid.uuid4())
    ask(tablet, key=key)
    ask(tablet, key=key)
    assert count_rows(Concern) == 1


def test_a_call_that_does_not_fit_stores_nothing_and_keeps_the_childs_words(  # type: ignore[no-untyped-def]
    app_context, tablet, people
) -> None:
    response = ask(tablet, asked="", words=WORDS)
    assert response.status_code == 200 and WORDS in response.get_data(as_text=True)
    assert count_rows(Concern) == 0


def test_a_device_that_is_not_a_homes_tablet_shows_the_numbers_and_stores_nothing(  # type: ignore[no-untyped-def]
    app_context, client
) -> None:
    response = client.post("/km/help/", data={"asked": "here", "urgency": "now"})
    assert response.status_code == 200
    assert count_rows(Concern) == 0


def test_invariant_5_disclosing_answers_raise_concerns_in_the_same_write(  # type: ignore[no-untyped-def]
    app, app_context, home, people, create_case
) -> None:
    older = app.extensions["kite_question_sets"]["staying-older"]
    case = create_case(home, case_worker=people[Role.CASE_WORKER])
    given = [
        Given("feel-safe", ("never",), "count"),  # discloses: anonymous concern
        Given("hurt-or-scared", ("yes",), "case"),  # discloses: a concern on the case
        Given("fair-rules", ("sometimes",), "count"),
    ]
    key = uuid.uuid4()
    args = {"facility": home, "question_set": older, "locale": "ar", "mode": "alone"}
    assert submit(key=key, given=given, case=case, **args) is True
    assert submit(key=key, given=given, case=case, **args) is False  # a resend raises nothing
    raised = {c.question_id: c for c in db.session.scalars(select(Concern))}
    assert set(raised) == {"feel-safe", "hurt-or-scared"}
    assert raised["feel-safe"].case_id is None and raised["feel-safe"].words is None
    assert raised["hurt-or-scared"].case_id == case.id
    assert raised["hurt-or-scared"].topic == Topic.HURT
    assert raised["hurt-or-scared"].route == Route.MONITORS


def test_a_disclosing_answer_that_does_not_fit_raises_nothing(  # type: ignore[no-untyped-def]
    app, app_context, home, people
) -> None:
    older = app.extensions["kite_question_sets"]["staying-older"]
    with pytest.raises(ValueError):
        submit(
            key=uuid.uuid4(),
            facility=home,
            question_set=older,
            locale="ar",
            mode="alone",
            given=[Given("feel-safe", ("never",), "count"), Given("nope", ("x",), "count")],
        )
    assert count_rows(Concern) == 0


def test_invariant_5_an_unacknowledged_call_escalates_up_the_ladder_and_keeps_escalating(  # type: ignore[no-untyped-def]
    app_context, tablet, people, create_staff
) -> None:
    admin = create_staff(Role.ADMINISTRATOR)
    ask(tablet, topic="sick", urgency="now")
    concern = only_concern()
    start = concern.due_at
    assert concerns.escalate(start - timedelta(minutes=1)) == 0, "not before its deadline"
    assert concerns.escalate(start) == 1
    db.session.refresh(concern)
    assert concern.escalation_level == 1
    assert concerns.escalate(start + timedelta(minutes=61)) == 1  # to the monitors
    assert people[Role.MONITOR].id in recipients(concern)
    assert concerns.escalate(start + timedelta(minutes=122)) == 1  # to the administrators
    assert admin.id in recipients(concern)
    emails_before = count_rows(OutgoingEmail)
    assert concerns.escalate(start + timedelta(minutes=183)) == 1  # and on, everyone again
    assert count_rows(OutgoingEmail) > emails_before
    escalated = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == "concern.escalated", AuditEvent.object_id == str(concern.id))
    )
    assert escalated == 4
    concern_handling.acknowledge(concern, actor=people[Role.HOME_MANAGER])
    assert concerns.escalate(start + timedelta(days=2)) == 0, "taken on: no more escalation"


def test_a_concern_about_the_home_never_escalates_to_its_staff(  # type: ignore[no-untyped-def]
    app_context, tablet, people
) -> None:
    ask(tablet, topic="hurt")
    concern = only_concern()
    for step in range(1, 5):
        concerns.escalate(concern.due_at + timedelta(hours=step))
    home_staff = {people[r].id for r in (Role.CAREGIVER, Role.HOME_MANAGER, Role.CASE_WORKER)}
    assert not recipients(concern) & home_staff


def test_a_home_with_no_one_on_a_route_is_a_configuration_error_and_nothing_is_dropped(  # type: ignore[no-untyped-def]
    app_context, home, tablet, create_staff
) -> None:
    admin = create_staff(Role.ADMINISTRATOR)
    problems = concern_routes.configuration_problems()
    assert any(home.code in problem for problem in problems)
    ask(tablet, topic="hurt")
    assert admin.id in recipients(only_concern()), "with no monitor, the administrators"


def test_the_inbox_puts_urgent_unacknowledged_concerns_first_and_every_step_is_audited(  # type: ignore[no-untyped-def]
    app_context, tablet, people, client, sign_in
) -> None:
    manager = people[Role.HOME_MANAGER]
    ask(tablet, topic="sad", urgency="today")
    ask(tablet, topic="sick", urgency="now")
    inbox = concern_handling.inbox(manager)
    assert [c.urgency.value for c in inbox] == ["now", "today"]
    sign_in(manager)
    page = client.get("/concerns/")
    assert page.status_code == 200
    urgent = inbox[0]
    assert client.get(f"/concerns/{urgent.id}").status_code == 200
    client.post(f"/concerns/{urgent.id}/acknowledge")
    client.post(f"/concerns/{urgent.id}/notes", data={"text": "Nurse called"})
    client.post(f"/concerns/{urgent.id}/close", data={"outcome": "Seen by the nurse"})
    db.session.expire_all()
    closed = db.session.get(Concern, urgent.id)
    assert closed.acknowledged_at and closed.closed_at and closed.outcome == "Seen by the nurse"
    actions = set(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(urgent.id)))
    )
    assert actions >= {
        "concern.raised",
        "concern.viewed",
        "concern.acknowledged",
        "concern.note_added",
        "concern.closed",
    }


def test_a_concern_that_may_be_about_staff_cannot_be_routed_to_the_home(  # type: ignore[no-untyped-def]
    app_context, home, create_staff
) -> None:
    admin = create_staff(Role.ADMINISTRATOR)
    with pytest.raises(ConcernError):
        concern_routes.set_routes(facility=home, routes={Topic.HURT: Route.HOME}, actor=admin)
    concern_routes.set_routes(facility=home, routes={Topic.SAD: Route.MONITORS}, actor=admin)
    assert concern_routes.route_for(home.id, Topic.SAD, None) == Route.MONITORS


def test_the_case_page_shows_the_concerns_on_the_case(  # type: ignore[no-untyped-def]
    app, app_context, home, people, create_case, client, sign_in
) -> None:
    worker = people[Role.CASE_WORKER]
    case = create_case(home, case_worker=worker)
    concerns.ask_for_help(
        key=uuid.uuid4(),
        facility=home,
        call=concerns.Call(asked=Asked.HERE, urgency=Urgency.TODAY, topic=Topic.GOING_HOME),
        locale="km",
        case=case,
    )
    concern = only_concern()
    assert worker.id in recipients(concern), "the case worker, when a case is known"
    sign_in(worker)
    page = client.get(f"/care/cases/{case.code}")
    assert f"/concerns/{concern.id}" in page.get_data(as_text=True)
    assert concern.due_at - concern.raised_at == timedelta(hours=24)
    assert concern.raised_at <= utcnow()

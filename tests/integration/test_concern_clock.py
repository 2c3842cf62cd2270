"""Escalation happens even if nobody opens Kite: the command, and the clock that runs it."""

import threading
import uuid
from datetime import timedelta

from sqlalchemy import select

from app import jobs
from app.extensions import db
from app.models import Asked, Concern, Role, Topic, Urgency
from app.services import concerns


def overdue_concern(app, create_home, create_staff) -> uuid.UUID:  # type: ignore[no-untyped-def]
    home = create_home()
    create_staff(Role.HOME_MANAGER, home)
    create_staff(Role.MONITOR, home)
    with app.app_context():
        concern = concerns.ask_for_help(
            key=uuid.uuid4(),
            facility=home,
            call=concerns.Call(asked=Asked.HERE, urgency=Urgency.NOW, topic=Topic.SAD),
            locale="th",
        ).concern
        with db.writing() as session:
            row = session.get(Concern, concern.id)
            row.escalate_at = row.due_at = row.raised_at - timedelta(minutes=1)
        return concern.id


def level(app, concern_id: uuid.UUID) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.scalar(select(Concern.escalation_level).where(Concern.id == concern_id))


def test_flask_concerns_escalate_escalates_what_is_overdue(app, create_home, create_staff) -> None:  # type: ignore[no-untyped-def]
    concern_id = overdue_concern(app, create_home, create_staff)
    result = app.test_cli_runner().invoke(args=["concerns", "escalate"])
    assert result.exit_code == 0 and "Escalated 1 concern(s)" in result.output
    assert level(app, concern_id) == 1


def test_flask_concerns_check_names_a_home_with_no_one_to_receive_its_concerns(  # type: ignore[no-untyped-def]
    app, create_home
) -> None:
    home = create_home()
    result = app.test_cli_runner().invoke(args=["concerns", "check"])
    assert result.exit_code == 1 and home.code in result.output


def test_the_clock_escalates_on_its_first_turn_and_stops_when_told(  # type: ignore[no-untyped-def]
    app, create_home, create_staff
) -> None:
    concern_id = overdue_concern(app, create_home, create_staff)
    stop = threading.Event()
    turns: list[float] = []

    def one_turn_then_stop(seconds: float) -> bool:
        turns.append(seconds)
        stop.set()
        return True

    jobs.run(app, stop, sleep=one_turn_then_stop)
    assert turns == [jobs.EMAIL_EVERY]
    assert level(app, concern_id) == 1

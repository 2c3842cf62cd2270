"""Emails about concerns go through a real SMTP server (aiosmtpd on loopback): each person a
concern is routed or escalated to gets one, with a link and never what the child said; an
email waits in the outbox while the server is down and goes when it is back."""

import socket
import uuid
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from app.extensions import db
from app.models import Asked, Concern, OutgoingEmail, Role, Topic, Urgency
from app.services import concerns, mail

WORDS = "he locks the door at night"


class Inbox:
    """Keeps every message the SMTP server receives."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(configure):  # type: ignore[no-untyped-def]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    configure(KITE_SMTP_HOST="127.0.0.1", KITE_SMTP_PORT=controller.port)
    yield inbox
    controller.stop()


def raise_one(home, topic: Topic = Topic.SICK) -> Concern:  # type: ignore[no-untyped-def]
    return concerns.ask_for_help(
        key=uuid.uuid4(),
        facility=home,
        call=concerns.Call(asked=Asked.HERE, urgency=Urgency.NOW, topic=topic, words=WORDS),
        locale="km",
    ).concern


def test_each_person_a_concern_is_routed_to_gets_an_email_with_a_link_and_nothing_said(  # type: ignore[no-untyped-def]
    app_context, smtp, create_home, create_staff
) -> None:
    home = create_home()
    manager, caregiver = create_staff(Role.HOME_MANAGER, home), create_staff(Role.CAREGIVER, home)
    concern = raise_one(home)
    assert mail.deliver() == 2
    assert {to for tos, _ in smtp.messages for to in tos} == {manager.email, caregiver.email}
    for _, message in smtp.messages:
        body = message.get_payload(decode=True).decode()
        assert f"/concerns/{concern.id}" in body and "URGENT" in message["Subject"]
        assert WORDS not in body and "sick" not in body.lower()
    assert mail.deliver() == 0, "each sent once"


def test_an_escalation_emails_the_next_people_on_the_ladder(  # type: ignore[no-untyped-def]
    app_context, smtp, create_home, create_staff
) -> None:
    home = create_home()
    create_staff(Role.CAREGIVER, home)
    monitor = create_staff(Role.MONITOR, home)
    concern = raise_one(home)
    concerns.escalate(concern.due_at)  # to the home managers: there are none, so the admins
    concerns.escalate(concern.due_at + (concern.due_at - concern.raised_at))
    mail.deliver()
    overdue = [tos for tos, m in smtp.messages if "OVERDUE" in m["Subject"]]
    assert [monitor.email] in overdue


def test_an_email_waits_while_the_smtp_server_is_down_and_goes_when_it_is_back(  # type: ignore[no-untyped-def]
    app_context, configure, create_home, create_staff
) -> None:
    home = create_home()
    create_staff(Role.HOME_MANAGER, home)
    configure(KITE_SMTP_HOST="127.0.0.1", KITE_SMTP_PORT=free_port())  # nobody listens
    raise_one(home)
    assert mail.deliver() == 0
    waiting = db.session.scalars(select(OutgoingEmail)).one()
    assert waiting.sent_at is None and waiting.attempts == 1
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        configure(KITE_SMTP_HOST="127.0.0.1", KITE_SMTP_PORT=controller.port)
        assert mail.deliver() == 1 and len(inbox.messages) == 1
    finally:
        controller.stop()

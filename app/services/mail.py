"""Email to staff through an outbox: written in the transaction that needs it, sent afterwards.

An email is a row of OutgoingEmail until the SMTP server accepts it, so a crash or an SMTP
outage delays it and never loses it; `deliver()` sends what waits (the scheduler runs it).
Emails never carry what a child said: callers pass only a subject, plain words and a link.
"""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import insert, select

from app.extensions import db
from app.models import OutgoingEmail, utcnow

log = logging.getLogger(__name__)
GIVE_UP_AFTER = 1000  # attempts; a minute apart that is most of a day of retries, then kept


def queue(messages: list[tuple[str, str, str]]) -> None:
    """Add emails (to, subject, body) to the outbox, inside the caller's write."""
    if messages:
        with db.writing() as session:
            session.execute(
                insert(OutgoingEmail),
                [{"to": to, "subject": subject, "body": body} for to, subject, body in messages],
            )


def deliver(limit: int = 200) -> int:
    """Send the emails waiting in the outbox; returns how many the server accepted."""
    config = current_app.config
    if not config["KITE_SMTP_HOST"]:
        return 0
    waiting = list(
        db.session.scalars(
            select(OutgoingEmail)
            .where(OutgoingEmail.sent_at.is_(None), OutgoingEmail.attempts < GIVE_UP_AFTER)
            .order_by(OutgoingEmail.id)
            .limit(limit)
        )
    )
    db.session.commit()
    if not waiting:
        return 0
    sent = 0
    try:
        with smtplib.SMTP(config["KITE_SMTP_HOST"], config["KITE_SMTP_PORT"], timeout=20) as smtp:
            if config["KITE_SMTP_STARTTLS"]:
                smtp.starttls()
            if config["KITE_SMTP_USER"]:
                smtp.login(config["KITE_SMTP_USER"], config["KITE_SMTP_PASSWORD"])
            for email in waiting:
                sent += _send_one(smtp, email, config["KITE_MAIL_FROM"])
    except (OSError, smtplib.SMTPException) as error:
        log.warning("SMTP server unavailable: %s", type(error).__name__)
        _failed([e for e in waiting if e.sent_at is None], type(error).__name__)
    return sent


def _send_one(smtp: smtplib.SMTP, email: OutgoingEmail, sender: str) -> int:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, email.to, email.subject
    message.set_content(email.body)
    try:
        smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        _failed([email], type(error).__name__)
        return 0
    with db.writing():  # the email was loaded in this session: marking it is enough
        email.sent_at = utcnow()
    return 1


def _failed(emails: list[OutgoingEmail], reason: str) -> None:
    with db.writing():
        for email in emails:
            email.attempts += 1
            email.last_error = reason[:200]

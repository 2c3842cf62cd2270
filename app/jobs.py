"""Kite's clock: what must happen even when nobody opens Kite.

Every minute, overdue concerns escalate (invariant 5); every few seconds, waiting emails go to
the SMTP server; once a day, anonymous answer sets pooled in a week that has ended are written.
`flask --app app jobs run` runs this loop (`make run` starts it beside the web server); a
deployment runs it as its own service, or calls `flask --app app concerns escalate` from a
timer every minute. Two loops at once do no harm: each escalation takes its concerns under a
lock and skips those another run holds.
"""

import logging
import threading
import time
from collections.abc import Callable
from datetime import date

from flask import Flask

from app.services import answers, concern_routes, concerns, mail

log = logging.getLogger(__name__)
EMAIL_EVERY = 10  # seconds
ESCALATE_EVERY = 60


def tick(app: Flask, *, minute: bool, day_changed: bool) -> None:
    """One turn of the clock: send what waits; on the minute, escalate; on a new day, release."""
    with app.app_context():
        if minute:
            escalated = concerns.escalate()
            if escalated:
                log.warning("Escalated %d overdue concern(s)", escalated)
        if day_changed:
            answers.release_ended_weeks()
        mail.deliver()


def run(app: Flask, stop: threading.Event, sleep: Callable[[float], bool] | None = None) -> None:
    """Run the clock until stopped; a failing turn is logged and the next one tries again."""
    wait = sleep or stop.wait
    with app.app_context():
        for problem in concern_routes.configuration_problems():
            log.error("Concern routing: %s", problem)
    last_minute, last_day = 0.0, None
    while not stop.is_set():
        now = time.monotonic()
        minute = now - last_minute >= ESCALATE_EVERY
        today = date.today()
        try:
            tick(app, minute=minute, day_changed=today != last_day)
            last_day = today
            if minute:
                last_minute = now
        except Exception:
            log.exception("A turn of Kite's clock failed; trying again shortly")
        wait(EMAIL_EVERY)

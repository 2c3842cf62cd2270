"""Kite's clock: what must happen even when nobody opens Kite.

Every minute, overdue concerns escalate (invariant 5) and anonymous answer sets that have waited
in their pool long enough (K of a home, or their week has ended) are written; every few seconds,
waiting emails go to the SMTP server.
`flask --app app jobs run` runs this loop (`make run` starts it beside the web server); a
deployment runs it as its own service, or calls `flask --app app concerns escalate` from a
timer every minute. Two loops at once do no harm: each escalation takes its concerns under a
lock and skips those another run holds.
"""

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask

from app.services import answers, concern_routes, concerns, mail

log = logging.getLogger(__name__)
EMAIL_EVERY = 10  # seconds
ESCALATE_EVERY = 60


def tick(app: Flask, *, minute: bool) -> None:
    """One turn of the clock: send what waits; on the minute, escalate and release pools."""
    with app.app_context():
        if minute:
            escalated = concerns.escalate()
            if escalated:
                log.warning("Escalated %d overdue concern(s)", escalated)
            answers.release_waiting()
        mail.deliver()


def run(app: Flask, stop: threading.Event, sleep: Callable[[float], bool] | None = None) -> None:
    """Run the clock until stopped; a failing turn is logged and the next one tries again."""
    wait = sleep or stop.wait
    with app.app_context():
        for problem in concern_routes.configuration_problems():
            log.error("Concern routing: %s", problem)
    last_minute = 0.0
    while not stop.is_set():
        now = time.monotonic()
        minute = now - last_minute >= ESCALATE_EVERY
        try:
            tick(app, minute=minute)
            if minute:
                last_minute = now
        except Exception:
            log.exception("A turn of Kite's clock failed; trying again shortly")
        wait(EMAIL_EVERY)

"""Calls for help under fire: 1,000 raised by concurrent tablets while the server is killed with
SIGKILL again and again; then 1,000 overdue concerns escalated in one run.

Targets (issue 6): every call a child was told was sent is stored, none twice, each routed
(someone on it, their emails queued, "concern.raised" audited once); escalation of 1,000
overdue concerns completes within one escalation run.

Run: .venv/bin/python bench/calls_for_help.py  (PostgreSQL needs root and the local cluster; see
serving.py). For each database: a fresh database with the demo home (its staff are on every
route), one tablet per client, gunicorn as `make run` serves Kite. CLIENTS threads send CALLS
calls for help (random who, how soon, what about, words or none, language) to
/tablet/api/calls-for-help as outboxes do (bench/killing.py): each until acknowledged, with the
same key after a failure; 5% sent again after their acknowledgement. Meanwhile gunicorn's whole
process group is killed KILLS times, at random moments, and restarted on the same port. Then
the database is read back and checked; then every concern is made overdue and
`flask --app app concerns escalate` runs once, timed. Writes bench/results/calls-for-help.md;
misses say MISSED, and the script exits 0 whatever the numbers. tests/integration/
test_concern_reliability.py runs the same on SQLite with fewer kills.
"""

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from killing import Item, Server, send_under_kills
from serving import (
    FLASK,
    ROOT,
    bench_app,
    enrol_tablets,
    fill_database,
    free_port,
    git,
    machine,
    postgresql_url,
    server_environment,
    sqlite_url,
    start_gunicorn,
)
from sqlalchemy import func, select, text, update

from app.access import TABLET_COOKIE
from app.extensions import db
from app.i18n import CODES
from app.models import AuditEvent, Concern, ConcernRecipient, OutgoingEmail

PATH = "/tablet/api/calls-for-help"
WORDS = (None, "", "Please come.", "ខ្ញុំខ្លាច", "أريد أن أتكلم مع أحد", "Someone shouted at me")


def calls(count: int, seed: int) -> list[Item]:
    """Random valid calls for help, each with a new key."""
    rng = random.Random(seed)  # noqa: S311 (load, not secrets)
    topics = ("unsafe", "hurt", "sick", "sad", "going_home", "other", None)
    return [
        Item.of(
            {
                "key": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "locale": rng.choice(CODES),
                "asked": rng.choice(("here", "visitors", "unknown")),
                "urgency": rng.choice(("now", "today")),
                "topic": rng.choice(topics),
                "words": rng.choice(WORDS),
            }
        )
        for _ in range(count)
    ]


def read_back(database_url: str) -> dict:
    """The concerns stored: keys, and those without someone on them, an email or an audit."""
    app = bench_app(database_url)
    with app.app_context():
        session = db.session
        routed = select(ConcernRecipient.concern_id).distinct()
        audited = select(func.count()).where(AuditEvent.action == "concern.raised")
        found = {
            "keys": [str(k) for k in session.scalars(select(Concern.key))],
            "unrouted": session.scalar(
                select(func.count()).select_from(Concern).where(Concern.id.not_in(routed))
            ),
            "recipients": session.scalar(select(func.count()).select_from(ConcernRecipient)),
            "emails": session.scalar(select(func.count()).select_from(OutgoingEmail)),
            "raised_audits": session.scalar(audited.select_from(AuditEvent)),
        }
        if db.engine.dialect.name == "postgresql":
            found["server"] = session.scalar(text("SHOW server_version"))
        db.engine.dispose()
    return found


def escalate_all(database_url: str, env: dict[str, str]) -> dict:
    """Make every concern overdue, then time one `flask concerns escalate`."""
    app = bench_app(database_url)
    with app.app_context():
        with db.writing() as session:
            past = datetime.now(UTC) - timedelta(minutes=1)
            session.execute(update(Concern).values(escalate_at=past, due_at=past))
        db.engine.dispose()
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [*FLASK, "concerns", "escalate"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - began
    escalated = re.search(r"Escalated (\d+)", done.stdout)
    with app.app_context():
        still = db.session.scalar(
            select(func.count()).select_from(Concern).where(Concern.escalation_level == 0)
        )
        db.engine.dispose()
    return {
        "escalated": int(escalated.group(1)) if escalated else None,
        "seconds": seconds,
        "not_escalated": still,
        "exit": done.returncode,
        "stderr": done.stderr[-2000:],
    }


def run(database: str, folder: Path, *, count: int, clients: int, kills: int) -> dict:
    """One database: the calls under kills, what was stored, then the escalation."""
    url = postgresql_url() if database == "postgresql" else sqlite_url(folder)
    fill_database(url)
    cookies = [f"{TABLET_COOKIE}={secret}" for secret in enrol_tablets(url, clients)]
    env = server_environment(url)
    port, log = free_port(), folder / f"gunicorn-{database}.log"
    server = Server(lambda: start_gunicorn(env, log, port=port)[1])
    items = calls(count, seed=count)
    try:
        outcome = send_under_kills(
            server=server, port=port, path=PATH, cookies=cookies, items=items, kills=kills
        )
    finally:
        server.stop()
    after = read_back(url)
    stored, sent = after["keys"], {item.key for item in items}
    told = set(outcome.acknowledged)
    return {
        "database": database,
        "server": after.get("server"),
        "calls": count,
        "clients": clients,
        "kills_asked": kills,
        "kills": len(outcome.kills),
        "restart_seconds": max(outcome.kills, default=0.0),
        "seconds": outcome.seconds,
        "statuses": dict(outcome.statuses),
        "resends": dict(outcome.resends),
        "told": len(told),
        # stored before a kill, but the answer lost with the server: a resend was told "sent"
        "answer_lost": sum(status == 200 for status in outcome.acknowledged.values()),
        "stored": len(stored),
        "lost": len(told - set(stored)),
        "twice": len(stored) - len(set(stored)),
        "unknown": len(set(stored) - sent),
        "unrouted": after["unrouted"],
        "recipients": after["recipients"],
        "emails": after["emails"],
        "raised_audits": after["raised_audits"],
        "escalation": escalate_all(url, env),
        "tracebacks": log.read_text(errors="replace").count("Traceback"),
    }


def verdict(r: dict) -> list[tuple[str, str, bool]]:
    """(what, measured, met) for each target of a run."""
    e = r["escalation"]
    return [
        (
            "the server killed while calls were sent",
            f"{r['kills']} SIGKILLs of {r['kills_asked']} asked",
            r["kills"] == r["kills_asked"],
        ),
        ("every call told 'sent' is stored", f"{r['lost']} lost of {r['told']}", r["lost"] == 0),
        ("every call is acknowledged", f"{r['told']} of {r['calls']}", r["told"] == r["calls"]),
        ("none stored twice", f"{r['twice']} twice, {r['stored']} stored", r["twice"] == 0),
        ("nothing stored that was not sent", f"{r['unknown']} unknown keys", r["unknown"] == 0),
        ("each routed", f"{r['unrouted']} without anyone on them", r["unrouted"] == 0),
        (
            "raising audited once each",
            f"{r['raised_audits']} 'concern.raised'",
            r["raised_audits"] == r["stored"],
        ),
        ("resends answered 200", f"{r['resends']}", set(r["resends"]) <= {200}),
        (
            f"{r['stored']} overdue escalated in one run",
            f"{e['escalated']} escalated in {e['seconds']:.1f} s, {e['not_escalated']} left"
            + (f"; the command failed ({e['exit']}): {e['stderr'][-300:]}" if e["exit"] else ""),
            e["exit"] == 0 and e["escalated"] == r["stored"] and e["not_escalated"] == 0,
        ),
    ]


def write_results(results: list[dict], out: Path) -> None:
    lines = [
        "# Calls for help under SIGKILL, and escalation of 1,000 overdue concerns",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, with "
        "`.venv/bin/python bench/calls_for_help.py` (see its docstring for the method), Kite at "
        f"{git('rev-parse', '--short', 'HEAD')}, gunicorn 2 workers × 4 threads as `make run`.",
        "",
    ]
    for r in results:
        server = f" (server {r['server']})" if r.get("server") else ""
        lines += [
            f"## {r['database']}{server}",
            "",
            f"{r['calls']} calls from {r['clients']} clients in {r['seconds']:.1f} s while "
            f"gunicorn was killed {r['kills']} times (slowest restart {r['restart_seconds']:.1f} "
            f"s). Statuses seen: {r['statuses']} (0: no answer, the server was down); "
            f"{r['answer_lost']} calls were stored just before a kill, their answer lost, and "
            "acknowledged to their resend. "
            f"{r['recipients']} people put on concerns, {r['emails']} emails queued, "
            f"{r['tracebacks']} tracebacks in gunicorn's log.",
            "",
            "| Target | Measured | |",
            "|---|---|---|",
            *(f"| {what} | {got} | {'met' if ok else 'MISSED'} |" for what, got, ok in verdict(r)),
            "",
        ]
    out.write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/calls-for-help.md")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for database in args.databases:
            here = Path(folder) / database
            here.mkdir()
            result = run(database, here, count=args.calls, clients=args.clients, kills=args.kills)
            for what, got, ok in verdict(result):
                print(f"{database}: {what}: {got} — {'met' if ok else 'MISSED'}")
            results.append(result)
    write_results(results, args.out)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()

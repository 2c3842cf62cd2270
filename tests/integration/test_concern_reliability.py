"""Invariant 5 under fire: 1,000 calls for help from 16 tablets while the server is killed with
SIGKILL and restarted; every call a child was told was sent is stored and routed, none twice;
then all 1,000, overdue, escalate in one run. The same code as bench/calls_for_help.py (which
runs it on SQLite and PostgreSQL with ten kills and writes the timings down); here on a SQLite
file of its own, as gunicorn serves it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from calls_for_help import run, verdict


def test_invariant_5_no_call_for_help_is_lost_or_doubled_when_the_server_is_killed(
    tmp_path: Path,
) -> None:
    result = run("sqlite", tmp_path, count=1000, clients=16, kills=3)
    assert result["statuses"].get(0), "some sends met a dead server and were sent again"
    missed = [(what, got) for what, got, met in verdict(result) if not met]
    assert missed == []
    assert result["tracebacks"] == 0

"""Sending items to Kite as tablets' outboxes do, while its server is killed and restarted.

Used by bench/calls_for_help.py (and so by the reliability test of calls for help). Clients each
take the next item from one queue and POST it as JSON with their tablet's credential until the
server acknowledges it (200 or 201): an error or no answer (the server was killed) means the
item goes again, with the same key, after a short back-off, exactly as an outbox would. Only an
acknowledged item counts as "the child was told it was sent". Some posts resend an item already
acknowledged, which must be answered 200. Meanwhile a killer sends SIGKILL to the server's whole
process group (master and workers) at random moments and starts it again on the same port.
"""

import http.client
import json
import os
import queue
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

BACK_OFF = (0.05, 0.5)  # seconds before an item that failed goes again: first, most


@dataclass(frozen=True)
class Item:
    """One thing a child sent: its idempotency key and the JSON body that carries it."""

    key: str
    body: bytes

    @classmethod
    def of(cls, body: dict) -> "Item":
        return cls(str(body["key"]), json.dumps(body).encode())


@dataclass
class Outcome:
    """What the clients saw: each key's acknowledging status, and every status they got."""

    acknowledged: dict[str, int] = field(default_factory=dict)  # key: 201 or 200
    statuses: Counter = field(default_factory=Counter)  # 0: no answer
    resends: Counter = field(default_factory=Counter)  # status of deliberate resends
    kills: list[float] = field(default_factory=list)  # seconds each restart took
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Server:
    """A server process that can be killed outright and started again on the same port."""

    def __init__(self, start: Callable[[], subprocess.Popen]) -> None:
        self._start = start
        self.process = start()

    def kill_and_restart(self) -> float:
        """SIGKILL the process group, start again, wait until it answers; seconds it took."""
        began = time.perf_counter()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = self._start()
        return time.perf_counter() - began

    def stop(self) -> None:
        """Stop it for good (politely)."""
        self.process.terminate()
        self.process.wait(timeout=60)


def post(connection: http.client.HTTPConnection, path: str, body: bytes, headers: dict) -> int:
    """The status of one POST on a keep-alive connection; 0 when nothing answered (the
    connection is closed, and opens again by itself on the next request)."""
    try:
        connection.request("POST", path, body, headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        connection.close()
        return 0


def _client(
    port: int, path: str, cookie: str, items: queue.Queue, outcome: Outcome, seed: int
) -> None:
    rng = random.Random(seed)  # noqa: S311 (load, not secrets)
    headers = {"Content-Type": "application/json", "Accept": "application/json", "Cookie": cookie}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        try:
            item, resend = items.get_nowait()
        except queue.Empty:
            break
        pause = BACK_OFF[0]
        while True:
            status = post(connection, path, item.body, headers)
            with outcome.lock:
                outcome.statuses[status] += 1
                if resend and status in (200, 201):
                    outcome.resends[status] += 1
                elif status in (200, 201):
                    outcome.acknowledged.setdefault(item.key, status)
            if status in (200, 201) or 400 <= status < 500:
                break  # told; or refused for good (a bug, which the caller's checks will show)
            time.sleep(pause * rng.uniform(0.5, 1.5))
            pause = min(BACK_OFF[1], pause * 2)
        if not resend and rng.random() < 0.05:
            items.put((item, True))  # later, the same item again: must be answered 200
    connection.close()


def send_under_kills(
    *,
    server: Server,
    port: int,
    path: str,
    cookies: list[str],
    items: list[Item],
    kills: int,
    uptime: tuple[float, float] = (0.15, 0.6),
    seed: int = 1,
) -> Outcome:
    """Send every item with one client per tablet (its credential's cookie) while the server is
    killed `kills` times, each after a random uptime (seconds); returns when every item is
    acknowledged (or refused with a 4xx, which the caller's checks show)."""
    waiting: queue.Queue = queue.Queue()
    for item in items:
        waiting.put((item, False))
    outcome = Outcome()
    began = time.perf_counter()
    clients = [
        threading.Thread(
            target=_client, args=(port, path, cookie, waiting, outcome, seed + n), daemon=True
        )
        for n, cookie in enumerate(cookies)
    ]
    for thread in clients:
        thread.start()
    rng = random.Random(seed)  # noqa: S311
    while len(outcome.kills) < kills and any(t.is_alive() for t in clients):
        time.sleep(rng.uniform(*uptime))
        outcome.kills.append(server.kill_and_restart())
    for thread in clients:
        thread.join()
    outcome.seconds = time.perf_counter() - began
    return outcome

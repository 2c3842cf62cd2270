"""Serving Kite for a benchmark as `make run` does: compiled translations, compressed static
files, a fresh database with demo data, and gunicorn on a free loopback port.

Shared by every benchmark in bench/. The database is a temporary SQLite file,
or (with postgresql_url()) the local PostgreSQL database kite_bench, dropped and made anew.
"""

import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError, URLError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.cli import upgrade_database  # noqa: E402
from app.extensions import db  # noqa: E402
from app.services import demo  # noqa: E402

SECRET = "bench-secret-key-long-enough-0123456789"  # noqa: S105 (a throwaway database)
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "app"]
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
# The local cluster the test suite uses too (KITE_TEST_DATABASE_URL); kite_bench is the
# benchmark's own database in it, made anew on every run.
POSTGRESQL_DATABASE = "kite_bench"
POSTGRESQL_CLUSTER = ("15", "main")


def machine() -> str:
    """Platform, CPU model and count, RAM."""
    model = next(
        (
            line.partition(":")[2].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs ({model}), {kib / 1024 / 1024:.1f} GiB RAM"
    )


def git(*words: str) -> str:
    """What a git command prints, in this repository."""
    done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)  # noqa: S603, S607
    return done.stdout.strip()


def free_port() -> int:
    """A loopback port nobody is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sqlite_url(folder: Path) -> str:
    """A new SQLite database file in this folder."""
    return f"sqlite:///{folder / 'kite.db'}"


def postgresql_url() -> str:
    """The benchmark's PostgreSQL database, dropped and created empty (owned by kite_test).

    Starts the local cluster if it is down. Needs root (it runs dropdb/createdb as postgres).
    """
    version, cluster = POSTGRESQL_CLUSTER
    control = ["pg_ctlcluster", version, cluster]
    if subprocess.run([*control, "status"], capture_output=True, check=False).returncode:  # noqa: S603
        subprocess.run([*control, "start"], check=True)  # noqa: S603
    name = POSTGRESQL_DATABASE
    fresh = f"dropdb --if-exists --force {name} && createdb -O kite_test {name}"
    subprocess.run(["su", "postgres", "-c", fresh], check=True, capture_output=True)  # noqa: S603, S607
    return f"postgresql+psycopg://kite_test:kite_test@127.0.0.1:5432/{name}"


def server_environment(database_url: str) -> dict[str, str]:
    """The environment gunicorn (and the flask command) run Kite with."""
    return {
        **os.environ,
        "KITE_ENV": "development",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": database_url,
    }


def export(commit: str, folder: Path) -> Path:
    """A clean copy of Kite at this commit (without what others are editing in the work tree);
    serve it by passing it as tree to compile_assets, fill_database and start_gunicorn."""
    tree = folder / "kite"
    tree.mkdir(parents=True)
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", "--format=tar", commit],  # noqa: S607
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)  # noqa: S603, S607
    return tree


def compile_assets(env: dict[str, str], tree: Path = ROOT) -> None:
    """As `make translations` does: compile translations, compress static files."""
    for task in (["translate", "compile"], ["assets", "compress"]):
        subprocess.run([*FLASK, *task], cwd=tree, env=env, check=True, capture_output=True)  # noqa: S603


def bench_app(database_url: str):  # type: ignore[no-untyped-def]
    """A Kite app on this database, for preparing it and reading it back in this process."""
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET})


def fill_database(database_url: str, tree: Path = ROOT) -> None:
    """As `make demo-data` does: every migration, then the demo home (with the flask command
    of another copy of Kite when tree is one)."""
    if tree != ROOT:
        env = server_environment(database_url)
        for task in (["db-upgrade"], ["demo-data"]):
            subprocess.run([*FLASK, *task], cwd=tree, env=env, check=True, capture_output=True)  # noqa: S603
        return
    app = bench_app(database_url)
    with app.app_context():
        upgrade_database()
        demo.load_demo_data()
        db.engine.dispose()


def enrol_tablets(database_url: str, count: int) -> list[str]:
    """Credentials of `count` new tablets of the first home (the demo home)."""
    from sqlalchemy import select

    from app.models import Facility
    from app.services import tablets

    app = bench_app(database_url)
    with app.app_context():
        home = db.session.scalar(select(Facility).order_by(Facility.id))
        with db.writing():
            credentials = [
                tablets.enrol_tablet(facility=home, label=f"Bench tablet {n + 1}")[1]
                for n in range(count)
            ]
        db.engine.dispose()
    return credentials


def prepare(folder: Path, database_url: str | None = None) -> dict[str, str]:
    """As `make run` does: compile translations, compress static files, a database with demo
    data (a new SQLite file in folder unless a database is given). Returns the environment
    gunicorn runs Kite with."""
    env = server_environment(database_url or sqlite_url(folder))
    compile_assets(env)
    fill_database(env["DATABASE_URL"])
    return env


def gunicorn_command(
    port: int, workers: int = 2, threads: int = 4, app: str = "app:create_app()"
) -> list[str]:
    """Gunicorn as in the Makefile's run target (2 workers, 4 threads unless told otherwise)."""
    return [
        GUNICORN,
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--access-logformat",
        '"%(r)s" %(s)s %(b)s %(M)sms',
        "--access-logfile",
        "-",
        app,
    ]


def _answers(url: str) -> bool:
    """True once anything answers HTTP at this URL (an error status is an answer too)."""
    try:
        with urllib.request.urlopen(url, timeout=30):  # noqa: S310 (loopback)
            return True
    except HTTPError:
        return True


@contextmanager
def running_gunicorn(
    env: dict[str, str], log: Path, **options: object
) -> Iterator[tuple[str, subprocess.Popen]]:
    """start_gunicorn, stopped when the block ends however it ends (gunicorn leads its own
    session, so Ctrl-C does not reach it: only this stops it)."""
    base, server = start_gunicorn(env, log, **options)  # type: ignore[arg-type]
    try:
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=60)


def start_gunicorn(
    env: dict[str, str],
    log: Path,
    *,
    workers: int = 2,
    threads: int = 4,
    access_log: Path | None = None,
    app: str = "app:create_app()",
    tree: Path = ROOT,
    port: int | None = None,
) -> tuple[str, subprocess.Popen]:
    """Gunicorn as in the Makefile's run target, on a free loopback port (or this one); waits
    until it answers. Its error log goes to a file, appended to (a pipe nobody reads would fill
    and stall it); its access log to access_log, or nowhere. app is the WSGI app gunicorn loads
    (Kite's own by default), from tree (this work tree by default). Gunicorn leads its own
    process group, so that os.killpg(server.pid, …) reaches its workers too."""
    port = port or free_port()
    with log.open("a") as errors, (access_log or Path(os.devnull)).open("w") as access:
        server = subprocess.Popen(  # noqa: S603 (the child keeps its own copies of the files)
            gunicorn_command(port, workers, threads, app),
            cwd=tree,
            env=env,
            stdout=access,
            stderr=errors,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            _answers(base + "/")
            return base, server
        except (URLError, ConnectionError):
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")

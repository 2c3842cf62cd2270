"""The engine, a session per app context, and write transactions that never hit 'locked'."""

import fcntl
import os
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from flask import Flask, current_app, g
from psycopg.pq import TransactionStatus
from sqlalchemy import Engine, Insert, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

_WRITE = "kite_write"


class Database:
    """Owns the engine and hands each app context its own session."""

    def init_app(self, app: Flask) -> None:
        """Create the engine for this app and close sessions at teardown."""
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        engine = create_engine(url, **_engine_options(url))
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine, app.config["KITE_SQLITE_BUSY_TIMEOUT_MS"])
        else:
            _reset_if_needed(engine)
        app.extensions["kite_db"] = sessionmaker(bind=engine, expire_on_commit=False)
        file = engine.url.database if engine.dialect.name == "sqlite" else None
        app.extensions["kite_writers"] = (
            WriterQueue(Path(f"{file}.writers")) if file not in (None, "", ":memory:") else None
        )
        app.teardown_appcontext(self._close)

    @property
    def sessionmaker(self) -> sessionmaker[Session]:
        """The session factory of the current app (tests rebind it to one connection)."""
        return current_app.extensions["kite_db"]

    @property
    def engine(self) -> Engine:
        """The current app's engine."""
        return self.sessionmaker.kw["bind"].engine

    @property
    def session(self) -> Session:
        """This app context's session, made on first use."""
        if "kite_session" not in g:
            g.kite_session = self.sessionmaker()
        return g.kite_session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """Run one write transaction: committed on success, rolled back on any error.

        On SQLite the transaction begins IMMEDIATE, after the writer queue hands this
        thread its turn, so a second writer waits its turn instead of failing with "database
        is locked" when it tries to upgrade a read lock; a read transaction still open is
        committed first. On PostgreSQL the write carries on the request's transaction, which
        saves the round trips of a second BEGIN and COMMIT. A write inside a write joins the
        outer one.
        """
        session = self.session
        if session.info.get(_WRITE):
            yield session  # already inside a write: join it, so the whole change is one
            return
        on_sqlite = self.engine.dialect.name == "sqlite"
        if on_sqlite and session.in_transaction():
            session.commit()
        queue = current_app.extensions["kite_writers"]
        with queue.turn() if queue else nullcontext():
            if on_sqlite:
                session.connection(execution_options={_WRITE: True})
            session.info[_WRITE] = True
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                session.info[_WRITE] = False

    def insert_new(self, table: Table) -> Insert:
        """An INSERT that skips a row whose key is already kept; it returns the key of a row
        it wrote, and nothing when it skipped one (rowcount is not reliable here: -1 on
        psycopg)."""
        dialect = self.engine.dialect.name
        into = postgresql.insert if dialect == "postgresql" else sqlite.insert
        return into(table).on_conflict_do_nothing().returning(*table.primary_key.columns)

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("kite_session", None)
        if session is not None:
            session.close()


class WriterQueue:
    """SQLite writers of every process take turns here, before BEGIN IMMEDIATE.

    SQLite lets a waiting writer poll (its busy handler sleeps 1, 2, 5 … 100 ms between tries),
    so the database idles between writers and an unlucky one waits long. Here the kernel hands
    the turn straight on: a lock among this process's threads, then an flock on a file beside
    the database among processes (released by the kernel if a process dies). A thread may take
    its turn again while holding it (a write in a second app context); the busy timeout stays
    as the backstop for anything that writes without queueing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._start_afresh()
        # A forked child (a gunicorn worker) starts with its own lock and file: an inherited
        # descriptor would share the parent's flock, and an inherited lock its holder.
        queue = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (q := queue()) and q._start_afresh())

    def _start_afresh(self) -> None:
        self._threads = threading.RLock()
        self._held = 0  # how deep the holding thread is; only it touches this
        self._file: int | None = None

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold the only write turn of this database for the duration."""
        with self._threads:
            if self._held == 0:
                if self._file is None:
                    self._file = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._file, fcntl.LOCK_EX)
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
                if self._held == 0:
                    fcntl.flock(self._file, fcntl.LOCK_UN)


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"check_same_thread": False}}
    # The pool's own reset would ROLLBACK every connection it gets back, a round trip even
    # after a COMMIT; _reset_if_needed rolls back only one left in a transaction.
    return {
        "pool_pre_ping": True,
        "pool_size": 5,
        "max_overflow": 10,
        "pool_reset_on_return": None,
    }


def _reset_if_needed(engine: Engine) -> None:
    @event.listens_for(engine, "reset")
    def _on_reset(dbapi_connection, _record, state):  # type: ignore[no-untyped-def]
        idle = dbapi_connection.info.transaction_status == TransactionStatus.IDLE
        if not state.terminate_only and not idle:
            dbapi_connection.rollback()


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout, foreign keys, and BEGIN IMMEDIATE for writes.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's
    "begin" event decides how each transaction starts.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        write = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


db = Database()

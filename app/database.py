"""The engine, a session per app context, and write transactions that never hit 'locked'."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
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
        app.extensions["kite_db"] = sessionmaker(bind=engine, expire_on_commit=False)
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

        On SQLite the transaction begins IMMEDIATE, so a second writer waits its turn
        (up to the busy timeout) instead of failing with "database is locked" when it
        tries to upgrade a read lock. A write inside a write joins the outer one.
        """
        session = self.session
        if session.info.get(_WRITE):
            yield session  # already inside a write: join it, so the whole change is one
            return
        if session.in_transaction():
            session.commit()
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

    @staticmethod
    def _close(_exc: BaseException | None) -> None:
        session = g.pop("kite_session", None)
        if session is not None:
            session.close()


def _engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10}


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

"""The database: migrations match the models; SQLite writers queue instead of failing."""

import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import func, select, text

from app.cli import upgrade_database
from app.extensions import db
from app.models import Base, Facility, FacilityKind
from app.services import facilities
from tests.conftest import make_app


def test_migrations_match_the_models(app_context: None) -> None:
    connection = db.session.connection()
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert compare_metadata(context, Base.metadata) == []


def test_a_failed_write_stores_nothing(app_context: None) -> None:
    before = facilities.count_facilities()
    with pytest.raises(RuntimeError), db.writing():
        facilities.create_facility(
            code="HALF", name="Half", country="TH", default_locale="th", kind=FacilityKind.SHELTER
        )
        raise RuntimeError("power cut half-way")
    assert facilities.count_facilities() == before


@pytest.fixture(scope="module")
def sqlite_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    folder = tmp_path_factory.mktemp("sqlite")
    application = make_app(f"sqlite:///{folder / 'kite.db'}", folder)
    with application.app_context():
        upgrade_database()
    return application


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_app: Flask) -> None:
    with sqlite_app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_concurrent_writers_never_see_database_is_locked(sqlite_app: Flask) -> None:
    """Each writer reads, pauses, then writes: with deferred BEGIN this deadlocks at once."""
    errors: list[BaseException] = []
    writers, rounds = 6, 10

    def writer(n: int) -> None:
        try:
            for r in range(rounds):
                with sqlite_app.app_context(), db.writing() as session:
                    session.scalar(select(func.count()).select_from(Facility))
                    time.sleep(0.002)
                    facilities.create_facility(
                        code=f"W{n}R{r}",
                        name="Writer",
                        country="TH",
                        default_locale="th",
                        kind=FacilityKind.SHELTER,
                    )
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite_app.app_context():
        written = db.session.scalar(
            select(func.count()).select_from(Facility).where(Facility.code.like("W%R%"))
        )
    assert written == writers * rounds


def test_sqlite_database_file_is_created_under_the_given_path(sqlite_app: Flask) -> None:
    url = sqlite_app.config["SQLALCHEMY_DATABASE_URI"]
    assert Path(url.removeprefix("sqlite:///")).exists()


def test_a_write_inside_a_write_is_one_transaction(app_context: None) -> None:
    before = facilities.count_facilities()
    with pytest.raises(RuntimeError), db.writing():
        facilities.create_facility(
            code="OUTER", name="Outer", country="TH", default_locale="th", kind=FacilityKind.SHELTER
        )
        raise RuntimeError("the outer change fails after the inner one finished")
    assert facilities.count_facilities() == before


def test_sqlite_writers_of_other_processes_wait_for_the_turn_and_then_get_it(
    sqlite_app: Flask,
) -> None:
    queue = sqlite_app.extensions["kite_writers"]
    context = multiprocessing.get_context("fork")
    got_it = context.Event()

    def other_process() -> None:
        with queue.turn():
            got_it.set()

    with queue.turn():
        child = context.Process(target=other_process)
        child.start()
        assert not got_it.wait(0.5), "another process wrote while this one held the turn"
    assert got_it.wait(30), "the turn was never handed on"
    child.join(30)
    assert child.exitcode == 0


def test_a_thread_holding_the_sqlite_write_turn_may_take_it_again(sqlite_app: Flask) -> None:
    queue = sqlite_app.extensions["kite_writers"]
    done = threading.Event()

    def nested() -> None:
        with queue.turn(), queue.turn():
            done.set()

    thread = threading.Thread(target=nested, daemon=True)
    thread.start()
    assert done.wait(30), "a nested turn hung"
    other = threading.Thread(target=nested, daemon=True)  # and it was fully given back
    done.clear()
    other.start()
    assert done.wait(30)


def test_a_write_on_postgresql_carries_on_the_requests_transaction_and_sqlite_begins_anew(
    app_context: None,
) -> None:
    db.session.scalar(select(func.count()).select_from(Facility))
    reading = db.session.get_transaction()
    with db.writing() as session:
        same = session.get_transaction() is reading
    assert same == (db.engine.dialect.name == "postgresql")

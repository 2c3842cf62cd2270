"""Many tablets of one home sending at once, on the configured database (PostgreSQL in CI): a key
sent twice at the same moment is stored once, and the pool is released once, whole.

Unlike the other tests these commit (the races happen between transactions), so they use their
own home and delete everything they wrote afterwards.
"""

import threading
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import (
    AnonymousAnswer,
    AnonymousWords,
    Facility,
    FacilityKind,
    PooledAnswerSet,
    SubmissionKey,
)
from app.services import answers
from app.services.answers import Given
from tests.conftest import make_app

TODAY = date(2026, 11, 23)
THREADS, SETS_EACH = 8, 6


@pytest.fixture(scope="module")
def committing_app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """A second app on the test database whose writes are really committed."""
    from app.cli import upgrade_database

    application = make_app(database_url, tmp_path_factory.mktemp("committing"))
    with application.app_context():
        upgrade_database()
    return application


@pytest.fixture
def home(committing_app: Flask) -> Iterator[int]:
    # No audit event (a plain insert): nothing this test writes may outlive it.
    with committing_app.app_context(), db.writing() as session:
        made = Facility(
            code=f"RACE{uuid.uuid4().hex[:6]}",
            name="Race home",
            country="TH",
            default_locale="th",
            kind=FacilityKind.SHELTER,
        )
        session.add(made)
        session.flush()
        facility_id = made.id
    yield facility_id
    with committing_app.app_context(), db.writing() as session:
        for model in (AnonymousAnswer, AnonymousWords, PooledAnswerSet):
            session.execute(delete(model).where(model.facility_id == facility_id))
        session.execute(delete(SubmissionKey).where(SubmissionKey.received_on == TODAY))
        session.execute(delete(Facility).where(Facility.id == facility_id))


def test_a_home_s_tablets_sending_at_once_store_each_set_once_and_release_it_once(
    committing_app: Flask, home: int
) -> None:
    older = committing_app.extensions["kite_question_sets"]["staying-older"]
    shared_keys = [uuid.uuid4() for _ in range(SETS_EACH)]  # every thread sends these too
    stored: list[bool] = []
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def tablet() -> None:
        try:
            with committing_app.app_context():
                facility = db.session.get(Facility, home)
                start.wait()
                for n in range(SETS_EACH):
                    for key in (shared_keys[n], uuid.uuid4()):
                        stored.append(
                            answers.submit(
                                key=key,
                                facility=facility,
                                question_set=older,
                                locale="th",
                                mode="alone",
                                given=[
                                    Given("feel-safe", ("always",), "count"),
                                    Given("fair-rules", ("sometimes",), "count"),
                                ],
                                today=TODAY,
                            )
                        )
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=tablet) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    sets = SETS_EACH + THREADS * SETS_EACH  # the shared ones once, every thread's own once
    assert stored.count(True) == sets
    assert stored.count(False) == (THREADS - 1) * SETS_EACH
    with committing_app.app_context():

        def rows(model) -> int:  # type: ignore[no-untyped-def]
            return db.session.scalar(
                select(func.count()).select_from(model).where(model.facility_id == home)
            )

        pooled = db.session.scalars(
            select(PooledAnswerSet.rows).where(PooledAnswerSet.facility_id == home)
        ).all()
        assert rows(AnonymousAnswer) + sum(len(r) for r in pooled) == 2 * sets
        # Sending at the same moment, each may count the pool before the others commit (on
        # PostgreSQL); the clock's release then takes what is left, once.
        answers.release_waiting(TODAY)
        pooled = db.session.scalars(
            select(PooledAnswerSet.rows).where(PooledAnswerSet.facility_id == home)
        ).all()
        assert len(pooled) < 5, "K sets were waiting and no release took them"
        assert rows(AnonymousAnswer) + sum(len(r) for r in pooled) == 2 * sets

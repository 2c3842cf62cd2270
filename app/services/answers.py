"""Storing what a child answered: to be counted, for their case worker, or for the visitors.

Each answer carries its own audience (invariant 2). Anonymous answers keep only the home, the
ISO week, level, stage, language, mode, question set and version, question and value (invariant
3). So that storage order never gives submission order, an anonymous answer set first waits in
a pool; once K sets of a home wait (K is the small-number threshold), or their week has ended,
all of that home's waiting sets are shuffled together, written with random ids, and the pool
entries deleted, in one transaction. Answers for the case worker go straight into the case.

Every submission has an idempotency key, kept under a unique constraint in its own table (which
names no answer): a resend is answered with success and stored exactly once.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, insert, or_, select

from app.extensions import db
from app.models import (
    AnonymousAnswer,
    AnonymousWords,
    Case,
    CaseAnswer,
    Facility,
    PooledAnswerSet,
    Settings,
    SubmissionKey,
)
from app.models.base import iso_week
from app.questions import SKIP, TOO_MANY_WORDS, WORDS_LIMIT, Question, QuestionSet
from app.services import concerns, settings

AUDIENCES = ("count", "case", "visitors")
MODES = ("alone", "helped")
WORDS = "words"  # the value recorded for an answer given in the child's own words
_shuffle = random.SystemRandom().shuffle


NOT_FITTING = _l("Something in these answers did not fit. Please try again.")


class AnswerError(ValueError):
    """Answers Kite cannot keep as they are; the message is for a child."""


@dataclass(frozen=True)
class Given:
    """What a child gave for one question: the chosen values, or their words; and who hears it."""

    question_id: str
    values: tuple[str, ...]
    audience: str
    words: str | None = None


def check_one(question_set: QuestionSet, answer: Given, *, case_session: bool) -> None:
    """Raise AnswerError unless this answer fits its question and its audience is allowed."""
    question = question_set.question(answer.question_id)
    if question is None:
        raise AnswerError(NOT_FITTING)
    if answer.audience not in AUDIENCES or (answer.audience == "case" and not case_session):
        raise AnswerError(_l("Please choose who hears your answer."))
    if question.kind == WORDS:
        if len((answer.words or "").strip()) > WORDS_LIMIT:
            raise AnswerError(TOO_MANY_WORDS)
        return
    values = answer.values
    one_only = question.kind != "pictures" or SKIP in values
    if not values or set(values) - set(question.values) or (one_only and len(values) > 1):
        raise AnswerError(NOT_FITTING)


def _check(question_set: QuestionSet, given: list[Given], case: Case | None) -> None:
    if len({answer.question_id for answer in given}) != len(given):
        raise AnswerError(NOT_FITTING)
    for answer in given:
        check_one(question_set, answer, case_session=case is not None)


def _anonymous_rows(given: list[Given], common: dict) -> list[dict]:
    rows = []
    for answer in given:
        if answer.audience == "case":
            continue
        base = {**common, "question_id": answer.question_id}
        if answer.words is not None:
            if answer.words.strip():
                rows.append(
                    {
                        "table": WORDS,
                        **base,
                        "audience": answer.audience,
                        "words": answer.words.strip(),
                    }
                )
            continue
        rows.extend({"table": "answer", **base, "value": value} for value in answer.values)
    return rows


def submit(
    *,
    key: uuid.UUID,
    facility: Facility,
    question_set: QuestionSet,
    locale: str,
    mode: str,
    given: list[Given],
    case: Case | None = None,
    today: date | None = None,
) -> bool:
    """Keep a child's answers once; False when this key was stored before (a resend).

    Raises AnswerError, storing nothing, when an answer does not fit its question.
    """
    _check(question_set, given, case)
    if mode not in MODES:
        raise AnswerError(NOT_FITTING)
    today = today or date.today()
    week = iso_week(today)
    common = {
        "facility_id": facility.id,
        "iso_week": week,
        "age_band": question_set.level,
        "stage": question_set.stage,
        "locale": locale,
        "mode": mode,
        "question_set": question_set.id,
        "set_version": question_set.version,
    }
    case_rows = _case_rows(given, case, key, question_set, locale, mode)
    anonymous_rows = _anonymous_rows(given, common)
    with db.writing() as session:
        # A resend finds its key kept: nothing more is written, and it is answered with success.
        written = session.execute(
            db.insert_new(SubmissionKey.__table__), {"key": key, "received_on": today}
        ).first()
        if written is None:
            return False
        if case_rows:
            session.execute(insert(CaseAnswer), case_rows)
        if anonymous_rows:
            session.execute(
                insert(PooledAnswerSet),
                {
                    "id": uuid.uuid4(),
                    "facility_id": facility.id,
                    "iso_week": week,
                    "rows": anonymous_rows,
                },
            )
            _release(session, facility.id, week)
        for answer, question in _disclosures(question_set, given):
            concerns.raise_from_answer(
                key=uuid.uuid5(key, question.id),
                facility_id=facility.id,
                case=case if answer.audience == "case" else None,
                topic=question.topic,
                question_id=question.id,
                visitors=answer.audience == "visitors",
                locale=locale,
                today=today,
            )
    return True


def _disclosures(question_set: QuestionSet, given: list[Given]) -> list[tuple[Given, Question]]:
    """The answers the content marks as telling of harm: each raises a concern (invariant 5)."""
    found = []
    for answer in given:
        question = question_set.question(answer.question_id)
        if question and set(answer.values) & set(question.disclosure):
            found.append((answer, question))
    return found


def _case_rows(
    given: list[Given],
    case: Case | None,
    key: uuid.UUID,
    question_set: QuestionSet,
    locale: str,
    mode: str,
) -> list[dict]:
    rows = []
    for answer in (a for a in given if a.audience == "case"):
        words = (answer.words or "").strip() or None
        if answer.words is not None and words is None:
            continue  # an empty box is no answer
        for value in answer.values if answer.words is None else (WORDS,):
            rows.append(
                {
                    "case_id": case.id,  # type: ignore[union-attr]  # checked: a case session
                    "submission_key": key,
                    "question_set": question_set.id,
                    "set_version": question_set.version,
                    "question_id": answer.question_id,
                    "value": value,
                    "words": words,
                    "locale": locale,
                    "mode": mode,
                }
            )
    return rows


def _release(session, facility_id: int, week: str) -> None:  # type: ignore[no-untyped-def]
    """Write a home's pooled sets, shuffled together, once K wait or their week has ended."""
    threshold = select(Settings.small_number_threshold).where(Settings.id == 1).scalar_subquery()
    waiting, ended, threshold = session.execute(
        select(func.count(), func.count().filter(PooledAnswerSet.iso_week < week), threshold).where(
            PooledAnswerSet.facility_id == facility_id
        )
    ).one()
    if waiting < threshold and not ended:
        return
    # One release of a home at a time (PostgreSQL: FOR NO KEY UPDATE on the home's row, which
    # does not clash with the key-share lock the pool insert's foreign key already holds, so
    # there is no deadlock; SQLite writes are serial anyway): a second one waits here, then
    # reads the pool again and finds what is left.
    session.execute(
        select(Facility.id).where(Facility.id == facility_id).with_for_update(key_share=True)
    )
    pooled = session.execute(
        select(PooledAnswerSet.id, PooledAnswerSet.iso_week, PooledAnswerSet.rows).where(
            PooledAnswerSet.facility_id == facility_id
        )
    ).all()
    if len(pooled) < threshold and not any(entry.iso_week < week for entry in pooled):
        return
    rows = [dict(row) for entry in pooled for row in entry.rows]
    _shuffle(rows)
    tables: dict[str, list[dict]] = {WORDS: [], "answer": []}
    for row in rows:
        tables[row.pop("table")].append({"id": uuid.uuid4(), **row})
    # Each table's rows go in as one ordered batch, in the shuffled order.
    for name, model in ((WORDS, AnonymousWords), ("answer", AnonymousAnswer)):
        if tables[name]:
            session.execute(insert(model.__table__), tables[name])
    session.execute(delete(PooledAnswerSet).where(PooledAnswerSet.id.in_([e.id for e in pooled])))


def release_waiting(today: date | None = None) -> int:
    """Write every home's pool that has K sets waiting or a week that has ended; returns how
    many homes. The clock runs this every minute: when tablets send at the same moment, each
    may count the pool before the others commit, and find fewer than K."""
    week = iso_week(today or date.today())
    threshold = settings.current().small_number_threshold
    with db.writing() as session:
        homes = list(
            session.scalars(
                select(PooledAnswerSet.facility_id)
                .group_by(PooledAnswerSet.facility_id)
                .having(or_(func.count() >= threshold, func.min(PooledAnswerSet.iso_week) < week))
            )
        )
        for facility_id in homes:
            _release(session, facility_id, week)
    return len(homes)

"""Children's answers: each goes to the audience the child chose (invariant 2); anonymous ones
keep nothing that links them to a child or to each other (invariant 3); each is stored once."""

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, inspect, select, text

from app.extensions import db
from app.models import AnonymousAnswer, AnonymousWords, CaseAnswer, PooledAnswerSet, SubmissionKey
from app.services import answers
from app.services.answers import Given

TODAY = date(2026, 11, 23)


@pytest.fixture
def older(app):  # type: ignore[no-untyped-def]
    return app.extensions["kite_question_sets"]["staying-older"]


def a_set(marker: str, audience: str = "count") -> list[Given]:
    """A full answer set whose free text carries a marker, so tests can tell sets apart."""
    return [
        Given("feel-safe", ("always",), audience),
        Given("fair-rules", ("sometimes",), audience),
        Given("make-it-better", (), audience, words=f"more football {marker}"),
    ]


def send(home, question_set, given, *, case=None, key=None, today=TODAY) -> bool:  # type: ignore[no-untyped-def]
    return answers.submit(
        key=key or uuid.uuid4(),
        facility=home,
        question_set=question_set,
        locale="km",
        mode="alone",
        given=given,
        case=case,
        today=today,
    )


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def test_invariant_3_anonymous_an_answer_keeps_only_what_it_may(app_context) -> None:
    allowed = {
        "id", "facility_id", "iso_week", "age_band", "stage", "locale", "mode",
        "question_set", "set_version", "question_id", "value",
    }  # fmt: skip
    columns = {c["name"] for c in inspect(db.session.connection()).get_columns("anonymous_answer")}
    assert columns == allowed
    words = {c["name"] for c in inspect(db.session.connection()).get_columns("anonymous_words")}
    assert words == (allowed - {"value"}) | {"audience", "words", "hidden"}
    pool = {c["name"] for c in inspect(db.session.connection()).get_columns("pooled_answer_set")}
    assert pool == {"id", "facility_id", "iso_week", "rows"}
    keys = {c["name"] for c in inspect(db.session.connection()).get_columns("submission_key")}
    assert keys == {"key", "received_on"}, "a key names no answer, so it links none"


def test_invariant_3_anonymous_sets_wait_until_k_then_arrive_shuffled_with_random_ids(  # type: ignore[no-untyped-def]
    app_context, create_home, older
) -> None:
    home = create_home()
    for n in range(4):  # K - 1 sets: nothing reaches the answer tables yet
        assert send(home, older, a_set(f"set{n}"))
    assert count(AnonymousAnswer) == 0 and count(AnonymousWords) == 0
    assert count(PooledAnswerSet) == 4
    assert send(home, older, a_set("set4"))
    assert count(PooledAnswerSet) == 0
    assert count(AnonymousAnswer) == 10 and count(AnonymousWords) == 5
    rows = db.session.scalars(select(AnonymousAnswer)).all()
    assert all(row.id.version == 4 for row in rows), "ids are random, not sequential or timed"
    assert {row.iso_week for row in rows} == {"2026-W48"}


def _storage_order(table: str) -> list[str]:
    order = "ctid" if db.session.get_bind().dialect.name == "postgresql" else "rowid"
    return list(db.session.scalars(text(f"SELECT words FROM {table} ORDER BY {order}")))  # noqa: S608


def test_invariant_3_anonymous_storage_order_and_id_order_do_not_give_submission_order(  # type: ignore[no-untyped-def]
    app_context, create_home, older
) -> None:
    home = create_home()
    sent = [f"set{n:02d}" for n in range(20)]  # four batches of K = 5
    for marker in sent:
        send(home, older, a_set(marker))
    stored = [w.split()[-1] for w in _storage_order("anonymous_words")]
    by_id = [
        w.words.split()[-1]
        for w in db.session.scalars(select(AnonymousWords).order_by(AnonymousWords.id))
    ]
    assert sorted(stored) == sent
    # Each batch of K sets is shuffled: the odds of 4 batches of 5 all coming out in order are
    # (1/120)^4, so an ordered result means there is no shuffle.
    assert stored != sent and by_id != sent


def test_invariant_3_anonymous_a_weeks_last_sets_are_released_when_the_week_ends(  # type: ignore[no-untyped-def]
    app_context, create_home, older
) -> None:
    home = create_home()
    send(home, older, a_set("lonely"))
    assert count(AnonymousWords) == 0
    assert answers.release_waiting(TODAY) == 0, "the week has not ended"
    assert answers.release_waiting(TODAY + timedelta(days=7)) == 1
    assert count(AnonymousWords) == 1 and count(PooledAnswerSet) == 0


def test_invariant_2_the_child_chooses_the_audience_of_each_answer(  # type: ignore[no-untyped-def]
    app_context, create_home, create_case, older
) -> None:
    home = create_home()
    case = create_case(home=home)
    given = [
        Given("feel-safe", ("mostly",), "case"),
        Given("fair-rules", ("never",), "count"),
        Given("make-it-better", (), "visitors", words="a quieter room"),
    ]
    send(home, older, given, case=case)
    answers.release_waiting(TODAY + timedelta(days=7))
    case_rows = db.session.scalars(select(CaseAnswer)).all()
    assert [(r.case_id, r.question_id, r.value) for r in case_rows] == [
        (case.id, "feel-safe", "mostly")
    ]
    anonymous = db.session.scalars(select(AnonymousAnswer)).all()
    assert [(r.question_id, r.value) for r in anonymous] == [("fair-rules", "never")]
    words = db.session.scalars(select(AnonymousWords)).all()
    assert [(w.audience, w.words) for w in words] == [("visitors", "a quieter room")]


def test_a_case_answer_needs_a_case_session(app_context, create_home, older) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(answers.AnswerError):
        send(create_home(), older, [Given("feel-safe", ("always",), "case")])
    assert count(SubmissionKey) == 0


def test_a_resend_is_answered_with_success_and_stored_once(app_context, create_home, older) -> None:  # type: ignore[no-untyped-def]
    home, key = create_home(), uuid.uuid4()
    assert send(home, older, a_set("once"), key=key) is True
    assert send(home, older, a_set("once"), key=key) is False
    assert count(PooledAnswerSet) == 1 and count(SubmissionKey) == 1


@pytest.mark.parametrize(
    "given",
    [
        [Given("no-such-question", ("always",), "count")],
        [Given("feel-safe", ("excellent",), "count")],
        [Given("feel-safe", ("always", "never"), "count")],
        [Given("feel-safe", ("always",), "everyone")],
        [Given("feel-safe", ("always",), "count"), Given("feel-safe", ("never",), "count")],
        [Given("make-it-better", (), "count", words="x" * (answers.WORDS_LIMIT + 1))],
    ],
    ids=[
        "unknown-question",
        "out-of-range",
        "two-values",
        "bad-audience",
        "twice",
        "too-many-words",
    ],
)
def test_an_answer_that_does_not_fit_stores_nothing(app_context, create_home, older, given) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(answers.AnswerError):
        send(create_home(), older, given)
    assert count(SubmissionKey) == 0 and count(PooledAnswerSet) == 0


def test_i_dont_want_to_answer_is_always_accepted_and_stored_as_itself(  # type: ignore[no-untyped-def]
    app, app_context, create_home
) -> None:
    younger = app.extensions["kite_question_sets"]["arriving-younger"]
    home = create_home()
    for _ in range(5):
        send(home, younger, [Given(q.id, ("skip",), "count") for q in younger.questions])
    values = set(db.session.scalars(select(AnonymousAnswer.value)))
    assert values == {"skip"}


def test_the_release_command_writes_ended_weeks(app, app_context, create_home, older) -> None:  # type: ignore[no-untyped-def]
    send(create_home(), older, a_set("old"), today=date(2020, 1, 6))
    result = app.test_cli_runner().invoke(args=["answers", "release"])
    assert result.exit_code == 0 and "1 home" in result.output
    assert count(AnonymousWords) == 1

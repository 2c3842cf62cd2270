"""Question sets: they measure every standard, ask about every card at both levels, fit the
stage they are in, are written in every launch language, and stay short for children."""

import re

import pytest

from app import standards
from app.i18n import CODES
from app.questions import LEVELS, SIZES


@pytest.fixture
def sets(app):  # type: ignore[no-untyped-def]
    return app.extensions["kite_question_sets"]


def test_there_is_a_set_for_every_stage_at_every_level(sets) -> None:  # type: ignore[no-untyped-def]
    assert {(s.stage, s.level) for s in sets.values()} == {
        (stage, level) for stage in standards.STAGES for level in LEVELS
    }
    for question_set in sets.values():
        assert len(question_set.questions) in SIZES[question_set.level]


@pytest.mark.parametrize("key", ["recommendations", "principles", "services"])
def test_questions_measure_every_standard(sets, key) -> None:  # type: ignore[no-untyped-def]
    measured = {code for s in sets.values() for q in s.questions for code in getattr(q, key)}
    assert set(getattr(standards, key.upper())) <= measured


@pytest.mark.parametrize("level", LEVELS)
def test_every_card_is_asked_about_at_each_level_in_a_stage_it_belongs_to(app, sets, level) -> None:  # type: ignore[no-untyped-def]
    cards = {card.slug: card for card in app.extensions["kite_cards"]}
    asked = set()
    for question_set in (s for s in sets.values() if s.level == level):
        for question in question_set.questions:
            if question.card:
                assert question_set.stage in cards[question.card].stages, question.id
                asked.add(question.card)
    assert asked == set(cards)


@pytest.mark.parametrize("code", CODES)
def test_every_set_is_written_in_every_launch_language(sets, code) -> None:  # type: ignore[no-untyped-def]
    missing = [s.id for s in sets.values() if code not in s.review]
    assert not missing, f"{code}: no words for {missing}: a child would see English"


def test_every_older_set_ends_with_the_childs_own_words(sets) -> None:  # type: ignore[no-untyped-def]
    for question_set in (s for s in sets.values() if s.level == "older"):
        assert [q.kind for q in question_set.questions].count("words") == 1
        assert question_set.questions[-1].kind == "words"


def test_english_questions_stay_short(sets) -> None:  # type: ignore[no-untyped-def]
    limit = {"younger": 10, "older": 18}
    for question_set in sets.values():
        for question in question_set.questions:
            for sentence in re.split(r"(?<=[.?!])\s+", question.texts["en"]):
                words = len(sentence.split())
                assert words <= limit[question_set.level], f"{question_set.id}/{question.id}"


def test_disclosures_are_sensitive_and_skip_never_discloses(sets) -> None:  # type: ignore[no-untyped-def]
    for question_set in sets.values():
        for question in question_set.questions:
            assert "skip" not in question.disclosure
            if question.disclosure:
                assert question.sensitive, f"{question_set.id}/{question.id}"

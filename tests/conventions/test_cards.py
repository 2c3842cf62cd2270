"""Rights cards: together they carry every standard, and each keeps to CONTENT.md's lengths.

Lengths are checked for English here; languages written without spaces need a real word
segmenter (issue 4) before their lengths can be counted the same way.
"""

import re

import pytest
from flask import Flask

from app import standards
from app.content import Card
from app.models import Stage

# level -> (fewest words, most words, longest sentence in words), from CONTENT.md
LIMITS = {"younger": (30, 70, 10), "older": (80, 180, 18)}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _cards(app: Flask) -> tuple[Card, ...]:
    return app.extensions["kite_cards"]


def test_there_are_at_least_twenty_cards(app) -> None:  # type: ignore[no-untyped-def]
    assert len(_cards(app)) >= 20


def test_every_recommendation_principle_stage_and_service_is_carried_by_a_card(app) -> None:  # type: ignore[no-untyped-def]
    cards = _cards(app)
    carried = {
        "recommendations": {r for c in cards for r in c.recommendations},
        "principles": {p for c in cards for p in c.principles},
        "stages": {s for c in cards for s in c.stages},
        "services": {s for c in cards for s in c.services},
    }
    for kind, registry in (
        ("recommendations", standards.RECOMMENDATIONS),
        ("principles", standards.PRINCIPLES),
        ("stages", standards.STAGES),
        ("services", standards.SERVICES),
    ):
        missing = set(registry) - carried[kind]
        assert not missing, f"no card carries {kind} {sorted(missing)}"


def test_card_stages_are_the_stages_cases_use() -> None:
    assert [stage.value for stage in Stage] == list(standards.STAGES)


@pytest.mark.parametrize("level", LIMITS)
def test_english_cards_keep_to_the_lengths(app, level: str) -> None:  # type: ignore[no-untyped-def]
    fewest, most, longest_sentence = LIMITS[level]
    for card in _cards(app):
        text = card.texts["en"]
        words = " ".join((*getattr(text, level), getattr(text, f"{level}_can")))
        count = len(words.split())
        assert fewest <= count <= most, f"{card.slug} {level}: {count} words"
        longest = max(len(s.split()) for s in SENTENCE_END.split(words))
        assert longest <= longest_sentence, f"{card.slug} {level}: a {longest}-word sentence"


def test_younger_cards_never_say_victim(app) -> None:  # type: ignore[no-untyped-def]
    for card in _cards(app):
        text = card.texts["en"]
        assert "victim" not in " ".join((*text.younger, text.younger_can)).lower(), card.slug

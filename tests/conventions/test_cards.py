"""Rights cards: together they carry every standard, each keeps to CONTENT.md's lengths in
every language it is written in (words counted with ICU), and each uses the glossary's terms.
"""

import tomllib
from pathlib import Path

import pytest
from flask import Flask

from app import standards
from app.content import Card
from app.i18n import CODES
from app.models import Stage
from app.wordcount import count_words, sentences

# level -> (fewest words, most words, longest sentence in words), from CONTENT.md
LIMITS = {"younger": (30, 70, 10), "older": (80, 180, 18)}
GLOSSARIES = Path(__file__).resolve().parents[2] / "content" / "glossary"


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


def _glossary(locale: str) -> dict[str, list[str]]:
    path = GLOSSARIES / f"{locale}.toml"
    return tomllib.loads(path.read_text()) if path.exists() else {}


@pytest.mark.parametrize("locale", CODES)
@pytest.mark.parametrize("level", LIMITS)
def test_cards_keep_to_the_lengths_in_every_language(app, level: str, locale: str) -> None:  # type: ignore[no-untyped-def]
    fewest, most, longest_sentence = LIMITS[level]
    for card in _cards(app):
        if locale not in card.texts:
            continue
        text = card.texts[locale]
        words = " ".join((*getattr(text, level), getattr(text, f"{level}_can")))
        count = count_words(words, locale)
        assert fewest <= count <= most, f"{card.slug} {locale} {level}: {count} words"
        longest = max(count_words(s, locale) for s in sentences(words, locale))
        assert longest <= longest_sentence, f"{card.slug} {locale} {level}: {longest}-word sentence"


@pytest.mark.parametrize("locale", [code for code in CODES if code != "en"])
def test_cards_use_the_glossary_terms(app, locale: str) -> None:  # type: ignore[no-untyped-def]
    english, local = _glossary("en"), _glossary(locale)
    for card in _cards(app):
        if locale not in card.texts:
            continue
        assert local, f"{locale} has cards but no content/glossary/{locale}.toml"
        source = _all_text(card.texts["en"]).lower()
        translated = _all_text(card.texts[locale]).lower()
        for term, forms in english.items():
            if any(form.lower() in source for form in forms):
                assert any(form.lower() in translated for form in local[term]), (
                    f"{card.slug} {locale}: uses '{term}' but not the glossary's word for it"
                )


def _all_text(text) -> str:  # type: ignore[no-untyped-def]
    return " ".join((text.title, *text.younger, *text.older, text.younger_can, text.older_can))


def test_younger_cards_never_say_victim(app) -> None:  # type: ignore[no-untyped-def]
    for card in _cards(app):
        text = card.texts["en"]
        assert "victim" not in " ".join((*text.younger, text.younger_can)).lower(), card.slug


def test_every_card_and_answer_has_a_picture_and_only_used_pictures_are_shipped(app) -> None:  # type: ignore[no-untyped-def]
    from app.content import PICTURES
    from app.labels import HELP_PICTURES
    from app.questions import pictures_used

    used = (
        {card.picture for card in _cards(app)}
        | pictures_used(app.extensions["kite_question_sets"])
        | HELP_PICTURES
        | {"1f64b-1f3fd", "1f91d"}  # the help button; "help is coming"
    )
    shipped = {path.stem for path in PICTURES.glob("*.svg")}
    assert used <= shipped, f"not vendored: {sorted(used - shipped)}"
    assert shipped <= used, f"vendored but unused (run make assets): {sorted(shipped - used)}"
    for path in PICTURES.glob("*.svg"):
        svg = path.read_text()
        assert "<script" not in svg and "style=" not in svg, f"{path.name} is not CSP-safe"


def test_every_card_is_written_in_every_launch_language(app) -> None:  # type: ignore[no-untyped-def]
    for card in _cards(app):
        missing = sorted(set(CODES) - set(card.texts))
        assert not missing, f"{card.slug} is not written in {missing}: a child would see English"


def test_every_launch_language_has_a_glossary() -> None:
    for code in CODES:
        glossary = _glossary(code)
        assert set(glossary) == set(_glossary("en")), f"{code}: glossary terms differ from en"
        assert all(glossary.values()), f"{code}: a glossary term has no words"

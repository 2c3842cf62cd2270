"""Rights cards from content/: one folder a card, one file a locale, checked when Kite starts.

content/cards/<slug>/card.toml   what the card stands for: stages, recommendations,
                                 principles, services (codes from app.standards), and its order
content/cards/<slug>/<locale>.md TOML front matter between +++ lines (title, what the child
                                 can do at each level, review status), then '# Younger' and
                                 '# Older' sections of plain paragraphs
"""

import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from werkzeug.routing import BaseConverter

from app import standards
from app.i18n import CODES

log = logging.getLogger(__name__)
PICTURES = Path(__file__).resolve().parent / "static" / "img" / "emoji"
PICTURE_CODE = re.compile(r"[0-9a-f]{2,6}(-[0-9a-f]{2,6})*")
FRONT_MATTER = re.compile(r"\A\+\+\+\n(?P<meta>.*?)\n\+\+\+\n(?P<body>.*)\Z", re.S)
SECTION = re.compile(r"^# (Younger|Older)\s*$", re.M)
LEVELS = ("younger", "older")
# The stages of care as they appear in a child's URL, and "all" for every card.
STAGE_PATHS = {"arriving": "arriving", "staying": "staying", "moving-on": "moving_on"}
ALL_STAGES = "all"


def stage_path(stage: str) -> str:
    """The URL name of a stage of care ("moving_on" -> "moving-on")."""
    return next(path for path, code in STAGE_PATHS.items() if code == stage)


class ContentError(ValueError):
    """A content file that Kite cannot use; the message names the file and the problem."""


@dataclass(frozen=True)
class CardText:
    """A card in one language, at both levels."""

    title: str
    younger: tuple[str, ...]
    older: tuple[str, ...]
    younger_can: str
    older_can: str
    review_status: str
    reviewed_by: str | None = None
    reviewed_on: date | None = None


@dataclass(frozen=True)
class Card:
    """A rights card: what it stands for, and its text in each language written so far."""

    slug: str
    order: int
    picture: str
    stages: tuple[str, ...]
    recommendations: tuple[int, ...]
    principles: tuple[int, ...]
    services: tuple[str, ...]
    texts: dict[str, CardText]


def _fail(path: Path, problem: str) -> ContentError:
    return ContentError(f"{path}: {problem}")


def _codes(path: Path, meta: dict, key: str, allowed: dict) -> tuple:
    values = meta.get(key, [])
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise _fail(path, f"unknown {key} {unknown} (allowed: {list(allowed)})")
    return tuple(values)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


def _load_text(path: Path) -> CardText:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if match is None:
        raise _fail(path, "must start with TOML front matter between '+++' lines")
    try:
        meta = tomllib.loads(match["meta"])
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"front matter is not valid TOML ({error})") from error
    parts = SECTION.split(match["body"])
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    if list(sections) != ["Younger", "Older"]:
        raise _fail(path, "needs exactly a '# Younger' then a '# Older' section")
    for key in ("title", "younger_can", "older_can"):
        if not str(meta.get(key, "")).strip():
            raise _fail(path, f"'{key}' is missing or empty")
    review = meta.get("review", {})
    status = review.get("status")
    if status not in {"draft", "reviewed"}:
        raise _fail(path, "review.status must be 'draft' or 'reviewed'")
    if status == "reviewed" and not (review.get("by") and isinstance(review.get("on"), date)):
        raise _fail(path, "a reviewed card needs review.by and review.on (a date)")
    younger, older = _paragraphs(sections["Younger"]), _paragraphs(sections["Older"])
    if not younger or not older:
        raise _fail(path, "both levels need text")
    return CardText(
        title=meta["title"].strip(),
        younger=younger,
        older=older,
        younger_can=meta["younger_can"].strip(),
        older_can=meta["older_can"].strip(),
        review_status=status,
        reviewed_by=review.get("by"),
        reviewed_on=review.get("on"),
    )


def _load_card(folder: Path) -> Card:
    path = folder / "card.toml"
    if not path.exists():
        raise _fail(path, "missing: every card folder needs a card.toml")
    try:
        meta = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"not valid TOML ({error})") from error
    picture = str(meta.get("picture", ""))
    if not PICTURE_CODE.fullmatch(picture):
        raise _fail(path, "'picture' must be a Twemoji code such as \"1f3e1\"")
    if not (PICTURES / f"{picture}.svg").exists():
        raise _fail(path, f"picture {picture}.svg is not vendored: run `make assets`")
    stages = _codes(path, meta, "stages", standards.STAGES)
    if not stages:
        raise _fail(path, "a card belongs to at least one stage")
    texts = {}
    for text_path in sorted(folder.glob("*.md")):
        if text_path.stem not in CODES:
            raise _fail(text_path, f"'{text_path.stem}' is not a launch locale {list(CODES)}")
        texts[text_path.stem] = _load_text(text_path)
    if "en" not in texts:
        raise _fail(folder / "en.md", "missing: every card is written in English first")
    return Card(
        slug=folder.name,
        order=int(meta.get("order", 0)),
        picture=picture,
        stages=stages,
        recommendations=_codes(path, meta, "recommendations", standards.RECOMMENDATIONS),
        principles=_codes(path, meta, "principles", standards.PRINCIPLES),
        services=_codes(path, meta, "services", standards.SERVICES),
        texts=texts,
    )


class StageConverter(BaseConverter):
    """A stage of care in a child's URL, or "all"."""

    regex = "|".join([*STAGE_PATHS, ALL_STAGES])


def load_cards(root: Path) -> tuple[Card, ...]:
    """Every card under root/cards, in order; raises ContentError on the first bad file."""
    folders = (
        sorted(p for p in (root / "cards").iterdir() if p.is_dir())
        if (root / "cards").exists()
        else []
    )
    cards = [_load_card(folder) for folder in folders]
    for card in cards:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", card.slug):
            raise _fail(root / "cards" / card.slug, "a card folder name is kebab-case")
    return tuple(sorted(cards, key=lambda c: (c.order, c.slug)))


def text_for(card: Card, locale: str) -> CardText:
    """The card in this language; English, logged, when that language is not written yet."""
    if locale in card.texts:
        return card.texts[locale]
    log.warning("Card %s has no %s text yet; showing English", card.slug, locale)
    return card.texts["en"]


def all_cards() -> tuple[Card, ...]:
    """The cards Kite loaded and checked at start-up."""
    from flask import current_app

    return current_app.extensions["kite_cards"]


def card_by_slug(slug: str) -> Card | None:
    """The card with this slug, if there is one."""
    return next((card for card in all_cards() if card.slug == slug), None)


def cards_in(stage: str) -> tuple[Card, ...]:
    """The cards for one stage of care, by its URL name, or every card for "all"."""
    if stage == ALL_STAGES:
        return all_cards()
    return tuple(card for card in all_cards() if STAGE_PATHS[stage] in card.stages)


def neighbours(card: Card, cards: tuple[Card, ...]) -> tuple[Card | None, Card | None]:
    """The cards before and after this one among these cards, in reading order."""
    index = cards.index(card)
    return (
        cards[index - 1] if index else None,
        cards[index + 1] if index + 1 < len(cards) else None,
    )

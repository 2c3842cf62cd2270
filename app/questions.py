"""Question sets from content/questions/: one folder a set (a stage at a level), checked at start.

content/questions/<stage>-<level>/set.toml   the version, and each question: its id, kind,
                                             the card it asks about, the standards it measures,
                                             whether it is sensitive or may disclose harm
content/questions/<stage>-<level>/<locale>.toml  the words: review status, then each question's
                                             text (and the words of its picture choices)

The answers a question takes depend on its kind; "skip" ("I don't want to answer") is always
offered and never counts as a negative.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l

from app import standards
from app.content import LEVELS, PICTURES, STAGE_PATHS, Card, ContentError
from app.i18n import CODES

SKIP = "skip"
# kind -> its fixed answers, best first, with their Twemoji pictures; None: set in set.toml.
KINDS: dict[str, tuple[tuple[str, str], ...] | None] = {
    "faces": (("good", "1f600"), ("okay", "1f610"), ("not-good", "1f61f")),
    "scale": (
        ("always", "1f315"),
        ("mostly", "1f314"),
        ("sometimes", "1f313"),
        ("rarely", "1f312"),
        ("never", "1f311"),
    ),
    "yes-no": (("yes", "2705"), ("no", "274c"), ("not-sure", "1f914")),
    "pictures": None,  # choose any of the pictures
    "words": None,  # the child's own words
}
SKIP_PICTURE = "1f910"
# Who hears an answer (invariant 2), with its picture: counted, the case worker, the visitors.
AUDIENCE_PICTURES = {"count": "1f4ca", "case": "1f9d1-1f3fc-200d-1f4bc", "visitors": "1f50e"}
LEVEL_KINDS = {"younger": {"faces", "yes-no", "pictures"}, "older": set(KINDS) - {"faces"}}
SIZES = {"younger": range(6, 9), "older": range(10, 16)}
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DISCLOSURE_TOPICS = ("unsafe", "hurt")  # what a disclosing answer may be about
WORDS_LIMIT = 600  # letters a child may write in one box: an answer, or a call for help
TOO_MANY_WORDS = _l(
    "That is a lot of words! Please make it shorter: up to %(n)d letters.", n=WORDS_LIMIT
)


@dataclass(frozen=True)
class Choice:
    """One answer a child can pick, with its picture (Twemoji code)."""

    value: str
    picture: str


@dataclass(frozen=True)
class Question:
    """A question: what it asks in each language, and what its answers measure."""

    id: str
    kind: str
    card: str | None
    recommendations: tuple[int, ...]
    principles: tuple[int, ...]
    services: tuple[str, ...]
    sensitive: bool
    disclosure: tuple[str, ...]
    topic: str  # what a disclosing answer is about: a concern's topic (app.models.Topic)
    choices: tuple[Choice, ...]
    texts: dict[str, str]
    choice_texts: dict[str, dict[str, str]]

    @property
    def values(self) -> tuple[str, ...]:
        """Every value this question accepts, "skip" included ("words" take text instead)."""
        return (*(choice.value for choice in self.choices), SKIP)


@dataclass(frozen=True)
class QuestionSet:
    """The questions for one stage at one level, in order, at one version."""

    id: str
    stage: str
    level: str
    version: int
    questions: tuple[Question, ...]
    review: dict[str, str]

    @property
    def stage_path(self) -> str:
        """The stage as it appears in a child's URL ("moving-on")."""
        return self.id.rpartition("-")[0]

    def question(self, question_id: str) -> Question | None:
        """The question with this id in this set, if any."""
        return next((q for q in self.questions if q.id == question_id), None)


def _fail(path: Path, problem: str) -> ContentError:
    return ContentError(f"{path}: {problem}")


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"not valid TOML ({error})") from error


def _codes(path: Path, meta: dict, key: str, allowed: dict) -> tuple:
    values = tuple(meta.get(key, []))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise _fail(path, f"question '{meta.get('id')}': unknown {key} {unknown}")
    return values


def _picture(path: Path, code: str) -> str:
    if not (PICTURES / f"{code}.svg").exists():
        raise _fail(path, f"picture {code}.svg is not vendored: run `make assets`")
    return code


def _choices(path: Path, meta: dict) -> tuple[Choice, ...]:
    fixed = KINDS[meta["kind"]]
    if fixed is not None:
        return tuple(Choice(value, picture) for value, picture in fixed)
    if meta["kind"] == "words":
        return ()
    listed = meta.get("choices", [])
    if not 2 <= len(listed) <= 8:
        raise _fail(path, f"question '{meta['id']}': a picture question needs 2 to 8 choices")
    choices = []
    for entry in listed:
        if not ID.fullmatch(str(entry.get("id", ""))) or entry["id"] == SKIP:
            raise _fail(path, f"question '{meta['id']}': choice id {entry.get('id')!r}")
        choices.append(Choice(entry["id"], _picture(path, str(entry.get("picture", "")))))
    return tuple(choices)


def _question(path: Path, meta: dict, level: str, cards: dict[str, Card]) -> dict:
    question_id = str(meta.get("id", ""))
    if not ID.fullmatch(question_id):
        raise _fail(path, f"question id {question_id!r} must be kebab-case")
    kind = meta.get("kind")
    if kind not in LEVEL_KINDS[level]:
        raise _fail(path, f"question '{question_id}': kind {kind!r} is not for {level} children")
    card = meta.get("card")
    if card is not None and card not in cards:
        raise _fail(path, f"question '{question_id}': no card '{card}'")
    measured = {
        "recommendations": _codes(path, meta, "recommendations", standards.RECOMMENDATIONS),
        "principles": _codes(path, meta, "principles", standards.PRINCIPLES),
        "services": _codes(path, meta, "services", standards.SERVICES),
    }
    if not any(measured.values()):
        raise _fail(path, f"question '{question_id}': it must measure at least one standard")
    choices = _choices(path, meta)
    disclosure = tuple(meta.get("disclosure", []))
    if set(disclosure) - {choice.value for choice in choices}:
        raise _fail(
            path, f"question '{question_id}': disclosure {disclosure} not among its answers"
        )
    topic = str(meta.get("topic", "unsafe"))
    if topic not in DISCLOSURE_TOPICS:
        raise _fail(
            path, f"question '{question_id}': topic '{topic}' is not one of {DISCLOSURE_TOPICS}"
        )
    return {
        "id": question_id,
        "kind": kind,
        "card": card,
        **measured,
        "sensitive": bool(meta.get("sensitive", False)),
        "disclosure": disclosure,
        "topic": topic,
        "choices": choices,
    }


def _words(path: Path, question: dict, words: dict) -> tuple[str, dict[str, str]]:
    entry = words.get(question["id"], {})
    text = str(entry.get("text", "")).strip()
    if not text:
        raise _fail(path, f"question '{question['id']}' has no text")
    choice_words = entry.get("choices", {})
    if question["kind"] == "pictures":
        wanted = {choice.value for choice in question["choices"]}
        if set(choice_words) != wanted:
            raise _fail(path, f"question '{question['id']}': choice words for {sorted(wanted)}")
    return text, {value: str(label).strip() for value, label in choice_words.items()}


def _load_set(folder: Path, cards: dict[str, Card]) -> QuestionSet:
    path = folder / "set.toml"
    if not path.exists():
        raise _fail(path, "missing: every question set folder needs a set.toml")
    meta = _read(path)
    stage_path, _, level = folder.name.rpartition("-")
    if stage_path not in STAGE_PATHS or level not in LEVELS:
        raise _fail(folder, "a set folder is named <stage>-<level>, e.g. arriving-younger")
    version = meta.get("version")
    if not isinstance(version, int) or version < 1:
        raise _fail(path, "'version' must be a whole number from 1, raised on every change")
    questions = [_question(path, q, level, cards) for q in meta.get("questions", [])]
    if len(questions) not in SIZES[level]:
        size = SIZES[level]
        raise _fail(path, f"{level} sets have {size.start} to {size.stop - 1} questions")
    if len({q["id"] for q in questions}) != len(questions):
        raise _fail(path, "question ids must be unique in a set")
    texts: dict[str, dict[str, str]] = {q["id"]: {} for q in questions}
    choice_texts: dict[str, dict[str, dict[str, str]]] = {q["id"]: {} for q in questions}
    review = {}
    for words_path in sorted(folder.glob("*.toml")):
        if words_path.name == "set.toml":
            continue
        locale = words_path.stem
        if locale not in CODES:
            raise _fail(words_path, f"'{locale}' is not a launch locale {list(CODES)}")
        words = _read(words_path)
        status = words.get("review", {}).get("status")
        if status not in {"draft", "reviewed"}:
            raise _fail(words_path, "review.status must be 'draft' or 'reviewed'")
        review[locale] = status
        unknown = set(words.get("questions", {})) - set(texts)
        if unknown:
            raise _fail(words_path, f"words for questions not in set.toml: {sorted(unknown)}")
        for question in questions:
            text, choices = _words(words_path, question, words.get("questions", {}))
            texts[question["id"]][locale] = text
            choice_texts[question["id"]][locale] = choices
    if "en" not in review:
        raise _fail(folder / "en.toml", "missing: every set is written in English first")
    return QuestionSet(
        id=folder.name,
        stage=STAGE_PATHS[stage_path],
        level=level,
        version=version,
        questions=tuple(
            Question(**q, texts=texts[q["id"]], choice_texts=choice_texts[q["id"]])
            for q in questions
        ),
        review=review,
    )


def load_question_sets(root: Path, cards: tuple[Card, ...]) -> dict[str, QuestionSet]:
    """Every set under root/questions by id; raises ContentError on the first bad file."""
    folder = root / "questions"
    by_slug = {card.slug: card for card in cards}
    sets = [_load_set(p, by_slug) for p in sorted(folder.iterdir()) if p.is_dir()]
    return {question_set.id: question_set for question_set in sets}


def all_sets() -> dict[str, QuestionSet]:
    """The question sets Kite loaded and checked at start-up."""
    from flask import current_app

    return current_app.extensions["kite_question_sets"]


def set_for(stage_path: str, level: str) -> QuestionSet | None:
    """The question set for a stage (as in a child's URL) at a level."""
    return all_sets().get(f"{stage_path}-{level}")


def question_for_card(
    slug: str, stage_path: str, level: str
) -> tuple[QuestionSet, Question] | None:
    """The question that asks whether a card is happening: in the child's stage if it can be."""
    sets = all_sets()
    preferred = [sets.get(f"{stage_path}-{level}")] if stage_path in STAGE_PATHS else []
    others = [s for s in sets.values() if s.level == level]
    for question_set in [s for s in (*preferred, *others) if s is not None]:
        for question in question_set.questions:
            if question.card == slug:
                return question_set, question
    return None


def pictures_used(sets: dict[str, QuestionSet]) -> set[str]:
    """Every Twemoji picture the questions show: fixed answers, "skip", and picture choices."""
    fixed = {picture for answers in KINDS.values() if answers for _, picture in answers}
    chosen = {c.picture for s in sets.values() for q in s.questions for c in q.choices}
    return fixed | chosen | {SKIP_PICTURE, *AUDIENCE_PICTURES.values()}

"""The content loader refuses a bad card at start-up, naming the file and the problem."""

import re
from pathlib import Path

import pytest

from app import create_app
from app.content import ContentError, load_cards

PICTURE = 'picture = "1f3e1"\n'
CARD_TOML = (
    'picture = "1f3e1"\norder = 1\nstages = ["arriving"]\nrecommendations = [1]\nprinciples = [2]\n'
)
EN = """+++
title = "A title"
younger_can = "You can ask."
older_can = "You can ask too."

[review]
status = "draft"
+++
# Younger

Short words.

# Older

Longer words here.
"""


def _card(
    root: Path, *, toml: str = CARD_TOML, en: str | None = EN, slug: str = "a-card", **others: str
) -> Path:
    folder = root / "cards" / slug
    folder.mkdir(parents=True)
    (folder / "card.toml").write_text(toml)
    if en is not None:
        (folder / "en.md").write_text(en)
    for name, text in others.items():
        (folder / name).write_text(text)
    return root


def test_a_good_card_loads(tmp_path: Path) -> None:
    (card,) = load_cards(_card(tmp_path))
    assert card.slug == "a-card" and card.stages == ("arriving",)
    assert card.texts["en"].younger == ("Short words.",)


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"toml": PICTURE + 'stages = ["sleeping"]'}, "unknown stages ['sleeping']"),
        ({"toml": PICTURE + "stages = []"}, "at least one stage"),
        (
            {"toml": PICTURE + 'stages = ["arriving"]\nservices = ["magic"]'},
            "unknown services ['magic']",
        ),
        ({"toml": PICTURE + 'stages = ["arriving"]\nprinciples = [13]'}, "unknown principles [13]"),
        ({"toml": "stages = ["}, "not valid TOML"),
        ({"en": None}, "every card is written in English first"),
        ({"en": "no front matter"}, "TOML front matter"),
        ({"en": EN.replace("# Older", "# Oldest")}, "'# Younger' then a '# Older'"),
        ({"en": EN.replace('title = "A title"', 'title = ""')}, "'title' is missing or empty"),
        ({"en": EN.replace('status = "draft"', 'status = "done"')}, "'draft' or 'reviewed'"),
        ({"en": EN.replace('status = "draft"', 'status = "reviewed"')}, "needs review.by"),
        ({"slug": "Bad_Slug"}, "kebab-case"),
        ({"toml": 'stages = ["arriving"]'}, "'picture' must be a Twemoji code"),
        ({"toml": 'picture = "1f4a9"\nstages = ["arriving"]'}, "1f4a9.svg is not vendored"),
        ({"xx.md": EN}, "'xx' is not a launch locale"),
    ],
)
def test_a_bad_card_is_refused_naming_the_file(tmp_path: Path, kwargs, problem) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContentError, match=re.escape(problem)) as error:
        load_cards(_card(tmp_path, **kwargs))
    assert str(tmp_path) in str(error.value), "the message names the file"


def test_a_reviewed_card_records_who_and_when(tmp_path: Path) -> None:
    reviewed = EN.replace(
        'status = "draft"', 'status = "reviewed"\nby = "A. Reviewer"\non = 2026-11-20'
    )
    (card,) = load_cards(_card(tmp_path, en=reviewed))
    assert card.texts["en"].reviewed_by == "A. Reviewer"


def test_kite_refuses_to_start_with_broken_content(tmp_path: Path) -> None:
    _card(tmp_path, en="broken")
    with pytest.raises(ContentError, match=r"en\.md"):
        create_app(
            {
                "KITE_CONTENT_DIR": str(tmp_path),
                "SECRET_KEY": "x" * 40,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'k.db'}",
            }
        )

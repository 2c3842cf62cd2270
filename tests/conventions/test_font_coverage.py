"""No boxes: every character Kite shows in a language is drawn by the fonts its pages load."""

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest
from babel.messages import pofile
from fontTools.ttLib import TTFont

from app.i18n import BY_CODE, CODES, LOCALES

ROOT = Path(__file__).resolve().parents[2]
FONT_CSS = ROOT / "app" / "static" / "css" / "fonts"
FONT_URL = re.compile(r"url\(\.\./\.\./fonts/([^)?]+\.woff2)(?:\?v=[0-9a-f]+)?\)")
# Joiners and marks that shape text but are never drawn on their own.
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


@cache
def _coverage(stylesheet: str) -> frozenset[int]:
    """Every code point the fonts named in one of our stylesheets can draw."""
    css = (FONT_CSS / stylesheet).read_text()
    points: set[int] = set()
    for name in set(FONT_URL.findall(css)):
        points |= set(TTFont(ROOT / "app" / "static" / "fonts" / name).getBestCmap())
    return frozenset(points)


def _shown_text(code: str) -> str:
    """Every interface string, card and glossary term of a language."""
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = pofile.read_po(handle)
    parts = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        parts.extend(s for s in strings if s)
    parts.extend(p.read_text() for p in (ROOT / "content" / "cards").glob(f"*/{code}.md"))
    glossary = ROOT / "content" / "glossary" / f"{code}.toml"
    if glossary.exists():
        parts.extend(w for words in tomllib.loads(glossary.read_text()).values() for w in words)
    return "".join(parts)


@pytest.mark.parametrize("code", CODES)
def test_fonts_of_each_language_draw_all_its_text(code: str) -> None:
    covered = _coverage(f"{BY_CODE[code].script}.css")
    text = _shown_text(code)
    missing = sorted(
        {
            ch
            for ch in text
            if not ch.isspace() and ord(ch) not in INVISIBLE and ord(ch) not in covered
        }
    )
    assert not missing, f"{code}: no shipped font draws {[f'U+{ord(c):04X} {c}' for c in missing]}"


def test_the_names_font_draws_every_languages_own_name() -> None:
    covered = _coverage("names.css")
    for locale in LOCALES:
        missing = [ch for ch in locale.native_name if not ch.isspace() and ord(ch) not in covered]
        assert not missing, f"{locale.code}: {missing}"

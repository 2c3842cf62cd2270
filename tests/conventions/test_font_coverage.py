"""No boxes: every character Kite shows in a language is drawn by the fonts its pages load.

A language's stylesheet offers 'Kite <locale>' first, subsets cut by tools/subset_fonts.py to
just its text, then the full fonts. Text with a character the subsets lack still draws, but
makes every page of that language fetch a full font: `make fonts` cuts the subsets again. A
language in another script keeps of Latin only what its pages show, so its child pages are
rendered here too, to prove nothing they print (the brand, numbers) was cut.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from app.i18n import BY_CODE, CODES, LOCALES
from app.models import ContactKind, Role
from app.services import facilities
from tests.routes import SAMPLE_VALUES, sample_urls
from tools.subset_fonts import EVERY_PAGE, ONLY_IF_ASKED, parse_range, shown_text, wanted

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "app" / "static" / "fonts"
FONT_CSS = ROOT / "app" / "static" / "css" / "fonts"
STYLESHEETS = ROOT / "app" / "static" / "css"
FACE = re.compile(r"@font-face \{(?P<body>[^}]*)\}")
# Joiners and marks that shape text but are never drawn on their own.
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}
OTHER_SCRIPTS = [locale.code for locale in LOCALES if locale.script != "latin"]
# A help number using every character a phone number may hold (PHONE_PATTERN), every digit.
PHONE = "+66 (0) 2-345 6789"


@cache
def _cmap(file: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / file).getBestCmap())


@cache
def _faces(stylesheet: str) -> tuple[dict, ...]:
    """Family, weight, file and unicode-range of each @font-face rule in one of our stylesheets."""
    faces = []
    for match in FACE.finditer((FONT_CSS / stylesheet).read_text()):
        body = match["body"]
        weight = re.search(r"font-weight: (\d+);", body)
        faces.append(
            {
                "family": re.search(r"font-family: '([^']+)';", body)[1],
                "weight": int(weight[1]) if weight else None,
                "file": re.search(r"url\(\.\./\.\./fonts/([^)?]+\.woff2)", body)[1],
                "range": frozenset(parse_range(re.search(r"unicode-range: ([^;]+);", body)[1])),
            }
        )
    return tuple(faces)


def _drawn(faces: list[dict]) -> set[int]:
    """What these faces draw: a character in a face's unicode-range and in its font."""
    return {point for face in faces for point in face["range"] & _cmap(face["file"])}


def _visible(text: str) -> frozenset[str]:
    return frozenset(
        ch for ch in text if unicodedata.category(ch) != "Cc" and ord(ch) not in INVISIBLE
    )


@cache
def _shown(code: str) -> frozenset[str]:
    """A language's own text, and what every page shows whatever its language."""
    return _visible(shown_text(code) + "".join(map(chr, EVERY_PAGE)))


def _names(points: set[str]) -> list[str]:
    return [f"U+{ord(ch):04X} {ch}" for ch in sorted(points)]


def _weights(code: str) -> list[int]:
    """Regular and bold; or, where a script ships regular only, regular for every family, so
    the browser draws bold from it rather than reaching for a full font's bold."""
    weights = {face["weight"] for face in _faces(f"{code}.css")}
    assert weights in ({400, 700}, {400}), f"{code}: weights {sorted(weights)}"
    return sorted(weights)


@pytest.mark.parametrize("code", CODES)
def test_each_languages_subset_fonts_draw_all_its_text(code: str) -> None:
    faces = [face for face in _faces(f"{code}.css") if face["family"] == f"Kite {code}"]
    for weight in _weights(code):
        drawn = _drawn([face for face in faces if face["weight"] == weight])
        missing = {ch for ch in _shown(code) if ord(ch) not in drawn}
        assert not missing, (
            f"{code}: the 'Kite {code}' {weight} subsets lack {_names(missing)}, so pages "
            "showing them fetch a full font: run `make fonts`"
        )
    assert f"--font-body: 'Kite {code}', " in (FONT_CSS / f"{code}.css").read_text()


@pytest.mark.parametrize("code", CODES)
def test_each_languages_full_fonts_draw_all_its_text_too(code: str) -> None:
    """Behind the subset, the full fonts draw the language's text too; in another script than
    Latin, its Latin (the brand, digits, punctuation) is left to the system's font, so that
    waiting for the subset never fetches the full Latin font."""
    faces = [face for face in _faces(f"{code}.css") if not face["family"].startswith("Kite ")]
    latin_script = BY_CODE[code].script == "latin"
    for weight in _weights(code):
        drawn = _drawn([face for face in faces if face["weight"] == weight])
        missing = {
            ch for ch in _shown(code) if ord(ch) not in drawn and (latin_script or not _latin(ch))
        }
        assert not missing, f"{code}: no full {weight} font draws {_names(missing)}"


def _latin(ch: str) -> bool:
    return ord(ch) < 0x250 or 0x2000 <= ord(ch) <= 0x206F


def test_a_language_in_another_script_never_names_the_full_latin_font() -> None:
    for locale in LOCALES:
        if locale.script != "latin":
            files = [face["file"] for face in _faces(f"{locale.code}.css")]
            assert not [f for f in files if f.startswith("noto-sans-latin")], locale.code


@pytest.mark.parametrize("code", CODES)
def test_a_subsets_unicode_range_is_exactly_what_it_draws(code: str) -> None:
    for face in _faces(f"{code}.css"):
        if face["family"] == f"Kite {code}":
            assert face["range"] == _cmap(face["file"]), f"{face['file']}: run `make fonts`"


def test_the_names_font_draws_every_languages_own_name() -> None:
    drawn = _drawn(list(_faces("names.css")))
    for locale in LOCALES:
        missing = [ch for ch in locale.native_name if not ch.isspace() and ord(ch) not in drawn]
        assert not missing, f"{locale.code}: {missing}"


def test_every_font_file_is_named_by_a_stylesheet_and_every_name_has_its_file() -> None:
    named = {face["file"] for css in FONT_CSS.glob("*.css") for face in _faces(css.name)}
    shipped = {path.name for path in FONTS.glob("*.woff2")}
    assert not shipped - named, f"no stylesheet uses {sorted(shipped - named)}: run `make fonts`"
    assert not named - shipped, f"missing font files {sorted(named - shipped)}: run `make fonts`"


@pytest.mark.parametrize("code", OTHER_SCRIPTS)
def test_a_language_in_another_script_keeps_only_the_latin_its_pages_show(code: str) -> None:
    faces = [face for face in _faces(f"{code}.css") if face["family"] == f"Kite {code}"]
    extra = {point for point in _drawn(faces) if point < 0x250} - wanted(code)
    assert not extra, f"{code}: the subsets hold {_names(set(map(chr, extra)))}: run `make fonts`"


def test_no_stylesheet_asks_for_a_feature_the_subsets_leave_out() -> None:
    asking = re.compile(r"font-(?:variant-numeric|feature-settings)|font-variant:")
    for path in [*STYLESHEETS.glob("*.css"), *(ROOT / "app" / "templates").rglob("*.html")]:
        assert not asking.search(path.read_text()), (
            f"{path.name} asks for numeric font features, which the subsets drop "
            f"({sorted(ONLY_IF_ASKED)}): keep them in tools/subset_fonts.py"
        )


@pytest.fixture
def tablet(app, create_home, create_staff, create_tablet, tablet_device):  # type: ignore[no-untyped-def]
    """A home's tablet, with a help number its child pages show."""
    home = create_home()
    with app.app_context():
        facilities.add_contact(
            facility_id=home.id,
            kind=ContactKind.CHILD_HELPLINE,
            name="Child helpline",
            phone=PHONE,
            actor=create_staff(Role.ADMINISTRATOR),
        )
    _, credential = create_tablet(home)
    return tablet_device(credential)


@pytest.mark.parametrize("code", OTHER_SCRIPTS)
def test_every_child_page_in_another_script_shows_only_what_its_subsets_draw(  # type: ignore[no-untyped-def]
    app, tablet, code: str
) -> None:
    faces = [face for face in _faces(f"{code}.css") if face["family"] == f"Kite {code}"]
    drawn = {
        weight: _drawn([face for face in faces if face["weight"] == weight])
        for weight in _weights(code)
    }
    locale, stage = (f"/{SAMPLE_VALUES[name]}/" for name in ("locale", "stage"))
    sampled = [path for _, path, _ in sample_urls(app, "GET") if path.startswith(locale)]
    # Every card is in "all"; the questions are asked in a stage of care.
    paths = {p.replace(locale, f"/{code}/", 1) for p in sampled}
    paths |= {p.replace(stage, "/arriving/") for p in paths}
    pages = [tablet.get(path) for path in sorted(paths)]
    pages = [page for page in pages if page.status_code == 200 and page.mimetype == "text/html"]
    assert len(pages) >= 5, f"{code}: only {len(pages)} child pages rendered"
    assert any(PHONE in page.text for page in pages), "no page showed the help number"
    for page in pages:
        soup = page.soup
        # Not drawn in the page's font: the tab's title, code, and the language names (names.css).
        for hidden in soup.select("title, script, style, template, .language-picker ul"):
            hidden.decompose()
        for weight, points in drawn.items():
            missing = {ch for ch in _visible(soup.body.get_text()) if ord(ch) not in points}
            assert not missing, (
                f"{page.request.path}: the 'Kite {code}' {weight} subsets lack "
                f"{_names(missing)}: add them to EVERY_PAGE in tools/subset_fonts.py"
            )

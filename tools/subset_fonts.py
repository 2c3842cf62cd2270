"""Cut the fonts down to the text each language shows: run `make fonts` after editing text.

Python only (no Node): the sources are the full Noto files in app/static/fonts, listed by
tools/vendor_assets.py in tools/font_faces.json. Each locale gets css/fonts/<locale>.css: first
'Kite <locale>', subsets holding exactly the characters its pages show, then the full fonts
behind it. A browser fetches a full font only for a character outside the subset (a word a
child types), so a page downloads a few kilobytes of font and never draws a box. A language in
another script keeps of Latin only what its pages show (its own text's, and EVERY_PAGE), and
any other Latin falls back to the system's font, never to the full Latin one.
"""

import hashlib
import json
import re
import sys
import tempfile
import tomllib
import unicodedata
from pathlib import Path

from babel.messages import pofile
from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.content import FRONT_MATTER, SECTION  # noqa: E402
from app.i18n import BY_CODE, LOCALES, Locale  # noqa: E402

CONTENT = ROOT / "content"
FONTS = ROOT / "app" / "static" / "fonts"
FONT_CSS = ROOT / "app" / "static" / "css" / "fonts"
FACES_JSON = ROOT / "tools" / "font_faces.json"
# What any page may show in any language, beyond its text: the brand, the title's dash, numbers
# (a question's, minutes, a home's phone numbers: PHONE_PATTERN in app/services/facilities.py)
# and the punctuation around them; typography.
EVERY_PAGE = set(map(ord, " Kite0123456789+()-–—.,:;!?'\"/%‘’“”…"))
# A Latin-script language's subsets keep all of ASCII: a child may type any of it. Elsewhere a
# typed Latin letter outside the subset is drawn by the system's font (see write_locale_css).
ASCII = set(range(0x20, 0x7F))
# printf placeholders in a message ("%(num)d", "%s"), shown as their values; "%%" shows "%".
PLACEHOLDER = re.compile(r"%(?:%|(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrs])")
# Layout features a browser applies only when CSS asks (font-variant-numeric): the numerals'
# fractions, numerators, denominators, proportional and tabular figures. Each digit's alternates
# would be a third of a Latin subset; test_font_coverage fails if a stylesheet asks for them.
ONLY_IF_ASKED = {"frac", "numr", "dnom", "pnum", "tnum"}
# Shaping helpers a complex script may need even where the text does not spell them out.
SHAPING = {0x200C, 0x200D, 0x25CC}
# HarfBuzz's Khmer shaper splits these two-part vowels, putting U+17C1 before the consonant.
KHMER_SPLITS = {0x17BE, 0x17BF, 0x17C0, 0x17C4, 0x17C5}


def shown_text(code: str) -> str:
    """Every interface string and content text of a language: what its pages can show."""
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = pofile.read_po(handle)
    parts = []
    for message in catalogue:
        if not message.id:  # the catalogue's header, never shown
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):  # compiled catalogues show the English instead
            strings = (*ids, *strings)
        for string in filter(None, strings):
            parts.append(_unformatted(string) if message.python_format else string)
    return "".join(parts + _content_strings(code))


def _unformatted(message: str) -> str:
    """A message as shown but for its placeholders' values (a number, a name)."""
    return PLACEHOLDER.sub(lambda found: "%" if found[0] == "%%" else "", message)


def _content_strings(code: str) -> list[str]:
    """A language's words in content/: each file's, or the English file's its pages show instead
    (cards and questions fall back to English); front matter keys and review notes are not shown."""
    parts = []
    for english in sorted([*CONTENT.rglob("en.md"), *CONTENT.rglob("en.toml")]):
        path = english.with_stem(code) if english.with_stem(code).exists() else english
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text) if path.suffix == ".md" else None
        if path.suffix == ".md" and match is None:  # Kite refuses it at start: keep it all
            parts.append(text)
            continue
        values = tomllib.loads(match["meta"] if match else text)
        values.pop("review", None)  # the review status and reviewer, shown to staff only
        parts.extend(_strings(values))
        if match:
            parts.append(SECTION.sub("", match["body"]))
    return parts


def _strings(value: object) -> list[str]:
    """The strings inside parsed TOML (its values, not its keys or comments)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def wanted(code: str) -> set[int]:
    """The code points a language's subset must draw."""
    text = {ord(c) for c in shown_text(code) if unicodedata.category(c) != "Cc"}
    latin = ASCII if BY_CODE[code].script == "latin" else set()
    return text | EVERY_PAGE | latin | SHAPING


def parse_range(text: str) -> set[int]:
    """The code points of a CSS unicode-range ('U+0600-06FF,U+200C')."""
    points: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return points


def format_range(points: set[int]) -> str:
    """A CSS unicode-range naming exactly these code points, runs collapsed."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def _short_hash(path: Path) -> str:
    """A content hash for the URL, so the file can be cached for a year."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _font_face(family: str, file: str, unicode_range: str, weight: int | None = None) -> str:
    """One @font-face rule; the names font leaves weight and style to the browser."""
    style = f"  font-style: normal;\n  font-display: swap;\n  font-weight: {weight};\n"
    return (
        f"@font-face {{\n  font-family: '{family}';\n"
        + (style if weight else "  font-display: swap;\n")
        + f"  src: url(../../fonts/{file}?v={_short_hash(FONTS / file)}) format('woff2');\n"
        f"  unicode-range: {unicode_range};\n}}\n"
    )


def _subset(source: Path, points: set[int], out: Path) -> None:
    """Keep just these characters of one font, with every layout feature a browser applies
    unasked (shaping needs them); the numeric ones apply only if CSS asks, and Kite's never does."""
    options = subset.Options(flavor=None if out.suffix == ".ttf" else "woff2")
    font = subset.load_font(str(source), options)
    features = {
        record.FeatureTag
        for tag in ("GSUB", "GPOS")
        if tag in font
        for record in font[tag].table.FeatureList.FeatureRecord
    }
    options.layout_features = sorted(features - ONLY_IF_ASKED)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    subset.save_font(font, str(out), options)


def subset_family(sources: dict[str, set[int]], out: Path) -> None:
    """One woff2 from one family's files: each gives the characters assigned to it."""
    if len(sources) == 1:
        [(file, points)] = sources.items()
        _subset(FONTS / file, points, out)
        return
    # Fontsource splits Noto Sans into several files (Latin, Vietnamese, …): merge the pieces.
    with tempfile.TemporaryDirectory() as folder:
        pieces = []
        for index, (file, points) in enumerate(sources.items()):
            pieces.append(Path(folder) / f"{index}.ttf")
            _subset(FONTS / file, points, pieces[-1])
        merged = Path(folder) / "merged.ttf"
        font = Merger().merge([str(piece) for piece in pieces])
        # The merger stamps the time: keep the source's, so the same text gives the same bytes.
        source = TTFont(pieces[0])["head"]
        font["head"].created, font["head"].modified = source.created, source.modified
        font.recalcTimestamp = False
        font.save(str(merged))
        _subset(merged, set().union(*sources.values()), out)


def _pieces(point: int) -> set[int]:
    """The characters HarfBuzz may split this one into before shaping (ো, ำ, ើ)."""
    parts = unicodedata.decomposition(chr(point)).split()
    if parts and parts[0].startswith("<"):
        parts = parts[1:] if parts[0] == "<compat>" else []
    found = {int(part, 16) for part in parts} | ({0x17C1} if point in KHMER_SPLITS else set())
    return found | {piece for part in found for piece in _pieces(part)}


def _draws(face: dict, point: int) -> bool:
    return point in face["points"] and point in face["cmap"]


def assign(points: set[int], faces: list[dict]) -> dict[str, dict[str, set[int]]]:
    """Family -> file -> characters: each goes to the first full font that draws it, as the
    browser picks; a complex script's font also gets the pieces its shaper splits letters into,
    or the browser would find a missing glyph and fetch the full font."""
    assigned: dict[str, dict[str, set[int]]] = {face["family"]: {} for face in faces}
    latin = faces[-1]["family"]  # Noto Sans comes last, behind the script's own font
    for point in sorted(points):
        face = next((face for face in faces if _draws(face, point)), None)
        if face is None:
            continue
        extra = set() if face["family"] == latin else _pieces(point)
        mine = {point} | {piece for piece in extra if _draws(face, piece)}
        assigned[face["family"]].setdefault(face["file"], set()).update(mine)
    return assigned


def write_locale_css(locale: Locale, faces: list[dict], latin: list[dict]) -> None:
    """Subset the locale's fonts to its text; its stylesheet offers them before the full fonts."""
    points = wanted(locale.code)
    rules = []
    for weight in sorted({face["weight"] for face in faces}):
        same_weight = [face for face in faces if face["weight"] == weight]
        for family, sources in assign(points, same_weight).items():
            if not sources:
                continue
            slug = family.lower().replace(" ", "-")
            out = FONTS / f"kite-{locale.code}-{slug}-{weight}.woff2"
            subset_family(sources, out)
            covered = set(TTFont(out).getBestCmap())
            rules.append(_font_face(f"Kite {locale.code}", out.name, format_range(covered), weight))
    # A language in another script falls back to its script's full font, never to the full
    # Latin one: the Latin its pages show is in its own subset, and a page that fell back to
    # Noto Sans while the subset loads would fetch tens of kilobytes for nothing.
    latin_files = {face["file"] for face in latin} if locale.script != "latin" else set()
    fallbacks = [face for face in faces if face["file"] not in latin_files]
    for face in fallbacks:
        rules.append(_font_face(face["family"], face["file"], face["range"], face["weight"]))
    families = dict.fromkeys([f"Kite {locale.code}", *(face["family"] for face in fallbacks)])
    names = ", ".join(f"'{family}'" for family in families)
    rules.append(f":root {{ --font-body: {names}, sans-serif; }}\n")
    (FONT_CSS / f"{locale.code}.css").write_text(
        f"/* Generated by tools/subset_fonts.py (`make fonts`) from Noto (OFL-1.1): "
        f"'Kite {locale.code}' draws just the\n   characters {locale.english_name} pages show; "
        "the full fonts after it load only for any other character. */\n" + "\n".join(rules)
    )


def write_names_font(table: dict[str, list[dict]]) -> None:
    """Subset the fonts to just the languages' own names, for the picker on every page."""
    rules = []
    for script in sorted({locale.script for locale in LOCALES}):
        wanted_names = {ord(c) for lo in LOCALES if lo.script == script for c in lo.native_name}
        wanted_names.discard(ord(" "))
        family = table[script][0]["family"]
        sources = [f for f in table[script] if f["family"] == family and f["weight"] == 400]
        for face in sorted(sources, key=lambda face: face["file"]):
            covered = wanted_names & face["cmap"]
            if not covered:
                continue
            wanted_names -= covered
            prefix = family.lower().replace(" ", "-") + "-"
            out = FONTS / f"kite-names-{face['file'].removeprefix(prefix)}"
            _subset(FONTS / face["file"], covered | SHAPING | {0x20}, out)
            rules.append(_font_face("Kite Language Names", out.name, format_range(covered)))
        if wanted_names:
            raise SystemExit(f"no {script} font draws {''.join(map(chr, sorted(wanted_names)))}")
    (FONT_CSS / "names.css").write_text(
        "/* Generated by tools/subset_fonts.py: each language's own name, nothing more. */\n"
        + "\n".join(rules)
    )


def load_faces() -> dict[str, list[dict]]:
    """The vendored full fonts by script, each with its unicode-range and what it can draw."""
    table = json.loads(FACES_JSON.read_text())
    cmaps: dict[str, set[int]] = {}
    for faces in table.values():
        for face in faces:
            if face["file"] not in cmaps:
                cmaps[face["file"]] = set(TTFont(FONTS / face["file"]).getBestCmap())
            face["cmap"] = cmaps[face["file"]]
            face["points"] = parse_range(face["range"])
    return table


def main() -> None:
    """Write every locale's subsets and stylesheet, and the names font; drop what is stale."""
    table = load_faces()
    for old in [*FONTS.glob("kite-*.woff2"), *FONT_CSS.glob("*")]:
        old.unlink()
    FONT_CSS.mkdir(parents=True, exist_ok=True)
    write_names_font(table)
    for locale in LOCALES:
        write_locale_css(locale, table[locale.script], table["latin"])
    for path in sorted(FONTS.glob("kite-*.woff2")):
        print(f"{path.stat().st_size:7,} {path.name}")


if __name__ == "__main__":
    main()

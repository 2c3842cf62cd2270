"""Copy pinned front-end files from node_modules into Kite (run by `make assets` after `npm ci`).

Fonts: the full Noto files of each script are copied and listed in tools/font_faces.json;
tools/subset_fonts.py (run next by `make assets`, and alone by `make fonts`) cuts them down to
each language's text and writes the stylesheets.
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.labels import HELP_PICTURES  # noqa: E402
from app.questions import AUDIENCE_PICTURES, KINDS, SKIP_PICTURE  # noqa: E402

NODE = ROOT / "node_modules"
CONTENT = ROOT / "content"
STATIC = ROOT / "app" / "static"
FONTS = STATIC / "fonts"
FACES_JSON = ROOT / "tools" / "font_faces.json"
LICENCES = ROOT / "licences"
WEIGHTS = (400, 700)

# script -> [(fontsource package, family, [subsets])]; Noto Sans always carries Latin digits.
LATIN = ("noto-sans", "Noto Sans", ["latin", "latin-ext"])
FACES: dict[str, list[tuple[str, str, list[str]]]] = {
    "latin": [("noto-sans", "Noto Sans", ["latin", "latin-ext", "vietnamese"])],
    "cyrillic": [("noto-sans", "Noto Sans", ["latin", "latin-ext", "cyrillic", "cyrillic-ext"])],
    "thai": [("noto-sans-thai", "Noto Sans Thai", ["thai"]), LATIN],
    "khmer": [("noto-sans-khmer", "Noto Sans Khmer", ["khmer"]), LATIN],
    "lao": [("noto-sans-lao", "Noto Sans Lao", ["lao"]), LATIN],
    "myanmar": [("noto-sans-myanmar", "Noto Sans Myanmar", ["myanmar"]), LATIN],
    "bengali": [("noto-sans-bengali", "Noto Sans Bengali", ["bengali"]), LATIN],
    "devanagari": [("noto-sans-devanagari", "Noto Sans Devanagari", ["devanagari"]), LATIN],
    "arabic": [("noto-sans-arabic", "Noto Sans Arabic", ["arabic"]), LATIN],
}
# Scripts whose pages get regular weight only, in every font, so the browser draws all their
# bold from it (a bold Latin face alone would send bold Bengali to the full font). Bengali's own
# bold would take a Bengali card over 100 KB (bench/results/page-weight.md).
REGULAR_ONLY = {"bengali"}
BLOCK = re.compile(r"/\* (?P<name>[a-z0-9-]+) \*/\s*@font-face \{(?P<body>.*?)\}", re.S)


def font_faces(
    package: str, family: str, subsets: list[str], weights: tuple[int, ...] = WEIGHTS
) -> list[dict]:
    """Copy the woff2 files of these subsets; returns each one's family, weight and range."""
    faces = []
    for weight in weights:
        css = (NODE / "@fontsource" / package / f"{weight}.css").read_text()
        for match in BLOCK.finditer(css):
            name = match["name"]
            if not any(name == f"{package}-{s}-{weight}-normal" for s in subsets):
                continue
            shutil.copy(NODE / "@fontsource" / package / "files" / f"{name}.woff2", FONTS)
            unicode_range = re.search(r"unicode-range: ([^;]+);", match["body"])[1]
            face = {"family": family, "weight": weight, "file": f"{name}.woff2"}
            faces.append(face | {"range": unicode_range})
    return faces


def write_font_faces() -> None:
    """Vendor the full fonts; list them by script, in fallback order, for subset_fonts.py."""
    table = {
        script: [
            face
            for faces_of in faces
            for face in font_faces(*faces_of, weights=(400,) if script in REGULAR_ONLY else WEIGHTS)
        ]
        for script, faces in FACES.items()
    }
    FACES_JSON.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n")


def write_common_passwords() -> None:
    """Ship zxcvbn's list of the 30,000 most common passwords (MIT), one per line."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    words = FREQUENCY_LISTS["passwords"]
    (ROOT / "app" / "data" / "common-passwords.txt").write_text("\n".join(words) + "\n")
    licence = ROOT / ".venv" / "lib"
    found = next(licence.glob("python3*/site-packages/zxcvbn-*.dist-info/LICENSE*"), None)
    if found is not None:
        shutil.copy(found, LICENCES / "zxcvbn-MIT.txt")


TWEMOJI_LICENCE = """Twemoji graphics
Copyright 2019 Twitter, Inc and other contributors; maintained by jdecked (jdecked/twemoji).
Graphics licensed under CC-BY 4.0: https://creativecommons.org/licenses/by/4.0/
(The npm package @twemoji/svg that carries these optimised SVG files is MIT licensed.)

Kite uses these pictures unchanged in app/static/img/emoji/, one file per code point sequence,
and in app/static/img/scenes/ puts two of them side by side in one file
(tools/compose_pictures.py).
"""


def copy_pictures() -> None:
    """Copy only the Twemoji pictures that cards and questions show (CC-BY 4.0, attributed)."""
    import tomllib

    folder = STATIC / "img" / "emoji"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    codes = {
        tomllib.loads(card.read_text())["picture"] for card in CONTENT.glob("cards/*/card.toml")
    }
    for question_set in CONTENT.glob("questions/*/set.toml"):
        questions = tomllib.loads(question_set.read_text()).get("questions", [])
        codes |= {choice["picture"] for q in questions for choice in q.get("choices", [])}
    codes |= {picture for answers in KINDS.values() if answers for _, picture in answers}
    codes |= HELP_PICTURES | {"1f64b-1f3fd", "1f91d"}  # the help button, "help is coming"
    for code in sorted(codes | {SKIP_PICTURE, *AUDIENCE_PICTURES.values()}):
        shutil.copy(NODE / "@twemoji/svg" / f"{code}.svg", folder)
    # The npm package carries no text for the artwork's own licence, so Kite writes it.
    (LICENCES / "twemoji-CC-BY-4.0.txt").write_text(TWEMOJI_LICENCE)


def main() -> None:
    """Refresh every vendored file."""
    for folder in (FONTS, LICENCES):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    write_font_faces()
    shutil.copy(NODE / "htmx.org/dist/htmx.min.js", STATIC / "js" / "htmx.min.js")
    browser = ROOT / "tests" / "browser" / "vendor"
    browser.mkdir(parents=True, exist_ok=True)
    shutil.copy(NODE / "axe-core/axe.min.js", browser / "axe.min.js")
    shutil.copy(NODE / "htmx.org/LICENSE", LICENCES / "htmx-BSD-2-Clause.txt")
    shutil.copy(NODE / "axe-core/LICENSE", LICENCES / "axe-core-MPL-2.0.txt")
    shutil.copy(NODE / "@fontsource/noto-sans/LICENSE", LICENCES / "noto-fonts-OFL-1.1.txt")
    write_common_passwords()
    copy_pictures()


if __name__ == "__main__":
    main()

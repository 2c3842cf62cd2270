"""Compose the pictures of choices and buttons from Twemoji (CC-BY 4.0); run by `make assets`.

Each choice (how old, which stage) gets a small scene: a main picture and a smaller one beside
it, copied into one SVG so a page loads one file. The SVGs hold only paths: no script, no links,
nothing that a Content-Security-Policy would block.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@twemoji" / "svg"
SCENES_DIR = ROOT / "app" / "static" / "img" / "scenes"

# scene -> (main picture, companion picture), Twemoji code point sequences.
SCENES = {
    "younger": ("1f9d2-1f3fd", "1fa81"),  # a child and a kite
    "older": ("1f9d1-1f3ff", "1f4da"),  # a young person and books
    "arriving": ("1f3e1", "1f44b-1f3fd"),  # a house and a waving hand
    "staying": ("1f331", "2600"),  # a seedling and the sun
    "moving-on": ("1f392", "1f305"),  # a backpack and a sunrise
    "all": ("1f4d6", "2728"),  # an open book and sparkles
    "ask-grown-up": ("1f9d1-1f3fe", "1f9d2-1f3fb"),  # a grown-up and a child
}
# picture -> Twemoji code, for the ones used alone.
SINGLE = {"listen": "1f50a"}  # a speaker
OUTER = re.compile(r"\A<svg[^>]*>(?P<inner>.*)</svg>\s*\Z", re.S)


def _inner(code: str) -> str:
    """The drawing inside one Twemoji SVG, without its outer element."""
    text = (SOURCE / f"{code}.svg").read_text()
    match = OUTER.match(text)
    if match is None or "id=" in text or "<script" in text or "href" in text:
        raise SystemExit(f"{code}.svg is not a plain Twemoji drawing; pick another picture")
    return match["inner"]


def compose(main: str, companion: str) -> str:
    """One scene: the main picture large on the start side, its companion smaller above."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 48">'
        f'<svg x="2" y="8" width="40" height="40" viewBox="0 0 36 36">{_inner(main)}</svg>'
        f'<svg x="38" y="2" width="32" height="32" viewBox="0 0 36 36">{_inner(companion)}</svg>'
        "</svg>\n"
    )


def main() -> None:
    """Write every scene, and nothing else, into app/static/img/scenes."""
    SCENES_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCENES_DIR.glob("*.svg*"):
        old.unlink()
    for name, (first, second) in SCENES.items():
        (SCENES_DIR / f"{name}.svg").write_text(compose(first, second))
    for name, code in SINGLE.items():
        _inner(code)  # the same checks as for a scene
        (SCENES_DIR / f"{name}.svg").write_text((SOURCE / f"{code}.svg").read_text())


if __name__ == "__main__":
    main()

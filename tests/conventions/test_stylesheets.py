"""Stylesheets: children download kite.css only; staff-only rules live in staff.css, linked by the
staff layout alone, so no page outside it may use a class that only staff.css styles."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "app" / "static" / "css"
TEMPLATES = ROOT / "app" / "templates"
STAFF_LAYOUT = '{% extends "layouts/staff.html" %}'


def _classes(stylesheet: Path) -> set[str]:
    """Every class a stylesheet's selectors name (comments and declarations left out)."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet.read_text(), flags=re.S)
    selectors = re.sub(r"\{[^{}]*\}", " ", text)
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", selectors))


def _pages_without_staff_css() -> list[Path]:
    """Templates rendered without layouts/staff.html: child pages, their layouts and components,
    and the tablet set-up pages."""
    return [
        path
        for path in TEMPLATES.rglob("*.html")
        if STAFF_LAYOUT not in path.read_text() and path.name != "staff.html"
    ]


def test_no_page_outside_the_staff_layout_uses_a_class_only_staff_css_styles() -> None:
    staff_only = _classes(CSS / "staff.css") - _classes(CSS / "kite.css")
    assert staff_only, "staff.css styles nothing of its own"
    for path in _pages_without_staff_css():
        text = path.read_text()
        words = {
            w
            for value in re.findall(r'class="([^"]*)"', text)
            for w in re.findall(r"[\w-]+", value)
        }
        assert not words & staff_only, f"{path.relative_to(ROOT)} uses {words & staff_only}"
        assert "<table" not in text, f"{path.relative_to(ROOT)}: tables are styled by staff.css"


def test_child_pages_do_not_link_staff_css(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/km/", "/km/rights/younger/all/your-privacy", "/tablet/", "/tablet/join"):
        links = [link["href"] for link in client.get(path).soup.select("link[rel=stylesheet]")]
        assert any("/css/kite.css" in href for href in links), path
        assert not any("/css/staff.css" in href for href in links), path


def test_staff_pages_link_staff_css_after_kite_css(client) -> None:  # type: ignore[no-untyped-def]
    links = [
        link["href"].split("?")[0]
        for link in client.get("/sign-in").soup.select("link[rel=stylesheet]")
    ]
    assert links.index("/static/css/staff.css") > links.index("/static/css/kite.css")

"""Static files: versioned links cached for a year, compressed when the browser accepts it."""

import gzip
from pathlib import Path

import brotli
import pytest

from app import static_files


def _linked(client, selector: str, attribute: str) -> str:  # type: ignore[no-untyped-def]
    return client.get("/km/").soup.select_one(selector)[attribute]


def test_pages_link_static_files_by_content_version(client) -> None:  # type: ignore[no-untyped-def]
    href = _linked(client, 'link[href*="kite.css"]', "href")
    assert "?v=" in href and len(href.split("?v=")[1]) == 12


def test_a_versioned_file_is_cached_for_a_year(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(_linked(client, 'link[href*="kite.css"]', "href"))
    assert response.status_code == 200
    cache = response.cache_control
    assert cache.public and cache.max_age == 365 * 24 * 3600 and cache.immutable


def test_an_old_or_missing_version_is_cached_briefly(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/static/css/kite.css", "/static/css/kite.css?v=000000000000"):
        response = client.get(url)
        assert response.cache_control.max_age == 3600 and not response.cache_control.immutable


@pytest.mark.parametrize(
    ("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)]
)
def test_text_files_are_sent_compressed_when_accepted(app, client, accept, encoding) -> None:  # type: ignore[no-untyped-def]
    source = Path(app.static_folder) / "css" / "kite.css"
    plain = client.get("/static/css/kite.css", headers={"Accept-Encoding": "identity"}).data
    response = client.get("/static/css/kite.css", headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == encoding
    assert response.mimetype == "text/css"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert plain == source.read_bytes()
    if encoding == "br":
        assert brotli.decompress(response.data) == static_files.minified(source)
        assert len(response.data) < len(plain) / 3
    if encoding == "gzip":
        assert gzip.decompress(response.data) == static_files.minified(source)


@pytest.mark.parametrize("filename", ["css/kite.css", "css/staff.css", "js/kite.js", "js/sw.js"])
def test_compressed_copies_of_our_css_and_js_are_minified(app, filename) -> None:  # type: ignore[no-untyped-def]
    source = Path(app.static_folder) / filename
    text = static_files.minified(source).decode()
    assert len(text) < 0.9 * source.stat().st_size
    assert "/*" not in text and "\n  " not in text


def test_vendored_minified_javascript_is_compressed_as_it_is(app) -> None:  # type: ignore[no-untyped-def]
    htmx = Path(app.static_folder) / "js" / "htmx.min.js"
    assert static_files.minified(htmx) == htmx.read_bytes()
    assert brotli.decompress(htmx.with_name("htmx.min.js.br").read_bytes()) == htmx.read_bytes()


def test_the_service_worker_keeps_its_version_placeholder_when_minified(app) -> None:  # type: ignore[no-untyped-def]
    worker = Path(app.static_folder) / "js" / "sw.js"
    assert b"__VERSION__" in static_files.minified(worker)


def test_fonts_in_stylesheets_are_versioned_too(client) -> None:  # type: ignore[no-untyped-def]
    css = client.get("/static/css/fonts/km.css", headers={"Accept-Encoding": "identity"})
    assert "woff2?v=" in css.get_data(as_text=True)


def test_a_stale_compressed_copy_is_never_served(app, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    original = Path(app.static_folder) / "css" / "kite.css"
    copy = original.with_name("kite.css.br")
    old = original.stat().st_mtime - 60
    os.utime(copy, (old, old))
    try:
        response = client.get("/static/css/kite.css", headers={"Accept-Encoding": "br"})
        assert "Content-Encoding" not in response.headers
        assert response.data == original.read_bytes()
    finally:
        os.utime(copy, None)

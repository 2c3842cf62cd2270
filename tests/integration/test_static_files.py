"""Static files: versioned links cached for a year, compressed when the browser accepts it."""

import brotli
import pytest


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
def test_text_files_are_sent_compressed_when_accepted(client, accept, encoding) -> None:  # type: ignore[no-untyped-def]
    plain = client.get("/static/css/kite.css", headers={"Accept-Encoding": "identity"}).data
    response = client.get("/static/css/kite.css", headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == encoding
    assert response.mimetype == "text/css"
    assert "Accept-Encoding" in response.headers["Vary"]
    if encoding == "br":
        assert brotli.decompress(response.data) == plain
        assert len(response.data) < len(plain) / 3


def test_fonts_in_stylesheets_are_versioned_too(client) -> None:  # type: ignore[no-untyped-def]
    css = client.get("/static/css/fonts/km.css", headers={"Accept-Encoding": "identity"})
    assert "woff2?v=" in css.get_data(as_text=True)


def test_a_stale_compressed_copy_is_never_served(app, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    from pathlib import Path

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

"""Child pages in a real browser: every language, the right font, right-to-left, no JavaScript."""

import re

import pytest

from app.i18n import LOCALES

FONT_FILE = re.compile(r"/static/fonts/(?P<name>[a-z0-9-]+)\.woff2(\?v=[0-9a-f]+)?$")


def test_start_page_and_every_language_pass_axe(visitor) -> None:  # type: ignore[no-untyped-def]
    visitor.visit("/")
    for locale in LOCALES:
        visitor.visit(f"/{locale.code}/")
        assert visitor.page.locator("html").get_attribute("dir") == locale.direction


@pytest.mark.parametrize("locale", LOCALES, ids=lambda lo: lo.code)
def test_each_page_downloads_only_its_own_languages_small_fonts(visitor, locale) -> None:  # type: ignore[no-untyped-def]
    fonts: list[str] = []
    visitor.page.on(
        "response", lambda r: (m := FONT_FILE.search(r.url)) and fonts.append(m["name"])
    )
    visitor.visit(f"/{locale.code}/")
    own = f"kite-{locale.code}-"
    assert any(name.startswith(own) for name in fonts), f"{own}* not loaded: {fonts}"
    heading = visitor.page.locator("h1").inner_text()
    assert visitor.page.evaluate(
        "([family, text]) => document.fonts.check(`24px '${family}'`, text)",
        [f"Kite {locale.code}", heading],
    ), f"Kite {locale.code} cannot draw {heading!r}"
    stray = [n for n in fonts if not n.startswith((own, "kite-names-"))]
    assert not stray, f"/{locale.code}/ downloaded full or other languages' fonts: {stray}"


def test_arabic_lays_out_right_to_left(visitor) -> None:  # type: ignore[no-untyped-def]
    visitor.visit("/ar/")
    page = visitor.page
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".child-bar .brand").bounding_box()
    exit_button = page.locator(".child-bar .exit").bounding_box()
    assert brand["x"] > exit_button["x"], "in Arabic the brand sits on the right, exit on the left"


def test_language_picker_and_exit_work_without_javascript(visitor_without_js) -> None:  # type: ignore[no-untyped-def]
    visitor = visitor_without_js
    page = visitor.page
    visitor.visit("/")
    page.get_by_role("link", name="ខ្មែរ").click()
    visitor.check()
    assert page.url.endswith("/km/")
    page.locator(".language-picker summary").click()
    page.get_by_role("link", name="العربية").click()
    visitor.check()
    assert page.url.endswith("/ar/") and page.locator("html").get_attribute("dir") == "rtl"
    page.locator("form.exit button").click()
    visitor.check()
    assert page.url.endswith("/")
    cookies = page.context.cookies()
    assert not [c for c in cookies if c["name"] == "session"], "the visit is forgotten"


def test_language_names_draw_from_the_tiny_names_font(visitor) -> None:  # type: ignore[no-untyped-def]
    fonts: list[str] = []
    visitor.page.on(
        "response", lambda r: (m := FONT_FILE.search(r.url)) and fonts.append(m["name"])
    )
    visitor.visit("/")
    names = [name for name in fonts if name.startswith("kite-names-")]
    assert len(names) >= 9, fonts
    for locale in LOCALES:
        assert visitor.page.evaluate(
            "(text) => document.fonts.check(`24px 'Kite Language Names'`, text)", locale.native_name
        ), locale.native_name


def test_htmx_is_configured_for_a_strict_csp_and_shared_tablets(visitor) -> None:  # type: ignore[no-untyped-def]
    visitor.visit("/en/")
    config = visitor.page.evaluate(
        "() => ({allowEval: htmx.config.allowEval, allowScriptTags: htmx.config.allowScriptTags,"
        " indicatorStyles: htmx.config.includeIndicatorStyles,"
        " historyCacheSize: htmx.config.historyCacheSize, timeout: htmx.config.timeout,"
        " selfRequestsOnly: htmx.config.selfRequestsOnly, version: htmx.version})"
    )
    assert config["version"].startswith("2.0.")
    assert config["allowEval"] is False and config["allowScriptTags"] is False
    assert config["indicatorStyles"] is False
    assert config["historyCacheSize"] == 0
    assert 0 < config["timeout"] <= 30_000
    assert config["selfRequestsOnly"] is True
    # htmx injected no inline <style> (the CSP would have refused it and the visitor would fail).
    assert visitor.page.evaluate("() => document.querySelectorAll('style').length") == 0

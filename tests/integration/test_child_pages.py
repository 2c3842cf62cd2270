"""Child pages: in every launch language, right-to-left where needed, without JavaScript."""

import pytest
from flask_babel import force_locale, gettext

from app.i18n import LOCALES


@pytest.mark.parametrize("locale", LOCALES, ids=lambda lo: lo.code)
def test_invariant_7_child_home_works_in_every_launch_language(client, app_context, locale) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/{locale.code}/")
    assert response.status_code == 200
    root = response.soup.find("html")
    assert (root["lang"], root["dir"]) == (locale.code, locale.direction)
    with force_locale(locale.code):
        assert response.soup.h1.get_text(strip=True) == gettext("Welcome to Kite")
    fonts = [
        link["href"].split("?")[0]
        for link in response.soup.select("link[rel=stylesheet]")
        if "/fonts/" in link["href"]
    ]
    assert fonts == [f"/static/css/fonts/{locale.code}.css", "/static/css/fonts/names.css"]
    # No script is needed: every way on is a plain link or form.
    assert not response.soup.select("[hx-get]:not([href]), [onclick]")


def test_arabic_pages_are_right_to_left(client) -> None:  # type: ignore[no-untyped-def]
    root = client.get("/ar/").soup.find("html")
    assert (root["lang"], root["dir"]) == ("ar", "rtl")


def test_language_picker_names_each_language_in_its_own_script(client) -> None:  # type: ignore[no-untyped-def]
    links = client.get("/km/").soup.select(".language-picker a")
    assert {(a["lang"], a.get_text(strip=True)) for a in links} == {
        (lo.code, lo.native_name) for lo in LOCALES
    }
    assert not client.get("/km/").soup.select("img[src*=flag]")


def test_language_picker_keeps_the_child_on_the_same_page(client) -> None:  # type: ignore[no-untyped-def]
    links = client.get("/km/").soup.select(".language-picker a")
    assert {a["href"] for a in links} == {f"/{lo.code}/" for lo in LOCALES}


def test_start_page_lists_every_language(client) -> None:  # type: ignore[no-untyped-def]
    choices = client.get("/").soup.select(".language-choice")
    assert [a["href"] for a in choices] == [f"/{lo.code}/" for lo in LOCALES]


def test_not_found_page_speaks_the_language_in_its_url(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/th/")
    response = client.get("/km/no-such-page", headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    assert response.soup.html["lang"] == "km"


def test_unknown_locale_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/xx/").status_code == 404


def test_invariant_9_shared_tablets_forget_exit_clears_the_visit(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/km/")
    with client.session_transaction() as visit:
        assert visit["locale"] == "km"
    response = client.post("/km/exit")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    with client.session_transaction() as visit:
        assert dict(visit) == {}


def test_invariant_9_child_pages_are_never_cached(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/", "/km/", "/ar/no-such-page"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_exit_works_even_without_a_form_token(configure, client) -> None:  # type: ignore[no-untyped-def]
    configure(WTF_CSRF_ENABLED=True)
    assert client.post("/ar/exit").status_code == 303

"""Error pages: in the page's language, child-friendly on child pages, plain on staff pages."""

import logging

import pytest
from flask import Flask, abort
from flask_babel import force_locale

from app.errors import MESSAGES
from tests.conftest import make_app

CODES = sorted(MESSAGES)


@pytest.fixture(scope="module")
def error_app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """An app with routes that fail on purpose, under a child path and a staff path."""
    application = make_app(database_url, tmp_path_factory.mktemp("errors"))

    @application.route("/<locale:locale>/fail-with/<int:code>", methods=["GET", "POST"])
    @application.route("/care/fail-with/<int:code>", methods=["GET", "POST"])
    def fail_with(code: int, locale: str | None = None):  # type: ignore[no-untyped-def]
        if code == 500:
            raise RuntimeError("a bug")
        abort(code)

    return application


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("locale", ["en", "km", "ar"])
def test_child_error_pages_speak_the_childs_language(error_app, locale, code) -> None:  # type: ignore[no-untyped-def]
    response = error_app.test_client().get(f"/{locale}/fail-with/{code}")
    assert response.status_code == code
    soup = response.soup
    assert soup.html["lang"] == locale
    with error_app.app_context(), force_locale(locale):
        assert soup.h1.get_text(strip=True) == str(MESSAGES[code].child_title)
    assert soup.select_one("body.child .child-bar form.exit"), "child layout with its exit button"
    assert soup.select_one(f'a[href="/{locale}/"]'), "a way back to the start"


@pytest.mark.parametrize("code", CODES)
def test_staff_error_pages_use_the_staff_layout(error_app, code) -> None:  # type: ignore[no-untyped-def]
    response = error_app.test_client().get(f"/care/fail-with/{code}")
    assert response.status_code == code
    assert response.soup.select_one("body.staff")
    assert response.soup.h1.get_text(strip=True) == str(MESSAGES[code].staff_title)


def test_staff_error_page_follows_the_browser_language(error_app) -> None:  # type: ignore[no-untyped-def]
    response = error_app.test_client().get(
        "/care/fail-with/404", headers={"Accept-Language": "uk,en;q=0.5"}
    )
    assert response.soup.html["lang"] == "uk"


def test_crash_log_never_contains_what_was_typed(error_app, caplog) -> None:  # type: ignore[no-untyped-def]
    words = "my secret words about this place"
    with caplog.at_level(logging.DEBUG):
        response = error_app.test_client().post("/km/fail-with/500", data={"words": words})
    assert response.status_code == 500
    assert "RuntimeError" in caplog.text
    assert words not in caplog.text


def test_real_413_when_too_much_is_sent(client) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/sign-in", data={"email": "x" * (300 * 1024), "password": "x"})
    assert response.status_code == 413
    assert response.soup.select_one("body.staff")


def test_real_400_when_the_form_token_is_missing(database_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    strict = make_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    response = strict.test_client().post("/sign-out")
    assert response.status_code == 400
    assert response.soup.h1.get_text(strip=True) == "Bad request"


def test_real_429_says_when_to_try_again(rate_limits, client) -> None:  # type: ignore[no-untyped-def]
    form = {"email": "nobody@test.kite.invalid", "password": "wrong password"}
    statuses = [client.post("/sign-in", data=form).status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    response = client.post("/sign-in", data=form)
    wait = int(response.headers["Retry-After"])
    assert 60 < wait <= 15 * 60 + 1
    minutes = -(-wait // 60)
    assert f"{minutes} minutes" in response.get_data(as_text=True)

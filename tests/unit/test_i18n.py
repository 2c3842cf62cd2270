"""Choosing the page's language: the URL, then the visit, then the browser, then the home."""

from types import SimpleNamespace

from flask import g

from app.i18n import BY_CODE, LOCALES, is_child_path, select_locale


def test_thirteen_launch_locales_each_named_in_its_own_script() -> None:
    assert [lo.code for lo in LOCALES] == [
        "en",
        "th",
        "km",
        "lo",
        "my",
        "vi",
        "bn",
        "ne",
        "id",
        "ro",
        "sq",
        "uk",
        "ar",
    ]
    assert BY_CODE["km"].native_name == "ខ្មែរ"
    assert BY_CODE["ar"].direction == "rtl"
    assert {lo.code for lo in LOCALES if lo.direction == "rtl"} == {"ar"}


def test_url_locale_wins_over_everything(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/km/", headers={"Accept-Language": "ar"}) as ctx:
        ctx.request.view_args = {"locale": "km"}
        assert select_locale() == "km"


def test_visit_choice_comes_before_the_browser(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/care/", headers={"Accept-Language": "ar"}):
        from flask import session

        session["locale"] = "lo"
        assert select_locale() == "lo"


def test_browser_language_comes_before_the_home(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/care/", headers={"Accept-Language": "vi-VN,vi;q=0.9"}):
        g.facility = SimpleNamespace(default_locale="th")
        assert select_locale() == "vi"


def test_home_default_when_the_browser_says_nothing_we_speak(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/care/", headers={"Accept-Language": "de"}):
        g.facility = SimpleNamespace(default_locale="th")
        assert select_locale() == "th"


def test_configured_default_last(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/care/"):
        assert select_locale() == "en"


def test_child_paths_are_the_start_and_everything_under_a_locale() -> None:
    assert is_child_path("/") and is_child_path("/km/") and is_child_path("/ar/exit")
    assert not is_child_path("/care/") and not is_child_path("/sign-in")

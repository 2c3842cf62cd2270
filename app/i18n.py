"""The launch locales: each one's own name in its own script, direction, font, and choice."""

from dataclasses import dataclass

from flask import Flask, current_app, g, has_request_context, request, session, url_for
from flask_babel import get_locale
from werkzeug.routing import BaseConverter


@dataclass(frozen=True)
class Locale:
    """A language Kite speaks, as a child would recognise it."""

    code: str
    native_name: str
    english_name: str
    script: str
    direction: str = "ltr"


LOCALES: tuple[Locale, ...] = (
    Locale("en", "English", "English", "latin"),
    Locale("th", "ไทย", "Thai", "thai"),
    Locale("km", "ខ្មែរ", "Khmer", "khmer"),
    Locale("lo", "ລາວ", "Lao", "lao"),
    Locale("my", "မြန်မာ", "Burmese", "myanmar"),
    Locale("vi", "Tiếng Việt", "Vietnamese", "latin"),
    Locale("bn", "বাংলা", "Bengali", "bengali"),
    Locale("ne", "नेपाली", "Nepali", "devanagari"),
    Locale("id", "Bahasa Indonesia", "Indonesian", "latin"),
    Locale("ro", "Română", "Romanian", "latin"),
    Locale("sq", "Shqip", "Albanian", "latin"),
    Locale("uk", "Українська", "Ukrainian", "cyrillic"),
    Locale("ar", "العربية", "Arabic", "arabic", "rtl"),
)

BY_CODE = {locale.code: locale for locale in LOCALES}
CODES = tuple(BY_CODE)
SCRIPTS = tuple(sorted({locale.script for locale in LOCALES}))


def locale_for(code: str) -> Locale:
    """The Locale for a supported code; English when the code is not one of ours."""
    return BY_CODE.get(code, BY_CODE["en"])


def url_locale() -> str | None:
    """The locale written in the child URL (/km/…), even when no route matched it (a 404)."""
    code = (request.view_args or {}).get("locale") or _first_segment(request.path)
    return code if code in BY_CODE else None


def _first_segment(path: str) -> str:
    return path.strip("/").split("/", 1)[0]


def select_locale() -> str:
    """Choose the page's locale: URL, then the visit's choice, then the browser, then the home."""
    if not has_request_context():  # command line, background work
        return current_app.config["KITE_DEFAULT_LOCALE"]
    chosen = url_locale() or session.get("locale")
    if chosen in BY_CODE:
        return chosen
    browser = request.accept_languages.best_match(CODES)
    if browser:
        return browser
    home_default = getattr(g.get("facility"), "default_locale", None)
    if home_default in BY_CODE:
        return home_default
    return current_app.config["KITE_DEFAULT_LOCALE"]


def remember_locale() -> None:
    """Keep the URL's locale for the rest of this visit only (the session cookie)."""
    code = url_locale()
    if code and session.get("locale") != code:
        session["locale"] = code


class LocaleConverter(BaseConverter):
    """Matches only the launch locales, so /xx/ is a plain 404."""

    regex = "|".join(CODES)


class LevelConverter(BaseConverter):
    """The reading level in a child URL: younger or older, nothing more precise."""

    regex = "younger|older"


class SlugConverter(BaseConverter):
    """A kebab-case name, such as a card's."""

    regex = "[a-z0-9]+(?:-[a-z0-9]+)*"


def is_child_path(path: str) -> bool:
    """Child pages are the start page and everything under a locale (/km/…)."""
    return path == "/" or _first_segment(path) in BY_CODE


def init_app(app: Flask) -> None:
    """Register the locale converter and give templates the page's language facts."""
    from app.content import StageConverter

    app.url_map.converters.update(
        locale=LocaleConverter, level=LevelConverter, slug=SlugConverter, stage=StageConverter
    )
    app.before_request(remember_locale)

    app.jinja_env.globals.update(
        locales=LOCALES,
        switch_locale_url=switch_locale_url,
        locale_name=lambda code: locale_for(code).native_name,
    )

    @app.context_processor
    def _page_locale() -> dict:
        return {"page_locale": locale_for(str(get_locale()))}


def switch_locale_url(code: str) -> str:
    """This same child page in another language; the child start page from anywhere else."""
    args = request.view_args or {}
    if request.endpoint and "locale" in args and request.method == "GET":
        return url_for(request.endpoint, **{**args, "locale": code})
    return url_for("child.home", locale=code)

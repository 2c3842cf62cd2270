"""Kite: children in recovery care learn their rights and say how their care really is."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import (
    access,
    config,
    content,
    errors,
    headers,
    i18n,
    questions,
    static_files,
    visits,
)
from app.extensions import babel, csrf, db, limiter


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Kite application."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.load(Path(app.instance_path)))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config["KITE_PROXY_COUNT"]:
        # Behind a TLS proxy: trust its X-Forwarded-* so HTTPS (HSTS, Secure cookies) is seen.
        hops = app.config["KITE_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    # Content is checked at start: a broken card stops Kite here, naming the file.
    content_dir = Path(app.config["KITE_CONTENT_DIR"])
    app.extensions["kite_cards"] = content.load_cards(content_dir)
    app.extensions["kite_question_sets"] = questions.load_question_sets(
        content_dir, app.extensions["kite_cards"]
    )
    db.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    access.init_app(app)
    visits.init_app(app)
    headers.init_app(app)
    static_files.init_app(app)
    errors.init_app(app)

    from app import cli
    from app.views import (
        account,
        admin,
        admin_homes,
        admin_settings,
        admin_staff,
        answering,
        auth,
        care,
        cases,
        child,
        concerns,
        health,
        help,
        monitor,
        narrations,
        offline,
        second_factor,
        tablet_api,
        tablets,
    )

    for module in (
        child,
        answering,
        help,
        concerns,
        auth,
        second_factor,
        care,
        cases,
        tablets,
        tablet_api,
        offline,
        narrations,
        monitor,
        admin,
        admin_homes,
        admin_staff,
        admin_settings,
        account,
        health,
    ):
        app.register_blueprint(module.bp)
    cli.init_app(app)
    return app

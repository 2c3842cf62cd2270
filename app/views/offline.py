"""An installable Kite that reads without a connection: the web app manifest, the service worker,
the kind page shown for what a tablet has not kept, and the list of what it keeps.

The service worker (static/js/sw.js) is served from the root so that it may look after every
page; its text carries a version made from every file it keeps, so a new Kite is a new worker,
which keeps the new files and drops the old ones. See docs/offline.md.
"""

import hashlib
import json
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template, url_for

from app import content, questions
from app.access import current_tablet, public
from app.i18n import CODES
from app.labels import CONTACT_KIND_LABELS
from app.services import facilities, narrations, sealing
from app.views.child import STAGE_WORDS

bp = Blueprint("offline", __name__)
LEVELS = ("younger", "older")


@bp.get("/manifest.webmanifest")
@public
def manifest() -> Response:
    """What a tablet needs to install Kite as an app that opens full screen at its start page."""
    icons = [
        {"src": url_for("static", filename=f"img/{name}"), "sizes": size, "type": "image/png"}
        for name, size in (("icon-192.png", "192x192"), ("icon-512.png", "512x512"))
    ]
    icons.append(
        {
            "src": url_for("static", filename="img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    body = {
        "name": "Kite",
        "short_name": "Kite",
        "description": "Your rights, and your voice, in your language.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fffdf8",
        "theme_color": "#1f5fa8",
        "icons": icons,
    }
    return current_app.response_class(json.dumps(body), mimetype="application/manifest+json")


@cache
def _static_names(folder: str) -> list[str]:
    """Every static file (not its compressed copies), read from the folder once."""
    root = Path(folder)
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and path.suffix not in {".br", ".gz"}
    )


@cache
def _worker_text(folder: str) -> str:
    return (Path(folder) / "js" / "sw.js").read_text()


@bp.get("/sw.js")
@public
def service_worker() -> Response:
    """The service worker, stamped with the version of everything this tablet keeps (its
    home's languages and numbers too): when any of it changes, the tablet keeps it anew."""
    text = (
        _worker_text(current_app.static_folder)
        .replace("__VERSION__", _version(_files(_locales())))
        .replace("__OUTBOX__", url_for("static", filename="js/outbox.js"))
    )
    return current_app.response_class(text, mimetype="text/javascript")


@bp.get("/<locale:locale>/offline")
@public
def page(locale: str) -> str:
    """What a tablet shows, in the child's language, for a page it has not kept (and for a form
    sent without a connection): with the home's help numbers, kept with it."""
    tablet = current_tablet()
    return render_template(
        "child/offline.html",
        contacts=tablet.facility.contacts if tablet else [],
        contact_labels=CONTACT_KIND_LABELS,
    )


@bp.get("/<locale:locale>/offline/saved/<any(answers, help):what>")
@public
def saved(locale: str, what: str) -> str:
    """What a tablet shows when it kept a child's answers or call for help in its outbox."""
    tablet = current_tablet()
    return render_template(
        "child/saved.html",
        what=what,
        contacts=tablet.facility.contacts if tablet else [],
        contact_labels=CONTACT_KIND_LABELS,
    )


@bp.get("/tablet/offline-files.json")
@public
def files() -> Response:
    """Everything an enrolled tablet keeps to read offline, in its home's languages."""
    listing = _files(_locales())
    return jsonify({"version": _version(listing), "sealing_key": sealing.public_key(), **listing})


def _locales() -> tuple[str, ...]:
    tablet = current_tablet()
    return tuple(facilities.offline_locales(tablet.facility)) if tablet else ()


def _version(listing: dict[str, list[str]]) -> str:
    """A hash of what this tablet keeps: the listing, its home's numbers, the sealing key."""
    tablet = current_tablet()
    numbers = [(c.kind, c.phone) for c in tablet.facility.contacts] if tablet else []
    key = sealing.public_key()["id"] if tablet else ""
    everything = json.dumps([listing, numbers, key], sort_keys=True)
    return hashlib.sha256(everything.encode()).hexdigest()[:16]


def _files(locales: tuple[str, ...]) -> dict[str, list[str]]:
    """Static files (all of them: fonts, pictures, styles, scripts), the offline page in every
    language, and in each of these languages the start page, the help page, and every rights
    page at both levels, with the cards' recordings."""
    static = [url_for("static", filename=name) for name in _static_names(current_app.static_folder)]
    pages = [  # every language's
        url_for(endpoint, locale=locale, **args)
        for locale in CODES
        for endpoint, args in (
            ("offline.page", {}),
            ("offline.saved", {"what": "answers"}),
            ("offline.saved", {"what": "help"}),
        )
    ]
    for locale in locales:
        pages += [url_for("child.home", locale=locale), url_for("help.ask", locale=locale)]
        for level in LEVELS:
            pages.append(url_for("child.stages", locale=locale, level=level))
            for stage in STAGE_WORDS:
                pages.append(url_for("child.rights", locale=locale, level=level, stage=stage))
                if questions.set_for(stage, level):
                    pages.append(
                        url_for("answering.whole", locale=locale, level=level, stage=stage)
                    )
                pages += [
                    url_for("child.card", locale=locale, level=level, stage=stage, slug=c.slug)
                    for c in content.cards_in(stage)
                ]
    pages += [
        url_for("child.narration", locale=locale, level=level, slug=slug, v=sha256[:12])
        for slug, locale, level, sha256 in narrations.versions(list(locales))
    ]
    return {"static": static, "pages": [url_for("child.languages"), *pages]}

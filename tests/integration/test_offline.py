"""An installable Kite that reads offline: the manifest, the service worker and its version, the
offline page in every language with the home's numbers, and the list of what a tablet keeps."""

import pytest

from app.i18n import CODES
from app.models import ContactKind, Role
from app.services import facilities, narrations
from tests.integration.test_narrations import wav_bytes


@pytest.fixture
def home(create_home):  # type: ignore[no-untyped-def]
    return create_home(default_locale="km")


@pytest.fixture
def tablet(app, home, create_tablet, create_staff, tablet_device):  # type: ignore[no-untyped-def]
    admin = create_staff(Role.ADMINISTRATOR)
    with app.app_context():
        facilities.add_contact(
            facility_id=home.id,
            kind=ContactKind.CHILD_HELPLINE,
            name="Child helpline",
            phone="1280",
            actor=admin,
        )
    return tablet_device(create_tablet(home)[1])


def test_the_manifest_makes_kite_an_app_that_opens_at_its_start(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.json
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.data.startswith(b"\x89PNG")


def test_child_pages_link_the_manifest_and_only_a_tablet_keeps_kite(client, tablet) -> None:  # type: ignore[no-untyped-def]
    plain = client.get("/km/")
    assert plain.soup.select_one("link[rel=manifest]")["href"] == "/manifest.webmanifest"
    assert not plain.soup.body.has_attr("data-tablet")
    assert tablet.get("/km/").soup.body.has_attr("data-tablet")


def test_what_the_tablet_keeps_changing_is_a_new_worker_version(  # type: ignore[no-untyped-def]
    tablet, home, app_context, create_staff
) -> None:
    worker = tablet.get("/sw.js")
    assert worker.mimetype == "text/javascript" and "__VERSION__" not in worker.text
    assert worker.text == tablet.get("/sw.js").text, "the same Kite, the same worker"
    narrations.save(
        card_slug="your-privacy",
        locale="km",
        level="younger",
        data=wav_bytes(),
        by=create_staff(Role.CASE_WORKER),
    )
    recorded = tablet.get("/sw.js").text
    assert recorded != worker.text, "the tablet must keep the recording"
    facilities.set_offline_locales(
        facility_id=home.id, locales=["ar"], actor=create_staff(Role.ADMINISTRATOR)
    )
    assert tablet.get("/sw.js").text != recorded, "and its home's new languages"


@pytest.mark.parametrize("locale", CODES)
def test_the_offline_page_speaks_each_language_and_shows_the_homes_numbers(tablet, locale) -> None:  # type: ignore[no-untyped-def]
    page = tablet.get(f"/{locale}/offline")
    assert page.status_code == 200
    assert page.soup.html["lang"] == locale
    assert page.soup.select_one(".help-numbers a[href='tel:1280']")


def test_a_tablet_keeps_its_homes_languages_and_every_kept_page_opens(tablet, client) -> None:  # type: ignore[no-untyped-def]
    kept = tablet.get("/tablet/offline-files.json").json
    pages, static = kept["pages"], kept["static"]
    homes_own = {p.split("/")[1] for p in pages if p.count("/") > 2 and "/offline" not in p}
    assert homes_own == {"km", "en"}
    assert "/km/rights/older/staying/" in pages and "/ar/offline" in pages
    assert "/km/questions/younger/arriving/on-this-tablet" in pages, "answers offline"
    assert {"/ar/offline/saved/answers", "/ar/offline/saved/help"} <= set(pages)
    assert kept["sealing_key"]["id"] and kept["sealing_key"]["spki"]
    assert any(p.startswith("/static/fonts/kite-km-") for p in static)
    for url in pages:
        assert tablet.get(url).status_code == 200, url
    assert client.get("/tablet/offline-files.json").json["pages"] == ["/"] + [
        f"/{code}/offline{what}" for code in CODES for what in ("", "/saved/answers", "/saved/help")
    ], "a device that is not a tablet keeps no home's pages"


def test_a_page_fetched_to_keep_never_touches_the_visit_under_way(tablet) -> None:  # type: ignore[no-untyped-def]
    tablet.get("/km/")  # a visit begins
    for url in ("/km/help/", "/km/questions/younger/arriving/on-this-tablet", "/km/offline"):
        kept = tablet.get(url, headers={"Kite-Keeping": "1"})
        assert kept.status_code == 200 and "Set-Cookie" not in kept.headers, url
    assert "Set-Cookie" in tablet.get("/km/help/").headers, "a child's own page still does"

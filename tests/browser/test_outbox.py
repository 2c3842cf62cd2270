"""In Chromium: what a child sends while the tablet has no connection (or while the server
fails) is kept sealed on the tablet, survives closing the browser and Exit, and arrives exactly
once when the connection is back (invariant 6, the outbox; docs/offline.md)."""

import contextlib
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Concern, Facility, StaffUser, SubmissionKey
from app.services import facilities, sealing
from tests.browser.conftest import Visitor
from tests.conftest import count_rows

WHOLE = "/th/questions/younger/arriving/on-this-tablet"
OUTBOX = """async () => {
  const db = await new Promise((ok, no) => {
    const opening = indexedDB.open("kite-outbox");
    opening.onsuccess = () => ok(opening.result);
    opening.onerror = () => no(opening.error);
  });
  const all = await new Promise((ok) => {
    const reading = db.transaction("items").objectStore("items").getAll();
    reading.onsuccess = () => ok(reading.result);
  });
  db.close();
  return all;
}"""


SEND_ONE = """(action) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  for (const [name, value] of [["key", crypto.randomUUID()], ["audience", "count"],
                               ["value-feel-safe", "skip"]]) {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}"""


def answer_everything(child: Visitor, words: str) -> None:
    """On the one-page form: "I don't want to answer" to every choice, words in every box."""
    page = child.page
    for skip in page.locator("input[value=skip]").all():
        page.locator(f"label[for='{skip.get_attribute('id')}']").click()
    for box in page.locator("main textarea").all():
        box.fill(words)
    page.locator("main form button[type=submit]").click()
    child.check()


def ask_for_help(child: Visitor, words: str) -> None:
    page = child.page
    page.locator("label[for='asked-unknown']").click()
    page.locator("label[for='urgency-now']").click()
    page.locator("#words").fill(words)
    page.locator("main form button[type=submit]").click()
    child.check()


def counts(live_app) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with live_app.app_context():
        return count_rows(SubmissionKey), count_rows(Concern)


def wait_for(live_app, expected: tuple[int, int], seconds: float = 45) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while (found := counts(live_app)) != expected and time.monotonic() < deadline:
        time.sleep(0.25)
    return found


def test_invariant_6_offline_answers_and_a_call_for_help_arrive_once_after_a_restart(  # type: ignore[no-untyped-def]
    tablet, live_app
) -> None:
    device, child = tablet
    before = counts(live_app)
    page = child.page
    child.visit("/th/questions/younger/arriving/")  # online: the child starts answering
    page.locator("label[for=audience-count]").click()
    page.locator("main form button[type=submit]").click()
    child.check()
    device.offline()  # and the connection goes as they answer the first question
    given = page.locator("input[name=value]").first.get_attribute("value")
    page.locator(f"label[for=value-{given}]").click()
    page.locator("main form button[type=submit]").last.click()
    child.check()
    assert page.url.endswith(WHOLE), "the kept one-page form takes over"
    assert page.locator(f"#value-feel-safe-{given}").is_checked(), "with the answer just given"
    child.visit("/th/rights/younger/arriving/")  # never opened, but kept
    page.locator("main a[href*='/th/rights/younger/arriving/']").first.click()
    child.check()
    child.visit("/th/questions/younger/arriving/")  # offline: the kept one-page form
    assert page.url.endswith(WHOLE)
    secret_words, secret_call = f"PURPLE-{uuid.uuid4().hex}", f"ORANGE-{uuid.uuid4().hex}"
    answer_everything(child, secret_words)
    assert "/th/offline/saved/answers" in page.url and page.locator("h1").count() == 1
    child.visit("/th/help/")
    ask_for_help(child, secret_call)
    assert "/th/offline/saved/help" in page.url
    assert page.locator(".help-numbers a[href^='tel:']").count() > 0, "the numbers, still"

    kept = page.evaluate(OUTBOX)
    assert len(kept) == 2
    text = str(kept)
    for plain in (secret_words, secret_call, "skip", "unknown", "words-", "/help"):
        assert plain not in text, f"{plain!r} is readable in the tablet's outbox"
    page.locator("form.exit button").click()  # Exit, offline: the outbox stays
    child.check()
    assert len(page.evaluate(OUTBOX)) == 2
    assert counts(live_app) == before, "nothing reached the server while offline"

    device.close()  # the browser is closed, and opened again when the internet is back
    device.online()
    child = device.open()
    child.visit("/th/")
    assert wait_for(live_app, (before[0] + 1, before[1] + 1)) == (before[0] + 1, before[1] + 1)
    child.visit("/th/")  # and again: a page load sends what waits, never twice
    time.sleep(1)
    assert counts(live_app) == (before[0] + 1, before[1] + 1)
    assert child.page.evaluate(OUTBOX) == []


def test_a_hundred_offline_submissions_all_arrive_once(tablet, live_app) -> None:  # type: ignore[no-untyped-def]
    device, child = tablet
    before = counts(live_app)
    page = child.page
    device.offline()
    child.visit(WHOLE)
    answer_everything(child, "The first, by hand.")
    for _ in range(99):  # the same post the form makes, without waiting for pictures each time
        with page.expect_navigation(url="**/saved/answers", wait_until="commit"):
            page.evaluate(SEND_ONE, WHOLE)
    child.check()
    assert len(page.evaluate(OUTBOX)) == 100
    assert page.locator("[data-outbox]").inner_text().endswith("100")
    device.online()
    child.visit("/th/")
    assert wait_for(live_app, (before[0] + 100, before[1])) == (before[0] + 100, before[1])
    assert page.evaluate(OUTBOX) == []


@contextlib.contextmanager
def failing_outbox_posts(live_app, times: int) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    """The server answers the outbox's first posts with 503, as a server in trouble would."""
    served = live_app.wsgi_app
    seen: list[int] = []

    def wsgi(environ, start_response):  # type: ignore[no-untyped-def]
        if environ["PATH_INFO"] == "/tablet/api/sealed" and len(seen) < times:
            seen.append(503)
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"Kite is down for a moment."]
        return served(environ, start_response)

    live_app.wsgi_app = wsgi
    try:
        yield seen
    finally:
        live_app.wsgi_app = served


def test_items_wait_while_the_server_fails_and_then_arrive(tablet, live_app) -> None:  # type: ignore[no-untyped-def]
    device, child = tablet
    before = counts(live_app)
    page = child.page
    with failing_outbox_posts(live_app, times=2) as failures:
        device.offline()
        child.visit(WHOLE)
        answer_everything(child, "It is fine here.")
        device.online()
        child.visit("/th/")
        deadline = time.monotonic() + 10
        while not failures and time.monotonic() < deadline:
            time.sleep(0.2)
        assert failures, "the outbox tried to send"
        assert counts(live_app) == before, "a failure stores nothing"
        assert len(page.evaluate(OUTBOX)) == 1, "and drops nothing"
        assert wait_for(live_app, (before[0] + 1, before[1]), seconds=60) == (
            before[0] + 1,
            before[1],
        )
        assert len(failures) == 2
    assert page.evaluate(OUTBOX) == []


KITE_CACHES = """async () => (await caches.keys()).filter(name => name.startsWith("kite-"))"""


def test_waiting_items_survive_an_upgrade_of_kite_and_a_new_key(tablet, live_app) -> None:  # type: ignore[no-untyped-def]
    device, child = tablet
    before = counts(live_app)
    page = child.page
    old = page.evaluate(KITE_CACHES)
    device.offline()
    child.visit(WHOLE)
    answer_everything(child, "Sealed to the old key.")
    with failing_outbox_posts(live_app, times=10_000):  # nothing gets through for now
        with live_app.app_context():
            sealing._make_key()  # a new key: a new version of what tablets keep
        device.online()
        child.visit("/th/")  # the browser finds the new worker, which keeps the new version
        deadline = time.monotonic() + 60
        while (now := page.evaluate(KITE_CACHES)) in ([], old) or len(now) > 1:
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert len(now) == 1 and now != old, "the new version replaced the old"
        assert len(page.evaluate(OUTBOX)) == 1, "the item waited through the upgrade"
    child.visit("/th/")
    assert wait_for(live_app, (before[0] + 1, before[1])) == (before[0] + 1, before[1])
    assert page.evaluate(OUTBOX) == []


@pytest.fixture
def keeps_khmer_and_arabic(live_app) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo home's tablets keep Khmer and Arabic too, for this test only."""
    with live_app.app_context():
        home = db.session.scalars(select(Facility).order_by(Facility.id)).first()
        admin = db.session.scalars(select(StaffUser).order_by(StaffUser.id)).first()
        before = list(home.offline_locales)
        facilities.set_offline_locales(facility_id=home.id, locales=["km", "ar"], actor=admin)
    yield
    with live_app.app_context():
        facilities.set_offline_locales(facility_id=home.id, locales=before, actor=admin)


def test_offline_in_khmer_and_arabic_right_to_left(
    keeps_khmer_and_arabic, tablet, live_app
) -> None:  # type: ignore[no-untyped-def]
    device, child = tablet
    before = counts(live_app)
    page = child.page
    device.offline()
    child.visit("/km/questions/younger/arriving/")
    assert page.url.endswith("/km/questions/younger/arriving/on-this-tablet")
    assert page.locator("html").get_attribute("lang") == "km"
    answer_everything(child, "ល្អណាស់")
    assert page.url.endswith("/km/offline/saved/answers")
    child.visit("/ar/help/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    ask_for_help(child, "أحتاج مساعدة")
    assert page.url.endswith("/ar/offline/saved/help")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".help-numbers a[href^='tel:']").count() > 0
    assert page.locator("[data-outbox]").inner_text().endswith("2"), "staff see what waits"
    device.online()
    child.visit("/ar/")
    assert wait_for(live_app, (before[0] + 1, before[1] + 1)) == (before[0] + 1, before[1] + 1)
    assert page.evaluate(OUTBOX) == []

"""Browser tests: Debian's Chromium through Playwright, one browser per run, axe on every page."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from app.cli import upgrade_database
from app.models import Role
from app.services import demo
from tests.browser.staff import SIGN_INS, enrolment_code, join_tablet, sign_in_as
from tests.conftest import make_app
from tools.browser import CHROMIUM, launch_chromium, launch_profile, serve
from tools.link import Link

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here as a browser test (so `-m "not browser"` leaves them out)."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run; skipped loudly without it, never in CI."""
    if not shutil.which(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must run them)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """The Kite the browser tests use, on its own migrated demo database (tests may read it)."""
    folder = tmp_path_factory.mktemp("live")
    app = make_app(f"sqlite:///{folder / 'kite.db'}", folder, WTF_CSRF_ENABLED=True)
    with app.app_context():
        upgrade_database()
        demo.load_demo_data()
    return app


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """Kite served over real HTTP on loopback."""
    url, server = serve(live_app)
    yield url
    server.shutdown()


class Visitor:
    """A page that runs axe-core on every page it lands on and records browser complaints."""

    def __init__(self, page, base_url: str, axe_page=None) -> None:  # type: ignore[no-untyped-def]
        self.page, self.base_url = page, base_url
        # Without JavaScript, timers never fire and axe.run never settles: axe then runs on the
        # same URL in a script-enabled page that shares the visitor's cookies.
        self.axe_page = axe_page or page
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.problems: list[str] = []
        page.on("framenavigated", self._navigated)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _navigated(self, frame) -> None:  # type: ignore[no-untyped-def]
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _console(self, message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def _response(self, response) -> None:  # type: ignore[no-untyped-def]
        if "/static/" in response.url and response.status >= 400:
            self.problems.append(f"{response.status} for {response.url}")

    def visit(self, path: str) -> None:
        """Open a path on the live server, then check the page."""
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """Wait for the page and its fonts, then fail on any axe violation."""
        self.page.wait_for_load_state("load")
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        axe_page = self.axe_page
        if axe_page is not self.page:
            axe_page.context.clear_cookies()
            axe_page.context.add_cookies(self.page.context.cookies())
            axe_page.goto(self.page.url)
        if axe_page.evaluate("() => typeof window.axe === 'undefined'"):
            axe_page.evaluate(AXE_SOURCE)
        result = axe_page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        violations = [
            f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
        ]
        assert not violations, f"axe on {self.page.url}: {violations}"
        assert not self.problems, f"{self.page.url}: {self.problems}"
        self.checked.add(self.page.url)


@pytest.fixture
def visitor(browser, live_server: str) -> Iterator[Visitor]:  # type: ignore[no-untyped-def]
    """A fresh browser context (no cookies, no cache) with its axe-checking Visitor."""
    context = browser.new_context(locale="en-GB")
    visitor = Visitor(context.new_page(), live_server)
    yield visitor
    context.close()
    unchecked = [url for url in visitor.visited if url not in visitor.checked]
    assert not unchecked, f"pages visited without an axe check: {unchecked}"


@pytest.fixture
def visitor_without_js(browser, live_server: str) -> Iterator[Visitor]:  # type: ignore[no-untyped-def]
    """Like visitor, with JavaScript switched off in the page (axe still runs from outside)."""
    context = browser.new_context(java_script_enabled=False)
    checker = browser.new_context()
    visitor = Visitor(context.new_page(), live_server, axe_page=checker.new_page())
    yield visitor
    context.close()
    checker.close()


class Tablet:
    """An enrolled tablet: a Chromium profile kept on disk, reaching Kite through a link that a
    test can cut (Chromium's own offline switch does not reach service workers)."""

    def __init__(self, browser, live_server: str, folder) -> None:  # type: ignore[no-untyped-def]
        self.browser_type, self.folder = browser.browser_type, folder
        self.link = Link(int(live_server.rsplit(":", 1)[1]))
        self.context = None

    def open(self) -> Visitor:
        """Start the tablet's browser (closing it first if it runs): what it kept is there."""
        self.close()
        self.context = launch_profile(self.browser_type, self.folder)
        return Visitor(self.context.new_page(), self.link.url)

    def offline(self) -> None:
        self.link.down()
        self.context.set_offline(True)  # the page hears "offline" too

    def online(self) -> None:
        self.link.up()
        if self.context is not None:
            self.context.set_offline(False)  # and "online": the outbox is asked to send

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
            self.context = None


@pytest.fixture
def tablet(visitor, browser, live_server: str, tmp_path) -> Iterator[tuple[Tablet, Visitor]]:  # type: ignore[no-untyped-def]
    """A caregiver enrols a new tablet; yields it and its first page, on the home's start page
    with the service worker in control."""
    caregiver = SIGN_INS[Role.CAREGIVER]
    sign_in_as(visitor, caregiver.email, caregiver.password)
    code = enrolment_code(visitor, f"Tablet {tmp_path.name[-12:]}")
    device = Tablet(browser, live_server, tmp_path / "tablet")
    child = device.open()
    join_tablet(child, code)
    child.visit("/th/")
    assert child.page.evaluate("async () => !!(await navigator.serviceWorker.ready).active"), (
        "the service worker runs"
    )
    child.visit("/th/")  # now under the worker's control
    yield device, child
    device.close()
    device.link.down()

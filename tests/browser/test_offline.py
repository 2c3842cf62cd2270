"""In Chromium: an enrolled tablet installs Kite as an app and, with no connection, still opens
rights cards it never opened, shows a kind page in the child's language for the rest, and Exit
still goes back to the start (invariant 6, reading offline)."""

from app.models import Role
from app.services.demo import DEMO_SIGN_INS
from tests.browser.conftest import Visitor
from tests.browser.staff import enrolment_code, sign_in_as
from tools.browser import launch_profile

SIGN_INS = {d.role: d for d in DEMO_SIGN_INS}
KEPT = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const names = await caches.keys();
  const cache = await caches.open(names.find(n => n.startsWith("kite-")));
  return {active: !!registration.active, kept: (await cache.keys()).length};
}"""


def test_invariant_6_an_enrolled_tablet_installs_and_reads_unopened_cards_offline(  # type: ignore[no-untyped-def]
    visitor, browser, live_server, tmp_path
) -> None:
    caregiver = SIGN_INS[Role.CAREGIVER]
    sign_in_as(visitor, caregiver.email, caregiver.password)
    code = enrolment_code(visitor, "Offline corner")

    context = launch_profile(browser.browser_type, tmp_path / "tablet")
    try:
        child = Visitor(context.new_page(), live_server)
        page = child.page
        child.visit(f"/tablet/join?code={code}")
        page.locator("form button[type=submit]").click()
        child.visit("/th/")
        kept = page.evaluate(KEPT)
        assert kept["active"] and kept["kept"] > 300, kept
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

        context.set_offline(True)
        child.visit("/th/rights/older/staying/")
        page.locator("main a[href*='/th/rights/older/staying/']").first.click()
        child.check()
        assert page.locator("h1").count() == 1 and "/th/rights/older/staying/" in page.url
        child.visit("/en/rights/younger/arriving/")  # never opened: kept all the same
        assert page.locator("main a[href*='/en/rights/younger/arriving/']").count() > 0
        child.visit("/vi/")  # a language this home does not keep
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator(".help-numbers a[href^='tel:']").count() > 0, "the home's numbers"
        page.locator("form.exit button").click()
        child.check()
        assert page.url == live_server + "/", "Exit goes back to the start the tablet keeps"
    finally:
        context.close()

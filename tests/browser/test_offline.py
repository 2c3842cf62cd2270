"""In Chromium: an enrolled tablet installs Kite as an app and, with no connection, still opens
rights cards it never opened, shows a kind page in the child's language for the rest, and Exit
still goes back to the start — and clears the child's visit as soon as the tablet is online
again (invariants 6 and 9, reading offline)."""

KEPT = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const names = await caches.keys();
  const cache = await caches.open(names.find(n => n.startsWith("kite-")));
  return {active: !!registration.active, kept: (await cache.keys()).length};
}"""


def test_invariant_6_an_enrolled_tablet_installs_and_reads_unopened_cards_offline(  # type: ignore[no-untyped-def]
    tablet,
) -> None:
    device, child = tablet
    page = child.page
    kept = page.evaluate(KEPT)
    assert kept["active"] and kept["kept"] > 300, kept
    cdp = device.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    child.visit("/th/rights/older/")  # the visit now remembers "older"

    device.offline()
    child.visit("/th/rights/older/staying/")
    page.locator("main a[href*='/th/rights/older/staying/']").first.click()
    child.check()
    assert page.locator("h1").count() == 1 and "/th/rights/older/staying/" in page.url
    child.visit("/en/rights/younger/arriving/")  # never opened: kept all the same
    assert page.locator("main a[href*='/en/rights/younger/arriving/']").count() > 0
    keys = set()
    for _ in range(2):  # the kept help page: a new key each time, never one for every child
        child.visit("/th/help/")
        keys.add(page.locator("input[name=key]").input_value())
    assert len(keys) == 2
    child.visit("/vi/")  # a language this home does not keep
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() != "", "the kind offline page"
    assert page.locator(".help-numbers a[href^='tel:']").count() > 0, "the home's numbers"
    page.locator("form.exit button").click()
    child.check()
    assert page.url == child.base_url + "/", "Exit goes back to the start the tablet keeps"

    device.online()
    child.visit("/th/")
    assert page.locator("a.choice[aria-current]").count() == 0, "the last visit is gone"

"""Invariant 9 in Chromium: an idle tablet asks "are you still here?", then starts again and
leaves nothing of the child behind: not on the page, not with Back."""


def test_invariant_9_an_idle_tablet_asks_then_forgets_the_child(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    page.clock.install()
    visitor.visit("/ar/rights/older/")
    dialog = page.locator("#still-here")
    assert not dialog.is_visible()
    idle = int(dialog.get_attribute("data-idle-seconds"))
    page.clock.run_for((idle - 29) * 1000)
    assert dialog.is_visible()
    visitor.check()  # the prompt itself passes axe
    page.get_by_role("button", name=dialog.locator("button").inner_text()).click()
    assert not dialog.is_visible(), "I'm still here keeps the visit"
    with page.expect_navigation(url=visitor.base_url + "/"):  # back at the start page
        page.clock.run_for((idle + 2) * 1000)
    visitor.check()
    visitor.visit("/ar/")
    assert page.locator("a.choice[aria-current]").count() == 0, "the chosen age is forgotten"

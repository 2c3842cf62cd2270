"""Invariant 9 in Chromium: Exit ends the visit; Back, storage and the page show nothing of what
the child chose or wrote."""


def test_invariant_9_exit_leaves_nothing_behind(visitor) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.visit("/uk/rights/older/")
    page.locator("a.choice").first.click()
    visitor.check()
    page.locator(".card-link").first.click()
    visitor.check()
    page.locator("form.exit button").click()
    page.wait_for_url(visitor.base_url + "/")
    visitor.check()
    assert page.evaluate("() => localStorage.length") == 0
    session_storage = page.evaluate("() => Object.assign({}, sessionStorage)")
    # htmx notes the page it is on (the start page now), and nothing else is kept.
    assert session_storage in ({}, {"htmx-current-path-for-history": "/"}), session_storage
    visitor.visit("/uk/")
    assert page.locator("a.choice[aria-current]").count() == 0, "the age chosen is forgotten"
    cookies = {c["name"] for c in page.context.cookies()}
    assert cookies <= {"kite"}, cookies

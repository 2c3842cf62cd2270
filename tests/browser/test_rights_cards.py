"""A child reads the rights cards in a real browser: htmx swaps cards, and without it links work."""

import pytest


@pytest.mark.parametrize("locale", ["km", "my", "ar", "en"])
def test_a_child_walks_from_welcome_to_the_cards_and_on(visitor, locale) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    visitor.visit(f"/{locale}/")
    page.locator("a.choice").first.click()
    visitor.check()
    page.locator("a.choice").last.click()
    visitor.check()
    page.locator(".card-link").first.click()
    visitor.check()
    first_title = page.locator("h1").inner_text()
    page.locator("a[rel=next]").click()
    page.wait_for_function(
        "(old) => document.querySelector('h1').innerText !== old", arg=first_title
    )
    visitor.check()  # the swapped page still passes axe
    assert page.url.endswith("/rights/younger/all/" + page.url.rsplit("/", 1)[1])
    assert page.title().startswith(page.locator("h1").inner_text())
    assert page.evaluate("() => document.querySelectorAll('h1').length") == 1


def test_cards_work_without_javascript(visitor_without_js) -> None:  # type: ignore[no-untyped-def]
    page = visitor_without_js.page
    visitor_without_js.visit("/ar/rights/older/all/you-are-a-child-first")
    page.locator("a[rel=next]").click()
    visitor_without_js.check()
    assert page.url.endswith("/ar/rights/older/all/safe-from-the-first-day")
    assert page.locator("html").get_attribute("dir") == "rtl"

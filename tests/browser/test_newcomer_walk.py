"""Done-when for the rights cards: in each language a newcomer goes from the start page to
every card at both levels, can hear it or sees the hint, and axe finds nothing on any page."""

import pytest

from app.i18n import LOCALES


def _can_hear_or_is_told_to_ask(page) -> bool:  # type: ignore[no-untyped-def]
    return page.locator(".button-listen").is_visible() != page.locator(".ask-grown-up").is_visible()


@pytest.mark.parametrize("locale", LOCALES, ids=lambda lo: lo.code)
def test_a_newcomer_reaches_every_card_at_both_levels(visitor, app, locale) -> None:  # type: ignore[no-untyped-def]
    page = visitor.page
    count = len(app.extensions["kite_cards"])
    for choice in (0, 1):  # 11 or younger, then 12 or older
        visitor.visit("/")
        page.locator(f".language-grid a[hreflang={locale.code}]").click()
        visitor.check()
        page.locator("ul[aria-labelledby=age-question] a.choice").nth(choice).click()
        visitor.check()
        page.locator("ul[aria-labelledby=stage-question] a.choice").last.click()  # all of them
        visitor.check()
        page.locator(".card-link").first.click()
        visitor.check()
        seen = [page.locator("h1").inner_text()]
        assert _can_hear_or_is_told_to_ask(page)
        while page.locator("a[rel=next]").count():
            page.locator("a[rel=next]").click()
            page.wait_for_function(
                "(old) => document.querySelector('h1').innerText !== old", arg=seen[-1]
            )
            visitor.check()
            seen.append(page.locator("h1").inner_text())
            assert _can_hear_or_is_told_to_ask(page)
        assert len(set(seen)) == count, f"{locale.code}: saw {len(set(seen))} of {count} cards"
        assert page.locator("html").get_attribute("lang") == locale.code
        assert page.locator("html").get_attribute("dir") == locale.direction

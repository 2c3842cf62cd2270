"""Rights cards for children: a list with pictures, each card at both levels, next and previous."""

import pytest

from app.i18n import LOCALES


@pytest.mark.parametrize("locale", LOCALES, ids=lambda lo: lo.code)
@pytest.mark.parametrize("level", ["younger", "older"])
def test_every_card_opens_in_every_language_at_both_levels(app, client, locale, level) -> None:  # type: ignore[no-untyped-def]
    cards = app.extensions["kite_cards"]
    listing = client.get(f"/{locale.code}/rights/{level}/")
    assert listing.status_code == 200
    links = listing.soup.select(".card-link")
    assert len(links) == len(cards)
    assert all(link.img["alt"] == "" for link in links), "pictures are decorative: titles say it"
    for card in cards:
        page = client.get(f"/{locale.code}/rights/{level}/{card.slug}")
        text = card.texts[locale.code]
        assert page.soup.h1.get_text(strip=True) == text.title
        body = page.soup.select_one("article.card").get_text(" ", strip=True)
        assert text.younger[0][:20] in body if level == "younger" else text.older[0][:20] in body
        can = text.younger_can if level == "younger" else text.older_can
        assert page.soup.select_one(".you-can p").get_text(strip=True) == can


def test_next_and_previous_walk_the_cards_in_order(app, client) -> None:  # type: ignore[no-untyped-def]
    cards = app.extensions["kite_cards"]
    first = client.get(f"/km/rights/older/{cards[0].slug}").soup
    assert first.select_one("a[rel=prev]") is None
    assert first.select_one("a[rel=next]")["href"] == f"/km/rights/older/{cards[1].slug}"
    last = client.get(f"/km/rights/older/{cards[-1].slug}").soup
    assert last.select_one("a[rel=next]") is None
    assert last.select_one("a[rel=prev]")["href"] == f"/km/rights/older/{cards[-2].slug}"


def test_htmx_gets_only_the_card_to_swap_in(app, client) -> None:  # type: ignore[no-untyped-def]
    card = app.extensions["kite_cards"][1]
    fragment = client.get(f"/ar/rights/younger/{card.slug}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert '<article id="card"' in html and "<html" not in html
    assert f"<title>{card.texts['ar'].title} – Kite</title>" in html
    assert 'hx-target="#card"' in html and 'hx-push-url="true"' in html


def test_unknown_card_or_level_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/km/rights/younger/no-such-card").status_code == 404
    assert client.get("/km/rights/middle/").status_code == 404


def test_welcome_page_leads_to_the_cards_at_each_level(client) -> None:  # type: ignore[no-untyped-def]
    links = [a["href"] for a in client.get("/th/").soup.select("a.language-choice")]
    assert links == ["/th/rights/younger/", "/th/rights/older/"]

"""Rights cards for children: age, then stage, then a list with pictures, then each card."""

import pytest

from app.content import STAGE_PATHS
from app.i18n import LOCALES


@pytest.mark.parametrize("locale", LOCALES, ids=lambda lo: lo.code)
@pytest.mark.parametrize("level", ["younger", "older"])
def test_every_card_opens_in_every_language_at_both_levels(app, client, locale, level) -> None:  # type: ignore[no-untyped-def]
    cards = app.extensions["kite_cards"]
    listing = client.get(f"/{locale.code}/rights/{level}/all/")
    assert listing.status_code == 200
    links = listing.soup.select(".card-link")
    assert len(links) == len(cards)
    assert all(link.img["alt"] == "" for link in links), "pictures are decorative: titles say it"
    for card in cards:
        page = client.get(f"/{locale.code}/rights/{level}/all/{card.slug}")
        text = card.texts[locale.code]
        assert page.soup.h1.get_text(strip=True) == text.title
        body = page.soup.select_one("article.card").get_text(" ", strip=True)
        assert text.younger[0][:20] in body if level == "younger" else text.older[0][:20] in body
        can = text.younger_can if level == "younger" else text.older_can
        assert page.soup.select_one(".you-can p").get_text(strip=True) == can


def test_welcome_page_asks_how_old_with_two_picture_choices(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/th/").soup
    choices = page.select("ul[aria-labelledby=age-question] a.choice")
    assert [a["href"] for a in choices] == ["/th/rights/younger/", "/th/rights/older/"]
    assert [a.img["src"].split("?")[0] for a in choices] == [
        "/static/img/scenes/younger.svg",
        "/static/img/scenes/older.svg",
    ]
    assert page.select_one("#age-question").get_text(strip=True)


def test_stage_choice_offers_the_three_stages_and_all_in_child_words(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/en/rights/older/").soup
    choices = page.select("ul[aria-labelledby=stage-question] a.choice")
    assert [a["href"] for a in choices] == [
        "/en/rights/older/arriving/",
        "/en/rights/older/staying/",
        "/en/rights/older/moving-on/",
        "/en/rights/older/all/",
    ]
    assert [a.get_text(strip=True) for a in choices] == [
        "I have just come here",
        "I am staying here and getting better",
        "I am getting ready to leave",
        "Show me all my rights",
    ]


@pytest.mark.parametrize("stage", STAGE_PATHS)
def test_each_stage_lists_only_its_own_cards(app, client, stage) -> None:  # type: ignore[no-untyped-def]
    wanted = [c.slug for c in app.extensions["kite_cards"] if STAGE_PATHS[stage] in c.stages]
    others = [c.slug for c in app.extensions["kite_cards"] if c.slug not in wanted]
    assert wanted and others, "every stage has some cards and leaves some out"
    listing = client.get(f"/my/rights/younger/{stage}/").soup
    shown = [a["href"].rsplit("/", 1)[1] for a in listing.select(".card-link")]
    assert shown == wanted
    assert client.get(f"/my/rights/younger/{stage}/{others[0]}").status_code == 404


def test_next_and_previous_walk_the_cards_of_the_stage_in_order(app, client) -> None:  # type: ignore[no-untyped-def]
    cards = [c for c in app.extensions["kite_cards"] if "moving_on" in c.stages]
    base = "/km/rights/older/moving-on"
    first = client.get(f"{base}/{cards[0].slug}").soup
    assert first.select_one("a[rel=prev]") is None
    assert first.select_one("a[rel=next]")["href"] == f"{base}/{cards[1].slug}"
    last = client.get(f"{base}/{cards[-1].slug}").soup
    assert last.select_one("a[rel=next]") is None
    assert last.select_one("a[rel=prev]")["href"] == f"{base}/{cards[-2].slug}"


def test_htmx_gets_only_the_card_to_swap_in(app, client) -> None:  # type: ignore[no-untyped-def]
    card = app.extensions["kite_cards"][1]
    fragment = client.get(f"/ar/rights/younger/all/{card.slug}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert '<article id="card"' in html and "<html" not in html
    assert f"<title>{card.texts['ar'].title} – Kite</title>" in html
    assert 'hx-target="#card"' in html and 'hx-push-url="true"' in html


def test_unknown_card_level_or_stage_is_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/km/rights/younger/all/no-such-card").status_code == 404
    assert client.get("/km/rights/middle/").status_code == 404
    assert client.get("/km/rights/older/leaving/").status_code == 404


def test_the_chosen_level_lasts_for_the_visit_only(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/uk/").soup.select("a.choice[aria-current]") == []
    client.get("/uk/rights/older/")
    current = client.get("/uk/").soup.select("a.choice[aria-current]")
    assert [a["href"] for a in current] == ["/uk/rights/older/"]
    client.post("/uk/exit")
    assert client.get("/uk/").soup.select("a.choice[aria-current]") == []


def test_without_a_narration_the_card_asks_for_a_grown_up(client) -> None:  # type: ignore[no-untyped-def]
    box = client.get("/bn/rights/younger/all/your-privacy").soup.select_one("[data-read-aloud]")
    assert box.select_one("audio") is None
    assert not box.select_one(".ask-grown-up").has_attr("hidden")
    assert box.select_one("button").has_attr("hidden"), "shown by script only when a voice exists"
    assert box.has_attr("data-autoplay"), "younger children hear the card by default"

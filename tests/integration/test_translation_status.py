"""Administrators see which card is written, drafted or reviewed in which language."""

from app.i18n import LOCALES
from app.models import Role


def test_every_card_and_language_has_a_cell(app, client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.ADMINISTRATOR))
    page = client.get("/admin/translations")
    assert page.status_code == 200
    cards = app.extensions["kite_cards"]
    rows = page.soup.select("tbody tr")
    assert len(rows) == len(cards)
    for row, card in zip(rows, cards, strict=True):
        cells = row.select("td")
        assert len(cells) == len(LOCALES)
        for cell, locale in zip(cells, LOCALES, strict=True):
            expected = "status-draft" if locale.code in card.texts else "status-missing"
            if locale.code in card.texts and card.texts[locale.code].review_status == "reviewed":
                expected = "status-reviewed"
            assert expected in cell["class"], (card.slug, locale.code)


def test_only_administrators_see_translation_status(client, create_staff, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(create_staff(Role.HOME_MANAGER))
    assert client.get("/admin/translations").status_code == 403

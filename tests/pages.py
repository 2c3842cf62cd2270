"""House rules every HTML page must keep; the test client applies them to each page it fetches."""

import re

import html5lib
from bs4 import BeautifulSoup

from app.i18n import BY_CODE

LABELLED_EXEMPT = {"hidden", "submit", "button", "reset", "image"}


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", element.get_text()).strip()


def check_page(html: str, *, where: str = "page") -> BeautifulSoup:
    """Assert the house rules for one HTML page and return it parsed."""
    html5lib.HTMLParser(strict=True).parse(html)  # raises on any parse error
    soup = BeautifulSoup(html, "html5lib")
    root = soup.find("html")
    lang, direction = root.get("lang"), root.get("dir")
    assert lang in BY_CODE, f"{where}: <html lang={lang!r}> is not a launch locale"
    assert direction == BY_CODE[lang].direction, f"{where}: dir={direction!r} for lang={lang!r}"

    headings = soup.find_all("h1")
    assert len(headings) == 1, f"{where}: {len(headings)} <h1> elements, expected exactly one"
    title = soup.find("title")
    assert title is not None and _text(title), f"{where}: no <title>"
    h1 = _text(headings[0])
    title_text = _text(title)
    assert title_text.startswith(h1) or re.match(rf"^[^ ]+:? {re.escape(h1)}", title_text), (
        f"{where}: <title> {title_text!r} does not start with the <h1> {h1!r}"
    )

    ids = [el["id"] for el in soup.find_all(id=True)]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"{where}: duplicate ids {sorted(duplicates)}"
    id_set = set(ids)

    for control in soup.find_all(["input", "select", "textarea"]):
        if control.get("type", "text") in LABELLED_EXEMPT:
            continue
        control_id = control.get("id")
        labelled = (
            (control_id and soup.find("label", attrs={"for": control_id}))
            or control.find_parent("label")
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )
        assert labelled, f"{where}: form control {control} has no label"
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            assert ref in id_set, f"{where}: aria-describedby points at missing id {ref!r}"
    for link in soup.find_all("a", href=re.compile(r"^#.")):
        assert link["href"][1:] in id_set, f"{where}: link to missing fragment {link['href']}"
    for image in soup.find_all("img"):
        assert image.has_attr("alt"), f"{where}: <img src={image.get('src')!r}> has no alt"
    return soup

"""Page weight: bytes a tablet downloads for child pages, with an empty cache, and per htmx move.

Run: .venv/bin/python bench/page_weight.py  (needs Debian's Chromium). Writes
bench/results/page-weight.md with the machine and the date.
"""

import sys
import tempfile
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, machine, prepare, running_gunicorn

from app.i18n import LOCALES
from tools.browser import launch_chromium


def kind(url: str) -> str:
    """Group a resource by what it is."""
    url = url.split("?")[0]
    for suffix, name in ((".woff2", "fonts"), (".css", "css"), (".js", "js"), (".svg", "images")):
        if url.endswith(suffix):
            return name
    return "html"


def measure(base: str, path: str, browser) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Bytes by kind for one page loaded into an empty cache, counted once the page settles."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + path)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = defaultdict(int)
    for response in responses:
        response.finished()
        # Bytes on the wire: the body as sent (compressed where the server compressed it).
        sizes[kind(response.url)] += response.request.sizes()["responseBodySize"]
    context.close()
    return dict(sizes)


def measure_move(base: str, path: str, browser) -> int:  # type: ignore[no-untyped-def]
    """Bytes moving from this card to the next with htmx, once the card page is loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    responses = []
    page.on("response", lambda response: responses.append(response))
    title = page.locator("h1").inner_text()
    page.locator("a[rel=next]").click()
    page.wait_for_function("(old) => document.querySelector('h1').innerText !== old", arg=title)
    page.wait_for_load_state("networkidle")
    total = 0
    for response in responses:
        response.finished()
        total += response.request.sizes()["responseBodySize"]
    context.close()
    return total


def verdict(ok: bool) -> str:
    """How a figure stands against its target."""
    return "yes" if ok else "**MISSED**"


def main() -> None:
    """Serve Kite on loopback as `make run` does, load each page, write the table."""
    folder = Path(tempfile.mkdtemp())
    rows = []
    with (
        running_gunicorn(prepare(folder), folder / "gunicorn.log") as (base, _),
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        cards = [f"/{lo.code}/rights/younger/all/your-privacy" for lo in LOCALES]
        stages = [f"/{code}/rights/younger/" for code in ("en", "km", "my", "ar")]
        for path in ["/", *(f"/{lo.code}/" for lo in LOCALES), *stages, *cards]:
            sizes = measure(base, path, browser)
            rows.append((path, sizes))
        moves = [(path, measure_move(base, path, browser)) for path in cards]
        browser.close()
    kinds = ["html", "css", "js", "fonts", "images"]
    lines = [
        "# Page weight of child pages (empty cache)",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, Debian Chromium via "
        "Playwright, by `bench/page_weight.py`, Kite served by gunicorn as `make run` serves it. "
        "Bytes are response bodies as sent: static text files Brotli-compressed, HTML not "
        "(gunicorn sends it as is).",
        "",
        "Targets (issue 4): a page's first load at most 100 KB (100,000 bytes) with at most "
        "20 KB of JavaScript; moving to the next card with htmx at most 10 KB.",
        "",
        "| page | " + " | ".join(kinds) + " | total KiB | within target |",
        "|---|" + "---:|" * (len(kinds) + 1) + "---|",
    ]
    for path, sizes in rows:
        cells = [f"{sizes.get(k, 0):,}" for k in kinds]
        ok = sum(sizes.values()) <= 100_000 and sizes.get("js", 0) <= 20_000
        lines.append(
            f"| `{path}` | "
            + " | ".join(cells)
            + f" | {sum(sizes.values()) / 1024:.1f} | {verdict(ok)} |"
        )
    lines += [
        "",
        "## Moving to the next card (htmx fragment, warm page)",
        "",
        "| from | bytes | within 10 KB |",
        "|---|---:|---|",
        *(f"| `{path}` | {size:,} | {verdict(size <= 10_000)} |" for path, size in moves),
    ]
    out = ROOT / "bench" / "results" / "page-weight.md"
    out.write_text("\n".join(lines) + "\n")
    print(out.read_text())


if __name__ == "__main__":
    main()

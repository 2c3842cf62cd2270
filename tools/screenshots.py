"""Screenshot pages in Debian's Chromium to look at them: screenshots.py URL OUT_DIR [PATH …]."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.browser import launch_chromium

DEFAULT_PATHS = ["/", "/en/", "/km/", "/my/", "/ar/", "/th/", "/km/no-such-page", "/sign-in"]


def main() -> None:
    """Save one PNG per path, at a tablet's size."""
    base, out, *paths = sys.argv[1:]
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 800, "height": 1000})
        for path in paths or DEFAULT_PATHS:
            page.goto(base + path)
            page.evaluate("() => document.fonts.ready.then(() => true)")
            name = path.strip("/").replace("/", "_") or "start"
            page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()

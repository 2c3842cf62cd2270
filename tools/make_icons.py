"""Draw Kite's app icons (PNG, for the web app manifest) from img/kite.svg with Chromium.

Run once after changing the kite: .venv/bin/python tools/make_icons.py. Writes icon-192.png,
icon-512.png (the kite on paper) and icon-maskable-512.png (on sky, inside the middle 60%, the
safe zone a launcher may crop to) into app/static/img/.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.browser import launch_chromium  # noqa: E402

IMG = ROOT / "app" / "static" / "img"
ICONS = {  # file: (size, background, share of the side the kite takes)
    "icon-192.png": (192, "#fffdf8", 0.9),
    "icon-512.png": (512, "#fffdf8", 0.9),
    "icon-maskable-512.png": (512, "#1f5fa8", 0.6),
}


def main() -> None:
    kite = (IMG / "kite.svg").read_text()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, (size, background, share) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            inner = round(size * share)
            page.set_content(
                f'<body style="margin:0;background:{background};display:grid;'
                f'place-items:center;width:{size}px;height:{size}px">'
                f'<div style="width:{inner}px;height:{inner}px">{kite}</div></body>'
            )
            page.locator("svg").evaluate("s => { s.style.width = '100%'; s.style.height = '100%' }")
            page.screenshot(path=str(IMG / name), omit_background=False)
            page.close()
            print(f"wrote {name}")
        browser.close()


if __name__ == "__main__":
    main()

"""One way to start Debian's Chromium and to serve Kite on loopback, for tests, bench and tools."""

import os
import threading

from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

CHROMIUM = os.environ.get("KITE_CHROMIUM", "/usr/bin/chromium")
# Root in a sandbox needs --no-sandbox; the rest keeps Chromium off the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A built-in test tone stands in for a microphone, and is allowed without asking.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def launch_profile(browser_type, folder):  # type: ignore[no-untyped-def]
    """A Chromium with a profile kept in folder (not incognito: it can install Kite as an app,
    and what it stored is there again when launched on the same folder)."""
    return browser_type.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )


def serve(app: Flask) -> tuple[str, BaseWSGIServer]:
    """Serve the app on a free loopback port in a background thread; returns its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server

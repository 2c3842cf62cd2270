"""Every response from every route carries the security headers, signed in or not."""

import pytest

from app.models import Role
from tests.routes import sample_urls

REQUIRED_CSP = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def _check(response, method: str, url: str) -> None:  # type: ignore[no-untyped-def]
    where = f"{method} {url} ({response.status_code})"
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for directive in REQUIRED_CSP:
        assert directive in csp, f"{where}: CSP lacks {directive}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert headers.get("Referrer-Policy") == "no-referrer", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert "microphone=()" in headers.get("Permissions-Policy", ""), where
    if not url.startswith("/static/"):
        assert headers.get("Cache-Control") == "no-store", where
    if url.startswith("https://") or response.request.scheme == "https":
        assert headers.get("Strict-Transport-Security", "").startswith("max-age="), where


@pytest.mark.parametrize("signed_in", [None, Role.ADMINISTRATOR, Role.CAREGIVER])
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_route_sends_the_security_headers(
    app, client, create_staff, sign_in, signed_in, scheme
) -> None:  # type: ignore[no-untyped-def]
    if signed_in:
        sign_in(create_staff(signed_in))
    urls = sample_urls(app)
    assert len(urls) >= 10
    for method, path, _endpoint in urls:
        if path == "/sign-out":
            continue  # checked last: it would end the signed-in crawl
        response = client.open(path, method=method, base_url=f"{scheme}://kite.test")
        _check(response, method, path)
    _check(client.post("/sign-out", base_url=f"{scheme}://kite.test"), "POST", "/sign-out")


def test_error_responses_carry_the_headers_too(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/no-such-page", "/km/no-such-page", "/static/no-such-file.css"):
        _check(client.get(path), "GET", path)

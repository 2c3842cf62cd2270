"""Security and caching headers on every response."""

from flask import Flask, Response, request

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)


def init_app(app: Flask) -> None:
    """Add the headers after every request."""

    @app.after_request
    def _secure(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers.setdefault(
            "Permissions-Policy", "microphone=(), camera=(), geolocation=()"
        )
        if request.endpoint != "static":
            # Shared tablets: nothing a child saw may come back from cache or history. Only a
            # view that serves something the same for everyone may say otherwise.
            response.headers.setdefault("Cache-Control", "no-store")
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        return response

"""Every route of the app as a concrete URL, for tests that walk them all."""

from flask import Flask

SAMPLE_VALUES = {
    "locale": "km",
    "code": "km",
    "level": "younger",
    "stage": "all",
    "slug": "your-privacy",
    "filename": "css/kite.css",
    "tablet_id": "00000000-0000-4000-8000-000000000000",
    "key": "00000000-0000-4000-8000-000000000001",
    "concern_id": "00000000-0000-4000-8000-000000000002",
    "what": "answers",
}


def sample_urls(app: Flask, method: str | None = None) -> list[tuple[str, str, str]]:
    """(method, url, endpoint) for every route, with sample values for its parameters."""
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            values = {name: SAMPLE_VALUES.get(name, "1") for name in rule.arguments}
            path = rule.build(values, append_unknown=False)[1]
            for verb in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if method in (None, verb):
                    found.append((verb, path, rule.endpoint))
    return found

"""Static files: versioned URLs cached for a year, and precompressed copies served when accepted.

Pages link static files through url_for, which adds ?v=<content hash>; a new file gets a new
URL, so the old one may be cached forever. `flask --app app assets compress` writes .br and
.gz copies beside each text file (make run and make test do it); the view picks the best
one the browser accepts. Fonts are already compressed (woff2) and are sent as they are.

The copies of our CSS and JavaScript are compressed from a minified text (comments and spaces
dropped), so browsers download less; the file itself stays the readable source, sent to those
that accept no compression, and its hash versions the URL of both.
"""

import gzip
import hashlib
import mimetypes
from functools import cache
from pathlib import Path

import brotli
import rcssmin
import rjsmin
from flask import Flask, Response, current_app, request, send_from_directory

YEAR = 365 * 24 * 3600
COMPRESSIBLE = {".css", ".js", ".svg", ".webmanifest", ".json", ".txt"}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


@cache
def _version(folder: str, filename: str) -> str:
    path = Path(folder) / filename
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "0"


def _fresh(original: Path, suffix: str) -> bool:
    """A compressed copy exists and is not older than the file (an edit makes it stale)."""
    copy = original.with_name(original.name + suffix)
    return (
        copy.is_file() and original.is_file() and (copy.stat().st_mtime >= original.stat().st_mtime)
    )


def serve_static(filename: str) -> Response:
    """Send a static file, compressed when the browser accepts it; cached by version."""
    folder = current_app.static_folder
    accepted = request.accept_encodings
    for encoding, suffix in ENCODINGS:
        if accepted[encoding] and _fresh(Path(folder) / filename, suffix):
            response = send_from_directory(folder, filename + suffix)
            response.headers["Content-Encoding"] = encoding
            response.mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
            break
    else:
        response = send_from_directory(folder, filename)
    response.vary.add("Accept-Encoding")
    versioned = request.args.get("v") == _version(folder, filename)
    response.cache_control.public = True
    response.cache_control.max_age = YEAR if versioned else 3600
    if versioned:
        response.cache_control.immutable = True
    return response


def minified(path: Path) -> bytes:
    """The text a compressed copy holds: CSS and JavaScript minified (vendored *.min.js already
    is), everything else as it is."""
    data = path.read_bytes()
    minify = MINIFIERS.get(path.suffix)
    if minify is None or path.name.endswith(".min.js"):
        return data
    return minify(data.decode()).encode()


def compress(folder: Path) -> int:
    """Write .br and .gz copies of every compressible file; returns how many files."""
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file():
            data = minified(path)
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
            count += 1
    return count


def init_app(app: Flask) -> None:
    """Version static URLs and serve static files through serve_static."""

    @app.url_defaults
    def _add_version(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["v"] = _version(app.static_folder, values["filename"])

    app.view_functions["static"] = serve_static

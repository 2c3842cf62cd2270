"""Lighthouse scores of child pages: performance (target >= 0.95) and accessibility (target 1).

Run: .venv/bin/python bench/lighthouse.py  (needs Debian's Chromium and `npm ci` for
node_modules/.bin/lighthouse). Serves Kite with gunicorn as `make run` does (after the same
translation and static-file preparation), on a temporary SQLite database with demo data, runs
Lighthouse with its default mobile settings (simulated slow 4G, mid-range phone CPU) against each
page, and writes bench/results/lighthouse.md with the machine and the date. A benchmark reports:
misses are marked MISSED, and the script exits 0 whatever the scores.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from collections import deque
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import ROOT, prepare, running_gunicorn

from tools.browser import CHROMIUM, CHROMIUM_ARGS

# The pages measured: the start page and each language's welcome page.
PAGES = ["/", "/en/", "/km/", "/ar/"]
# One card page per language. Card URLs change shape (a stage segment came in), so the card
# is found by following links from the welcome page through /<locale>/rights/; the first card
# named CARD_SLUG at CARD_LEVEL wins. When no link leads to one, the first of FALLBACK_CARDS
# that answers is used; when none does, the card is reported as not measured.
CARD_LOCALES = ["en", "km", "ar"]
CARD_LEVEL = "younger"
CARD_SLUG = "your-privacy"
FALLBACK_CARDS = [
    "/{locale}/rights/younger/arriving/your-privacy",
    "/{locale}/rights/younger/all/your-privacy",
    "/{locale}/rights/younger/your-privacy",
]

TARGETS = {"performance": 0.95, "accessibility": 1.0}
# Lighthouse's own advice is to take the median of several runs; the median is by performance.
RUNS = 3

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Kite's one Chromium set-up (tools/browser.py), run headless by Lighthouse.
CHROME_FLAGS = " ".join(["--headless=new", "--disable-dev-shm-usage", *CHROMIUM_ARGS])
# Metric audits shown in the table: (audit id, column name, unit).
METRICS = [
    ("first-contentful-paint", "FCP", "s"),
    ("largest-contentful-paint", "LCP", "s"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "s"),
    ("total-byte-weight", "bytes", "KiB"),
]
# Files Kite's pages are made from; a change while measuring is reported with the results.
WATCHED = ["app/static", "app/templates", "content", "translations"]


class _Links(HTMLParser):
    """Collect href values of <a> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def fetch(url: str) -> tuple[int, str]:
    """Status and body of a GET (errors are statuses too)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode("utf-8", "replace")
    except HTTPError as error:
        return error.code, ""


def discover_card(base: str, locale: str) -> tuple[str | None, str]:
    """A card page in this language reached by links from its welcome page (or a fallback that
    answers, or None), and how it was found."""
    prefix = f"/{locale}/rights/{CARD_LEVEL}/"
    queue, seen = deque([f"/{locale}/"]), {f"/{locale}/"}
    while queue and len(seen) < 200:
        path = queue.popleft()
        status, body = fetch(base + path)
        if status != 200:
            continue
        parser = _Links()
        parser.feed(body)
        for href in parser.hrefs:
            link = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if link.netloc != urllib.parse.urlsplit(base).netloc:
                continue
            target = link.path
            if not target.startswith(f"/{locale}/rights/") or target in seen:
                continue
            is_card = target.startswith(prefix) and target.rstrip("/").endswith("/" + CARD_SLUG)
            if is_card and fetch(base + target)[0] == 200:
                return target, "found by following links"
            seen.add(target)
            queue.append(target)
    for shape in FALLBACK_CARDS:
        fallback = shape.format(locale=locale)
        if fetch(base + fallback)[0] == 200:
            return fallback, "fallback: no link led to a card"
    return None, "no link led to a card and no FALLBACK_CARDS answers 200"


def lighthouse(url: str, output: Path, attempts: int = 3) -> dict:
    """One Lighthouse run with default (mobile) settings; returns the report (LHR). Lighthouse
    now and then fails to record the trace (NO_NAVSTART, NO_FCP); such a run is tried again."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for attempt in range(1, attempts + 1):
        output.unlink(missing_ok=True)
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        report = json.loads(output.read_text()) if output.is_file() else {}
        error = report.get("runtimeError", {}).get("message") if report else done.stderr[-3000:]
        if done.returncode == 0 and report and not error:
            return report
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts}): {error}")
    raise SystemExit(f"Lighthouse failed on {url} {attempts} times; giving up.")


def score(report: dict, category: str) -> float | None:
    """A category score, 0..1 (None when Lighthouse could not score it)."""
    return report["categories"][category]["score"]


def median_run(reports: list[dict]) -> dict:
    """The run whose performance score is the median (the lower middle for even counts)."""
    ordered = sorted(reports, key=lambda r: score(r, "performance") or 0)
    return ordered[(len(ordered) - 1) // 2]


def failing(report: dict, category: str, threshold: float) -> list[tuple[str, str, str]]:
    """Audits in a category that cost points: (id, title, display value), worst first."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in {"manual", "notApplicable", "informative", "error"}:
            continue
        if ref.get("group") == "metrics" and category == "performance":
            continue  # metrics are in the table already
        if audit["score"] is not None and audit["score"] < threshold:
            found.append((audit["score"], ref["id"], audit["title"], audit.get("displayValue", "")))
    return [(aid, title, shown) for _, aid, title, shown in sorted(found, key=lambda f: f[0])]


def failed_requests(report: dict) -> list[tuple[str, int]]:
    """Requests that got an error status or none at all: (path and query, status; -1 for none)."""
    items = report["audits"]["network-requests"]["details"]["items"]
    return [
        (urllib.parse.urlsplit(item["url"])._replace(scheme="", netloc="").geturl(), status)
        for item in items
        if (status := item.get("statusCode", -1)) < 0 or status >= 400
    ]


def metric(report: dict, audit_id: str, unit: str) -> str:
    """A metric as the table shows it."""
    value = report["audits"][audit_id].get("numericValue")
    if value is None:
        return "–"
    if unit == "s":
        return f"{value / 1000:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "KiB":
        return f"{value / 1024:.0f}"
    return f"{value:.3f}"


def verdict(value: float | None, category: str) -> str:
    """The score with MISSED when below its target."""
    if value is None:
        return "no score MISSED"
    return f"{value:.2f}" + ("" if value >= TARGETS[category] else " MISSED")


def chromium_version() -> str:
    """What /usr/bin/chromium says it is (its wrapper script may print noise on stderr)."""
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    return done.stdout.strip() or "unknown"


def snapshot() -> dict[str, int]:
    """Modification times of what Kite serves pages from (not the compressed copies)."""
    times = {}
    for folder in WATCHED:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix not in {".br", ".gz", ".pyc"}:
                times[str(path.relative_to(ROOT))] = path.stat().st_mtime_ns
    return times


def write_results(
    rows: list[tuple[str, str, list[dict]]],
    versions: dict[str, str],
    runs: int,
    changed: list[str],
    missing: list[str],
) -> Path:
    """The Markdown report; returns its path."""
    indexes = [r["environment"].get("benchmarkIndex") or 0 for _, _, rs in rows for r in rs]
    bench_range = f"{min(indexes):.0f}–{max(indexes):.0f}"
    lines = [
        "# Lighthouse scores of child pages",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} "
        f"({os.cpu_count()} CPUs), {platform.system()} {platform.release()}, by "
        "`bench/lighthouse.py`.",
        f"Lighthouse {versions['lighthouse']}, {versions['chromium']} (headless, via "
        f"`CHROME_PATH={CHROMIUM}`; Lighthouse saw {versions['user_agent']}), "
        f"Node {versions['node']}, Python {platform.python_version()}. Lighthouse's benchmark "
        f"index of this machine (higher is faster; it varies with load): {bench_range}.",
        "",
        "Lighthouse's default settings: mobile form factor (Moto G Power screen), simulated "
        "slow 4G and 4× CPU slowdown (Lantern). Kite is served by gunicorn on loopback as "
        "`make run` serves it (compiled translations, Brotli static files, demo data). "
        f"Each page is run {runs} time{'s' if runs > 1 else ''}; the table shows the run with "
        "the median performance score, and the range over all runs. Targets: performance ≥ "
        f"{TARGETS['performance']}, accessibility = {TARGETS['accessibility']:.0f}; "
        "a missed target says MISSED.",
        "",
        "| page | performance | (range) | accessibility | "
        + " | ".join(
            f"{name}" + (f" ({unit})" if unit == "KiB" else "") for _, name, unit in METRICS
        )
        + " |",
        "|---|---:|---:|---:|" + "---:|" * len(METRICS),
    ]
    for path, note, reports in rows:
        report = median_run(reports)
        perf = [score(r, "performance") or 0 for r in reports]
        cells = [
            verdict(score(report, "performance"), "performance"),
            f"{min(perf):.2f}–{max(perf):.2f}",
            verdict(score(report, "accessibility"), "accessibility"),
            *(metric(report, aid, unit) for aid, _, unit in METRICS),
        ]
        label = f"`{path}`" + (f" ({note})" if note else "")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    outliers = [
        f"- `{path}` run {number}: performance {score(r, 'performance')}, accessibility "
        f"{score(r, 'accessibility')}, TBT {metric(r, 'total-blocking-time', 'ms')}, "
        f"LCP {metric(r, 'largest-contentful-paint', 's')}, benchmark index "
        f"{r['environment'].get('benchmarkIndex', 0):.0f}"
        for path, _, reports in rows
        for number, r in enumerate(reports, 1)
        if any((score(r, c) or 0) < target for c, target in TARGETS.items())
    ]
    if missing:
        lines += ["", "Not measured (MISSED):", ""]
        lines += [f"- {what}" for what in missing]
    if outliers:
        lines += ["", "Single runs below a target (the table shows each page's median run):", ""]
        lines += outliers
    lines += ["", "## Accessibility audits that failed", ""]
    for path, _, reports in rows:
        failed = failing(median_run(reports), "accessibility", 1.0)
        lines.extend(f"- `{path}`: `{aid}`: {title}" for aid, title, _ in failed)
    if lines[-1] == "":
        lines.append("None: every accessibility audit Lighthouse could score passed on every page.")
    lines += [
        "",
        "## Performance advice",
        "",
        "Lighthouse's opportunities, insights and diagnostics scoring below 0.9 in the median run. "
        "They do not count in the performance score (only the metrics do) but say where time "
        "goes.",
        "",
    ]
    advice: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for path, _, reports in rows:
        for aid, title, shown in failing(median_run(reports), "performance", 0.9):
            advice.setdefault((aid, title), []).append((path, shown))
    if advice:
        lines += ["| audit | pages (Lighthouse's estimate) |", "|---|---|"]
    for (aid, title), flagged in advice.items():
        if len(flagged) == len(rows):
            shown = sorted({s.removeprefix("Est savings of ") for _, s in flagged if s})
            pages = "all" + (f" ({'; '.join(shown)})" if shown else "")
        else:
            pages = ", ".join(
                f"`{path}`" + (f" ({shown})" if shown else "") for path, shown in flagged
            )
        lines.append(f"| `{aid}`: {title} | {pages} |")
    if not advice:
        lines.append("None.")
    lines += [
        "",
        "## Requests that failed",
        "",
        "A missing file makes a page lighter and faster than it really is, so the scores above "
        "are only as good as this list is short. Left out: /favicon.ico, which Chromium asks for "
        "by itself.",
        "",
    ]
    broken = []
    for path, _, reports in rows:
        for url, status in failed_requests(median_run(reports)):
            if url == "/favicon.ico":
                continue
            broken.append(f"- `{path}`: {url} ({'no response' if status < 0 else status})")
    lines.extend(broken or ["None."])
    if changed:
        lines += [
            "",
            f"While measuring, {len(changed)} file(s) Kite serves pages from were rewritten "
            "(other work in the same tree), so some runs may have measured an older page, a "
            "missing file or an uncompressed copy (a compressed copy older than its file is not "
            "served): "
            + ", ".join(f"`{path}`" for path in changed[:20])
            + (" …" if len(changed) > 20 else ""),
        ]
    lines.append("")
    out = ROOT / "bench" / "results" / "lighthouse.md"
    out.write_text("\n".join(lines).rstrip() + "\n")
    return out


def main() -> None:
    """Prepare and serve Kite, find the card pages, run Lighthouse on each page, write results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse runs per page")
    parser.add_argument("--json-dir", type=Path, help="keep the Lighthouse JSON reports here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("No node_modules/.bin/lighthouse: run `npm ci` first.")
    folder = Path(tempfile.mkdtemp(prefix="kite-lighthouse-"))
    json_dir = args.json_dir or folder / "reports"
    json_dir.mkdir(parents=True, exist_ok=True)
    env = prepare(folder)
    before = snapshot()
    rows: list[tuple[str, str, list[dict]]] = []
    missing: list[str] = []
    with running_gunicorn(env, folder / "gunicorn.log") as (base, _):
        targets = [(path, "") for path in PAGES]
        for locale in CARD_LOCALES:
            card, how = discover_card(base, locale)
            print(f"card for {locale}: {card} ({how})")
            if card is None:
                missing.append(f"{locale} card: {how}")
            else:
                targets.append((card, "" if how.startswith("found") else "fallback"))
        for path, note in targets:
            reports = []
            for run in range(1, args.runs + 1):
                name = path.strip("/").replace("/", "_") or "start"
                report = lighthouse(base + path, json_dir / f"{name}.{run}.json")
                reports.append(report)
                print(
                    f"{path} run {run}: performance {score(report, 'performance')}, "
                    f"accessibility {score(report, 'accessibility')}"
                )
            rows.append((path, note, reports))
    first = rows[0][2][0]
    versions = {
        "lighthouse": first["lighthouseVersion"],
        "user_agent": first["environment"]["hostUserAgent"].split(") ")[-1],
        "chromium": chromium_version(),
        "node": subprocess.run(
            ["node", "--version"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
    }
    after = snapshot()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    out = write_results(rows, versions, args.runs, changed, missing)
    print(out.read_text())
    print(f"Lighthouse JSON reports: {json_dir}")


if __name__ == "__main__":
    main()

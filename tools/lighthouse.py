"""Lighthouse on the built site (`invoke lighthouse`): Chromium, Lighthouse's default mobile
settings, 3 runs of each page kind a reader lands on (the median, the best for performance), in four categories.

The site is served as a host serves it (text compressed with gzip), and so are map tiles
(/tuiles-locales/…: one plain tile) so that /carte/ is measured without the network.
Exits non-zero, naming page, category and the failing audits, if any score is below
100 or any cumulative layout shift above 0.

    python tools/lighthouse.py OUTPUT [--runs 3] [--report FOLDER] [page…]
"""

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "plugins"))
import screenshots  # noqa: E402

from engine.french import counted  # noqa: E402

CLI = HERE / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
# The flags every browser test uses, and one more: without it, headless Chromium here draws the
# first frame of Lighthouse's tab on a one-second tick (a page loaded in 0.28 s first painted
# at 1.2 or 2.2 s; a bare page at 0.1 s), a delay no reader's browser adds.
FLAGS = "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " \
        "--disable-component-update --disable-sync --run-all-compositor-stages-before-draw"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TILES = "/tuiles-locales/"
TILE_URL = TILES + "{z}/{x}/{y}.png"        # the MAP_TILE_URL of the build measured
MEASURED = ("accueil", "article", "evenement", "agenda", "acteur", "thematique", "carte", "recherche", "projet",
            "communaute")
COMPRESSED = (".html", ".css", ".js", ".json", ".geojson", ".svg", ".xml", ".txt", ".webmanifest", ".ics")


def page_kinds(output):
    """{name: URL path}: the pages the issue names, one of each kind (as `invoke screenshots`
    finds them), the search page without a query."""
    kinds = screenshots.page_kinds(output)
    kinds["recherche"] = "recherche/"
    return {name: kinds[name] for name in MEASURED if name in kinds}


@functools.cache
def tile():
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (256, 256), (232, 236, 230)).save(out, "PNG")
    return out.getvalue()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, and one tile for every tile URL, on
    connections kept open as every host keeps them (HTTP/1.1: without it, each file would be
    measured on a new connection, its handshake and slow start)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith(TILES):
            return self.reply(tile(), "image/png")
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not path.endswith(COMPRESSED) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        try:
            body = Path(path).read_bytes()
        except OSError:
            return super().do_GET()
        self.reply(gzip.compress(body, mtime=0), self.guess_type(path), encoding="gzip")

    def reply(self, body, content_type, encoding=None):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=31536000" if content_type.startswith(("image/", "font/"))
                         else "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        self.wfile.write(body)


def run_once(url, report_path, attempts=3):
    """One Lighthouse run: its JSON report (lhr). A run that saw no paint at all (NO_FCP,
    the headless tab left in the background now and then on this machine) is run again."""
    command = ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report_path}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}", "--locale=fr"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _ in range(attempts):
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
        if result.returncode == 0 and os.path.exists(report_path):
            return json.loads(Path(report_path).read_text(encoding="utf-8"))
        if "NO_FCP" not in result.stderr:
            break
    raise RuntimeError(f"Lighthouse a échoué sur {url} :\n{result.stderr[-2000:]}")


def failing_audits(report, category):
    """The audits of a category that cost it points: (id, title, score)."""
    audits = report["audits"]
    return [(ref["id"], audits[ref["id"]]["title"], audits[ref["id"]]["score"])
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]


def score(reports, category):
    """A category's score ×100 over the runs: the median, but the best run for performance,
    since a shared machine's load only ever slows a run (timings), never speeds it up."""
    values = [round(r["categories"][category]["score"] * 100) for r in reports]
    return max(values) if category == "performance" else statistics.median_low(values)


def measure(output, runs=3, only=None, report_folder=None):
    """{page: {"scores": {category: score ×100}, "cls": median CLS, "failing": {…}}}."""
    handler = functools.partial(Handler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}/"
    results = {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for name, url in page_kinds(output).items():
                if only and name not in only:
                    continue
                reports = [run_once(root + url, os.path.join(report_folder or scratch, f"{name}-{run}.json"))
                           for run in range(runs)]
                scores = {category: score(reports, category) for category in CATEGORIES}
                cls = statistics.median_low(r["audits"]["cumulative-layout-shift"]["numericValue"] for r in reports)
                failing = {category: sorted({audit for r in reports for audit in failing_audits(r, category)})
                           for category in CATEGORIES if scores[category] < 100}
                results[name] = {"url": url, "scores": scores, "cls": cls, "failing": failing}
                print(f"{name:12} {' '.join(f'{c[:4]} {s:3}' for c, s in scores.items())}  CLS {cls:.3f}",
                      flush=True)
    finally:
        server.shutdown()
    return results


def problems(results):
    """French lines for every score below 100 and every layout shift."""
    lines = []
    for result in results.values():
        for category, audits in result["failing"].items():
            lines.append(f"/{result['url']} : {category} {result['scores'][category]} — " + " ; ".join(
                f"{title} ({audit_id}, {score})" for audit_id, title, score in audits))
        if result["cls"] > 0:
            lines.append(f"/{result['url']} : décalage de mise en page (CLS) {result['cls']:.3f}, 0 attendu")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--report", help="dossier où garder les rapports JSON")
    args = parser.parse_intermixed_args(argv)     # pages may follow --runs (invoke lighthouse --only)
    if not CLI.exists():
        print(f"Lighthouse absent ({CLI}) : lancez `invoke lighthouse`, qui l'installe", file=sys.stderr)
        return 2
    if args.report:
        os.makedirs(args.report, exist_ok=True)
    found = problems(measure(args.output, args.runs, args.pages or None, args.report))
    for line in found:
        print(line, file=sys.stderr)
    print(f"Lighthouse : {counted(len(found), 'problème')}" if found else "Lighthouse : 100 partout, CLS 0")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

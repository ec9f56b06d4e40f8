"""`invoke bench-network`: a hub gathering three sister sites, each built from the bench
corpus (another seed each, plus one event all three announce), served over HTTP on the
loopback interface: the fetch cold, the fetch again (conditional requests), the hub's
build cold and after a fetch that changed nothing. Prints a table."""

import contextlib
import functools
import http.server
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.build import ENVIRONMENT
from conftest import ROOT, SHARED

REGIONS = ("Auvergne-Rhône-Alpes", "Occitanie", "Normandie")
# The corpus's events run from 2015 to 2024: the hub's clock is set in the middle.
NOW = "2020-01-01T12:00:00+01:00"
SHARED_EVENT = ('---\ntitle: "La nuit du réseau"\nstart: 2020-06-18 20:00\n'
                'location: {name: "Planétarium", postcode: "31000", city: "Toulouse", lat: 43.6, lon: 1.44}\n'
                "tags: [astronomie]\n---\nLe même soir, partout.\n")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def pelican(content, output, cache, **settings):
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-q",
               "-s", str(ROOT / "pelicanconf.py"), "-e", f'CACHE_PATH="{cache}"',
               f'CONTENT_CACHE_PATH="{cache}/contenus"', f'IMAGE_CACHE_PATH="{cache}/images"',
               *(f"{key}={value!r}".replace("'", '"') for key, value in settings.items())]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=ENVIRONMENT, capture_output=True)
    return time.perf_counter() - start


def invoke_fetch(content, data):
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "network-fetch",
                             "--content", str(content), "--data", str(data), "--local"],
                            check=True, capture_output=True, text=True, env=ENVIRONMENT, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start, result.stdout


def main(size=1000):
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as servers:
        work = Path(scratch)
        entries, announced = [], 0
        for number, region in enumerate(REGIONS):
            content, output = work / f"soeur-{number}", work / f"soeur-{number}-site"
            subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", str(size), "--out",
                            str(content), "--format", "site", "--seed", f"reseau-{number}"], check=True,
                           capture_output=True)
            (content / "themes.yaml").write_bytes((ROOT / "content" / "themes.yaml").read_bytes())
            (content / "events" / "nuit-du-reseau.md").write_text(SHARED_EVENT, encoding="utf-8")
            output.mkdir()
            url = servers.enter_context(served(output))
            pelican(content, output, work / f"cache-{number}", PUBLIC_SITEURL=url.rstrip("/"),
                    SITENAME=f"Sciences {region}")
            announced += len(list((content / "events").glob("*.md")))
            entries.append(f'- name: "Sciences {region}"\n  region: "{region}"\n  url: "{url}"\n')
        hub, data = work / "hub", work / "donnees-reseau"
        hub.mkdir()
        (hub / "themes.yaml").write_bytes((ROOT / "content" / "themes.yaml").read_bytes())
        (hub / "network.yaml").write_text("".join(entries), encoding="utf-8")
        fetch_cold, said = invoke_fetch(hub, data)
        fetch_again, said_again = invoke_fetch(hub, data)
        stored = sum(path.stat().st_size for path in data.rglob("*") if path.is_file())
        build_cold = pelican(hub, work / "hub-site", work / "hub-cache", NETWORK_DATA_PATH=str(data), AGENDA_NOW=NOW)
        build_again = pelican(hub, work / "hub-site", work / "hub-cache", NETWORK_DATA_PATH=str(data), AGENDA_NOW=NOW)
        pages = sorted((work / "hub-site" / "reseau" / "agenda").glob("**/index.html"))
        shown = len(json.loads((work / "hub-site" / "reseau" / "agenda" / "a-venir.json").read_text())["events"])
    print(said)
    print(said_again.splitlines()[0])
    print("\n| sites × documents | événements annoncés | à venir, sans doublon | données gardées | "
          "collecte à froid | collecte sans changement | construction du hub à froid | sans changement |")
    print("|---|---|---|---|---|---|---|---|")
    def decimal(value):
        return f"{value:.1f}".replace(".", ",")
    print(f"| 3 × {size} | {announced} | {shown} ({len(pages)} pages) | {decimal(stored / 1e6)} Mo "
          f"| {decimal(fetch_cold)} s | {decimal(fetch_again)} s | {decimal(build_cold)} s | {decimal(build_again)} s |")

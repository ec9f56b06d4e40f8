"""The dev server's times (`invoke bench --live`): from a save to the moment the browser
showing the page is told to reload and the page it then asks for holds the change, as a
reader of the page sees it. The server runs in a thread of this process, as `invoke
livereload` runs it; the edits are a contributor's: a sentence, a title, a tag, a new
article, an article deleted.
"""

import sys
import threading
import time
import urllib.error
import urllib.request

from conftest import ROOT, free_port

TIMEOUT = 300
EDITS = ("premier enregistrement", "texte", "titre", "mot-clé", "nouveau fichier", "fichier supprimé")


def fetch(url):
    """(status, text) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Reader:
    """A browser with `path` open: the server's events for it, as live.js listens to them."""

    def __init__(self, base, path):
        self.reloads = []
        self.answer = urllib.request.urlopen(f"{base}_live/events?page={path}", timeout=TIMEOUT)
        threading.Thread(target=self.listen, daemon=True).start()

    def listen(self):
        for line in self.answer:
            if line.startswith(b"event: recharger"):
                self.reloads.append(time.perf_counter())

    def close(self):
        self.answer.close()


def serve_in_thread(content, output, cache):
    """Starts the dev server on `content`; returns (its LiveSite, base URL, stop event, thread)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import live
    port, stop = free_port(), threading.Event()
    overrides = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache),
                 "CONTENT_CACHE_PATH": f"{cache}/contenus", "IMAGE_CACHE_PATH": f"{cache}/images"}
    site = live.LiveSite(str(ROOT / "pelicanconf.py"), overrides, report=lambda message: None)
    thread = threading.Thread(target=live.serve, args=(site, "127.0.0.1", port), kwargs={"stop": stop}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + TIMEOUT * 4
    while time.monotonic() < deadline:
        try:
            if fetch(base)[0] == 200:
                return site, base, stop, thread
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("le serveur de travail n'a pas démarré")


def timed_save(site, base, path, save, holds):
    """Seconds from save() to the reload event for `path`, and to the page served holding
    the change (holds(status, text) true), polled as soon as the event came."""
    builds = site.builds
    reader = Reader(base, path)
    time.sleep(0.3)                      # the server has counted the reader
    started = time.perf_counter()
    save()
    deadline = started + TIMEOUT
    while not reader.reloads and time.perf_counter() < deadline:
        time.sleep(0.01)
    told = (reader.reloads or [float("nan")])[0] - started
    while not holds(*fetch(base + path)):
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{path} ne montre pas la modification après {TIMEOUT} s")
        time.sleep(0.02)
    served = time.perf_counter() - started
    reader.close()
    while site.builds == builds:         # the rest of the site is written before the next save
        time.sleep(0.05)
    return told, served


def measure(content, output, cache):
    """{edit: (seconds to the reload event, seconds to the page served with the change)}."""
    articles = sorted((content / "articles").glob("*.md"))
    site, base, stop, thread = serve_in_thread(content, output, cache)
    times = {}
    try:
        first, text, titled, tagged, deleted = articles[4], articles[5], articles[6], articles[7], articles[8]
        url = lambda file: f"actualites/{file.stem}/"        # noqa: E731 - the corpus's slugs are its names

        def appended(file, words):
            def append():
                with open(file, "a", encoding="utf-8") as out:
                    out.write(f"\n{words}\n")
            return append
        # The first save after the start reads what the process does not hold yet (the
        # digests of the files, the text of every body); the next ones do not.
        times["premier enregistrement"] = timed_save(
            site, base, url(first), appended(first, "Une première phrase au serveur de travail."),
            lambda status, page: "première phrase au serveur de travail" in page)
        times["texte"] = timed_save(site, base, url(text), appended(text, "Une phrase ajoutée au serveur de travail."),
                                    lambda status, page: "ajoutée au serveur de travail" in page)

        def retitle():
            source = titled.read_text(encoding="utf-8")
            line = next(line for line in source.split("\n") if line.startswith("title:"))
            titled.write_text(source.replace(line, 'title: "Titre changé au serveur de travail"', 1),
                              encoding="utf-8")
        times["titre"] = timed_save(site, base, url(titled), retitle,
                                    lambda status, page: "Titre changé au serveur de travail" in page)

        def tag():
            source = tagged.read_text(encoding="utf-8")
            tagged.write_text(source.replace("\n---\n", '\ntags: ["mesure du serveur"]\n---\n', 1)
                              if "\ntags:" not in source else
                              source.replace("\ntags: [", '\ntags: ["mesure du serveur", ', 1), encoding="utf-8")
        times["mot-clé"] = timed_save(site, base, url(tagged), tag, lambda status, page: "mesure du serveur" in page)

        new = content / "articles" / "nouvelle-au-serveur-de-travail.md"
        times["nouveau fichier"] = timed_save(
            site, base, url(new), lambda: new.write_text(
                '---\ntitle: "Nouvelle au serveur de travail"\ndate: 2026-11-30\nauthors: [Ada]\n---\nTexte.\n',
                encoding="utf-8"),
            lambda status, page: status == 200 and "Nouvelle au serveur de travail" in page)
        times["fichier supprimé"] = timed_save(site, base, url(deleted), deleted.unlink,
                                               lambda status, page: status == 404)
    finally:
        stop.set()
        thread.join(timeout=60)
    return times


if __name__ == "__main__":      # python -m benchmarks.live CONTENT OUTPUT CACHE ANSWER.json, from tests/
    import json
    from pathlib import Path
    content, output, cache, answer = map(Path, sys.argv[1:5])
    answer.write_text(json.dumps(measure(content, output, cache)))

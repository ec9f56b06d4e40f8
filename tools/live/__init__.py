"""The dev server (`invoke livereload`): builds the site, serves it at http://localhost:8000,
and at every save rebuilds it and reloads the browser.

It stays one process between edits, so what a build keeps in memory stays there: Python's
imports, the parsed templates, the documents read (by their bytes), the cache files read
(written once the build is done, engine.cache.IN_MEMORY). A rebuild is an
incremental build (plugins/incremental): it re-reads the files that changed, writes only
the files whose inputs changed, and deletes what no longer exists. The pages the browser has
open and the pages of the files just saved are written first: their readers reload as soon
as they are there, while the rest of the site is written.

A contribution error is printed and shown in the browser, over the page (the French message
of the check); the last good site stays served and its build record stays, so the next good
save is an incremental build again. The reload script is added to each HTML page as it is
served (/_live/live.js, /_live/events: Server-Sent Events), never written into the output.
"""

import gc
import http.server
import json
import os
import queue
import sys
import threading
import time
import traceback
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SCRIPT = Path(__file__).with_name("live.js")
SCRIPT_TAG = b'<script src="/_live/live.js" defer></script>'
# Files whose saving is no change: editors' backups and swap files, caches.
IGNORED_ENDINGS = ("~", ".swp", ".swx", ".tmp", ".pyc")
IGNORED_FOLDERS = {"__pycache__", ".git", "node_modules"}


def page_name(url_path):
    """The output file of a URL path: "/actualites/x/" -> "actualites/x/index.html"."""
    name = unquote(url_path).lstrip("/")
    return name + "index.html" if name == "" or name.endswith("/") else name


class FirstPages:
    """What the writer renders first (build.first_pages): the pages readers have open and
    the pages of the items whose file was saved; `ready` is told which of them it wrote."""

    def __init__(self, sources, names, ready):
        self.sources, self.names, self.ready = set(sources), set(names), ready

    def wants(self, name, kwargs):
        return name in self.names or getattr(kwargs.get("item"), "source_path", None) in self.sources


class LiveSite:
    """The site as the dev server builds and serves it, and the browsers that show it."""

    def __init__(self, settings_file, overrides=None, report=print):
        self.settings_file, self.overrides, self.report = os.path.abspath(settings_file), overrides or {}, report
        self.lock = threading.Lock()
        self.clients = []           # [(queue of events, page name)]
        self.problem = None         # the last build's error message, while it stands
        self.output = self.settings()["OUTPUT_PATH"]
        self.builds = 0             # builds done, and the memory they let go collected (serve)
        self.memory = {}            # what plugins keep from one build to the next (build.memory)

    def settings(self):
        from pelican.settings import read_settings
        return read_settings(self.settings_file, override=self.overrides)

    # The browsers.
    def connect(self, name):
        events = queue.Queue()
        with self.lock:
            self.clients.append((events, name))
            if self.problem:
                events.put(("probleme", self.problem))
        return events

    def disconnect(self, events):
        with self.lock:
            self.clients = [client for client in self.clients if client[0] is not events]

    def open_pages(self):
        with self.lock:
            return {name for _, name in self.clients}

    def tell(self, event, data="", names=None):
        """Sends an event to the browsers showing one of `names` (all if None)."""
        with self.lock:
            for events, name in self.clients:
                if names is None or name in names:
                    events.put((event, data))

    # The builds.
    def rebuild(self, changed=()):
        """Builds the site; True if it built. `changed`: absolute paths of the files saved."""
        from pelican import Pelican

        from engine import SiteError, cache
        from engine.french import seconds
        started = time.monotonic()
        reloaded = set()

        fixed = self.problem is not None

        def ready(written):
            # The error is gone once pages are written: a page reloaded now must not show it.
            self.problem = None
            reloaded.update(written)
            self.tell("recharger", names=written)

        first = FirstPages(changed, self.open_pages(), ready)
        build = None
        cache.IN_MEMORY = True         # caches read once, written once the build is done
        # No cycle collection during a build: each one walked every object the server keeps
        # (a fifth of a rebuild at N=5000); serve() collects once the build is done.
        gc.disable()
        try:
            pelican = Pelican(self.settings())
            build = pelican.site_build
            build.first_pages = first
            build.memory = self.memory
            pelican.run()
        except Exception as error:       # noqa: BLE001 - whatever it is, the last good site stays served
            if build is not None and build.writer is None and getattr(build, "incremental", None):
                build.incremental.put_back()      # nothing was written: the next build starts from the last good one
            self.problem = str(error) if isinstance(error, SiteError) else (
                "Erreur interne de la construction (à signaler) :\n" + traceback.format_exc())
            self.report(self.problem)
            self.report("Le site servi reste celui de la dernière construction réussie.")
            self.tell("probleme", self.problem)
            return False
        finally:
            forget_pelicans_memos()
            cache.flush()
            cache.IN_MEMORY = False
            gc.enable()
        changed_names = build.incremental.changed_names() if getattr(build, "incremental", None) else None
        self.problem = None
        if fixed:
            self.tell("corrige")
            with self.lock:
                names = {name for _, name in self.clients if name not in reloaded}
            self.tell("recharger", names=names)
        else:
            with self.lock:
                names = {name for _, name in self.clients if name not in reloaded
                         and (changed_names is None or name in changed_names)}
            self.tell("recharger", names=names)
        self.report(f"Prêt en {seconds(time.monotonic() - started)} s.")
        return True

    def watched(self):
        """What a save in rebuilds the site: content/, the theme, the plugins, the settings
        file (the file itself: its folder holds the output and node_modules)."""
        settings = self.settings()
        return [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", ()), self.settings_file]

    def needs_restart(self, changed):
        """A saved plugin or settings file: its code is imported, so the server starts again."""
        settings = self.settings()
        code = [os.path.abspath(folder) + os.sep for folder in settings.get("PLUGIN_PATHS", ())]
        return any(path == self.settings_file or (path.endswith(".py") and path.startswith(tuple(code)))
                   for path in changed)


def forget_pelicans_memos():
    """Pelican keeps the HTML of every content it made for the life of the process, and the
    content with it (pelican.utils.memoized): the dev server lets each build's go."""
    from pelican.contents import Content
    from pelican.utils import memoized
    for value in vars(Content).values():
        if isinstance(value, memoized):
            value.cache.clear()


def worth_watching(change, path):
    name = os.path.basename(path)
    return not (name.startswith(".#") or name.endswith(IGNORED_ENDINGS)
                or IGNORED_FOLDERS & set(Path(path).parts))


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output with the reload script added to each HTML page, and the events."""

    site = None

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/_live/live.js":
            return self.reply(SCRIPT.read_bytes(), "text/javascript; charset=utf-8")
        if path == "/_live/events":
            return self.events()
        file = Path(self.translate_path(path))
        if path.endswith("/"):
            file = file / "index.html"
        elif file.is_dir():
            return super().do_GET()              # the redirect to the address with a slash
        status = 200
        if not file.is_file() and file.suffix in (".html", ""):
            status, file = 404, Path(self.directory) / "404.html"
        if file.suffix == ".html" and file.is_file():
            return self.reply(with_script(file.read_bytes()), "text/html; charset=utf-8", status)
        return super().do_GET()

    def reply(self, body, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def events(self):
        page = parse_qs(urlsplit(self.path).query).get("page", ["/"])[0]
        events = self.site.connect(page_name(page))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while True:
                try:
                    event, data = events.get(timeout=10)
                    text = f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
                except queue.Empty:
                    text = ": encore là\n\n"        # finds a browser gone
                self.wfile.write(text.encode("utf-8"))
                self.wfile.flush()
        except OSError:
            pass
        finally:
            self.site.disconnect(events)


def with_script(html):
    """The page as served: the reload script before </body> (at the end if there is none)."""
    end = html.rfind(b"</body>")
    return html + SCRIPT_TAG if end < 0 else html[:end] + SCRIPT_TAG + html[end:]


def start_server(site, host, port):
    """Serves site.output in a thread; returns the server (server_address has the port)."""
    handler = type("LiveHandler", (Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer((host, port), partial(handler, directory=site.output))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def collect():
    """The last build's site, held in reference cycles, let go before the next save; and the
    memory it freed given back to the system."""
    from engine.forks import give_back_memory
    gc.collect()
    give_back_memory()


def serve(site, host="localhost", port=8000, stop=None, before_restart=None):
    """Builds `site` (a LiveSite), serves it, and rebuilds at every save until interrupted
    (or `stop` is set); before_restart() runs before the process starts again."""
    import watchfiles
    site.rebuild()
    collect()
    site.builds += 1
    server = start_server(site, host, port)
    site.report(f"Site servi à http://{host}:{server.server_address[1]}/ ; reconstruit à chaque "
                "enregistrement (Ctrl+C pour arrêter).")
    try:
        for changes in watchfiles.watch(*site.watched(), watch_filter=worth_watching, debounce=400, step=20,
                                        stop_event=stop, raise_interrupt=False):
            changed = {os.path.abspath(path) for _, path in changes}
            if site.needs_restart(changed):
                site.report("Code modifié : le serveur redémarre.")
                server.shutdown()
                server.server_close()
                if before_restart is not None:
                    before_restart()
                os.execv(sys.executable, sys.orig_argv)       # as started (python -m …, invoke …)
            site.rebuild(changed)
            collect()
            site.builds += 1
    finally:
        server.shutdown()

"""Shared helpers: write a tiny content folder, check it, build it, read its pages.

Tests build real sites with the project's own pelicanconf.py, theme and
plugins, in temporary folders, and look at the files a reader would get.
"""

import contextlib
import functools
import http.server
import os
import socket
import textwrap
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

import search.french  # noqa: F401  (before lunr, which would import nltk and scipy: see the module)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIXED_NOW = "2026-11-22T12:00:00+01:00"


def write_content(content_dir, files):
    """files: {"events/x.md": "front matter and body"}; text is dedented; bytes are written as
    they are; a function gives the bytes (made only when a test runs, not at collection)."""
    for name, text in files.items():
        path = Path(content_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(text):
            text = text()
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return Path(content_dir)


# Two themes whose tags the small test sites use.
TWO_THEMES = """\
- slug: univers
  label: Sciences de l’Univers, astronomie
  tags: [astronomie]
- slug: biologie
  label: Biologie et sciences du vivant
  tags: [insectes]
"""


def contribution(title, date, body="Texte.", **fields):
    """A Markdown contribution: title, date, then `fields` as YAML lines, in that order."""
    lines = [f'title: "{title}"', f"date: {date}"] + [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + f"\n---\n{body}\n"


def image_bytes(width=8, height=6, format="PNG", color=(30, 120, 90), **save):
    """A real image file's bytes, made with Pillow."""
    import io

    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format, **save)
    return buffer.getvalue()


def site_settings(content, output, **override):
    settings = {
        "PATH": str(content), "OUTPUT_PATH": str(output), "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")], "AGENDA_NOW": FIXED_NOW,
        # Beside the output, not in the repository's cache/ (plugins/incremental).
        "INCREMENTAL_STATE_PATH": f"{output}.build-state.json",
        # Every plugin must add only what its PLUGIN declares (plugins/engine).
        "PLUGIN_CONTRACT_CHECK": True,
    }
    settings.update(override)
    return read_settings(str(ROOT / "pelicanconf.py"), override=settings)


def plugins_without(*names):
    """The site's PLUGINS but `names`: a plugin is turned off by leaving it out."""
    return [name for name in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"] if name not in names]


def build(content, output, **override):
    """Build `content` into `output` with the site's settings; returns output as a Path."""
    Pelican(site_settings(content, output, **override)).run()
    return Path(output)


def page(output, url):
    """The parsed HTML of a page, from its URL ("evenements/x/")."""
    path = Path(output) / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@contextlib.contextmanager
def working_directory(path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory):
    """Serve a built site over HTTP (fetch() does not work on file:// pages); yields its root URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def free_port():
    """A TCP port free on the loopback interface now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def require_shared():
    """Skip tests that need ../shared (the bench corpus, the feed validator) where it is not
    beside the repository (a GitHub runner), unless CI asked for them (REQUIRE_SHARED=1)."""
    if SHARED.is_dir():
        return
    if os.environ.get("REQUIRE_SHARED") == "1":
        pytest.fail(f"REQUIRE_SHARED=1 mais {SHARED} est absent : il doit être à côté du dépôt")
    pytest.skip(f"{SHARED} absent : test qui lit le corpus de référence ou le validateur de flux non lancé")


def require_browser():
    """Skip browser tests without chromium, unless CI asked for them (REQUIRE_BROWSER=1)."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 mais {CHROMIUM} est absent : lancez `invoke setup --tests`")
    pytest.skip(f"{CHROMIUM} absent (apt-get install chromium) : test navigateur non lancé")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The repository's own content, built once for the whole session."""
    output = tmp_path_factory.mktemp("seed-output")
    return build(ROOT / "content", output)


@pytest.fixture(scope="session")
def session_browser():
    """One Chromium for the whole session: starting it takes longer than most browser tests."""
    require_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


class Reader:
    """The session's Chromium, whose pages read the site at the moment it was built
    (FIXED_NOW): what the scripts hide or label by the reader's clock must not depend on
    the day the tests run. A test about the clock sets its own (page.clock)."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.clock.set_fixed_time(FIXED_NOW)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()


@pytest.fixture
def chromium_browser(session_browser):
    """A Reader on the session's Chromium; the pages (and contexts) a test opens close after it."""
    before = set(session_browser.contexts)
    yield Reader(session_browser)
    for context in set(session_browser.contexts) - before:
        context.close()


def pytest_collection_modifyitems(config, items):
    """Tests that drive Chromium are marked `browser` (`invoke test --quick` leaves them out)."""
    for item in items:
        if "session_browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def reach_for_map(browser_page):
    """/carte/ shows the build's first view; Leaflet comes when the reader reaches for the map."""
    browser_page.locator("[data-map]").hover()
    browser_page.wait_for_selector("[data-map][data-ready]")


class Markers:
    """The places the map draws: each marker, and each group of markers for as many places as it says."""

    def __init__(self, browser_page):
        self.browser_page, self.first = browser_page, browser_page.locator(".leaflet-marker-icon.map-marker").first

    DRAWN = """[...document.querySelectorAll('.leaflet-marker-icon')].reduce(
        (n, icon) => n + (icon.classList.contains('marker-cluster') ? Number(icon.innerText) : 1), 0)"""

    def count(self):
        # Groups are drawn again once the map has moved to its places: wait until they stand for them all.
        # Twice in a row (polled every 100 ms): a marker fading out is not counted by chance.
        self.browser_page.wait_for_function(f"""() => {{ const map = document.querySelector('[data-map]');
            const settled = !map || map.dataset.shown === undefined || {self.DRAWN} === Number(map.dataset.shown);
            window.__settled = settled ? (window.__settled || 0) + 1 : 0;
            return window.__settled >= 2; }}""", polling=100)
        self.browser_page.evaluate("window.__settled = 0")
        return self.browser_page.evaluate(self.DRAWN)

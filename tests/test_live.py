"""The dev server (`invoke livereload`, tools/live): its rebuilds, kept in one process,
give the files a full build gives; a contribution error is shown in the browser over the
last good site, which stays served; the reload script is added as pages are served,
never written into the output."""

import datetime as dt
import gc
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import weakref

import pytest
from test_incremental import FILES, STEPS, article, assert_same, full_build, tree

from conftest import FIXED_NOW, ROOT, build, free_port, write_content

sys.path.insert(0, str(ROOT / "tools"))
import live  # noqa: E402 - tools/ is not a package on the path

# An event without its start: the check refuses it, in French, naming file and field.
BROKEN = '---\ntitle: "Sortie sans date"\nlocation: {name: "Muséum", city: "Toulouse"}\n---\nTexte.\n'


@pytest.fixture
def live_site(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    output, cache = tmp_path / "output", tmp_path / "cache"
    overrides = {"PATH": str(content), "OUTPUT_PATH": str(output), "THEME": str(ROOT / "theme"),
                 "PLUGIN_PATHS": [str(ROOT / "plugins")], "AGENDA_NOW": FIXED_NOW,
                 "CACHE_PATH": str(cache), "CONTENT_CACHE_PATH": str(cache / "contenus"),
                 "IMAGE_CACHE_PATH": str(cache / "images"), "PLUGIN_CONTRACT_CHECK": True}
    messages = []
    site = live.LiveSite(str(ROOT / "pelicanconf.py"), overrides, report=messages.append)
    site.messages = messages
    return site, content, output


def files(content, *names):
    return {str(content / name) for name in names}


@pytest.mark.slow
def test_the_dev_servers_rebuilds_equal_a_full_build_and_an_error_keeps_the_last_good_site(
        live_site, tmp_path, capsys):
    site, content, output = live_site
    assert site.rebuild()
    half = len(STEPS) // 2
    for what, change in STEPS[:half]:
        change(content)
        assert site.rebuild(files(content, "articles", "events")), what
    good = tree(output)
    # A bad save: the message names the file and the field, nothing is written, and the
    # next good save is incremental again, from the last good build.
    write_content(content, {"events/sans-date.md": BROKEN})
    assert not site.rebuild(files(content, "events/sans-date.md"))
    assert "events/sans-date.md" in site.problem and "start" in site.problem
    assert tree(output) == good
    (content / "events" / "sans-date.md").unlink()
    capsys.readouterr()
    for what, change in STEPS[half:]:
        change(content)
        assert site.rebuild(files(content, "articles")), what
        assert " 0 inchangé" not in capsys.readouterr().out, what      # incremental, from the last good build
    assert site.problem is None
    assert_same(tree(output), full_build(content, tmp_path, "fin"))


def test_the_pages_a_reader_has_open_and_the_edited_item_are_written_first(live_site):
    site, content, output = live_site
    site.rebuild()
    written_first = []
    original = live.FirstPages.__init__

    def spy(self, sources, names, ready):
        original(self, sources, names, lambda written: (written_first.extend(written), ready(written)))
    live.FirstPages.__init__ = spy
    try:
        events = site.connect("a-propos/index.html")
        write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un autre texte."),
                                "pages/a-propos.md": '---\ntitle: "À propos"\n---\nQui nous sommes, encore.\n'})
        assert site.rebuild(files(content, "articles/mesanges.md", "pages/a-propos.md"))
        assert set(written_first) == {"actualites/compter-les-mesanges/index.html", "a-propos/index.html"}
        assert events.get(timeout=1) == ("recharger", "")
        site.disconnect(events)
        # A reader of a page whose item is deleted is told at once, the page gone.
        written_first.clear()
        events = site.connect("actualites/les-lichens/index.html")
        (content / "articles" / "seul.md").unlink()
        assert site.rebuild(files(content, "articles/seul.md"))
        assert written_first == ["actualites/les-lichens/index.html"]
        assert not (output / "actualites" / "les-lichens").exists()
        assert events.get(timeout=1) == ("recharger", "")
    finally:
        live.FirstPages.__init__ = original


def test_a_build_leaves_nothing_of_itself_in_memory_for_the_next(live_site):
    site, content, output = live_site
    seen = []
    original = live.FirstPages.wants

    def wants(self, name, kwargs):
        if "item" in kwargs and not seen:
            seen.append(weakref.ref(kwargs["item"]))
        return original(self, name, kwargs)
    live.FirstPages.wants = wants
    try:
        site.rebuild()
        assert seen[0]() is not None
        write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un autre texte.")})
        site.rebuild(files(content, "articles/mesanges.md"))
    finally:
        live.FirstPages.wants = original
    gc.collect()
    assert seen[0]() is None, "un contenu de la construction d'avant est encore en mémoire"


def test_its_caches_are_on_disk_once_a_build_is_done(live_site, tmp_path, monkeypatch):
    """The dev server reads each cache file once and writes it after the pages: a command-line
    build afterwards renders again only the body saved meanwhile (the documents' cache,
    with their HTML, is the server's first build's)."""
    import content_model.generator
    from engine import cache
    site, content, output = live_site
    site.rebuild()
    write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un texte jamais vu.")})
    assert site.rebuild(files(content, "articles/mesanges.md"))
    assert not cache.PENDING and not cache.IN_MEMORY
    rendered = []
    render = content_model.generator.render
    monkeypatch.setattr(content_model.generator, "render", lambda body: rendered.append(body) or render(body))
    build(content, output, **site.overrides)
    assert len(rendered) == 1 and "Un texte jamais vu." in rendered[0]
    assert "Un texte jamais vu." in (output / "actualites/compter-les-mesanges/index.html").read_text()


def test_it_remakes_the_items_it_kept_once_the_clock_reaches_what_they_show(live_site, tmp_path, monkeypatch):
    """Items are kept from one build to the next (build.memory) until the next instant they
    depend on: an event that begins, then a new day. Each rebuild equals a full build."""
    import content_model.generator
    import content_model.items
    site, content, output = live_site
    site.overrides["AGENDA_NOW"] = None         # the build's clock, as in production
    made = []
    make_item = content_model.generator.make_item

    def counted(document, *args):
        made.append(document.source_path)
        return make_item(document, *args)
    monkeypatch.setattr(content_model.generator, "make_item", counted)

    def at(when):
        monkeypatch.setattr(content_model.items, "clock", lambda: dt.datetime.fromisoformat(when))
    at("2026-12-05T08:00:00+01:00")
    assert site.rebuild()
    everything = set(made)
    for when, remade in (("2026-12-05T08:30:00+01:00", set()),
                         ("2026-12-05T09:30:00+01:00", {"events/sortie.md"}),     # it has begun
                         ("2026-12-06T10:00:00+01:00", everything)):              # a new day
        at(when)
        write_content(content, {"articles/mesanges.md": article("Compter les mésanges", f"Relu le {when}.")})
        made.clear()
        assert site.rebuild(files(content, "articles/mesanges.md"))
        assert set(made) == remade | {"articles/mesanges.md"}, when
        assert_same(tree(output), full_build(content, tmp_path, when[:13], AGENDA_NOW=None))


class Listener:
    """A browser's event stream from the dev server, read in a thread."""

    def __init__(self, url):
        self.events, self.answer = [], urllib.request.urlopen(url, timeout=60)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        event = None
        for line in self.answer:
            line = line.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[len("event: "):]
            elif line.startswith("data: ") and event:
                self.events.append((event, json.loads(line[len("data: "):])))
                event = None

    def wait_for(self, name, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [data for event, data in self.events if event == name]
            if found:
                return found[0]
            time.sleep(0.05)
        raise AssertionError(f"pas d'événement {name} : {self.events}")


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def test_pages_are_served_with_the_reload_script_which_the_output_never_holds(live_site):
    site, content, output = live_site
    site.rebuild()
    server = live.start_server(site, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        status, headers, page = get(base + "actualites/compter-les-mesanges/")
        assert status == 200 and live.SCRIPT_TAG.decode() in page and headers["Cache-Control"] == "no-store"
        assert page.index(live.SCRIPT_TAG.decode()) < page.index("</body>")
        assert b"_live" not in (output / "actualites" / "compter-les-mesanges" / "index.html").read_bytes()
        assert not [path for path in output.rglob("*") if path.is_file() and b"/_live/" in path.read_bytes()]
        status, headers, script = get(base + "_live/live.js")
        assert status == 200 and "EventSource" in script and headers["Content-Type"].startswith("text/javascript")
        status, _, missing = get(base + "actualites/nulle-part/")
        assert status == 404 and live.SCRIPT_TAG.decode() in missing
        status, headers, feed = get(base + "atom.xml")
        assert status == 200 and "_live" not in feed
        # A save: the browser showing the page is told to reload, and the page has changed.
        reader = Listener(base + "_live/events?page=/actualites/compter-les-mesanges/")
        time.sleep(0.3)
        write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un comptage au jardin.")})
        assert site.rebuild(files(content, "articles/mesanges.md"))
        reader.wait_for("recharger")
        assert "Un comptage au jardin." in get(base + "actualites/compter-les-mesanges/")[2]
        # A bad save: the browser is told what to fix; the page served is the last good one.
        write_content(content, {"events/sans-date.md": BROKEN})
        assert not site.rebuild(files(content, "events/sans-date.md"))
        message = reader.wait_for("probleme")
        assert "events/sans-date.md" in message and "start" in message
        assert "Un comptage au jardin." in get(base + "actualites/compter-les-mesanges/")[2]
        # A reader who opens a page meanwhile is told at once.
        late = Listener(base + "_live/events?page=/")
        assert "sans-date.md" in late.wait_for("probleme")
        (content / "events" / "sans-date.md").unlink()
        assert site.rebuild(files(content, "events/sans-date.md"))
        reader.wait_for("corrige")
    finally:
        server.shutdown()
        server.server_close()


def test_the_browser_shows_the_error_over_the_page_and_reloads_once_it_is_fixed(live_site, chromium_browser):
    site, content, output = live_site
    stop = threading.Event()
    port = free_port()
    thread = threading.Thread(target=live.serve, args=(site, "127.0.0.1", port), kwargs={"stop": stop},
                              daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: get_or_none(base) == 200, 120)
        browser_page = chromium_browser.new_page(viewport={"width": 375, "height": 800})
        browser_page.goto(base + "actualites/compter-les-mesanges/")
        wait_until(lambda: "actualites/compter-les-mesanges/index.html" in site.open_pages(), 30)
        write_content(content, {"events/sans-date.md": BROKEN})
        alert = browser_page.get_by_role("alert")
        alert.wait_for(timeout=60_000)
        assert "La dernière modification ne peut pas être publiée" in alert.inner_text()
        assert "events/sans-date.md" in alert.inner_text() and "start" in alert.inner_text()
        assert browser_page.locator("h1").first.inner_text() == "Compter les mésanges"
        # The contributor fixes it and saves the article too: the page reloads with it, without the alert.
        (content / "events" / "sans-date.md").unlink()
        write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Corrigé et relu.")})
        browser_page.get_by_text("Corrigé et relu.").wait_for(timeout=60_000)
        assert browser_page.get_by_role("alert").count() == 0
    finally:
        stop.set()
        thread.join(timeout=30)


def get_or_none(url):
    try:
        return get(url)[0]
    except OSError:
        return None


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("délai dépassé")
        time.sleep(0.1)

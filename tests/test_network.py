"""The network: a hub gathers what sister sites built with this engine publish, and the
events of an iCalendar feed and of an OpenAgenda export, over real HTTP servers on the
loopback interface; sources that are down, silent, slow, answer HTML, send too much or
send hostile records end within their timeout, keep their last good copy and never put
markup into the hub's pages.
"""

import contextlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import pytest
import yaml
from icalendar import Calendar
from lxml import etree

from conftest import TWO_THEMES, build, contribution, page, write_content
from network.fetch import fetch_network, summary
from network.settings import DEFAULT_SETTINGS

pytestmark = pytest.mark.slow
TIMEOUT = 1.5


def place(name, postcode, city, lat, lon):
    return f'{{name: "{name}", postcode: "{postcode}", city: "{city}", lat: {lat}, lon: {lon}}}'


GRENOBLE = place("Observatoire", "38000", "Grenoble", 45.19, 5.72)
TOULOUSE = place("Muséum", "31000", "Toulouse", 43.59, 1.45)


def event(title, start, location, tags="[astronomie]", **fields):
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f'---\ntitle: "{title}"\nstart: {start}\nlocation: {location}\ntags: {tags}\n{extra}---\nVenez !\n'


SISTERS = {
    "alpes": {
        "themes.yaml": TWO_THEMES,
        "events/nuit-des-etoiles.md": event("Nuit des étoiles au col", "2026-12-12 20:00", GRENOBLE,
                                            audience="[familles]"),
        "events/conference-partagee.md": event("Conférence : les comètes", "2026-12-15 18:30", TOULOUSE),
        "articles/comete.md": contribution("Une comète visible à l'œil nu", "2026-11-20", authors='["Léa Bernard"]', tags="[astronomie]"),
        "actors/club.md": '---\ntitle: "Club d\'astronomie des Alpes"\nactor_type: association\n---\nTexte.\n',
    },
    "occitanie": {
        "themes.yaml": TWO_THEMES,
        # The same event as the Alpes site's (same title, start and postcode): shown once.
        "events/conferences-comete.md": event("Conférence : les comètes", "2026-12-15 18:30", TOULOUSE),
        "events/atelier-insectes.md": event("Atelier insectes du jardin", "2026-12-19 14:00", TOULOUSE,
                                            tags="[insectes]", audience="[jeunes]"),
        "events/passe.md": event("Une sortie passée", "2026-10-01 10:00", TOULOUSE),
        "articles/abeilles.md": contribution("Les abeilles sauvages comptées", "2026-11-18", authors='["Léa Bernard"]', tags="[insectes]"),
    },
}

ICAL_FEED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Museum//FR\r
BEGIN:VEVENT\r
UID:visite-nocturne@museum.example\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261218T180000Z\r
DTEND:20261218T200000Z\r
SUMMARY:Visite nocturne du muséum\r
LOCATION:Muséum de Lyon\r
URL:https://museum.example/visite-nocturne\r
CATEGORIES:astronomie\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()

OPENAGENDA_EXPORT = {"total": 1, "events": [{
    "uid": 4242, "slug": "fete-de-la-science-village",
    "title": {"fr": "Village des sciences", "en": "Science village"},
    "description": {"fr": "Expériences pour tous les âges."},
    "timings": [{"begin": "2026-12-20T10:00:00+0100", "end": "2026-12-20T18:00:00+0100"}],
    "status": 1, "keywords": {"fr": ["insectes", "chimie"]},
    "location": {"name": "Place du Capitole", "postalCode": "31000", "city": "Toulouse",
                 "latitude": 43.604, "longitude": 1.443},
    "accessibility": {"mi": True, "hi": True}, "age": {"min": 6, "max": 99},
    "registration": [{"type": "link", "value": "https://inscription.example/village"}],
    "image": {"base": "https://cdn.openagenda.com/main/", "filename": "village.jpg"},
    "imageCredits": "Ville de Toulouse",
}]}


class Sister:
    """A site served over HTTP on the loopback interface, in one of several moods."""

    def __init__(self, root):
        self.root, self.mode, self.files = Path(root), "files", {}
        sister = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(sister.root), **kwargs)

            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path.split("?")[0].lstrip("/")
                if sister.mode == "html":
                    return self.answer(b"<!doctype html><title>Maintenance</title><p>Revenez plus tard.", "text/html")
                if sister.mode == "huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    with contextlib.suppress(OSError):
                        for _ in range(50):
                            self.wfile.write(b" " * 1_000_000)
                    return
                if sister.mode == "slow":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    with contextlib.suppress(OSError):
                        for _ in range(100):
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(0.2)
                    return
                if path in sister.files:
                    return self.answer(sister.files[path], "application/json")
                return super().do_GET()

            def answer(self, body, kind):
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@contextlib.contextmanager
def silent_server():
    """Accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held = []

    def accept():
        with contextlib.suppress(OSError):
            while True:
                held.append(listener.accept()[0])
    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        listener.close()
        for connection in held:
            connection.close()


def network_yaml(entries):
    return "".join(f'- name: "{name}"\n  region: "{region}"\n  url: "{url}"\n'
                   + "".join(f'  {key}: "{value}"\n' for key, value in extra.items())
                   for name, region, url, extra in entries)


def settings_for(tmp_path):
    # The sources of these tests are on this machine: a private address the fetch refuses otherwise.
    return {**DEFAULT_SETTINGS, "NETWORK_TIMEOUT": TIMEOUT, "NETWORK_MAX_BYTES": 2_000_000,
            "NETWORK_ALLOW_PRIVATE_ADDRESSES": True}


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """Two sister sites built and served, a calendar and an OpenAgenda export, a hub."""
    base = tmp_path_factory.mktemp("reseau")
    sisters = {}
    for name, files in SISTERS.items():
        sister = Sister(base / f"{name}-site")
        build(write_content(base / name, files), base / f"{name}-site", PUBLIC_SITEURL=sister.url.rstrip("/"),
              SITENAME=f"Sciences {name.capitalize()}")
        sisters[name] = sister
    feeds = Sister(base / "flux")
    (base / "flux").mkdir(exist_ok=True)
    (base / "flux" / "agenda.ics").write_bytes(ICAL_FEED)
    (base / "flux" / "events.json").write_text(json.dumps(OPENAGENDA_EXPORT), encoding="utf-8")
    entries = [("Sciences Alpes", "Auvergne-Rhône-Alpes", sisters["alpes"].url, {}),
               ("Sciences Occitanie", "Occitanie", sisters["occitanie"].url, {}),
               ("Muséum de Lyon", "Auvergne-Rhône-Alpes", feeds.url + "agenda.ics", {"type": "ical"}),
               ("Fête de la science Occitanie", "Occitanie", feeds.url + "events.json",
                {"type": "openagenda", "page": "https://openagenda.com/fr/fds-occitanie"})]
    hub = write_content(base / "hub", {"themes.yaml": TWO_THEMES, "network.yaml": network_yaml(entries)})
    yield {"base": base, "sisters": sisters, "feeds": feeds, "hub": hub, "entries": entries}
    for server in [*sisters.values(), feeds]:
        with contextlib.suppress(OSError):
            server.stop()


def sources_of(hub):
    from content_model.network_file import read_network
    sources, problems = read_network(hub)
    assert problems == []
    return sources


def fetch(hub, data, **settings):
    started = time.monotonic()
    results = fetch_network(sources_of(hub), str(data), {**settings_for(None), **settings})
    return results, time.monotonic() - started


def test_the_hub_gathers_its_sisters_deduplicated_with_their_origins(network, tmp_path):
    data = tmp_path / "donnees"
    results, _ = fetch(network["hub"], data)
    text = summary(results)
    assert "Sciences Alpes : récupéré" in text and "Sciences Occitanie : récupéré" in text, text
    assert "Muséum de Lyon : récupéré\n  - 1 événement" in text, text
    assert "Fête de la science Occitanie : récupéré\n  - 1 événement" in text, text
    output = build(network["hub"], tmp_path / "hub-site", NETWORK_DATA_PATH=str(data))

    agenda = page(output, "reseau/agenda/")
    titles = [heading.get_text(" ", strip=True) for heading in agenda.select("[data-network-list] .card__title")]
    assert titles == ["Nuit des étoiles au col", "Conférence\u00a0: les comètes", "Visite nocturne du muséum",
                      "Atelier insectes du jardin", "Village des sciences"], titles
    shared = agenda.select("[data-network-list] .card")[1]
    # Its region is where it takes place (Toulouse), not that of the first site announcing it.
    assert shared.select_one(".card__type").get_text() == "Occitanie"
    origins = [(link.get_text(), link["href"]) for link in shared.select(".card__origin a")]
    assert [name for name, _ in origins] == ["Sciences Alpes", "Sciences Occitanie"]
    assert origins[0][1] == network["sisters"]["alpes"].url + "evenements/conference-les-cometes/"
    assert origins[1][1] == network["sisters"]["occitanie"].url + "evenements/conference-les-cometes/"
    # Every event links to its origin: the hub makes no page of its own for it.
    assert not (output / "evenements").exists() or not any((output / "evenements").iterdir())
    assert "Une sortie passée" not in agenda.get_text()
    # The filter offers what the events have: regions, départements, thématiques (the hub's own
    # themes.yaml, through each event's tags), publics.
    options = {select["name"]: [option.get_text() for option in select.select("option")][1:]
               for select in agenda.select("[data-network-filter] select")}
    assert options["region"] == ["Auvergne-Rhône-Alpes", "Occitanie"]
    assert options["departement"] == ["31 — Haute-Garonne", "38 — Isère"]
    assert options["theme"] == ["Sciences de l’Univers, astronomie", "Biologie et sciences du vivant"]
    assert options["public"] == ["Familles", "Jeunes"]

    hub = page(output, "reseau/")
    names = [heading.get_text(strip=True) for heading in hub.select(".network-site__name")]
    assert names == ["Sciences Alpes", "Sciences Occitanie", "Muséum de Lyon", "Fête de la science Occitanie"]
    alpes = hub.select(".network-site")[0].get_text(" ", strip=True)
    assert "2 événements à venir" in alpes and "1 acteur" in alpes and "Une comète visible" in alpes

    # iCalendar: the origin's UID kept; Atom/RSS read back by feedparser; JSON with provenance.
    calendar = Calendar.from_ical((output / "reseau/agenda/agenda.ics").read_bytes())
    uids = [str(component["uid"]) for component in calendar.walk("VEVENT")]
    host = network["sisters"]["alpes"].url.split("/")[2]
    assert uids[:2] == [f"nuit-des-etoiles-au-col@{host}", f"conference-les-cometes@{host}"]
    assert "visite-nocturne@museum.example" in uids and "4242@openagenda.com" in uids
    atom = feedparser.parse((output / "reseau/agenda/atom.xml").read_bytes())
    assert not atom.bozo and [entry.link for entry in atom.entries][0].endswith("evenements/nuit-des-etoiles-au-col/")
    rss = feedparser.parse((output / "reseau/agenda/rss.xml").read_bytes())
    assert not rss.bozo and len(rss.entries) == 5
    records = json.loads((output / "reseau/agenda/evenements.json").read_text())["events"]
    village = next(record for record in records if record["title"] == "Village des sciences")
    assert village["origin_site"] == "Fête de la science Occitanie"
    assert village["origin_url"] == "https://openagenda.com/fr/fds-occitanie/events/fete-de-la-science-village"
    assert village["postcode"] == "31000" and village["themes"] == ["Biologie et sciences du vivant"]
    # OpenAgenda's fields, mapped: accessibility, age, registration, image and its credits.
    assert (village["accessibility"], village["age"], village["registration"]) == (
        "handicap auditif, handicap moteur", "6–99 ans", "https://inscription.example/village")
    assert (village["image"], village["image_credits"]) == ("https://cdn.openagenda.com/main/village.jpg",
                                                            "Ville de Toulouse")
    assert [origin["site"] for origin in records[1]["origins"]] == ["Sciences Alpes", "Sciences Occitanie"]


def test_a_second_fetch_asks_only_for_what_changed(network, tmp_path):
    data = tmp_path / "donnees"
    fetch(network["hub"], data)
    results, _ = fetch(network["hub"], data)
    text = summary(results)
    # The sisters' static files answer 304 to If-Modified-Since: nothing is fetched twice.
    assert "Sciences Alpes : inchangé" in text and "Sciences Occitanie : inchangé" in text, text


def test_every_fault_ends_in_time_and_keeps_the_last_good_copy(network, tmp_path):
    data = tmp_path / "donnees"
    fetch(network["hub"], data)
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file() and path.name != "etat.json"}
    output = build(network["hub"], tmp_path / "avant", NETWORK_DATA_PATH=str(data))
    shown = page(output, "reseau/agenda/").select("[data-network-list] .card__title")

    faults = {}
    with silent_server() as silent:
        base = network["base"]
        down, slow, huge, html_answer = (Sister(base / "vide") for _ in range(4))
        down.stop()
        slow.mode, huge.mode, html_answer.mode = "slow", "huge", "html"
        for name, server in (("en panne", down), ("muet", None), ("lent", slow), ("énorme", huge),
                             ("html", html_answer)):
            faults[name] = server.url if server else silent
        # The same sources, each now answering badly: the hub's network.yaml points at them.
        hub = write_content(tmp_path / "hub", {"themes.yaml": TWO_THEMES, "network.yaml": network_yaml([
            ("Sciences Alpes", "Auvergne-Rhône-Alpes", faults["en panne"], {}),
            ("Sciences Occitanie", "Occitanie", faults["muet"], {}),
            ("Muséum de Lyon", "Auvergne-Rhône-Alpes", faults["lent"] + "agenda.ics", {"type": "ical"}),
            ("Fête de la science Occitanie", "Occitanie", faults["html"] + "events.json",
             {"type": "openagenda", "page": "https://openagenda.com/fr/fds-occitanie"}),
            ("Site énorme", "Bretagne", faults["énorme"], {})])})
        results, seconds = fetch(hub, data)
        for server in (slow, huge, html_answer):
            server.stop()
    text = summary(results)
    assert seconds < TIMEOUT + 1, (seconds, text)
    assert "Sciences Alpes : gardé la dernière bonne copie" in text and "connexion refusée" in text, text
    assert "Sciences Occitanie : gardé la dernière bonne copie" in text, text
    assert "délai dépassé (1,5 s)" in text
    assert "Muséum de Lyon : gardé la dernière bonne copie" in text, text
    assert "page HTML au lieu" in text
    assert "Site énorme : rien reçu" in text and "réponse trop grande" in text, text
    after = {path: path.read_bytes() for path in data.rglob("*") if path.is_file() and path.name != "etat.json"}
    assert {path: body for path, body in after.items() if path in before} == before
    # The build still succeeds, with the same events as before.
    output = build(network["hub"], tmp_path / "apres", NETWORK_DATA_PATH=str(data))
    assert [tag.get_text() for tag in page(output, "reseau/agenda/").select("[data-network-list] .card__title")] == \
        [tag.get_text() for tag in shown]


HOSTILE = [
    "<script>alert('r1')</script>", "<img src=x onerror=alert('r2')>", "\"><svg onload=alert('r3')>",
    "</title><script>alert('r4')</script>", "&lt;script&gt;alert('r5')&lt;/script&gt;",
    "javascript:alert('r6')", "\u2028</script><script>alert('r7')</script>",
]


def test_hostile_records_are_refused_or_shown_as_text(network, tmp_path):
    """Hostile titles become text; javascript: or foreign addresses and absurd dates refuse
    the record, said in the summary; nothing executable reaches the hub's output."""
    from test_sanitise import BODY_VECTORS, FIELD_VECTORS, URL_ATTRIBUTES, URL_VECTORS
    sister = Sister(tmp_path / "hostile-site")
    host = sister.url.rstrip("/")
    at = "@" + host.split("/")[2]       # a site's identifiers are its own
    good = {"uid": "ok" + at, "start": "2026-12-20T10:00:00+01:00", "postcode": "31000", "city": "Toulouse"}
    records = [{**good, "uid": f"t{number}{at}", "title": f"Événement {number} {vector}", "description": vector,
                "url": f"{host}/evenements/{number}/", "location_name": vector, "audience": [vector],
                "tags": [vector]}
               for number, vector in enumerate(HOSTILE + BODY_VECTORS + FIELD_VECTORS)]
    refused = [{**good, "uid": f"u{number}{at}", "title": f"Adresse {number}", "url": url}
               for number, url in enumerate(URL_VECTORS + ["https://ailleurs.example/page"])]
    refused += [{**good, "uid": "m1" + at, "title": "<img src=x onerror=alert('m1')><br>", "url": f"{host}/m/"},
                {**good, "uid": "d1" + at, "title": "Date absurde", "url": f"{host}/d/", "start": "9999-01-01"},
                {**good, "uid": "d2" + at, "title": "Date illisible", "url": f"{host}/e/", "start": "demain soir"},
                {**good, "uid": "d3" + at, "title": "Fin avant début", "url": f"{host}/f/",
                 "end": "2026-12-01T10:00:00+01:00"}]
    sister.files["agenda/events.json"] = json.dumps({"events": records + refused}).encode()
    hub = write_content(tmp_path / "hub", {"themes.yaml": TWO_THEMES, "network.yaml": network_yaml(
        [("Site hostile", "Occitanie", sister.url, {})])})
    results, _ = fetch(hub, tmp_path / "donnees")
    sister.stop()
    text = summary(results)
    assert f"{len(records)} événements" in text, text
    assert "n'est pas une adresse web sûre" in text, text
    reasons = [reason for _, reason in results["Site hostile"][0].refused]
    assert len(reasons) == len(refused)
    assert "n'est pas sur le site qui l'annonce" in reasons[len(URL_VECTORS)]
    assert reasons[-4] == "son titre manque"        # nothing but markup: no title left
    assert reasons[-3:] == ["« Date absurde » : sa date de début (9999-01-01) n'est pas plausible",
                            "« Date illisible » : sa date de début (demain soir) n'est pas une date lisible",
                            "« Fin avant début » : sa fin est avant son début"]
    output = build(hub, tmp_path / "hub-site", NETWORK_DATA_PATH=str(tmp_path / "donnees"))
    for path in ("reseau/agenda/index.html", "reseau/index.html"):
        tree = etree.HTML((output / path).read_bytes())
        scripts = [script.text or "" for script in tree.iter("script") if not script.get("src")]
        assert all("alert" not in script for script in scripts)
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (path, name, value)
                if name in URL_ATTRIBUTES:
                    assert value.startswith(("http://", "https://", "../", "./", "/", "#")), (path, name, value)
        assert not list(tree.iter("iframe", "object", "embed", "base", "img"))
    calendar = Calendar.from_ical((output / "reseau/agenda/agenda.ics").read_bytes())
    for component in calendar.walk("VEVENT"):       # an injected line stays inside its text
        assert "ATTACH" not in component and component.decoded("dtstart").year == 2026
    assert not feedparser.parse((output / "reseau/agenda/atom.xml").read_bytes()).bozo


def test_the_hub_builds_with_no_data_yet(network, tmp_path):
    output = build(network["hub"], tmp_path / "hub-site", NETWORK_DATA_PATH=str(tmp_path / "rien"))
    hub = page(output, "reseau/")
    assert hub.get_text().count("pas encore de données") == 4
    assert "Aucun événement à venir" in page(output, "reseau/agenda/").get_text()


def test_each_export_says_where_its_records_come_from(network):
    output = network["base"] / "alpes-site"
    url = network["sisters"]["alpes"].url
    events = json.loads((output / "agenda/events.json").read_text())["events"]
    assert {(record["origin_site"], record["origin_url"]) for record in events} == {
        ("Sciences Alpes", url + "evenements/nuit-des-etoiles-au-col/"),
        ("Sciences Alpes", url + "evenements/conference-les-cometes/")}
    actors = json.loads((output / "acteurs/acteurs.json").read_text())["actors"]
    host = url.split("/")[2]
    assert actors[0]["uid"] == f"acteur-{actors[0]['slug']}@{host}" and actors[0]["origin_site"] == "Sciences Alpes"
    assert actors[0]["origin_url"] == url + f"acteurs/{actors[0]['slug']}/"


def test_the_command_fetches_and_says_so_in_french(network, tmp_path):
    from conftest import ROOT
    def command(*extra):
        return subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "network-fetch",
                               "--content", str(network["hub"]), "--data", str(tmp_path / "donnees"), *extra],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    # By default a source on this machine or the local network is refused (never the build's
    # own network, nor a cloud's metadata address).
    refused = command()
    assert refused.returncode == 0 and "Sciences Alpes : rien reçu" in refused.stdout
    assert "adresse privée refusée (127.0.0.1 : 127.0.0.1)" in refused.stdout
    result = command("--local")
    assert result.returncode == 0, result.stderr
    assert "Sciences Alpes : récupéré" in result.stdout
    assert (tmp_path / "donnees" / "sciences-alpes" / "events.json").exists()


def test_a_new_site_uses_the_engine_without_copying_it(tmp_path):
    """`invoke new-site` writes a site (content and settings) that builds with this engine, found
    where the site says, with the engine's tasks run from the site's folder."""
    from conftest import ROOT

    def run(*args, cwd=ROOT):
        environment = {name: value for name, value in os.environ.items() if name != "SITE"}
        return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=300, env=environment)

    refused = run("new-site", str(tmp_path / "x"), "--name", "X", "--region", "Bretonnie", "--url", "https://x.example")
    assert refused.returncode == 1 and "« Bretonnie » n'est pas une région" in refused.stderr
    folder = tmp_path / "sciences-bretagne"
    made = run("new-site", str(folder), "--name", "Sciences en Bretagne", "--region", "bretagne",
               "--url", "https://bretagne.example.org")
    assert made.returncode == 0, made.stderr
    # For a repository of its own: the engine is its submodule moteur/, which its workflow checks out.
    alone = tmp_path / "sciences-normandie"
    assert run("new-site", str(alone), "--name", "Sciences en Normandie", "--region", "Normandie",
               "--url", "https://normandie.example.org", "--submodule").returncode == 0
    assert 'os.path.join(HERE, \'moteur\')' in (alone / "pelicanconf.py").read_text()
    steps = yaml.safe_load((alone / ".github/workflows/publication.yml").read_text())["jobs"]["build"]["steps"]
    assert steps[0]["with"]["submodules"] is True
    assert [step["run"] for step in steps if step.get("run", "").startswith("invoke")] == \
        ["invoke network-fetch", "invoke publish"]
    assert not (folder / "plugins").exists() and not (folder / "theme").exists()
    listed = run("--list", cwd=folder)
    assert "network-fetch" in listed.stdout and "livereload" in listed.stdout
    built = run("build", cwd=folder)
    assert built.returncode == 0, built.stdout + built.stderr
    home = page(folder / "output", "")
    assert home.title.get_text().endswith("Sciences en Bretagne")
    assert "Le média participatif de la culture scientifique en Bretagne" in home.get_text()
    about = page(folder / "output", "a-propos/").get_text()
    assert "Sciences en Bretagne" in about and "Occitanie" not in about
    assert page(folder / "output", "carte/").select_one("[data-bounds]")["data-bounds"] == "47.28 -5.15 48.9 -1.02"


@pytest.fixture(scope="module")
def hub_site(network, tmp_path_factory):
    """The hub built from its sources' copies, with its public address (as published)."""
    data = tmp_path_factory.mktemp("hub-donnees")
    fetch(network["hub"], data)
    return build(network["hub"], tmp_path_factory.mktemp("hub-site"), NETWORK_DATA_PATH=str(data),
                 SITEURL="https://sciences-en-partage.example.org", RELATIVE_URLS=False)


def test_the_networks_feeds_pass_the_w3c_validator(hub_site):
    from test_feed_validator import assert_valid
    assert (hub_site / "reseau/agenda/atom.xml").exists()
    assert_valid(hub_site)


def test_the_networks_pages_are_valid_html(hub_site):
    from test_html_and_accessibility import VNU_JAR
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail("Java ou vnu.jar absent : lancez `invoke setup --tests`")
    pages = [str(hub_site / "reseau" / name / "index.html") for name in ("", "agenda", "carte")]
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m for m in messages if m["type"] == "error"] == []


@pytest.mark.browser
def test_the_network_agenda_filters_and_passes_axe(network, session_browser, tmp_path):
    from test_html_and_accessibility import AXE

    from conftest import Reader, serve
    data = tmp_path / "donnees"
    fetch(network["hub"], data)
    output = build(network["hub"], tmp_path / "hub-site", NETWORK_DATA_PATH=str(data))
    with serve(output) as site_url, serve(AXE.parent) as axe_url:
        context = Reader(session_browser).new_context(viewport={"width": 1280, "height": 800})
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())    # offline
        browser_page = context.new_page()
        for url in ("reseau/", "reseau/agenda/", "reseau/carte/"):
            for scheme in ("light", "dark"):
                browser_page.emulate_media(color_scheme=scheme)
                browser_page.goto(site_url + url)
                browser_page.add_script_tag(url=axe_url + AXE.name)
                results = browser_page.evaluate("""async () => {
                    const results = await axe.run(document);
                    return {passed: results.passes.length, violations: results.violations.map(
                        v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(", ")})`)};
                }""")
                assert results["passed"] > 10 and results["violations"] == [], (url, scheme, results)
        browser_page.goto(site_url + "reseau/agenda/")
        titles = browser_page.locator("[data-network-list] .card__title")
        assert titles.count() == 5
        browser_page.select_option("#reseau-region", "Occitanie")
        browser_page.wait_for_function("document.querySelector('[data-network-count]').textContent.includes('3')")
        assert titles.all_inner_texts() == ["Conférence\u00a0: les comètes", "Atelier insectes du jardin",
                                            "Village des sciences"]
        # A card the script draws is the build's: the same link, origins, date block and pictogram.
        card = browser_page.locator("[data-network-list] .card").first
        assert card.locator(".card__origin a").all_inner_texts() == ["Sciences Alpes", "Sciences Occitanie"]
        assert card.locator(".date-block__day").inner_text() == "15"
        assert card.locator(".card__summary").inner_text() == "Venez\u202f!"      # French spacing kept
        assert card.locator("use").get_attribute("href").endswith("themes.svg#univers")
        browser_page.select_option("#reseau-theme", "Biologie et sciences du vivant")
        browser_page.wait_for_function("document.querySelector('[data-network-count]').textContent.includes('2')")
        assert titles.all_inner_texts() == ["Atelier insectes du jardin", "Village des sciences"]
        browser_page.locator("[data-network-filter] button[type=reset]").click()
        browser_page.wait_for_function("document.querySelectorAll('[data-network-list] .card').length === 5")
        context.close()


def test_a_setting_lists_the_calendars_events_in_the_sites_own_agenda(network, tmp_path):
    """NETWORK_IN_AGENDA: the events of calendars and OpenAgenda agendas join /agenda/ (not the
    sister sites', which have their own agenda), by day; the site's calendars and exports stay its own."""
    data = tmp_path / "donnees"
    fetch(network["hub"], data)
    hub = write_content(tmp_path / "hub", {
        "themes.yaml": TWO_THEMES, "network.yaml": (network["hub"] / "network.yaml").read_text(),
        "events/atelier.md": event("Atelier fusées à eau", "2026-12-19 10:00", TOULOUSE)})
    output = build(hub, tmp_path / "hub-site", NETWORK_DATA_PATH=str(data), NETWORK_IN_AGENDA=True)
    agenda = page(output, "agenda/")
    days = [(day.select_one("h2").get_text(strip=True), [title.get_text(strip=True) for title in
                                                          day.select(".card__title")])
            for day in agenda.select(".agenda-day")]
    assert days == [("Vendredi 18 décembre 2026", ["Visite nocturne du muséum"]),
                    ("Samedi 19 décembre 2026", ["Atelier fusées à eau"]),
                    ("Dimanche 20 décembre 2026", ["Village des sciences"])], days
    museum = agenda.select(".agenda-day")[0]
    assert museum.select_one(".card__title a")["href"] == "https://museum.example/visite-nocturne"
    assert [link.get_text() for link in museum.select(".card__origin a")] == ["Muséum de Lyon"]
    # Only the site's own event in its JSON-LD, calendar and exports.
    [listing] = [json.loads(script.string) for script in agenda.select("script[type='application/ld+json']")
                 if "itemListElement" in (script.string or "")]
    assert [entry["url"].rsplit("/", 2)[-2] for entry in listing["itemListElement"]] == ["atelier-fusees-a-eau"]
    calendar = Calendar.from_ical((output / "agenda.ics").read_bytes())
    assert [str(component["summary"]) for component in calendar.walk("VEVENT")] == ["Atelier fusées à eau"]
    assert [record["title"] for record in json.loads((output / "agenda/events.json").read_text())["events"]] == \
        ["Atelier fusées à eau"]
    # Without the setting, /agenda/ is the site's own.
    plain_site = build(hub, tmp_path / "sans", NETWORK_DATA_PATH=str(data))
    assert [title.get_text(strip=True) for title in page(plain_site, "agenda/").select(".card__title")] == \
        ["Atelier fusées à eau"]


def test_what_a_source_says_cannot_take_another_sources_place(network, tmp_path):
    """A file whose every record is refused keeps the last good copy; an identifier of another
    site is refused; a lone "<" is text; the same instant written with two offsets is one event."""
    from network.records import site_events
    sister = Sister(tmp_path / "site")
    host = sister.url.rstrip("/")
    good = {"uid": f"a@{host.split('/')[2]}", "title": "Enfants < 12 ans : la Lune", "url": f"{host}/a/",
            "start": "2026-12-20T10:00:00+01:00", "postcode": "31000"}
    sister.files["agenda/events.json"] = json.dumps({"events": [good]}).encode()
    hub = write_content(tmp_path / "hub", {"themes.yaml": TWO_THEMES, "network.yaml": network_yaml(
        [("Site", "Occitanie", sister.url, {})])})
    data = tmp_path / "donnees"
    fetch(hub, data)
    stored = (data / "site" / "events.json").read_bytes()
    assert [event.title for event in site_events(stored, sources_of(hub)[0])[0]] == ["Enfants < 12 ans\u00a0: la Lune"]
    # Now every record claims another site's event: refused, and the copy stays.
    sister.files["agenda/events.json"] = json.dumps({"events": [{**good, "uid": "conference@ailleurs.example"}]}).encode()
    results, _ = fetch(hub, data)
    sister.stop()
    text = summary(results)
    assert "Site : gardé la dernière bonne copie" in text and "aucun enregistrement valable" in text, text
    assert "son identifiant n'est pas de ce site" in text
    assert (data / "site" / "events.json").read_bytes() == stored

    from network.generator import dedup_key
    from network.records import checked_event
    paris = checked_event({"uid": "x@a", "title": "Nuit", "url": "https://a.example/", "start": "2026-12-18T19:00:00+01:00",
                           "postcode": "69001"})
    utc = checked_event({"uid": "y@b", "title": "NUIT", "url": "https://b.example/", "start": "2026-12-18T18:00:00Z",
                         "postcode": "69001"})
    assert dedup_key(paris) == dedup_key(utc)


def test_an_openagenda_key_goes_to_openagenda_only_and_is_never_written(tmp_path, monkeypatch):
    from network import fetch as fetching
    asked = []

    def http_get(url, *args, **kwargs):
        asked.append(url)
        return fetching.Answer(200, json.dumps(OPENAGENDA_EXPORT).encode())
    monkeypatch.setattr(fetching, "http_get", http_get)
    monkeypatch.setenv("OPENAGENDA_KEY", "secret&x=1")
    hub = write_content(tmp_path / "hub", {"themes.yaml": TWO_THEMES, "network.yaml": network_yaml([
        ("Agenda", "Occitanie", "https://openagenda.com/agendas/42/events.json", {"type": "openagenda"}),
        ("Ailleurs", "Occitanie", "https://agenda.example/events.json", {"type": "openagenda",
                                                                        "page": "https://agenda.example/"})])})
    fetch(hub, tmp_path / "donnees")
    assert sorted(asked) == ["https://agenda.example/events.json",
                             "https://openagenda.com/agendas/42/events.json?key=secret%26x%3D1"]
    written = b"".join(path.read_bytes() for path in (tmp_path / "donnees").rglob("*") if path.is_file())
    assert b"secret" not in written


@pytest.mark.browser
def test_the_networks_events_are_on_a_map(network, session_browser, tmp_path):
    """/reseau/carte/: the events with coordinates on the site's map (its first view drawn by the
    build, Leaflet, the filters of the agenda of the network), each marker leading to its origin."""
    from conftest import Reader, serve
    data = tmp_path / "donnees"
    fetch(network["hub"], data)
    output = build(network["hub"], tmp_path / "hub-site", NETWORK_DATA_PATH=str(data))
    features = json.loads((output / "reseau/carte/evenements.geojson").read_text())["features"]
    assert sorted(feature["properties"]["title"] for feature in features) == [
        "Atelier insectes du jardin", "Conférence\u00a0: les comètes", "Nuit des étoiles au col", "Village des sciences"]
    nuit = next(feature for feature in features if feature["properties"]["title"].startswith("Nuit"))
    assert nuit["geometry"]["coordinates"] == [5.72, 45.19]
    assert nuit["properties"]["page"] == network["sisters"]["alpes"].url + "evenements/nuit-des-etoiles-au-col/"
    assert nuit["properties"]["filters"] == {"region": ["auvergne-rhone-alpes"], "departement": ["38"],
                                             "theme": ["univers"], "public": ["familles"]}
    carte = page(output, "reseau/carte/")
    groups = [(group.select_one("h3").get_text(), [link.get_text() for link in group.select("a")])
              for group in carte.select(".map-group")]
    assert groups == [("Auvergne-Rhône-Alpes", ["Nuit des étoiles au col"]),
                      ("Occitanie", ["Conférence\u00a0: les comètes", "Atelier insectes du jardin", "Village des sciences"])]
    assert carte.select(".map-preview .map-marker, .map-preview .map-preview__group")
    assert page(output, "reseau/agenda/").select_one("a[href$='reseau/carte/']") is not None
    with serve(output) as site_url:
        context = Reader(session_browser).new_context(viewport={"width": 1280, "height": 800})
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())    # offline
        browser_page = context.new_page()
        browser_page.goto(site_url + "reseau/carte/?region=occitanie")
        browser_page.wait_for_selector("[data-map][data-ready]")
        assert browser_page.locator("[data-map-count]").inner_text() == "3 lieux sur la carte."
        assert browser_page.locator("[data-map-item]:not([hidden]) a").all_inner_texts() == [
            "Conférence\u00a0: les comètes", "Atelier insectes du jardin", "Village des sciences"]
        context.close()

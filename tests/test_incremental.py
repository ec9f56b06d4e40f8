"""An incremental build (into the output of the last one, with its record and caches)
gives exactly the files a clean full build gives, byte for byte, after every kind
of change a contributor or a maintainer makes; and it rewrites only what changed."""

import datetime as dt
import io
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXED_NOW, ROOT, build, write_content
from content_model import ContentError

THEMES = "- slug: biologie\n  label: Biologie\n  tags: [oiseaux]\n"
TOULOUSE = '{name: "Muséum", postcode: "31000", city: "Toulouse", lat: 43.594, lon: 1.449}'


def photo(color):
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 700), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def article(title, body, tags="[oiseaux]", **fields):
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return (f'---\ntitle: "{title}"\ndate: 2026-10-0{len(title) % 9 + 1}\nauthors: ["Léa Bernard"]\n'
            f"tags: {tags}\n{extra}---\n{body}\n")


def event(title, start, organizer="lpo"):
    return (f'---\ntitle: "{title}"\nstart: {start}\nlocation: {TOULOUSE}\ntags: [oiseaux]\n'
            f"organizer: {organizer}\n---\nJumelles fournies.\n")


def dossier(items):
    return f'---\ntitle: "Les oiseaux"\ndate: 2026-10-20\nitems: [{items}]\n---\nUn dossier.\n'


def project(status):
    return (f'---\ntitle: "Comptage des hirondelles"\ndate: 2026-10-02\nproject_kind: sciences participatives\n'
            f"project_status: {status}\nactors: [lpo]\nparticipation: \"Comptez les nids de votre rue.\"\n"
            f"location: {{name: \"Jardin\", postcode: \"31000\", city: \"Toulouse\", lat: 43.6, lon: 1.44}}\n"
            "tags: [oiseaux]\ncommunities: [ornithologues-d-occitanie]\n---\nUn comptage.\n")


def lent_tool(title):
    return (f'---\ntitle: "{title}"\ndate: 2026-09-02\nresource_type: kit pédagogique\nprovider: lpo\n'
            "loan: true\nloan_duration: \"Deux semaines\"\ntags: [oiseaux]\n---\nÀ emprunter.\n")


def actor(title):
    return f'---\ntitle: "{title}"\nslug: lpo\nactor_type: association\nlocation: {TOULOUSE}\n---\nTexte.\n'


FILES = {
    "themes.yaml": THEMES,
    "images/heron.jpg": photo((90, 120, 160)),
    "articles/heron.md": article("Le héron cendré revient", "Au bord de la Garonne.\n\n![Un héron](heron.jpg)",
                                 image="heron.jpg", image_alt='"Un héron sur une patte"'),
    "articles/mesanges.md": article("Compter les mésanges", "Un comptage participatif."),
    "articles/a-renommer.md": article("Les martinets", "Ils volent sans se poser."),
    "articles/seul.md": article("Les lichens", "Sans rapport.", tags="[lichens]"),
    "events/sortie.md": event("Sortie ornithologique", "2026-12-05 09:00"),
    "resources/guide.md": ('---\ntitle: "Guide des oiseaux des jardins"\ndate: 2026-09-01\n'
                           "resource_type: guide\ntags: [oiseaux]\n---\nÀ imprimer.\n"),
    "actors/lpo.md": actor("Ligue des oiseaux"),
    "pages/a-propos.md": '---\ntitle: "À propos"\n---\nQui nous sommes.\n',
}


def tree(folder):
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def mtimes(folder):
    """When each file was last written; theme/ is Pelican's own copy of the theme's files."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns
            for path in Path(folder).rglob("*") if path.is_file() and path.parts[len(Path(folder).parts)] != "theme"}


def rename(content, old, new):
    (content / old).rename(content / new)


# (what changes, how) — each step builds on the last one's content.
STEPS = [
    ("an edit, a new event, a deletion, a rename, a replaced photo", lambda content: (
        write_content(content, {
            "articles/mesanges.md": article("Compter les mésanges bleues", "Un comptage participatif, **samedi**."),
            "events/conference.md": event("Conférence sur les migrations", "2026-12-10 18:30"),
            "images/heron.jpg": photo((160, 120, 90)),
        }),
        (content / "resources" / "guide.md").unlink(),
        rename(content, "articles/a-renommer.md", "articles/martinets.md"))),
    # A dossier's cards and its items' back-links; a call's organizer and the calls' lists.
    ("a call and a dossier added", lambda content: write_content(content, {
        "calls/benevoles.md": ('---\ntitle: "Bénévoles pour le comptage"\ndate: 2026-10-01\ncall_type: bénévolat\n'
                               "deadline: 2026-12-20\norganizer: lpo\ntags: [oiseaux]\n---\nVenez compter.\n"),
        "dossiers/oiseaux.md": dossier("sortie-ornithologique, le-heron-cendre-revient")})),
    ("a dossier reordered, an item dropped for another", lambda content: write_content(content, {
        "dossiers/oiseaux.md": dossier("le-heron-cendre-revient, compter-les-mesanges-bleues")})),
    # The organizer's name shows on its events' pages, in the agenda and the calendars.
    ("an organizer renamed", lambda content: write_content(content, {"actors/lpo.md": actor("LPO Occitanie")})),
    # A tag's only item loses it: its tag page and feeds go.
    ("a tag dropped", lambda content: write_content(content, {
        "articles/seul.md": article("Les lichens", "Sans rapport.", tags="[mousses]")})),
    ("a theme relabelled", lambda content: write_content(content, {
        "themes.yaml": THEMES.replace("label: Biologie", "label: Sciences du vivant")})),
    ("an image dropped from an article", lambda content: write_content(content, {
        "articles/heron.md": article("Le héron cendré revient", "Au bord de la Garonne.")})),
    # A community, its members and what joins it; a project on the map; a lender.
    ("a community, a project that joins it and a tool to borrow", lambda content: write_content(content, {
        "communities/ornithologues.md": ('---\ntitle: "Ornithologues d\'Occitanie"\ndate: 2026-09-01\n'
                                         "members: [lpo]\nterritory: [31]\n---\nLa communauté.\n"),
        "projects/hirondelles.md": project("en cours"),
        "resources/malle.md": lent_tool("Malle des nids")})),
    ("a project's status, a lent tool's title", lambda content: write_content(content, {
        "projects/hirondelles.md": project("en pause"), "resources/malle.md": lent_tool("Malle des nichoirs")})),
]


@pytest.fixture
def site(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    output = tmp_path / "output"
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "CONTENT_CACHE_PATH": str(tmp_path / "cache" / "contenus"),
                "IMAGE_CACHE_PATH": str(tmp_path / "cache" / "images")}
    return content, output, settings


def full_build(content, tmp_path, name, **settings):
    fresh = tmp_path / f"fresh-{name}"
    return tree(build(content, tmp_path / f"full-{name}", CACHE_PATH=str(fresh),
                      CONTENT_CACHE_PATH=str(fresh / "contenus"), IMAGE_CACHE_PATH=str(fresh / "images"),
                      **settings))


def assert_same(incremental, full):
    assert sorted(incremental) == sorted(full)
    assert [name for name in full if incremental[name] != full[name]] == []


@pytest.mark.slow
def test_every_incremental_build_equals_a_full_build(site, tmp_path):
    content, output, settings = site
    build(content, output, **settings)
    first = tree(output)
    for number, (what, change) in enumerate(STEPS):
        before = tree(output)
        change(content)
        build(content, output, **settings)
        incremental = tree(output)
        assert incremental != before, what
        assert_same(incremental, full_build(content, tmp_path, number))
    # The changes really happened.
    assert "ressources/guide-des-oiseaux-des-jardins/index.html" in first
    assert "ressources/guide-des-oiseaux-des-jardins/index.html" not in incremental
    assert "actualites/compter-les-mesanges-bleues/index.html" in incremental
    assert "tags/lichens/index.html" in first and "tags/lichens/index.html" not in incremental
    assert "LPO Occitanie" in incremental["evenements/sortie-ornithologique/index.html"].decode()
    assert "Sciences du vivant" in incremental["actualites/le-heron-cendre-revient/index.html"].decode()
    dossier_page = incremental["dossiers/les-oiseaux/index.html"].decode()
    assert dossier_page.index("Le héron cendré revient") < dossier_page.index("Compter les mésanges bleues")
    assert "Les oiseaux" not in incremental["evenements/sortie-ornithologique/index.html"].decode()
    assert "LPO Occitanie" in incremental["annonces/benevoles-pour-le-comptage/index.html"].decode()
    assert "Comptage des hirondelles" in incremental["communautes/ornithologues-d-occitanie/index.html"].decode()
    assert "Malle des nichoirs" in incremental["carte/lieux.geojson"].decode()
    assert "En pause" in incremental["projets/index.html"].decode()


def test_a_rebuild_rewrites_only_the_pages_that_changed(site):
    content, output, settings = site
    build(content, output, **settings)
    before = mtimes(output)
    build(content, output, **settings)
    assert mtimes(output) == before             # nothing changed: nothing rewritten
    write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un comptage, *samedi*.")})
    build(content, output, **settings)
    after = mtimes(output)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "actualites/compter-les-mesanges/index.html" in rewritten
    # The pages and feeds that show it, a card of it, or a link to it...
    assert {"actualites/index.html", "actualites/atom.xml", "tags/oiseaux/index.html",
            "evenements/sortie-ornithologique/index.html"} <= rewritten     # "À voir aussi"
    # ... and not the others, even those of items it is related to.
    assert {"a-propos/index.html", "tags/lichens/index.html", "tags/lichens/atom.xml", "acteurs/lpo/index.html",
            "agenda/index.html", "evenements/sortie-ornithologique/evenement.ics",
            "recherche/lib/lunr-2.3.9.min.js"}.isdisjoint(rewritten), " ".join(sorted(rewritten))
    # A new tag has its page and feeds; every other page links to its own feeds only.
    before = after
    write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Un comptage, *samedi*.",
                                                            tags="[oiseaux, nichoirs]")})
    build(content, output, **settings)
    after = mtimes(output)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert {"tags/nichoirs/index.html", "tags/nichoirs/atom.xml", "actualites/compter-les-mesanges/index.html"} <= rewritten
    assert {"a-propos/index.html", "tags/lichens/index.html", "acteurs/lpo/index.html", "agenda/index.html",
            "evenements/sortie-ornithologique/evenement.ics"}.isdisjoint(rewritten), " ".join(sorted(rewritten))


def test_a_failed_build_or_a_file_deleted_by_hand_never_leaves_a_stale_output(site, tmp_path):
    content, output, settings = site
    build(content, output, **settings)
    write_content(content, {"articles/mesanges.md": article("Compter les mésanges", "Texte.")})
    (output / "a-propos" / "index.html").unlink()
    # A contribution with an error stops the build midway...
    write_content(content, {"events/faux.md": '---\ntitle: "Sans date"\n---\nTexte.\n'})
    with pytest.raises(ContentError):
        build(content, output, **settings)
    # ... the next one, once it is fixed, is right all the same.
    (content / "events" / "faux.md").unlink()
    build(content, output, **settings)
    assert_same(tree(output), full_build(content, tmp_path, "after-failure"))


@pytest.mark.slow
def test_a_changed_template_or_setting_rebuilds_everything(site, tmp_path):
    content, output, settings = site
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    build(content, output, THEME=str(theme), **settings)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Nouveau pied</p></footer>"),
                    encoding="utf-8")
    build(content, output, THEME=str(theme), **settings)
    assert "Nouveau pied" in (output / "a-propos" / "index.html").read_text(encoding="utf-8")
    build(content, output, THEME=str(theme), SITENAME="Autre nom", **settings)
    assert_same(tree(output), full_build(content, tmp_path, "renamed", THEME=str(theme), SITENAME="Autre nom"))



def test_a_changed_script_of_a_plugin_is_copied_again(site, tmp_path, monkeypatch):
    # The web form's own script and style sheet live in plugins/admin/, beside its code.
    import admin.generator
    content, output, settings = site
    plugins = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")      # where the plugins look for npm's
    # The plugin may have been imported from the repository already: it copies from the copy.
    monkeypatch.setattr(admin.generator, "HERE", str(plugins / "admin"))
    build(content, output, PLUGIN_PATHS=[str(plugins)], **settings)
    script = plugins / "admin" / "formulaire.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// changé\n", encoding="utf-8")
    build(content, output, PLUGIN_PATHS=[str(plugins)], **settings)
    assert (output / "admin" / "formulaire.js").read_bytes() == script.read_bytes()

@pytest.mark.slow
def test_a_build_with_no_change_does_nothing_until_the_clock_changes_a_page(site, tmp_path, monkeypatch):
    import content_model.items
    content, output, settings = site
    settings["AGENDA_NOW"] = None       # the build's clock, as in production

    def build_at(when, folder=output, **more):
        monkeypatch.setattr(content_model.items, "clock", lambda: dt.datetime.fromisoformat(when))
        return tree(build(content, folder, **{**settings, **more}))

    def full_build_at(when):
        fresh = tmp_path / f"fresh-{when}"
        return build_at(when, tmp_path / f"full-{when}", CACHE_PATH=str(fresh),
                        CONTENT_CACHE_PATH=str(fresh / "contenus"), IMAGE_CACHE_PATH=str(fresh / "images"))

    build_at("2026-12-05T08:00:00+01:00")
    before = mtimes(output)
    build_at("2026-12-05T08:30:00+01:00")     # the sortie starts at 9:00: nothing to do
    assert mtimes(output) == before
    # It has begun, then the day is over: each time, pages change with the clock alone.
    for when in ("2026-12-05T09:30:00+01:00", "2026-12-06T10:00:00+01:00"):
        assert_same(build_at(when), full_build_at(when))
    assert mtimes(output) != before
    assert "Sortie ornithologique" not in (output / "agenda" / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_command_line_builds_then_finds_nothing_to_do(site, tmp_path):
    """As `invoke build` and the benchmark run it: plugins found only through PLUGIN_PATHS
    (the search index is made in a separate process, which must find them too)."""
    content, output, _ = site
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"),
               "-e", f'THEME="{ROOT / "theme"}"', f'PLUGIN_PATHS=["{ROOT / "plugins"}"]', f'AGENDA_NOW="{FIXED_NOW}"',
               f'CACHE_PATH="{tmp_path / "cache"}"']
    built = []
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (output / "recherche" / "index" / "manifest.json").is_file()
        built.append(mtimes(output))
    assert built[0] == built[1]


@pytest.mark.slow
def test_pages_rendered_in_several_processes_are_the_same_and_their_errors_stop_the_build(site, tmp_path):
    content, output, settings = site
    alone = tree(build(content, tmp_path / "alone", RENDER_PROCESSES=1, **settings))
    assert_same(tree(build(content, output, RENDER_PROCESSES=3, **settings)), alone)
    # The same keys too, whether a process summed up an item itself or got its sums.
    outputs = [json.loads(Path(f"{folder}.build-state.json").read_text(encoding="utf-8"))["outputs"]
               for folder in (tmp_path / "alone", output)]          # (the record's place: conftest)
    assert len(outputs[0]) > 50 and outputs[0] == outputs[1]
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article_template = theme / "templates" / "article.html"
    article_template.write_text(article_template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}{{ item.title // 0 }}", 1), encoding="utf-8")
    for processes in (1, 3):
        with pytest.raises((TypeError, RuntimeError)):
            build(content, tmp_path / f"broken-{processes}", THEME=str(theme), RENDER_PROCESSES=processes,
                  **settings)


def test_related_items_updated_from_the_last_build_are_those_computed_afresh():
    from related import related_ranks
    pick = random.Random(3)
    tags = [("tag", f"t{n}") for n in range(40)] + [("theme", f"h{n}") for n in range(8)]
    keys = [[(key, 2 if key[0] == "tag" else 1) for key in pick.sample(tags, pick.randint(0, 5))] for _ in range(600)]
    earlier = (keys, related_ranks(keys, 4, 20))
    edited = [list(item_keys) for item_keys in keys]
    edited[10].append((("tag", "nouveau"), 2))          # a new tag
    edited[200] = edited[200][1:]                          # a tag removed
    edited[300], edited[301] = edited[301], edited[300]    # two items swap places (a date changed)
    assert related_ranks(edited, 4, 20, earlier) == related_ranks(edited, 4, 20) != earlier[1]


def test_a_file_saved_twice_in_one_clock_tick_is_read_again(site):
    """A build takes a file's digest from the last one (in this process or in the cache) by
    its size and date, but only for files older than a few seconds: a second save of the
    same size in the same tick of the clock leaves the same date, and must still be seen."""
    content, output, settings = site
    old = content / "articles/seul.md"
    hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(old, ns=(hour_ago, hour_ago))
    build(content, output, **settings)
    with open(Path(settings["CONTENT_CACHE_PATH"]) / "empreintes.pickle", "rb") as handle:
        remembered = pickle.load(handle)["value"]
    assert str(old) in remembered and str(content / "articles/mesanges.md") not in remembered

    saved = content / "articles/mesanges.md"
    stamp = saved.stat().st_mtime_ns
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace("Un comptage participatif.", "Un comptage collaboratif."), encoding="utf-8")
    os.utime(saved, ns=(stamp, stamp))
    assert saved.stat().st_size == len(text.encode("utf-8"))
    build(content, output, **settings)
    assert "Un comptage collaboratif." in (output / "actualites/compter-les-mesanges/index.html").read_text()


def test_a_fingerprint_sees_a_change_deep_in_an_object_whatever_its_keys():
    """What a template reads may be any object whose dicts have keys JSON refuses (tuples,
    None beside text): its fingerprint is the same for the same value, another for another."""
    from incremental.fingerprint import Fingerprints

    class Week:
        def __init__(self, counts):
            self.counts = counts

    def key(counts):
        return Fingerprints().of({"weeks": [Week(counts)], "label": "Semaine"})

    first = {("31", "Toulouse"): 3, None: 1, "total": 4}
    assert key(first) == key(dict(first))
    assert key(first) != key({**first, ("31", "Toulouse"): 2})
    assert key({"31": 3}) != key({"32": 3})

"""Feeds as aggregators read them: every Atom and RSS file the build writes,
parsed with feedparser and lxml, checked against the specs' required elements."""

import email.utils
import re

import feedparser
import lxml.html
import pytest
from lxml import etree
from PIL import Image

from conftest import build, page, write_content

PUBLIC = "https://sciences-en-partage.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
TOULOUSE = '{name: "Muséum", postcode: "31000", city: "Toulouse"}'


def doc(title, front, body="Texte."):
    return "---\n" + f'title: "{title}"\n' + front.strip() + "\n---\n" + body + "\n"


FILES = {
    "themes.yaml": "- slug: biologie\n  label: Biologie\n  tags: [insectes]\n",
    "actors/museum.md": doc("Muséum", f"slug: museum\nactor_type: musée\nlocation: {TOULOUSE}"),
    "articles/liens.md": doc("Article aux liens relatifs", """
date: 2026-10-01 09:00
authors: ["Léa Bernard"]
tags: [insectes]
actors: [museum]
""", "Voir [l'agenda](/agenda/), [la suite](../autre/) et ![Un fossile](fossile.png)."),
    "articles/mise-a-jour.md": doc("Article mis à jour", """
date: 2026-09-01
updated: 2026-11-01 10:00
authors: ["Hugo Dubois"]
"""),
    "events/annule.md": doc("Conférence annulée", f"""
date: 2026-10-10
start: 2026-12-12 14:00
end: 2026-12-12 17:00
status: cancelled
organizer: museum
tags: [insectes]
location: {TOULOUSE}
"""),
    "events/bientot.md": doc("Atelier bientôt", f"""
date: 2026-10-20
start: 2026-11-28 10:00
location: {TOULOUSE}
"""),
    "events/plus-tard.md": doc("Festival plus tard", f"""
date: 2026-09-20
start: 2027-01-10
location: {TOULOUSE}
"""),
    "events/passe.md": doc("Atelier passé", f"""
date: 2026-06-01
start: 2026-06-20 10:00
location: {TOULOUSE}
"""),
    "resources/kit.md": doc("Kit insectes", """
date: 2026-10-15
resource_type: kit pédagogique
provider: museum
tags: [insectes]
image: fossile.png
image_alt: "Un fossile"
"""),
    **{f"articles/breve-{n}.md": doc(f"Brève {n}", f'date: 2026-08-{n:02d}\nauthors: ["Inès Durand"]')
       for n in range(1, 8)},
}
MAX_ITEMS = 5


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), FILES)
    (content / "images").mkdir()
    Image.new("RGB", (40, 30), "olive").save(content / "images" / "fossile.png")
    return build(content, tmp_path_factory.mktemp("output"), FEED_MAX_ITEMS=MAX_ITEMS)


def feed_files(site):
    return sorted(p for p in site.rglob("*.xml") if p.name.endswith(("atom.xml", "rss.xml")))


def parsed(site, path):
    return feedparser.parse((site / path).read_bytes())


def titles(site, path):
    return [entry.title for entry in parsed(site, path).entries]


def test_feeds_are_the_same_when_few_entries_are_kept_between_feeds(site, tmp_path, monkeypatch):
    """An item's entry is kept for the next feeds that show it, the last ENTRIES_KEPT only."""
    import feeds.generator
    monkeypatch.setattr(feeds.generator, "ENTRIES_KEPT", 1)
    content = write_content(tmp_path / "content", FILES)
    (content / "images").mkdir()
    Image.new("RGB", (40, 30), "olive").save(content / "images" / "fossile.png")
    again = build(content, tmp_path / "output", FEED_MAX_ITEMS=MAX_ITEMS)
    assert len(feed_files(site)) > 10
    assert [path.read_bytes() for path in feed_files(site)] == [path.read_bytes() for path in feed_files(again)]


def test_every_feed_parses_with_unique_ids_absolute_links_and_zoned_dates(site):
    files = feed_files(site)
    # site, articles, agenda, new events, resources, calls, dossiers, projects, weekly digest; theme;
    # tag; territory; actor: Atom and RSS each.
    assert len(files) == 2 * 13
    for path in files:
        etree.parse(str(path))                               # well-formed XML
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)) and len(ids) <= MAX_ITEMS, path
        for entry in feed.entries:
            assert entry.link.startswith(PUBLIC + "/") and entry.id.startswith(PUBLIC + "/"), path
        text = path.read_text(encoding="utf-8")
        assert 'href="/' not in text and "src=&quot;/" not in text and 'src="/' not in text, path


def test_entry_counts_and_order_per_feed(site):
    assert titles(site, "actualites/atom.xml") == [
        "Article aux liens relatifs", "Article mis à jour", "Brève 7", "Brève 6", "Brève 5"]
    assert titles(site, "agenda/atom.xml") == [                         # by start, upcoming only
        "Atelier bientôt", "ANNULÉ — Conférence annulée", "Festival plus tard"]
    assert titles(site, "agenda/nouveaux-rss.xml") == [                  # by announcement
        "Atelier bientôt", "ANNULÉ — Conférence annulée", "Festival plus tard", "Atelier passé"]
    assert titles(site, "ressources/rss.xml") == ["Kit insectes"]
    assert titles(site, "atom.xml") == [
        "Atelier bientôt", "Kit insectes", "ANNULÉ — Conférence annulée", "Article aux liens relatifs",
        "Festival plus tard"]
    expected = ["Kit insectes", "ANNULÉ — Conférence annulée", "Article aux liens relatifs"]
    assert titles(site, "thematiques/biologie/atom.xml") == expected
    assert titles(site, "tags/insectes/rss.xml") == expected
    assert titles(site, "territoires/haute-garonne-31/atom.xml") == [
        "Atelier bientôt", "Kit insectes", "ANNULÉ — Conférence annulée", "Festival plus tard", "Atelier passé"]
    assert titles(site, "acteurs/museum/atom.xml") == expected


def test_entries_carry_dates_authors_categories_content_and_enclosure(site):
    feed = parsed(site, "atom.xml")
    entries = {entry.title: entry for entry in feed.entries}
    cancelled = entries["ANNULÉ — Conférence annulée"]
    assert cancelled.summary.startswith("samedi 12 décembre 2026, 14\u00a0h – 17\u00a0h · Muséum, Toulouse (31) · Annulé.")
    assert cancelled.id == f"{PUBLIC}/evenements/conference-annulee/"
    article = entries["Article aux liens relatifs"]
    assert article.published == "2026-10-01T09:00:00+02:00"
    assert article.author == "Léa Bernard"
    assert {tag.term for tag in article.tags} == {"biologie", "insectes"}
    html = article.content[0].value
    assert f'href="{PUBLIC}/agenda/"' in html
    assert f'href="{PUBLIC}/actualites/autre/"' in html
    # The body's <picture> is a plain <img> for feed readers, its address absolute.
    [image] = lxml.html.fragment_fromstring(html, create_parent="div").iter("img")
    assert re.fullmatch(f"{PUBLIC}/images/fossile-\\w{{8}}-40.png", image.get("src"))
    assert image.get("alt") == "Un fossile"
    assert "<picture" not in html and "<source" not in html and "srcset" not in html
    [media] = entries["Kit insectes"].media_content                   # Atom: media:content
    assert re.fullmatch(f"{PUBLIC}/images/fossile-\\w{{8}}-partage.png", media["url"])
    assert media["type"] == "image/png"
    assert [link.rel for link in entries["Kit insectes"].links] == ["alternate"]
    rss = {entry.title: entry for entry in parsed(site, "rss.xml").entries}
    [enclosure] = rss["Kit insectes"].enclosures                       # RSS: enclosure
    assert enclosure.href == media["url"] and enclosure.type == "image/png"
    assert int(enclosure.length) > 0
    updated = {e.title: e.updated for e in parsed(site, "actualites/atom.xml").entries}
    assert updated["Article mis à jour"] == "2026-11-01T10:00:00+01:00"


def test_atom_required_elements(site):
    for path in [p for p in feed_files(site) if p.name.endswith("atom.xml")]:
        root = etree.parse(str(path)).getroot()
        assert root.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert root.findtext(f"{ATOM}{name}"), (path, name)
        assert root.find(f"{ATOM}author/{ATOM}name").text          # feed author covers every entry
        assert root.find(f"{ATOM}link[@rel='self']").get("href") == f"{PUBLIC}/{path.relative_to(site)}"
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert entry.findtext(f"{ATOM}{name}"), (path, name)
            assert "T" in entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}updated")[-6] in "+-"


def test_rss_required_elements_and_rfc822_dates(site):
    for path in [p for p in feed_files(site) if p.name.endswith("rss.xml")]:
        root = etree.parse(str(path)).getroot()
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for name in ("title", "link", "description", "lastBuildDate"):
            assert channel.findtext(name), (path, name)
        assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")).tzinfo is not None
        for item in channel.findall("item"):
            assert item.findtext("guid").startswith(PUBLIC + "/")
            assert item.find("guid").get("isPermaLink") == "true"
            assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).utcoffset() is not None


def test_feed_dates_come_from_content_not_the_clock(site):
    feed = parsed(site, "actualites/atom.xml").feed
    assert feed.updated == "2026-11-01T10:00:00+01:00"              # the newest entry's update
    channel = etree.parse(str(site / "actualites/rss.xml")).getroot().find("channel")
    assert channel.findtext("lastBuildDate") == "Sun, 01 Nov 2026 10:00:00 +0100"


def test_pages_announce_their_feeds(site):
    def alternates(url):
        return [link["href"] for link in page(site, url).select('link[rel=alternate][type$="+xml"]')]

    assert alternates("") == ["./atom.xml", "./rss.xml"]
    assert alternates("actualites/") == ["../actualites/atom.xml", "../actualites/rss.xml"]
    assert alternates("agenda/") == ["../agenda/atom.xml", "../agenda/rss.xml",
                                     "../agenda/nouveaux-atom.xml", "../agenda/nouveaux-rss.xml"]
    for url in ("thematiques/biologie/", "tags/insectes/", "territoires/haute-garonne-31/", "acteurs/museum/"):
        assert alternates(url) == [f"../../{url}atom.xml", f"../../{url}rss.xml"], url


def test_subscribe_page_lists_every_feed_and_the_calendars(site):
    soup = page(site, "flux/")
    hrefs = {a["href"] for a in soup.select("main a")}
    for path in feed_files(site):
        assert f"../{path.relative_to(site)}" in hrefs
    assert "../agenda.ics" in hrefs and "../agenda/departements/31/agenda.ics" in hrefs
    assert [h2.get_text() for h2 in soup.select("main h2")] == [
        "Le site", "Par thématique", "Par mot-clé", "Par territoire", "Par acteur", "Calendriers (iCalendar)"]


def test_bodies_links_made_absolute_as_lxml_makes_them():
    """A body without image or style has its links made absolute without lxml: read back by
    lxml, each is what lxml's own make_links_absolute makes, and the text is untouched."""
    from content_model.markup import render
    from feeds.generator import absolute_html

    base = f"{PUBLIC}/actualites/ancres/"
    body = render("## Première partie\n\nVoir [la carte](/carte/ \"Carte > régions\"), [le haut](#premiere-partie), "
                  "[ailleurs](https://exemple.org/a?b=1&c=2), [la suite](../autre/ ) et `<a href=\"/x\">`.\n\n"
                  "<blockquote cite=\"/sources/\">Citation.</blockquote>\n\n[écrire](mailto:redaction@exemple.org)\n")
    made = lxml.html.fragment_fromstring(absolute_html(body, base), create_parent="div")
    expected = lxml.html.fragment_fromstring(body, create_parent="div")
    expected.make_links_absolute(base, resolve_base_href=False)
    links = [(element.tag, attribute, link) for element, attribute, link, _ in made.iterlinks()]
    assert links == [(element.tag, attribute, link) for element, attribute, link, _ in expected.iterlinks()]
    assert ("a", "href", f"{base}#premiere-partie") in links
    assert ("a", "href", f"{PUBLIC}/carte/") in links and ("a", "href", f"{PUBLIC}/actualites/autre/") in links
    assert ("blockquote", "cite", f"{PUBLIC}/sources/") in links
    assert ("a", "href", "https://exemple.org/a?b=1&c=2") in links
    assert made.text_content() == expected.text_content()
    assert '<a href="/x">' in made.find(".//code").text          # code shows what it shows
    assert made.find(".//p/a[@title]").get("title") == "Carte > régions"

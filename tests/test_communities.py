"""Communities: a type whose page gathers what joined it (`communities: [slug]` on any
item), its members, its feed and its calendar; member actors list their communities."""

import feedparser
import icalendar
import pytest
from test_content_check import run_check

from conftest import TWO_THEMES, build, page, write_content

COMMUNITY = """\
---
title: "Sciences participatives en Occitanie"
summary: "Observer, compter et mesurer avec des chercheurs."
members: [museum-test]
moderators: ["Camille Roux, coordinatrice"]
territory: [31, "09"]
themes: [biologie]
date: 2026-09-01
---
La communauté des sciences participatives.
"""
MUSEUM = '---\ntitle: "Muséum de test"\nslug: museum-test\nactor_type: musée\n---\nUn muséum.\n'
# An actor that joins by itself becomes a member too.
ASSOCIATION = ('---\ntitle: "Les Petits Curieux"\nactor_type: association\n'
               'communities: [sciences-participatives-en-occitanie]\n---\nUne association.\n')
JOINS = "communities: [sciences-participatives-en-occitanie]"
FILES = {
    "themes.yaml": TWO_THEMES,
    "communities/sciences-participatives.md": COMMUNITY,
    "actors/museum-test.md": MUSEUM,
    "actors/petits-curieux.md": ASSOCIATION,
    "articles/abeilles.md": f'---\ntitle: "Compter les abeilles"\ndate: 2026-06-02\nauthors: [Ada]\n{JOINS}\n---\nTexte.\n',
    "articles/autre.md": '---\ntitle: "Une autre nouvelle"\ndate: 2026-06-03\nauthors: [Ada]\n---\nTexte.\n',
    "events/sortie.md": (f'---\ntitle: "Sortie oiseaux"\nstart: 2027-01-17 09:00\nend: 2027-01-17 12:00\n'
                         f'location: {{name: "Étang", city: "Mèze", postcode: "34140"}}\n{JOINS}\n---\nTexte.\n'),
    "events/passe.md": (f'---\ntitle: "Sortie passée"\nstart: 2026-05-17 09:00\n'
                        f'location: {{name: "Étang", city: "Mèze", postcode: "34140"}}\n{JOINS}\n---\nTexte.\n'),
    "calls/appel.md": (f'---\ntitle: "Appel à projets 2027"\ndate: 2026-10-01\ncall_type: appel à projets\n'
                       f'deadline: 2027-01-31\n{JOINS}\n---\nTexte.\n'),
    "resources/video.md": (f'---\ntitle: "La pollinisation en vidéo"\ndate: 2026-03-02\nresource_type: vidéo\n'
                           f'{JOINS}\n---\nTexte.\n'),
}
URL = "communautes/sciences-participatives-en-occitanie/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), FILES)
    return build(content, tmp_path_factory.mktemp("output"))


def titles(section):
    return [heading.get_text(strip=True) for heading in section.select(".card h3, .card h2")]


def test_a_community_page_holds_what_joined_it_and_its_members(site):
    soup = page(site, URL)
    assert soup.h1.get_text() == "Sciences participatives en Occitanie"
    sections = {section.h2.get_text(): section for section in soup.select("section.community-section")}
    assert list(sections) == ["Dernières actualités", "Prochains événements", "Annonces ouvertes", "Ressources",
                              "Membres"]
    assert titles(sections["Dernières actualités"]) == ["Compter les abeilles"]       # not « Une autre nouvelle »
    assert titles(sections["Prochains événements"]) == ["Sortie oiseaux"]             # not the past one
    assert titles(sections["Annonces ouvertes"]) == ["Appel à projets 2027"]
    assert titles(sections["Ressources"]) == ["La pollinisation en vidéo"]
    # Members: those it names and the actor that joined it, by name.
    assert titles(sections["Membres"]) == ["Les Petits Curieux", "Muséum de test"]
    facts = soup.select_one(".facts").get_text(" ", strip=True)
    assert "Camille Roux, coordinatrice" in facts and "Haute-Garonne (31), Ariège (09)" in facts
    # Its feed and its calendar are announced by its page.
    assert soup.select_one('link[type="application/atom+xml"][href$="atom.xml"]')["href"].endswith(URL + "atom.xml")
    assert soup.select_one('link[type="text/calendar"]')["href"].endswith(URL + "agenda.ics")


def test_the_communities_are_listed_and_their_members_and_items_link_back(site):
    listing = page(site, "communautes/")
    assert [a.get_text(strip=True) for a in listing.select(".card h2 a, .card h3 a")] == [
        "Sciences participatives en Occitanie"]
    for url in ("acteurs/museum-test/", "acteurs/les-petits-curieux/"):
        related = page(site, url).select_one("section[aria-labelledby=communautes]")
        assert related.h2.get_text() == "Ses communautés"
        assert related.a["href"].endswith(URL)
    joined = page(site, "actualites/compter-les-abeilles/").select_one("section[aria-labelledby=communautes]")
    assert joined.h2.get_text() == "Dans la communauté" and joined.a.get_text() == "Sciences participatives en Occitanie"
    assert not page(site, "actualites/une-autre-nouvelle/").select("section[aria-labelledby=communautes]")
    assert page(site, "").select_one(".site-nav a[href$='communautes/']").get_text() == "Communautés"


def test_a_community_has_its_feed_and_its_calendar(site):
    feed = feedparser.parse((site / URL / "atom.xml").read_bytes())
    assert feed.feed.title == "Sciences en partage — Sciences participatives en Occitanie"
    # Everything that joined it but its members, newest first; never « Une autre nouvelle ».
    entries = [entry.title for entry in feed.entries]
    assert sorted(entries) == ["Appel à projets 2027", "Compter les abeilles", "La pollinisation en vidéo",
                               "Sortie oiseaux", "Sortie passée"]
    assert [entry.title for entry in feedparser.parse((site / URL / "rss.xml").read_bytes()).entries] == entries
    calendar = icalendar.Calendar.from_ical((site / URL / "agenda.ics").read_bytes())
    events = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert events == ["Sortie oiseaux"]                       # what is to come, as an organizer's calendar
    assert "Sciences participatives en Occitanie" in str(calendar["X-WR-CALNAME"])


def test_an_unknown_community_and_a_bad_departement_are_named_with_their_fix(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {
        "communities/c.md": COMMUNITY.replace('territory: [31, "09"]', "territory: [31, 99]").replace(
            "themes: [biologie]\n", ""),
        "articles/a.md": '---\ntitle: "A"\ndate: 2026-06-02\nauthors: [Ada]\ncommunities: [sciences-participatives]\n---\nTexte.\n',
    })
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("content/")]
    assert lines[0].startswith("content/articles/a.md:5: communities, 1re communauté: ")
    assert "sciences-participatives-en-occitanie" in lines[0]                     # voulez-vous dire
    assert lines[1].startswith("content/communities/c.md:6: territory, 2e département: « 99 » n'est pas un "
                               "numéro de département — écrivez son numéro, par exemple 31")
    assert len(lines) == 2

"""The built site, as a reader sees it: every type with its fields, lists,
pagination, drafts, future items, links that work from any folder."""

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from PIL import Image

from conftest import FIXED_NOW, ROOT, build, contribution, page, site_settings, write_content
from content_model import ContentError

ACTOR = """\
---
title: "Muséum de test"
slug: museum-test
actor_type: musée
location: {name: "Muséum de test", address: "1 rue des Fossiles", postcode: "31000", city: "Toulouse", lat: 43.59, lon: 1.45}
website: https://museum.example.org
---
Un muséum plein de fossiles.
"""
FILES = {
    "actors/museum-test.md": ACTOR,
    "articles/decouverte.md": """\
        ---
        title: "Une découverte au muséum"
        date: 2026-10-05 09:30
        authors: ["Léa Bernard", "Hugo Dubois"]
        summary: "Un fossile inconnu identifié dans les réserves."
        tags: [paléontologie, sciences participatives]
        actors: [museum-test]
        image: fossile.png
        image_alt: "Un fossile d’ammonite posé sur une table"
        ---
        Les réserves du muséum cachaient un **fossile** rare.

        ## Ce qu'on sait

        | Âge | Lieu |
        |---|---|
        | 150 Ma | Causses |
        """,
    "events/conference.md": """\
        ---
        title: "Conférence sur les fossiles"
        date: 2026-11-01
        start: 2026-12-12 14:00
        end: 2026-12-12 17:00
        event_type: conférence
        location: {name: "Muséum de test", address: "1 rue des Fossiles", postcode: "31000", city: "Toulouse"}
        organizer: museum-test
        audience: [tout-public, familles]
        price: "Gratuit"
        registration: https://museum.example.org/inscription
        status: cancelled
        accessibility: "Boucle magnétique"
        ---
        Une conférence.
        """,
    "events/cycle.md": """\
        ---
        title: "Cycle d’ateliers"
        date: 2026-10-01
        sessions:
          - {start: 2026-11-10 10:00, end: 2026-11-10 12:00}
          - {start: 2026-11-24 10:00, end: 2026-11-24 12:00}
          - {start: 2026-12-08 10:00, end: 2026-12-08 12:00}
        location: {name: "Salle B", postcode: "20000", city: "Ajaccio"}
        organizer: "Une association amie"
        ---
        Trois ateliers.
        """,
    "events/festival.md": """\
        ---
        title: "Festival de trois jours"
        date: 2026-10-01
        start: 2026-12-12
        end: 2026-12-14
        location: {name: "Parc", postcode: "97400", city: "Saint-Denis"}
        status: full
        ---
        Trois jours de sciences.
        """,
    "events/en-ligne.md": """\
        ---
        title: "Webinaire étoiles"
        date: 2026-10-01
        start: 2026-12-01 18:00
        online: https://visio.example.org/etoiles
        status: postponed
        ---
        En direct.
        """,
    "events/passe.md": """\
        ---
        title: "Atelier de l'an dernier"
        date: 2025-09-01
        start: 2025-10-10 10:00
        end: 2025-10-10 12:00
        location: {name: "Salle", city: "Toulouse"}
        ---
        Passé.
        """,
    "resources/kit.md": """\
        ---
        title: "Kit fossiles"
        date: 2026-09-01
        authors: ["Équipe du muséum"]
        resource_type: kit pédagogique
        url: https://museum.example.org/kit
        audience: [scolaires]
        license: "CC BY-SA 4.0"
        provider: museum-test
        loan: true
        ---
        Un kit à emprunter.
        """,
    "pages/a-propos.md": "Title: À propos\n\nLe site de test.\n",
    "pages/contribuer.md": "Title: Contribuer\n\nComment contribuer.\n",
    "pages/charte.md": "Title: Charte éditoriale\nSlug: charte\n\nLa charte.\n",
    "articles/brouillon.md": """\
        ---
        title: "Brouillon secret"
        date: 2026-10-01
        authors: ["Léa Bernard"]
        draft: true
        ---
        Pas encore.
        """,
    "articles/futur.md": """\
        ---
        title: "Article de l'an prochain"
        date: 2027-06-01 08:00
        authors: ["Léa Bernard"]
        ---
        Bientôt.
        """,
    **{f"articles/serie-{n:02d}.md": f"""\
        ---
        title: "Brève numéro {n}"
        date: 2026-01-{n:02d} 08:00
        authors: ["Inès Durand"]
        ---
        Brève {n}.
        """ for n in range(1, 24)},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), FILES)
    (content / "images").mkdir()
    Image.new("RGB", (64, 48), "teal").save(content / "images" / "fossile.png")
    return build(content, tmp_path_factory.mktemp("output"))


def text_of(soup, selector):
    return " ".join(soup.select_one(selector).get_text(" ").split())


def facts(soup):
    return {div.dt.get_text(strip=True): " ".join(div.dd.get_text(" ").split())
            for div in soup.select("dl.facts > div")}


def test_article_page_shows_its_fields(site):
    soup = page(site, "actualites/une-decouverte-au-museum/")
    assert soup.h1.get_text() == "Une découverte au muséum"
    assert soup.html["lang"] == "fr"
    assert text_of(soup, ".lead") == "Un fossile inconnu identifié dans les réserves."
    byline = soup.select_one(".byline")
    assert [a.get_text() for a in byline.select("a")] == ["Léa Bernard", "Hugo Dubois"]
    assert byline.time["datetime"] == "2026-10-05T09:30:00+02:00"
    assert "5 octobre 2026" in byline.get_text()
    assert [t.get_text() for t in soup.select(".tag")] == ["paléontologie", "sciences participatives"]
    assert soup.select_one(".related a")["href"] == "../../acteurs/museum-test/"
    image = soup.select_one(".hero img")
    assert image["alt"] == "Un fossile d’ammonite posé sur une table"
    assert (site / "actualites/une-decouverte-au-museum" / image["src"]).is_file()
    assert soup.select_one(".prose table td").get_text() == "150 Ma"
    assert soup.select_one(".prose h2")["id"] == "ce-quon-sait"


def test_event_page_shows_date_place_and_cancellation(site):
    soup = page(site, "evenements/conference-sur-les-fossiles/")
    assert "Annulé" in text_of(soup, ".banner--cancelled")
    shown = facts(soup)
    assert shown["Quand"] == "samedi 12 décembre 2026, 14 h – 17 h"     # facts() folds spaces
    assert shown["Où"] == "Muséum de test 1 rue des Fossiles 31000 Toulouse Haute-Garonne (31)"
    assert shown["Tarif"] == "Gratuit"
    assert shown["Public"] == "Tout public, Familles"
    assert shown["Organisé par"] == "Muséum de test"
    assert shown["Accessibilité"] == "Boucle magnétique"
    assert soup.select_one("dl.facts a[href='https://museum.example.org/inscription']")
    assert soup.select_one("dl.facts time")["datetime"] == "2026-12-12T14:00:00+01:00"


def test_multi_session_event_highlights_the_next_session(site):
    soup = page(site, "evenements/cycle-d-ateliers/")
    sessions = soup.select(".sessions li")
    assert len(sessions) == 3
    assert sessions[1]["class"] == ["sessions__next"]       # now is 22 November 2026
    assert "mardi 24 novembre 2026, 10\u00a0h – 12\u00a0h" in sessions[1].get_text()
    assert facts(soup)["Organisé par"] == "Une association amie"
    assert "Corse-du-Sud (2A)" in facts(soup)["Où"]


def test_all_day_multi_day_and_online_events(site):
    festival = page(site, "evenements/festival-de-trois-jours/")
    assert facts(festival)["Quand"] == "du samedi 12 au lundi 14 décembre 2026"
    assert "La Réunion (974)" in facts(festival)["Où"]
    assert festival.select_one(".banner--full")
    online = page(site, "evenements/webinaire-etoiles/")
    assert online.select_one("dl.facts a")["href"] == "https://visio.example.org/etoiles"
    assert facts(online)["Quand"] == "mardi 1er décembre 2026, 18 h"
    assert online.select_one(".banner--postponed")


def test_resource_page_shows_its_fields(site):
    shown = facts(page(site, "ressources/kit-fossiles/"))
    assert shown["Type"] == "Kit pédagogique"
    assert shown["Licence"] == "CC BY-SA 4.0"
    assert shown["Proposée par"] == "Muséum de test"
    assert shown["Prêt"] == "Cette ressource peut être empruntée."
    assert page(site, "ressources/kit-fossiles/").select_one("dl.facts a")["href"] == \
        "https://museum.example.org/kit"


def test_actor_page_lists_its_events_resources_and_articles(site):
    soup = page(site, "acteurs/museum-test/")
    assert facts(soup)["Site web"] == "https://museum.example.org"
    sections = {s.h2.get_text(): [a.get_text() for a in s.select(".card__title a")]
                for s in soup.select("section.actor-related")}
    assert sections == {"Ses événements": ["Conférence sur les fossiles"],
                        "Ses ressources": ["Kit fossiles"],
                        "Actualités qui en parlent": ["Une découverte au muséum"]}


def card_titles(soup):
    return [a.get_text() for a in soup.select(".card__title a")]


def test_news_list_is_paginated_newest_first(site):
    first = page(site, "actualites/")
    titles = card_titles(first)
    assert len(titles) == 20 and titles[0] == "Une découverte au muséum"
    assert first.select_one(".pagination a[rel=next]")["href"] == "../actualites/page/2/"
    second = card_titles(page(site, "actualites/page/2/"))
    assert second == ["Brève numéro 4", "Brève numéro 3", "Brève numéro 2", "Brève numéro 1"]


def test_home_shows_news_events_and_resources(site):
    soup = page(site, "")
    # The newest news with a picture is the large story; the others follow.
    feature = soup.select_one(".feature")
    assert feature.select_one(".eyebrow").get_text().startswith("À la une")
    assert feature.h2.get_text() == "Une découverte au muséum" and feature.img is not None
    sections = {s.h2.get_text(): card_titles(s) for s in soup.select("main section:not(.feature)")}
    assert sections["Dernières actualités"][0] == "Brève numéro 23"
    assert "Une découverte au muséum" not in sections["Dernières actualités"]
    assert sections["Cette semaine et après"][0] == "Cycle d’ateliers"
    assert sections["Ressources récentes"] == ["Kit fossiles"]


def test_author_pages_and_index(site):
    soup = page(site, "auteurs/lea-bernard/")
    assert card_titles(soup) == ["Une découverte au muséum"]
    index = page(site, "auteurs/")
    assert [a.get_text() for a in index.select("main li a")] == [
        "Équipe du muséum", "Hugo Dubois", "Inès Durand", "Léa Bernard"]


def test_drafts_and_future_items_are_built_apart_and_listed_nowhere(site):
    for slug, banner in (("brouillon-secret", "Brouillon"), ("article-de-l-an-prochain", "À paraître")):
        soup = page(site, f"drafts/{slug}/")
        assert soup.select_one('meta[name=robots]')["content"] == "noindex"
        assert banner in soup.select_one(".banner--draft").get_text()
        assert not (site / "actualites" / slug).exists()
    listed = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html")
                     if "drafts" not in p.parts) + (site / "sitemap.xml").read_text()
    assert "brouillon-secret" not in listed and "article-de-l-an-prochain" not in listed


def test_every_page_has_canonical_open_graph_and_twitter_meta(site):
    public = "https://sciences-en-partage.example.org"
    for path in site.rglob("*.html"):
        # Drafts, the 404, the agenda's iframe pages, the web form, the digests' e-mail
        # versions and the style guide are kept out of search engines.
        if ("drafts" in path.parts or path.name in ("404.html", "email.html")
                or {"embed", "admin", "guide-de-style"} & set(path.parts)):
            continue
        soup = page(site, str(path.relative_to(site)))
        canonical = soup.select_one("link[rel=canonical]")["href"]
        assert canonical.startswith(public + "/") and not canonical.endswith("index.html"), path
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:site_name"):
            assert soup.select_one(f'meta[property="{prop}"]')["content"], (path, prop)
        assert soup.select_one('meta[name="twitter:card"]')["content"] in ("summary", "summary_large_image")
    article = page(site, "actualites/une-decouverte-au-museum/")
    shared = article.select_one('meta[property="og:image"]')["content"]
    assert shared.startswith(f"{public}/images/fossile-") and shared.endswith("-partage.png")
    assert (site / shared.removeprefix(public + "/")).is_file()
    assert article.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def internal_targets(site):
    """Every internal href/src of every page, as (page, resolved file)."""
    for path in site.rglob("*.html"):
        soup = page(site, str(path.relative_to(site)))
        for tag in soup.select("[href], [src]"):
            link = tag.get("href") or tag.get("src")
            if link.startswith(("http:", "https:", "mailto:", "#")) or path.name == "404.html":
                continue
            address = link.split("#")[0].split("?")[0]        # /carte/?montrer=… is /carte/
            target = (path.parent / address).resolve()
            yield path, link, target / "index.html" if address.endswith("/") else target


def test_dev_build_links_are_relative_and_all_resolve(site):
    broken = [(str(p.relative_to(site)), link) for p, link, target in internal_targets(site)
              if link.startswith("/") or not target.exists()]
    assert not broken


def test_sitemap_and_robots(site):
    from lxml import etree
    tree = etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = tree.xpath("//s:loc/text()", namespaces=ns)
    public = "https://sciences-en-partage.example.org/"
    assert public + "evenements/conference-sur-les-fossiles/" in urls
    assert public + "actualites/" in urls and public + "a-propos/" in urls
    assert not any("drafts" in url for url in urls)
    assert urls == sorted(urls)
    assert len(urls) == len(set(urls))
    lastmod = tree.xpath(f"//s:url[s:loc='{public}actualites/une-decouverte-au-museum/']/s:lastmod/text()",
                         namespaces=ns)
    assert lastmod == ["2026-10-05T09:30:00+02:00"]
    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {public}sitemap.xml" in robots and "Disallow: /drafts/" in robots


def test_404_page_uses_root_links(site):
    soup = page(site, "404.html")
    assert soup.h1.get_text() == "Page introuvable"
    assert soup.select_one("main a")["href"] == "/"


def test_publish_build_uses_absolute_urls(tmp_path):
    content = write_content(tmp_path / "content", {"actors/museum-test.md": ACTOR})
    output = tmp_path / "output"
    settings = site_settings(content, output)
    settings.update(SITEURL="https://sciences-en-partage.example.org", RELATIVE_URLS=False)
    Pelican(settings).run()
    soup = page(output, "acteurs/")
    assert soup.select_one(".card__title a")["href"] == \
        "https://sciences-en-partage.example.org/acteurs/museum-test/"


def test_same_content_gives_byte_identical_output(tmp_path):
    content = write_content(tmp_path / "content", {k: v for k, v in FILES.items() if "image" not in v})
    first, second = build(content, tmp_path / "a"), build(content, tmp_path / "b")
    comparison = filecmp.dircmp(first, second)
    files = [p.relative_to(first) for p in first.rglob("*") if p.is_file()]
    mismatch = filecmp.cmpfiles(first, second, files, shallow=False)[1:]
    assert comparison.left_only == comparison.right_only == [] and mismatch == ([], [])


def test_build_stops_on_invalid_content_with_every_error(tmp_path):
    content = write_content(tmp_path / "content", {
        "articles/a.md": "---\ntitle: A\n---\nTexte.\n",
        "events/e.md": "---\ntitle: E\nstart: demain\nonline: https://x.example.org\n---\n"})
    with pytest.raises(ContentError) as error:
        build(content, tmp_path / "output")
    message = str(error.value)
    assert "articles/a.md:1: date: champ obligatoire manquant" in message
    assert "articles/a.md:1: authors: champ obligatoire manquant" in message
    assert "events/e.md:3: start: « demain » n'est pas une date reconnue" in message
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "out2"),
         "-s", str(ROOT / "pelicanconf.py"), "-e", f'THEME="{ROOT / "theme"}"',
         f'PLUGIN_PATHS=["{ROOT / "plugins"}"]', f'AGENDA_NOW="{FIXED_NOW}"'],
        capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "n'est pas une date reconnue" in result.stdout + result.stderr


def test_native_pelican_header_still_works(site):
    soup = page(site, "a-propos/")
    assert soup.h1.get_text() == "À propos"
    assert "Le site de test." in soup.select_one(".prose").get_text()
    assert Path(site / "a-propos/index.html").is_file()


@pytest.mark.slow
def test_every_page_loads_each_script_once_at_its_end(seed_site):
    """Scripts are asked for by templates and written by base.html alone, after the footer:
    no page of the seed site loads one twice (an actor page once loaded agenda.js twice)."""
    checked = 0
    for path in sorted(seed_site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        sources = [script["src"] for script in soup.select("script[src]")]
        assert len(sources) == len(set(sources)), path
        if soup.select_one("footer.site-footer") and sources:
            assert all(script.find_previous("footer", class_="site-footer") for script in soup.select("script[src]")), path
            checked += 1
    assert checked > 50
    actor = page(seed_site, "acteurs/museum-sciences-garonne/")
    names = [script["src"].rsplit("/", 1)[-1] for script in actor.select("script[src]")]
    assert names == ["map.js", "share.js", "agenda.js"]     # its small map (which loads Leaflet), share bar, lists


def test_a_body_reads_as_githubs_preview_shows_it(tmp_path):
    body = ("## Les « Sciences » : ça marche !\n\nUn fait[^1], une adresse www.example.org, ~~l'ancien~~.\n\n"
            "- une liste\n  - imbriquée de deux espaces\n\n| Lieu | Heure |\n|---|---:|\n| Musée | 14 h |\n\n"
            "## Les « Sciences » : ça marche !\n\n[^1]: La source.\n")
    content = write_content(tmp_path / "content", {
        "articles/gfm.md": contribution("Markdown de GitHub", "2026-11-01", body=body, authors="[Ada]")})
    prose = page(build(content, tmp_path / "output"), "actualites/markdown-de-github/").select_one(".prose")
    headings = prose.find_all("h2")
    assert [heading["id"] for heading in headings] == ["les-sciences-ca-marche", "les-sciences-ca-marche_1"]
    assert [heading.find("a", class_="heading-anchor")["href"] for heading in headings] == [
        "#les-sciences-ca-marche", "#les-sciences-ca-marche_1"]
    assert prose.select_one("ul > li > ul > li").get_text() == "imbriquée de deux espaces"
    assert prose.find("del").get_text() == "l’ancien"
    assert prose.find("a", string="www.example.org")["href"] == "http://www.example.org"
    assert [cell.get_text() for cell in prose.select("table td")] == ["Musée", "14\u00a0h"]
    reference = prose.select_one("sup a[href]")
    note = prose.select_one(reference["href"])
    assert note.get_text(" ", strip=True).startswith("La source.")
    back = note.select_one("a.footnote-backref")
    assert back["aria-label"] == "Retour à l’appel de note 1" and back["href"] == "#" + reference["id"]
    assert "Back to" not in str(prose)

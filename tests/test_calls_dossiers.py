"""Calls (/annonces/, plugins/calls) and dossiers (/dossiers/): open and closed calls
around a fixed "now" (Sunday 22 November 2026, noon in Paris), their badges, feeds,
structured data and theme pages; dossiers' items in order, back-links, index and feed.
"""

import datetime as dt
import json
import logging

import feedparser
import pytest
from test_search import store_rows

from conftest import TWO_THEMES, build, contribution, page, serve, write_content

PUBLIC = "https://sciences-en-partage.example.org"
UTC = dt.UTC
ACTOR = ('---\ntitle: "Planétarium Hypatie"\nactor_type: musée\nlocation: {name: "Planétarium", '
         'postcode: "34000", city: "Montpellier", lat: 43.6, lon: 3.88}\n---\nUn planétarium.\n')
PLACE = '{name: "Muséum", postcode: "31000", city: "Toulouse"}'


def call(title, deadline, call_type="appel à projets", date="2026-11-01", **fields):
    return contribution(title, date, call_type=f'"{call_type}"', deadline=f'"{deadline}"', **fields)


FILES = {
    "themes.yaml": TWO_THEMES,
    "actors/planetarium.md": ACTOR,
    # Open: the end of today, in three days (both closing soon), in eight days, in two months.
    "calls/ce-soir.md": call("Dernier jour", "2026-11-22", tags="[astronomie]"),
    "calls/bientot.md": call("Dans trois jours", "2026-11-25 18:00", "emploi", organizer="planetarium-hypatie",
                             themes="[univers]", audience="[professionnels]"),
    "calls/huit-jours.md": call("Dans huit jours", "2026-11-30", "stage", organizer='"Une entreprise"'),
    "calls/loin.md": call("Dans deux mois", "2027-01-31", "concours", themes="[univers]",
                          url="https://exemple.fr/concours"),
    # Closed: a minute ago, and in October.
    "calls/midi.md": call("Close à midi moins une", "2026-11-22 11:59", "AMI"),
    "calls/octobre.md": call("Close en octobre", "2026-10-15", "bénévolat", date="2026-09-01"),
    "calls/brouillon.md": call("Brouillon", "2027-01-01", draft="true"),
    # A dossier mixing types, in its own order; an event cancelled; an item not published yet.
    "articles/ciel.md": contribution("Le ciel d’hiver", "2026-11-10", authors="[Ada]", themes="[univers]"),
    "articles/prochain.md": contribution("Pas encore paru", "2026-12-24", authors="[Ada]"),
    "events/atelier.md": contribution("Atelier étoiles", "2026-10-01", start='"2026-12-05 14:00"',
                                      location=PLACE, status="annulé", organizer="planetarium-hypatie"),
    "resources/kit.md": contribution("Kit Lune", "2026-10-01", resource_type="kit pédagogique"),
    "dossiers/astronomie.md": contribution(
        "L’astronomie pour tous", "2026-11-20", body="Une **introduction** au dossier.",
        summary='"Lever les yeux."', themes="[univers]",
        items="[kit-lune, pas-encore-paru, atelier-etoiles, dans-deux-mois, le-ciel-d-hiver, planetarium-hypatie]"),
    "dossiers/petit.md": contribution("Un petit dossier", "2026-11-21", items="[le-ciel-d-hiver]"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("calls-content"), FILES)
    return build(content, tmp_path_factory.mktemp("calls-output"))


def titles(soup, selector=".card__title"):
    return [title.get_text(strip=True) for title in soup.select(selector)]


def json_ld(soup):
    [script] = soup.select('script[type="application/ld+json"]')
    return json.loads(script.string)


# --- Calls -------------------------------------------------------------------------

def test_open_calls_by_deadline_and_closed_ones_most_recent_first(site):
    assert titles(page(site, "annonces/")) == ["Dernier jour", "Dans trois jours", "Dans huit jours",
                                               "Dans deux mois"]
    assert titles(page(site, "annonces/archives/")) == ["Close à midi moins une", "Close en octobre"]
    assert not (site / "annonces" / "brouillon").exists()
    home = page(site, "").select_one("#annonces").find_parent("section")
    assert titles(home) == ["Dernier jour", "Dans trois jours", "Dans huit jours"]


def test_closing_soon_and_closed_badges(site):
    badges = {card.select_one(".card__title").get_text(strip=True):
              card.select_one("[data-live-badge]").get_text(strip=True)
              for card in page(site, "annonces/").select(".card--call")}
    assert badges == {"Dernier jour": "Clôture bientôt", "Dans trois jours": "Clôture bientôt",
                      "Dans huit jours": "", "Dans deux mois": ""}
    closed = page(site, "annonces/archives/").select(".card--call [data-live-badge]")
    assert [badge.get_text(strip=True) for badge in closed] == ["Clôturée", "Clôturée"]
    # What the browser script reads to keep them true: the deadline and the start of "soon".
    card = page(site, "annonces/").select_one(".card--call")
    assert card["data-expires"] == "2026-11-23T00:00:00+01:00"
    assert card["data-soon"] == "2026-11-16T00:00:00+01:00"
    # Only lists of what is open hide what closes.
    assert page(site, "annonces/").select_one("ul.cards").has_attr("data-hide-ended")
    assert not page(site, "annonces/archives/").select_one("ul.cards").has_attr("data-hide-ended")


def test_call_page_shows_type_deadline_organizer_and_where_to_apply(site):
    soup = page(site, "annonces/dans-deux-mois/")
    facts = {row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True) for row in soup.select(".facts > div")}
    assert facts["Type"] == "Concours"
    assert facts["Date limite"] == "dimanche 31 janvier 2027"
    assert soup.select_one(".facts a[href='https://exemple.fr/concours']").get_text() == "Répondre à l’annonce"
    job = page(site, "annonces/dans-trois-jours/")
    assert "mercredi 25 novembre 2026, 18\u00a0h" in job.select_one(".facts").get_text()
    assert job.select_one(".facts a")["href"] == "../../acteurs/planetarium-hypatie/"
    assert page(site, "annonces/close-a-midi-moins-une/").select_one(".facts .badge").get_text() == "Clôturée"
    assert page(site, "annonces/close-a-midi-moins-une/").select_one(".kicker").get_text() == "Annonce · AMI"


def test_jobs_are_job_postings_and_other_calls_creative_works(site):
    job = json_ld(page(site, "annonces/dans-trois-jours/"))
    assert job["@type"] == "JobPosting"
    assert job["validThrough"] == "2026-11-25T18:00:00+01:00"
    assert job["datePosted"] == "2026-11-01T00:00:00+01:00"
    assert job["hiringOrganization"] == {"@type": "Organization", "name": "Planétarium Hypatie",
                                         "url": f"{PUBLIC}/acteurs/planetarium-hypatie/"}
    assert job["jobLocation"]["address"]["postalCode"] == "34000"
    internship = json_ld(page(site, "annonces/dans-huit-jours/"))
    assert internship["@type"] == "JobPosting" and internship["employmentType"] == "INTERN"
    assert internship["hiringOrganization"] == {"@type": "Organization", "name": "Une entreprise"}
    contest = json_ld(page(site, "annonces/dans-deux-mois/"))
    assert contest["@type"] == "CreativeWork"
    assert contest["expires"] == "2027-02-01T00:00:00+01:00" and contest["genre"] == "Concours"


def test_calls_feed_holds_every_published_call_with_its_deadline(site):
    feed = feedparser.parse((site / "annonces" / "atom.xml").read_bytes())
    assert feed.bozo == 0
    assert sorted(entry.title for entry in feed.entries) == [
        "Close en octobre", "Close à midi moins une", "Dans deux mois", "Dans huit jours", "Dans trois jours",
        "Dernier jour"]
    assert feed.entries[-1].title == "Close en octobre"          # published first
    summaries = {entry.title: entry.summary for entry in feed.entries}
    assert summaries["Dans deux mois"].startswith("Concours · date limite\u00a0: dimanche 31 janvier 2027.")
    assert feedparser.parse((site / "annonces" / "rss.xml").read_bytes()).bozo == 0
    assert page(site, "annonces/").find("link", attrs={"type": "application/atom+xml"})["href"].endswith(
        "annonces/atom.xml")
    main = [entry.link for entry in feedparser.parse((site / "atom.xml").read_bytes()).entries]
    assert f"{PUBLIC}/annonces/dans-deux-mois/" in main and f"{PUBLIC}/dossiers/l-astronomie-pour-tous/" in main


def test_theme_tag_and_actor_pages_list_calls(site):
    theme = page(site, "thematiques/univers/")
    section = theme.select_one("#section-annonces").find_parent("section")
    # By deadline; "Dernier jour" through its tag, which belongs to the theme.
    assert titles(section) == ["Dernier jour", "Dans trois jours", "Dans deux mois"]
    assert "Dernier jour" in titles(page(site, "tags/astronomie/"))
    actor = page(site, "acteurs/planetarium-hypatie/")
    assert titles(actor.select_one("#ses-annonces").find_parent("section")) == ["Dans trois jours"]
    # The script that closes calls in the browser, once (the actor's calendar link is in <head>).
    assert actor.find("link", attrs={"type": "text/calendar"})
    assert len(actor.select('script[src$="theme/js/agenda.js"]')) == 1


def test_calls_and_dossiers_are_in_the_sitemap_and_navigation(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("annonces/", "annonces/archives/", "annonces/dans-deux-mois/", "dossiers/",
                "dossiers/l-astronomie-pour-tous/"):
        assert f"<loc>{PUBLIC}/{url}</loc>" in sitemap
    assert "brouillon" not in sitemap
    nav = {link.get_text(): link["href"] for link in page(site, "").select(".site-nav a")}
    assert nav["Annonces"] == "./annonces/" and nav["Dossiers"] == "./dossiers/"


def test_calls_and_dossiers_are_in_the_search_index(site):
    rows = {row[0]: row for row in store_rows(site)}
    assert rows["Dans deux mois"][1:3] == ["annonces/dans-deux-mois/",
                                          "Concours · date limite\u00a0: dimanche 31 janvier 2027"]
    assert rows["L’astronomie pour tous"][1] == "dossiers/l-astronomie-pour-tous/"
    assert "Brouillon" not in rows


# --- Dossiers ----------------------------------------------------------------------

def test_dossier_shows_its_introduction_then_its_items_in_order(site, caplog):
    soup = page(site, "dossiers/l-astronomie-pour-tous/")
    assert soup.select_one(".prose strong").get_text() == "introduction"
    cards = soup.select(".dossier-items .card")
    assert [card.select_one(".card__title").get_text(strip=True) for card in cards] == [
        "Kit Lune", "Atelier étoiles", "Dans deux mois", "Le ciel d’hiver", "Planétarium Hypatie"]
    assert [card.select_one(".card__type").get_text() for card in cards] == [
        "Ressource", "Événement", "Annonce", "Actualité", "Acteur"]
    event = cards[1]
    assert "samedi 5 décembre 2026, 14\u00a0h" in event.select_one(".card__meta").get_text()
    assert "card--cancelled" in event["class"] and event.select_one(".badge--cancelled").get_text() == "Annulé"
    assert cards[2].select_one("time").get_text() == "dimanche 31 janvier 2027"
    # The page follows the intro: items after the text, before the footer.
    assert soup.select_one(".item__layout").find_next_sibling("section")["class"] == ["dossier-items"]


def test_dossier_item_not_yet_published_waits_and_the_build_says_so(tmp_path, caplog):
    files = {key: FILES[key] for key in ("themes.yaml", "articles/ciel.md", "articles/prochain.md")}
    files["dossiers/d.md"] = contribution("Dossier", "2026-11-20", items="[pas-encore-paru, le-ciel-d-hiver]")
    with caplog.at_level(logging.WARNING):
        output = build(write_content(tmp_path / "content", files), tmp_path / "output")
    assert titles(page(output, "dossiers/dossier/"), ".dossier-items .card__title") == ["Le ciel d’hiver"]
    assert any("items: « pas-encore-paru » n'est pas encore publié" in record.getMessage()
               for record in caplog.records)


def test_each_item_links_back_to_its_dossiers(site):
    def back_links(url):
        section = page(site, url).select_one("#dans-les-dossiers")
        return [a.get_text() for a in section.find_parent("section").select("a")] if section else []

    assert back_links("actualites/le-ciel-d-hiver/") == ["Un petit dossier", "L’astronomie pour tous"]  # newest first
    assert back_links("evenements/atelier-etoiles/") == ["L’astronomie pour tous"]
    assert back_links("annonces/dans-deux-mois/") == ["L’astronomie pour tous"]
    assert back_links("acteurs/planetarium-hypatie/") == ["L’astronomie pour tous"]
    assert back_links("ressources/kit-lune/") == ["L’astronomie pour tous"]
    assert back_links("annonces/dans-huit-jours/") == []


def test_dossiers_index_feed_and_collection_page(site):
    index = page(site, "dossiers/")
    assert titles(index) == ["Un petit dossier", "L’astronomie pour tous"]
    assert "5 contenus" in index.select(".card__meta")[1].get_text()
    feed = feedparser.parse((site / "dossiers" / "atom.xml").read_bytes())
    assert feed.bozo == 0 and [entry.title for entry in feed.entries] == ["Un petit dossier",
                                                                          "L’astronomie pour tous"]
    data = json_ld(page(site, "dossiers/l-astronomie-pour-tous/"))
    assert data["@type"] == "CollectionPage" and data["mainEntity"]["numberOfItems"] == 5
    assert [element["url"] for element in data["mainEntity"]["itemListElement"]] == [
        f"{PUBLIC}/ressources/kit-lune/", f"{PUBLIC}/evenements/atelier-etoiles/",
        f"{PUBLIC}/annonces/dans-deux-mois/", f"{PUBLIC}/actualites/le-ciel-d-hiver/",
        f"{PUBLIC}/acteurs/planetarium-hypatie/"]
    assert "L’astronomie pour tous" in titles(page(site, "thematiques/univers/").select_one(
        "#section-dossiers").find_parent("section"))


# --- In a real browser ---------------------------------------------------------------

def test_browser_closes_calls_and_marks_them_closing_soon_by_the_reader_s_clock(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        # Three days after the build: two calls have closed, the eight-day one closes soon.
        browser_page.clock.set_fixed_time(dt.datetime(2026, 11, 25, 17, 30, tzinfo=UTC))
        browser_page.goto(root + "annonces/")
        visible = browser_page.locator(".card--call:visible .card__title a")
        assert [title.strip() for title in visible.all_inner_texts()] == ["Dans huit jours", "Dans deux mois"]
        assert browser_page.locator(".card--call:visible .badge--soon").count() == 1
        assert "Dans huit jours" in browser_page.locator(".card--call:has(.badge--soon)").inner_text()
        browser_page.goto(root + "annonces/dans-trois-jours/")
        assert browser_page.locator(".facts [data-live-badge]").inner_text() == "Clôturée"
        # After every deadline: the list says so rather than showing nothing.
        browser_page.clock.set_fixed_time(dt.datetime(2027, 3, 1, tzinfo=UTC))
        browser_page.goto(root + "annonces/")
        assert browser_page.locator(".card--call:visible").count() == 0
        assert browser_page.locator("[data-agenda-empty]").is_visible()

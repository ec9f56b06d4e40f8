"""The agenda as readers, calendar apps and aggregators get it.

A small site is built with "now" fixed at Sunday 22 November 2026, noon, and
events around it: past, ongoing, upcoming, all-day, multi-day, a series of
sessions, cancelled, postponed, full, online, and one across the March
daylight-saving change.
"""

import csv
import datetime as dt
import io
import json

import pytest
from icalendar import Calendar

from conftest import build, page, serve, write_content

UTC = dt.UTC
DOMAIN = "sciences-en-partage.example.org"
PUBLIC = f"https://{DOMAIN}"
TOULOUSE = '{name: "Muséum", address: "1 rue des Fossiles", postcode: "31000", city: "Toulouse", lat: 43.59, lon: 1.45}'
MONTPELLIER = '{name: "Planétarium", postcode: "34000", city: "Montpellier", lat: 43.61, lon: 3.88}'
CAHORS = '{name: "Médiathèque", postcode: "46000", city: "Cahors"}'


def event(title, when, place=TOULOUSE, **fields):
    lines = [f'title: "{title}"', *when.strip().splitlines(), f"location: {place}" if place else ""]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(line for line in lines if line) + "\n---\nTexte de l'événement.\n"


FILES = {
    "themes.yaml": """\
        - slug: univers
          label: Sciences de l’Univers, astronomie
          tags: [astronomie, espace]
        - slug: biologie
          label: Biologie et sciences du vivant
          tags: [insectes]
        """,
    "actors/museum.md": """\
        ---
        title: Muséum de Toulouse
        slug: museum
        actor_type: musée
        location: {name: "Muséum", postcode: "31000", city: "Toulouse"}
        ---
        Un muséum.
        """,
    "events/passe-octobre.md": event("Atelier d’octobre", "start: 2026-10-10 14:00\nend: 2026-10-10 16:00",
                                     event_type="atelier"),
    "events/passe-an-dernier.md": event("Nuit de l’an dernier", "start: 2025-11-15", MONTPELLIER),
    "events/fini-ce-matin.md": event("Marché de ce matin", "start: 2026-11-22 08:00\nend: 2026-11-22 11:00"),
    "events/exposition.md": event("Exposition insectes", "start: 2026-11-01\nend: 2027-01-31",
                                  organizer="museum", tags='["insectes"]', price='"Gratuit"',
                                  event_type="exposition"),
    "events/aujourd-hui.md": event("Fête de la science du jour", "start: 2026-11-22 10:00\nend: 2026-11-22 18:00",
                                   organizer="museum", audience="[familles]"),
    "events/samedi.md": event("Journée familles", "start: 2026-11-28", MONTPELLIER,
                              audience="[familles, tout-public]", price='"Gratuit"', event_type="atelier",
                              themes="[univers]"),
    "events/serie.md": event("Cycle d’ateliers", """\
sessions:
  - {start: 2026-11-15 14:00, end: 2026-11-15 16:00}
  - {start: 2026-11-29 14:00, end: 2026-11-29 16:00}
  - {start: 2026-12-13 14:00, end: 2026-12-13 16:00}""", MONTPELLIER, price='"5 €"', event_type="atelier"),
    "events/trois-jours.md": event("Festival de trois jours", "start: 2026-12-04 18:00\nend: 2026-12-06 12:00",
                                   CAHORS, event_type="festival"),
    "events/en-ligne.md": event("Webinaire étoiles", "start: 2026-12-02 18:30\nend: 2026-12-02 20:00", None,
                                online="https://visio.example.org/etoiles", tags='["astronomie"]'),
    "events/annule.md": event("Conférence annulée", "start: 2026-12-10 20:00", CAHORS, status="cancelled",
                              organizer="museum"),
    "events/reporte.md": event("Visite reportée", "start: 2026-12-12 10:00\nend: 2026-12-12 12:00",
                               status="postponed"),
    "events/complet.md": event("Atelier complet", "start: 2026-12-12 14:00\nend: 2026-12-12 16:00",
                               MONTPELLIER, status="full", registration="https://exemple.fr/inscription",
                               price='"3 €"'),
    "events/nuit-dst.md": event("Nuit des étoiles de printemps",
                                "start: 2027-03-27 22:00\nend: 2027-03-28 04:00", MONTPELLIER,
                                tags='["astronomie"]'),
    "events/saint-denis-93.md": event("Science en Seine-Saint-Denis", "start: 2027-01-09 15:00",
                                      '{name: "Salle", postcode: "93200", city: "Saint-Denis"}'),
    "events/saint-denis-974.md": event("Science à La Réunion", "start: 2027-01-16 15:00",
                                       '{name: "Salle", postcode: "97400", city: "Saint-Denis"}'),
    "events/brouillon.md": event("Projet secret", "start: 2026-12-01 10:00", draft="true"),
}
UPCOMING_ORDER = [
    "Exposition insectes",               # ongoing since 1 November: "En ce moment"
    "Fête de la science du jour",        # today, in progress
    "Journée familles",                  # 28 November, all day
    "Cycle d’ateliers",                  # next session 29 November
    "Webinaire étoiles", "Festival de trois jours", "Conférence annulée",
    "Visite reportée", "Atelier complet",
    "Science en Seine-Saint-Denis", "Science à La Réunion", "Nuit des étoiles de printemps",
]
PAST = ["Marché de ce matin", "Atelier d’octobre", "Nuit de l’an dernier"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), FILES)
    return build(content, tmp_path_factory.mktemp("output"), AGENDA_PAGINATION=5)


def card_titles(soup):
    return [a.get_text() for a in soup.select(".card__title a")]


def all_pages(site, url):
    """Every page of a paginated agenda list, followed through its "next" links."""
    soups = [page(site, url)]
    while (link := soups[-1].select_one(".pagination a[rel=next]")) is not None:
        soups.append(page(site, url + link["href"].split(url, 1)[-1]))
    return soups


def day_groups(soups):
    return [(section.h2.get_text(), card_titles(section))
            for soup in soups for section in soup.select("[data-agenda-list] .agenda-day")]


def calendar(site, path):
    return Calendar.from_ical((site / path).read_bytes())


# --- Agenda pages -------------------------------------------------------------

def test_agenda_lists_ongoing_then_upcoming_events_by_day_across_pages(site):
    soups = all_pages(site, "agenda/")
    assert len(soups) == 3
    assert [title for soup in soups for title in card_titles(soup)] == UPCOMING_ORDER
    groups = day_groups(soups)
    assert groups[:4] == [("En ce moment", ["Exposition insectes"]),
                          ("Dimanche 22 novembre 2026", ["Fête de la science du jour"]),
                          ("Samedi 28 novembre 2026", ["Journée familles"]),
                          ("Dimanche 29 novembre 2026", ["Cycle d’ateliers"])]
    headings = soups[0].select(".agenda-day h2")
    assert headings[0].time is None                          # "En ce moment" is no date
    assert headings[1].time["datetime"] == "2026-11-22"


def test_status_ongoing_and_next_session_show_on_lists(site):
    cards = {card.select_one(".card__title a").get_text(): card
             for soup in all_pages(site, "agenda/") for card in soup.select(".card")}
    badges = {title: [b.get_text() for b in card.select(".badge")] for title, card in cards.items()}
    assert badges["Exposition insectes"] == ["En cours"]
    assert badges["Fête de la science du jour"] == ["En cours"]
    assert badges["Conférence annulée"] == ["Annulé"]
    assert badges["Visite reportée"] == ["Reporté"]
    assert badges["Atelier complet"] == ["Complet"]
    assert badges["Journée familles"] == []
    assert "Prochaine séance\u00a0: dimanche 29 novembre 2026, 14\u00a0h – 16\u00a0h" in cards["Cycle d’ateliers"].get_text()
    assert cards["Webinaire étoiles"].select_one(".card__place").get_text(strip=True) == "En ligne"
    # Each card carries its end so the page stays true after the build day.
    assert cards["Journée familles"]["data-expires"] == "2026-11-29T00:00:00+01:00"
    assert cards["Cycle d’ateliers"]["data-start"] == "2026-11-29T14:00:00+01:00"


def test_event_page_lists_every_session_and_highlights_the_next(site):
    soup = page(site, "evenements/cycle-d-ateliers/")
    sessions = soup.select(".sessions li")
    assert len(sessions) == 3
    assert [s.get("class") for s in sessions] == [["is-over"], ["sessions__next"], None]    # the past one greyed
    assert "(prochaine séance)" in sessions[1].get_text()
    links = {div.dt.get_text(): [a.get_text() for a in div.select("a")] for div in soup.select("dl.facts > div")}
    assert links["Dans l’agenda"] == ["Hérault (34)", "Montpellier (34)", "Atelier"]
    assert soup.select_one(".add-to-calendar a")["href"].endswith(
        "evenements/cycle-d-ateliers/evenement.ics")


def test_archives_index_and_month_pages(site):
    index = page(site, "agenda/archives/")
    years = [(section.h2.get_text(), [li.get_text(" ", strip=True) for li in section.select("li")])
             for section in index.select("main section")]
    assert years == [("2026", ["Novembre 2026 — 1 événement", "Octobre 2026 — 1 événement"]),
                     ("2025", ["Novembre 2025 — 1 événement"])]
    assert card_titles(page(site, "agenda/archives/2026/11/")) == ["Marché de ce matin"]
    october = page(site, "agenda/archives/2026/10/")
    assert day_groups([october]) == [("Samedi 10 octobre 2026", ["Atelier d’octobre"])]
    assert card_titles(page(site, "agenda/archives/2025/11/")) == ["Nuit de l’an dernier"]
    listed = {title for soup in all_pages(site, "agenda/") for title in card_titles(soup)}
    assert listed.isdisjoint(PAST)


def test_filter_pages_by_departement_city_theme_audience_and_type(site):
    def titles(url):
        return [title for soup in all_pages(site, url) for title in card_titles(soup)]

    haute_garonne = page(site, "agenda/departements/31/")
    assert haute_garonne.h1.get_text() == "Agenda — Haute-Garonne (31)"
    assert titles("agenda/departements/31/") == ["Exposition insectes", "Fête de la science du jour",
                                                 "Visite reportée"]
    assert titles("agenda/departements/34/") == ["Journée familles", "Cycle d’ateliers", "Atelier complet",
                                                 "Nuit des étoiles de printemps"]
    assert titles("agenda/villes/saint-denis-93/") == ["Science en Seine-Saint-Denis"]
    assert titles("agenda/villes/saint-denis-974/") == ["Science à La Réunion"]
    # Themes come from `themes` and from tags the vocabulary maps to a theme.
    assert titles("agenda/thematiques/univers/") == ["Journée familles", "Webinaire étoiles",
                                                     "Nuit des étoiles de printemps"]
    assert titles("agenda/thematiques/biologie/") == ["Exposition insectes"]
    assert titles("agenda/publics/familles/") == ["Fête de la science du jour", "Journée familles"]
    assert titles("agenda/types/atelier/") == ["Journée familles", "Cycle d’ateliers"]
    index = page(site, "agenda/departements/")
    assert [li.get_text(" ", strip=True) for li in index.select(".facet-values li")] == [
        "Haute-Garonne (31) — 3 à venir", "Hérault (34) — 4 à venir", "La Réunion (974) — 1 à venir",
        "Lot (46) — 2 à venir", "Seine-Saint-Denis (93) — 1 à venir"]


def test_filter_without_javascript_falls_back_to_the_static_pages(site):
    soup = page(site, "agenda/")
    form = soup.select_one("form[data-agenda-filter]")
    # Shown only where scripts run: the stylesheet hides it until base.html's first script says so.
    assert "js" not in soup.html.get("class", []) and "classList.add(\"js\")" in soup.head.script.string
    css = (site / "theme/css/site.css").read_text(encoding="utf-8")
    assert ".agenda-filter[data-agenda-filter] { display: none; }" in css
    assert ".js .agenda-filter[data-agenda-filter] { display: block; }" in css
    assert [o["value"] for o in form.select("#filtre-departement option")] == ["", "31", "34", "974", "46", "93"]
    assert soup.select_one(".agenda-nav a[aria-current=page]").get_text() == "Tout l’agenda"
    assert page(site, "agenda/archives/").select_one(".agenda-nav a[aria-current=page]").get_text() == "Archives"
    nav = [a["href"] for a in soup.select(".agenda-nav a")]
    assert nav == ["../agenda/", "../agenda/departements/", "../agenda/villes/", "../agenda/thematiques/",
                   "../agenda/publics/", "../agenda/types/", "../carte/", "../agenda/archives/"]
    upcoming = json.loads((site / "agenda/a-venir.json").read_text(encoding="utf-8"))["events"]
    assert [record["title"] for record in upcoming] == UPCOMING_ORDER
    familles = next(record for record in upcoming if record["title"] == "Journée familles")
    assert (familles["departement"], familles["public"], familles["free"]) == (["34"], ["familles", "tout-public"], True)


def test_embeddable_pages_and_their_snippet(site):
    embed = page(site, "agenda/embed/departements/34/")
    assert embed.select_one('meta[name=robots]')["content"] == "noindex"
    assert embed.select_one("base")["target"] == "_blank"
    assert [a.get_text() for a in embed.select(".embed__list .card__title")] == [
        "Journée familles", "Cycle d’ateliers", "Atelier complet", "Nuit des étoiles de printemps"]
    assert embed.select_one("header, nav, footer") is None
    snippet = page(site, "agenda/departements/34/").select_one(".embed-code code").get_text()
    assert snippet.startswith(f'<iframe src="{PUBLIC}/agenda/embed/departements/34/"')
    assert (site / "agenda/embed/index.html").exists()


def test_draft_events_are_in_no_agenda_calendar_or_export(site):
    published = [path for path in site.rglob("*") if path.is_file() and "drafts" not in path.parts]
    assert not [path for path in published if b"Projet secret" in path.read_bytes()]
    draft = page(site, "drafts/projet-secret/")
    assert draft.select_one(".add-to-calendar") is None
    assert draft.select_one('script[type="application/ld+json"]') is None


# --- iCalendar ------------------------------------------------------------------

def vevents(site, path):
    return calendar(site, path).walk("VEVENT")


def test_agenda_ics_holds_every_upcoming_occurrence(site):
    cal = calendar(site, "agenda.ics")
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    events = cal.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    # One VEVENT per session for the series (all its sessions: calendars keep history).
    assert len(events) == len(UPCOMING_ORDER) + 2
    assert summaries.count("Cycle d’ateliers") == 3
    assert "ANNULÉ — Conférence annulée" in summaries
    assert not set(PAST) & set(summaries)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@" + DOMAIN) for uid in uids)
    for vevent in events:
        assert vevent["DTSTAMP"].dt.tzinfo is not None
        assert str(vevent["URL"]).startswith(PUBLIC + "/evenements/")


def test_ics_times_are_true_instants_across_daylight_saving(site):
    [night] = vevents(site, "evenements/nuit-des-etoiles-de-printemps/evenement.ics")
    # 22:00 CET (UTC+1) on 27 March, 04:00 CEST (UTC+2) on 28 March 2027.
    assert night["DTSTART"].dt == dt.datetime(2027, 3, 27, 21, 0, tzinfo=UTC)
    assert night["DTEND"].dt == dt.datetime(2027, 3, 28, 2, 0, tzinfo=UTC)
    assert str(night["UID"]) == f"nuit-des-etoiles-de-printemps@{DOMAIN}"
    assert night["GEO"].latitude == 43.61 and night["GEO"].longitude == 3.88
    assert str(night["LOCATION"]) == "Planétarium, 34000 Montpellier"
    assert "Univers" in ",".join(str(c) for c in night["CATEGORIES"].cats)


def test_ics_all_day_multi_day_status_and_online(site):
    [expo] = vevents(site, "evenements/exposition-insectes/evenement.ics")
    assert expo["DTSTART"].params["VALUE"] == "DATE" or isinstance(expo["DTSTART"].dt, dt.date)
    assert expo["DTSTART"].dt == dt.date(2026, 11, 1)
    assert expo["DTEND"].dt == dt.date(2027, 2, 1)                 # exclusive end
    assert str(expo["STATUS"]) == "CONFIRMED"
    [cancelled] = vevents(site, "evenements/conference-annulee/evenement.ics")
    assert str(cancelled["STATUS"]) == "CANCELLED"
    [postponed] = vevents(site, "evenements/visite-reportee/evenement.ics")
    assert str(postponed["STATUS"]) == "TENTATIVE" and str(postponed["SUMMARY"]).startswith("REPORTÉ — ")
    [online] = vevents(site, "evenements/webinaire-etoiles/evenement.ics")
    assert str(online["LOCATION"]) == "En ligne\u00a0: https://visio.example.org/etoiles"
    assert "GEO" not in online
    description = str(online["DESCRIPTION"])
    assert "<" not in description and "Texte de l’événement." in description
    sessions = vevents(site, "evenements/cycle-d-ateliers/evenement.ics")
    assert [s["DTSTART"].dt for s in sessions] == [
        dt.datetime(2026, 11, 15, 13, 0, tzinfo=UTC), dt.datetime(2026, 11, 29, 13, 0, tzinfo=UTC),
        dt.datetime(2026, 12, 13, 13, 0, tzinfo=UTC)]
    assert [str(s["UID"]) for s in sessions] == [
        f"cycle-d-ateliers-20261115T130000Z@{DOMAIN}", f"cycle-d-ateliers-20261129T130000Z@{DOMAIN}",
        f"cycle-d-ateliers-20261213T130000Z@{DOMAIN}"]


def test_ics_per_departement_theme_and_organizer(site):
    def summaries(path):
        return sorted(str(e["SUMMARY"]) for e in vevents(site, path))

    assert summaries("agenda/departements/46/agenda.ics") == [
        "ANNULÉ — Conférence annulée", "Festival de trois jours"]
    assert summaries("agenda/thematiques/univers/agenda.ics") == [
        "Journée familles", "Nuit des étoiles de printemps", "Webinaire étoiles"]
    assert summaries("acteurs/museum/agenda.ics") == [
        "ANNULÉ — Conférence annulée", "Exposition insectes", "Fête de la science du jour"]
    actor = page(site, "acteurs/museum/")
    assert actor.select_one('link[rel=alternate][type="text/calendar"]')["href"].endswith("acteurs/museum/agenda.ics")
    agenda = page(site, "agenda/departements/46/")
    assert agenda.select_one('link[rel=alternate][type="text/calendar"]')["href"].endswith(
        "agenda/departements/46/agenda.ics")


# --- Structured data and open data ---------------------------------------------

def json_ld(soup):
    return [json.loads(script.string) for script in soup.select('script[type="application/ld+json"]')]


def test_every_event_page_carries_schema_org_event(site):
    pages = sorted((site / "evenements").glob("*/index.html"))
    assert len(pages) == len(UPCOMING_ORDER) + len(PAST)
    for path in pages:
        [data] = json_ld(page(site, str(path.relative_to(site))))
        assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
        for key in ("name", "startDate", "eventStatus", "eventAttendanceMode", "location", "url",
                    "description"):
            assert data[key], (path, key)
    full = json_ld(page(site, "evenements/atelier-complet/"))[0]
    assert full["startDate"] == "2026-12-12T14:00:00+01:00" and full["endDate"] == "2026-12-12T16:00:00+01:00"
    assert full["location"]["address"]["postalCode"] == "34000"
    assert full["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 43.61, "longitude": 3.88}
    assert full["offers"]["price"] == "3" and full["offers"]["availability"] == "https://schema.org/SoldOut"
    expo = json_ld(page(site, "evenements/exposition-insectes/"))[0]
    assert (expo["startDate"], expo["endDate"]) == ("2026-11-01", "2027-01-31")
    assert expo["organizer"] == {"@type": "Organization", "name": "Muséum de Toulouse",
                                 "url": f"{PUBLIC}/acteurs/museum/"}
    assert expo["offers"]["price"] == "0"
    online = json_ld(page(site, "evenements/webinaire-etoiles/"))[0]
    assert online["location"] == {"@type": "VirtualLocation", "url": "https://visio.example.org/etoiles"}
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    cancelled = json_ld(page(site, "evenements/conference-annulee/"))[0]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    series = json_ld(page(site, "evenements/cycle-d-ateliers/"))[0]
    assert [sub["startDate"] for sub in series["subEvent"]] == [
        "2026-11-15T14:00:00+01:00", "2026-11-29T14:00:00+01:00", "2026-12-13T14:00:00+01:00"]


def test_agenda_pages_carry_an_item_list(site):
    [first] = json_ld(page(site, "agenda/"))
    assert first["@type"] == "ItemList"
    assert [item["name"] for item in first["itemListElement"]] == UPCOMING_ORDER[:5]
    second = json_ld(page(site, "agenda/page/2/"))[0]["itemListElement"]
    assert second[0]["position"] == 6 and second[0]["url"].startswith(PUBLIC + "/evenements/")


def test_open_data_exports_hold_one_record_per_event(site):
    exported = json.loads((site / "agenda/events.json").read_text(encoding="utf-8"))
    records = exported["events"]
    assert exported["total"] == len(records) == len(UPCOMING_ORDER) + len(PAST)
    by_title = {record["title"]: record for record in records}
    series = by_title["Cycle d’ateliers"]
    assert [t["start"] for t in series["timings"]] == [
        "2026-11-15T14:00:00+01:00", "2026-11-29T14:00:00+01:00", "2026-12-13T14:00:00+01:00"]
    expo = by_title["Exposition insectes"]
    assert (expo["start"], expo["end"], expo["all_day"]) == ("2026-11-01", "2027-01-31", True)
    assert (expo["postcode"], expo["departement"], expo["departement_name"]) == ("31000", "31", "Haute-Garonne")
    assert expo["organizer"] == "Muséum de Toulouse" and expo["themes"] == ["Biologie et sciences du vivant"]
    assert by_title["Conférence annulée"]["status"] == "cancelled"
    assert by_title["Webinaire étoiles"]["online_url"] == "https://visio.example.org/etoiles"

    rows = list(csv.DictReader(io.StringIO((site / "agenda/events.csv").read_text(encoding="utf-8"))))
    assert [row["uid"] for row in rows] == [record["uid"] for record in records]
    row = next(row for row in rows if row["title"] == "Cycle d’ateliers")
    assert row["timings"].count(" | ") == 2 and row["free"] == "non" and row["price"] == "5\u00a0€"     # the contributor's text, set in French

    geo = json.loads((site / "agenda/events.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(records)
    night = next(f for f in geo["features"] if f["properties"]["title"] == "Nuit des étoiles de printemps")
    assert night["geometry"] == {"type": "Point", "coordinates": [3.88, 43.61]}
    online = next(f for f in geo["features"] if f["properties"]["title"] == "Webinaire étoiles")
    assert online["geometry"] is None


# --- In a real browser ------------------------------------------------------------

def test_browser_hides_ended_events_and_filters_without_reloading(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        # The reader opens the page the evening after the build: today's event is over.
        browser_page.clock.set_fixed_time(dt.datetime(2026, 11, 22, 19, 0, tzinfo=UTC))
        browser_page.goto(root + "agenda/")

        def visible_titles(selector):
            return [t.strip() for t in browser_page.locator(f"{selector} .card__title a").all_inner_texts()]

        shown = visible_titles("[data-agenda-list] li:not([hidden])")
        assert "Fête de la science du jour" not in shown
        assert shown[:2] == ["Exposition insectes", "Journée familles"]
        assert not browser_page.locator("section.agenda-day", has_text="Dimanche 22 novembre 2026").is_visible()

        browser_page.select_option("#filtre-departement", "34")
        browser_page.wait_for_selector("[data-agenda-results]:not([hidden])")
        assert visible_titles("[data-agenda-results]") == [
            "Journée familles", "Cycle d’ateliers", "Atelier complet", "Nuit des étoiles de printemps"]
        assert browser_page.locator("[data-agenda-list]").is_hidden()
        assert "4 événements correspondent" in browser_page.inner_text("[data-agenda-count]")
        assert browser_page.url.endswith("agenda/?departement=34")

        browser_page.select_option("#filtre-tarif", "gratuit")
        browser_page.wait_for_function(
            "document.querySelectorAll('[data-agenda-results] .card').length === 1")
        assert visible_titles("[data-agenda-results]") == ["Journée familles"]

        browser_page.select_option("#filtre-departement", "")
        browser_page.select_option("#filtre-tarif", "")
        assert browser_page.locator("[data-agenda-list]").is_visible()
        assert browser_page.locator("[data-agenda-results]").is_hidden()


def test_browser_quick_dates_counts_that_follow_a_reset_and_no_dead_end(chromium_browser, site):
    """Sunday 22 November 2026 at noon (the Reader's clock): "ce mois-ci" runs to 1 December."""
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        browser_page.goto(root + "agenda/")

        def results():
            return [t.strip() for t in browser_page.locator("[data-agenda-results] .card__title a").all_inner_texts()]

        browser_page.select_option("#filtre-quand", "mois")
        browser_page.wait_for_selector("[data-agenda-results]:not([hidden])")
        assert results() == ["Exposition insectes", "Fête de la science du jour", "Journée familles", "Cycle d’ateliers"]
        # The other filters count what the date leaves: two of them are in the Hérault.
        assert browser_page.locator("#filtre-departement option[value='34']").inner_text() == "Hérault (34) (2)"
        assert browser_page.locator("#filtre-departement option[value='974']").is_disabled()
        # Every card of the results has its picture or its placeholder, and its date block.
        assert browser_page.locator("[data-agenda-results] .card .placeholder use").count() == 4
        assert browser_page.locator("[data-agenda-results] .date-block").first.inner_text().split() == ["1", "NOV."]

        browser_page.select_option("#filtre-quand", "aujourdhui")
        browser_page.select_option("#filtre-departement", "")
        browser_page.select_option("#filtre-quand", "")
        browser_page.select_option("#filtre-departement", "34")
        browser_page.select_option("#filtre-quand", "aujourdhui")          # nothing in the Hérault today
        browser_page.wait_for_selector("[data-agenda-widen]:not([hidden])")
        assert "Aucun événement à venir" in browser_page.inner_text("[data-agenda-count]")
        offers = browser_page.locator("[data-agenda-widen] button").all_inner_texts()
        assert offers == ["Sans «\u00a0Aujourd’hui\u00a0»\u00a0: 4 événements",
                          "Sans «\u00a0Hérault (34)\u00a0»\u00a0: 2 événements"]
        browser_page.locator("[data-agenda-widen] button").first.click()
        browser_page.wait_for_function("document.querySelectorAll('[data-agenda-results] .card').length === 4")
        assert browser_page.locator("#filtre-quand").input_value() == ""

        browser_page.get_by_role("button", name="Tout effacer").click()
        browser_page.wait_for_selector("[data-agenda-list]:not([hidden])")
        assert browser_page.locator("[data-agenda-results]").is_hidden()
        assert browser_page.url.endswith("agenda/")


def test_browser_moves_the_ongoing_label_with_the_clock(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        browser_page.clock.set_fixed_time(dt.datetime(2026, 11, 28, 9, 0, tzinfo=UTC))
        browser_page.goto(root + "agenda/")
        card = browser_page.locator(".card", has_text="Journée familles")
        assert card.locator(".badge--ongoing").inner_text() == "En cours"
        event_page = chromium_browser.new_page()
        event_page.clock.set_fixed_time(dt.datetime(2026, 12, 14, 9, 0, tzinfo=UTC))
        event_page.goto(root + "evenements/cycle-d-ateliers/")
        assert event_page.locator("[data-live-badge] .badge").inner_text() == "Terminé"

"""The map (/carte/, plugins/maps): its GeoJSON, its page with and without
JavaScript, the small map of each located event, project and actor, the actors who lend
tools, and Leaflet in a real browser. "Now" is fixed at Sunday 22 November 2026, noon.
"""

import json

import pytest

from conftest import (
    ROOT,
    TWO_THEMES,
    Markers,
    build,
    contribution,
    page,
    plugins_without,
    reach_for_map,
    serve,
    write_content,
)

PUBLIC = "https://sciences-en-partage.example.org"
TOULOUSE = '{name: "Muséum", postcode: "31000", city: "Toulouse", lat: 43.594, lon: 1.449}'
MONTPELLIER = '{name: "Planétarium", postcode: "34000", city: "Montpellier", lat: 43.608, lon: 3.879}'
CAHORS = '{name: "Médiathèque", postcode: "46000", city: "Cahors"}'      # no coordinates


def doc(title, **fields):
    return contribution(title, "2026-10-01", **fields)


FILES = {
    "themes.yaml": TWO_THEMES,
    "actors/museum.md": doc("Muséum de Toulouse", actor_type="musée", location=TOULOUSE, tags="[insectes]"),
    "actors/planetarium.md": doc("Planétarium de Montpellier", actor_type="centre de sciences",
                                 location=MONTPELLIER, tags="[astronomie]"),
    "actors/mediatheque.md": doc("Médiathèque de Cahors", actor_type="médiathèque", location=CAHORS),
    "events/insectes.md": doc("Atelier insectes", start="2026-12-05 14:00", end="2026-12-05 16:00",
                              location=TOULOUSE, event_type="atelier", audience="[familles]", tags="[insectes]"),
    "events/etoiles.md": doc("Nuit des étoiles", start="2026-12-12 21:00", location=MONTPELLIER,
                             event_type="visite", audience="[tout-public]", tags="[astronomie]"),
    "events/annulee.md": doc("Conférence annulée", start="2026-12-01 18:00", location=MONTPELLIER,
                             event_type="conférence", status="cancelled"),
    "events/passe.md": doc("Atelier passé", start="2026-10-10 14:00", location=TOULOUSE, event_type="atelier"),
    "events/cahors.md": doc("Lecture à Cahors", start="2026-12-03 18:00", location=CAHORS),
    "events/en-ligne.md": doc("Webinaire", start="2026-12-08 18:00", online="https://exemple.fr/direct"),
    "projects/capteurs.md": doc("Capteurs pour l’air", project_kind="sciences participatives", project_status="en cours",
                                participation='"Une classe s\'inscrit en septembre."', audience="[scolaires]",
                                location='{name: "Écoles", city: "Toulouse", postcode: "31000", lat: 43.6045, lon: 1.444}',
                                tags="[insectes]"),
    "projects/sans-lieu.md": doc("Club sans lieu", project_kind="atelier", project_status="en projet",
                                 territory="[46]"),
    "resources/malle.md": doc("Malle des insectes", resource_type="kit pédagogique", provider="museum-de-toulouse",
                              loan="true"),
    "resources/fiche.md": doc("Guide du planétarium", resource_type="guide", provider="planetarium-de-montpellier"),
}
LOCATED = {"Atelier insectes", "Nuit des étoiles", "Conférence annulée", "Muséum de Toulouse",
           "Planétarium de Montpellier", "Capteurs pour l’air"}
UNLOCATED_EVENTS = {"Lecture à Cahors", "Webinaire"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("map-content"), FILES)
    return build(content, tmp_path_factory.mktemp("map-output"))


def features(output):
    data = json.loads((output / "carte" / "lieux.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and data["license"]
    return data["features"]


def test_geojson_has_one_feature_per_located_upcoming_event_project_and_actor(site):
    found = features(site)
    assert sorted(feature["properties"]["title"] for feature in found) == sorted(LOCATED)
    by_title = {feature["properties"]["title"]: feature for feature in found}
    workshop = by_title["Atelier insectes"]
    assert workshop["geometry"] == {"type": "Point", "coordinates": [1.449, 43.594]}
    assert workshop["id"] == "atelier-insectes@sciences-en-partage.example.org"
    properties = workshop["properties"]
    assert properties["kind"] == "event" and properties["page"] == "evenements/atelier-insectes/"
    assert properties["url"] == f"{PUBLIC}/evenements/atelier-insectes/"          # the agenda's record
    assert properties["start"] == "2026-12-05T14:00:00+01:00" and properties["event_type"] == "atelier"
    assert properties["when"] == "samedi 5 décembre 2026, 14\u00a0h – 16\u00a0h"
    assert properties["place"] == "Muséum, Toulouse (31)"
    assert properties["filters"] == {"departement": ["31"], "theme": ["biologie"], "public": ["familles"],
                                     "type": ["atelier"], "montrer": ["event"]}
    assert by_title["Conférence annulée"]["properties"]["status"] == "cancelled"
    museum = by_title["Muséum de Toulouse"]
    assert museum["geometry"]["coordinates"] == [1.449, 43.594]
    assert museum["properties"]["kind"] == "actor" and museum["properties"]["page"] == "acteurs/museum-de-toulouse/"
    assert museum["properties"]["actor_type"] == "musée"
    assert museum["properties"]["filters"]["type"] == ["acteur-musee"]
    assert museum["properties"]["filters"]["theme"] == ["biologie"]
    # It lends a tool of the catalogue: a lender too, and its popup says what it lends.
    assert museum["properties"]["filters"]["montrer"] == ["actor", "preteur"]
    assert museum["properties"]["lends"] == ["Malle des insectes"]
    assert museum["properties"]["lines"] == ["Musée", "Muséum, Toulouse (31)", "Prête\u00a0: Malle des insectes"]
    planetarium = by_title["Planétarium de Montpellier"]["properties"]
    assert planetarium["filters"]["montrer"] == ["actor"] and "lends" not in planetarium     # its sheet is not lent
    project = by_title["Capteurs pour l’air"]
    assert project["id"] == f"{PUBLIC}/projets/capteurs-pour-l-air/"
    assert project["geometry"]["coordinates"] == [1.444, 43.6045]
    assert project["properties"]["kind"] == "project" and project["properties"]["page"] == "projets/capteurs-pour-l-air/"
    assert project["properties"]["project_status"] == "en cours"
    assert project["properties"]["lines"] == ["En cours · Sciences participatives", "Écoles, Toulouse (31)"]
    assert project["properties"]["filters"] == {"departement": ["31"], "theme": ["biologie"], "public": ["scolaires"],
                                                "type": ["projet-sciences-participatives"], "montrer": ["project"]}


def test_page_lists_unlocated_events_and_every_place_by_departement(site):
    soup = page(site, "carte/")
    unlocated = soup.find(id="sans-coordonnees").find_parent("section")
    assert {link.get_text() for link in unlocated.select("li a")} == UNLOCATED_EVENTS
    by_departement = soup.find(id="par-departement").find_parent("section")
    groups = {group.h3.get_text(): {link.get_text() for link in group.select("li a")}
              for group in by_departement.select("section.map-group")}
    assert groups == {"Haute-Garonne (31)": {"Atelier insectes", "Capteurs pour l’air", "Muséum de Toulouse"},
                      "Hérault (34)": {"Nuit des étoiles", "Conférence annulée", "Planétarium de Montpellier"}}
    # The lists carry what the filter reads.
    assert "js" not in soup.html.get("class", [])
    item = by_departement.find("a", string="Atelier insectes").find_parent("li")
    assert item["data-kind"] == "event" and item["data-public"] == "familles" and item["data-type"] == "atelier"
    # Events, then projects, then actors, in the lists and in the type's choices.
    toulouse = [link.get_text() for link in by_departement.find("h3", string="Haute-Garonne (31)")
                .find_parent("section").select("li a")]
    assert toulouse == ["Atelier insectes", "Capteurs pour l’air", "Muséum de Toulouse"]
    groups = {group["label"]: [option["value"] for option in group.select("option")]
              for group in soup.select("#carte-type optgroup")}
    assert groups == {"Événements": ["atelier", "conference", "visite"], "Projets": ["projet-sciences-participatives"],
                      "Acteurs": ["acteur-centre-de-sciences", "acteur-musee"]}
    shows = [(option["value"], option.get_text()) for option in soup.select("#carte-montrer option")]
    assert shows == [("", "Tous les lieux"), ("event", "Événements à venir (5)"), ("project", "Projets (1)"),
                     ("actor", "Acteurs (2)"), ("preteur", "Acteurs qui prêtent des outils (1)")]
    assert by_departement.find("a", string="Muséum de Toulouse").find_parent("li")["data-montrer"] == "actor preteur"


def test_directory_and_catalogue_pages_lead_to_their_places_on_the_map(site):
    for url, query, text in (("projets/", "project", "Les projets sur la carte"),
                             ("acteurs/", "actor", "Les acteurs sur la carte"),
                             ("ressources/a-emprunter/", "preteur", "Les prêteurs sur la carte")):
        link = page(site, url).find("a", string=text)
        assert link is not None and link["href"].endswith(f"carte/?montrer={query}"), url
    assert not page(site, "ressources/").find("a", string="Les prêteurs sur la carte")


def test_page_loads_leaflet_from_the_site_and_tiles_are_settings(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    output = build(content, tmp_path / "out", MAP_TILE_URL="https://tuiles.example.org/{z}/{x}/{y}.png",
                   MAP_TILE_ATTRIBUTION="© Tuiles d'exemple")
    soup = page(output, "carte/")
    container = soup.select_one("[data-map]")
    assert container["data-tiles"] == "https://tuiles.example.org/{z}/{x}/{y}.png"
    assert container["data-attribution"] == "© Tuiles d'exemple"
    # theme/js/map.js loads the libraries the map names, all from the site.
    libraries = container["data-scripts"].split()
    assert libraries[:2] == ["../carte/lib/leaflet-1.9.4/leaflet.js",
                             "../carte/lib/leaflet-1.9.4/leaflet.markercluster.js"]
    scripts = [script["src"] for script in soup.select("script[src]")] + libraries
    assert all(not src.startswith(("http:", "https:", "//")) for src in scripts)
    library = output / "carte" / "lib" / "leaflet-1.9.4"
    assert (library / "leaflet.js").read_bytes() == (ROOT / "node_modules/leaflet/dist/leaflet.js").read_bytes()
    assert (library / "images" / "marker-icon.png").exists()      # leaflet.css points to its images


def test_the_build_draws_the_first_view_every_place_in_it_once(site):
    soup = page(site, "carte/")
    steps = soup.select("[data-map] .map-preview__step")
    assert [step["class"][1] for step in steps] == ["map-preview__step--in", "map-preview__step--out"]
    for step in steps:
        drawn = sum(int(mark.get_text() or 1) for mark in step.select(":scope > span"))
        assert drawn == len(LOCATED)
        tiles = [tile["src"] for tile in step.select("img")]
        assert tiles and all(src.startswith("https://tile.openstreetmap.org/7/") for src in tiles)
    # Toulouse's workshop, project and museum are one group at the zoom out; Hérault's three places another.
    assert sorted(mark.get_text() for mark in steps[1].select(".map-preview__group")) == ["3", "3"]
    # An event's mark says when it is over (map.js then hands the map to Leaflet at once).
    assert {mark["data-expires"] for mark in steps[1].select("[data-expires]")} == {
        "2026-12-05T16:00:00+01:00", "2026-12-02T00:00:00+01:00"}        # the earliest of the group
    assert soup.select_one(".map-preview__credit a")["href"] == "https://www.openstreetmap.org/copyright"


def test_located_event_project_and_actor_pages_have_a_small_map_the_others_a_no(site):
    event = page(site, "evenements/atelier-insectes/")
    place = event.select_one("[data-place-map]")
    assert (place["data-lat"], place["data-lon"], place["data-label"]) == ("43.594", "1.449", "Muséum")
    assert event.find("a", string="Voir le lieu sur OpenStreetMap")["href"] == \
        "https://www.openstreetmap.org/?mlat=43.594&mlon=1.449#map=15/43.594/1.449"
    assert page(site, "acteurs/planetarium-de-montpellier/").select_one("[data-place-map]")
    assert page(site, "projets/capteurs-pour-l-air/").select_one("[data-place-map]")["data-label"] == "Écoles"
    for url in ("evenements/lecture-a-cahors/", "evenements/webinaire/", "acteurs/mediatheque-de-cahors/",
                "projets/club-sans-lieu/"):
        soup = page(site, url)
        assert not soup.select("[data-place-map]") and "leaflet" not in str(soup), url


def test_map_can_be_turned_off_and_its_missing_library_named(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    output = build(content, tmp_path / "off", PLUGINS=plugins_without("maps"))
    assert not (output / "carte").exists()
    assert not page(output, "evenements/atelier-insectes/").select("[data-place-map]")
    assert "Carte" not in [link.get_text() for link in page(output, "").select(".site-nav a")]
    with pytest.raises(Exception) as error:
        build(content, tmp_path / "sans-npm", MAP_NODE_MODULES=str(tmp_path / "absent"))
    assert "invoke setup" in str(error.value) and "Leaflet" in str(error.value)


# --- In the browser -------------------------------------------------------------

def open_map(browser, root, query=""):
    browser_page = browser.new_page()
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())    # offline tiles
    browser_page.goto(root + "carte/" + query)
    reach_for_map(browser_page)
    return browser_page, errors


def markers(browser_page):
    return Markers(browser_page)


def test_browser_without_javascript_shows_the_first_view_and_the_lists(chromium_browser, site):
    with serve(site) as root:
        context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
        browser_page = context.new_page()
        browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        browser_page.goto(root + "carte/")
        box = browser_page.locator("[data-map]").bounding_box()
        assert box["height"] > 300
        marks = browser_page.locator(".map-preview__step span:visible")
        assert sorted(marks.all_inner_texts()) == ["3", "3"]           # a phone's box: the zoom out
        for mark in marks.all():
            where = mark.bounding_box()
            assert box["x"] < where["x"] < box["x"] + box["width"] and box["y"] < where["y"] < box["y"] + box["height"]
        assert browser_page.locator("[data-map-filter]").is_hidden()
        assert browser_page.get_by_role("link", name="Nuit des étoiles").is_visible()
        context.close()


def test_browser_hands_the_first_view_to_leaflet_when_the_reader_reaches_for_it(chromium_browser, site):
    with serve(site) as root:
        for width in (375, 1280):
            browser_page = chromium_browser.new_page(viewport={"width": width, "height": 800})
            browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
            requested = []
            browser_page.on("request", lambda request, requested=requested: requested.append(request.url))
            browser_page.goto(root + "carte/", wait_until="networkidle")
            assert not any("leaflet" in url for url in requested)          # the page alone, at first
            centres = "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })"
            drawn = sorted(browser_page.locator(".map-preview__step span:visible").evaluate_all(centres))
            reach_for_map(browser_page)
            browser_page.wait_for_selector("[data-map-preview]", state="detached")    # gone once Leaflet's tiles are in
            leaflet = sorted(browser_page.locator(".leaflet-marker-icon").evaluate_all(centres))
            # The same view: the same marks, where they were.
            assert len(leaflet) == len(drawn) and all(abs(a - b) <= 6 for one, other in zip(drawn, leaflet, strict=True)
                                                      for a, b in zip(one, other, strict=True)), (width, drawn, leaflet)
            browser_page.close()


def test_browser_shows_a_marker_per_feature_and_filters_change_them(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_map(chromium_browser, root)
        assert markers(browser_page).count() == len(features(site)) == 6
        assert browser_page.locator("[data-map-count]").inner_text() == "6 lieux sur la carte."
        browser_page.select_option("#carte-montrer", "actor")
        assert markers(browser_page).count() == 2
        browser_page.select_option("#carte-montrer", "project")
        assert markers(browser_page).count() == 1
        assert browser_page.locator(".leaflet-marker-icon.map-marker--project").count() == 1
        assert browser_page.get_by_role("link", name="Capteurs pour l’air").is_visible()
        assert browser_page.get_by_role("link", name="Atelier insectes").is_hidden()
        browser_page.select_option("#carte-montrer", "")
        browser_page.select_option("#carte-departement", "34")
        assert markers(browser_page).count() == 3
        assert "departement=34" in browser_page.url
        # The lists follow: Toulouse's group and the places outside Hérault are hidden.
        assert browser_page.get_by_role("heading", name="Haute-Garonne (31)").is_hidden()
        assert browser_page.get_by_role("link", name="Nuit des étoiles").is_visible()
        browser_page.select_option("#carte-public", "familles")
        assert markers(browser_page).count() == 0
        assert browser_page.locator("[data-map-count]").inner_text() == "Aucun lieu ne correspond à votre choix."
        assert errors == []


def test_browser_marker_opens_a_popup_with_title_dates_place_and_link(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_map(chromium_browser, root, "?type=atelier")
        assert markers(browser_page).count() == 1
        marker = markers(browser_page).first
        assert marker.get_attribute("aria-label") == "Atelier insectes"
        marker.focus()
        browser_page.keyboard.press("Enter")                     # markers work from the keyboard
        popup = browser_page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "samedi 5 décembre 2026, 14\u00a0h – 16\u00a0h" in popup.inner_text()
        assert "Muséum, Toulouse (31)" in popup.inner_text()
        popup.get_by_role("link", name="Atelier insectes").click()
        browser_page.wait_for_url("**/evenements/atelier-insectes/")
        browser_page.locator("[data-place-map]").scroll_into_view_if_needed()
        browser_page.wait_for_selector("[data-place-map][data-ready]")
        assert markers(browser_page).count() == 1               # the page's small map
        assert errors == []


def test_browser_the_lenders_from_the_catalogue_and_a_project_s_popup(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_map(chromium_browser, root)
        browser_page.goto(root + "ressources/a-emprunter/")
        browser_page.get_by_role("link", name="Les prêteurs sur la carte").click()
        browser_page.wait_for_url("**/carte/?montrer=preteur")
        reach_for_map(browser_page)
        assert browser_page.locator("#carte-montrer").input_value() == "preteur"
        assert markers(browser_page).count() == 1
        marker = markers(browser_page).first
        assert marker.get_attribute("aria-label") == "Muséum de Toulouse"
        marker.click()
        popup = browser_page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert "Prête\u00a0: Malle des insectes" in popup.inner_text()
        browser_page.select_option("#carte-montrer", "project")
        markers(browser_page).first.click()
        popup.get_by_role("link", name="Capteurs pour l’air").wait_for()
        assert "En cours · Sciences participatives" in popup.inner_text()
        assert errors == []


def test_browser_a_place_map_loads_leaflet_only_when_the_reader_nears_it(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page(viewport={"width": 375, "height": 600})
        browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        requested = []
        browser_page.on("request", lambda request: requested.append(request.url))
        browser_page.goto(root + "evenements/atelier-insectes/", wait_until="networkidle")
        loaded = lambda: any(url.endswith("/leaflet.js") for url in requested)    # noqa: E731
        place_map = browser_page.locator("[data-place-map]")
        assert place_map.bounding_box()["y"] > 600 + 100 and not loaded()
        assert place_map.bounding_box()["height"] > 200          # its room is kept: nothing moves
        place_map.scroll_into_view_if_needed()
        browser_page.wait_for_selector("[data-place-map][data-ready]")
        assert loaded() and markers(browser_page).count() == 1


def test_browser_an_event_over_since_the_build_leaves_the_map(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        browser_page.clock.install(time="2026-12-06T12:00:00+01:00")      # 5 and 1 December are over
        browser_page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        browser_page.goto(root + "carte/")
        # The first view the build drew has them: Leaflet comes at once, without them.
        browser_page.wait_for_selector("[data-map][data-ready]")
        assert markers(browser_page).count() == 4
        for title in ("Atelier insectes", "Conférence annulée"):
            assert browser_page.get_by_role("link", name=title).is_hidden()
        assert browser_page.get_by_role("link", name="Nuit des étoiles").is_visible()

"""Projects: participatory-science projects and other initiatives, their page (how to
take part first), the /projets/ directory and its plain filter pages, and where else
they appear (thématique, actor and community pages)."""

import re

import pytest
from test_content_check import run_check

from conftest import ROOT, TWO_THEMES, build, page, serve, write_content

MUSEUM = '---\ntitle: "Muséum de test"\nslug: museum-test\nactor_type: musée\n---\nUn muséum.\n'
COMMUNITY = '---\ntitle: "Sciences participatives"\ndate: 2026-09-01\n---\nLa communauté.\n'
POLLINATORS = """\
---
title: "Compter les pollinisateurs"
project_kind: science participative
project_status: périodique
summary: "Vingt minutes devant un massif fleuri."
start: 2019-04-01
duration: "Chaque printemps"
actors: [museum-test]
partners: ["Région Occitanie, financeur"]
audience: [familles]
participation: "Observez un massif fleuri pendant 20 minutes."
participation_url: https://pollinisateurs.example.org
difficulty: facile
from_home: true
contact: "La coordination du projet"
contact_email: mailto:projet@example.org
territory: [31, 32]
themes: [biologie]
communities: [sciences-participatives]
date: 2026-03-15
---
Depuis 2019.
"""
CONTEST = """\
---
title: "Concours photo du sol"
project_kind: concours
project_status: terminé
start: 2025-03-01
end: 2025-06-30
location: {name: "Muséum", city: "Toulouse", postcode: "31000"}
date: 2025-02-20
---
Les lauréates.
"""
URL = "projets/compter-les-pollinisateurs/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), {
        "themes.yaml": TWO_THEMES, "actors/museum-test.md": MUSEUM, "communities/c.md": COMMUNITY,
        "projects/pollinisateurs.md": POLLINATORS, "projects/concours.md": CONTEST})
    return build(content, tmp_path_factory.mktemp("output"))


def card_titles(soup):
    return [heading.get_text(strip=True) for heading in soup.select("main .card h2, main .card h3")]


def test_a_project_page_says_first_how_to_take_part_then_its_facts(site):
    soup = page(site, URL)
    assert soup.select_one(".kicker").get_text() == "Projet · Sciences participatives"     # the alias, read
    take_part = soup.select_one(".take-part")
    assert take_part.h2.get_text() == "Participer"
    assert take_part.select_one("a.button")["href"] == "https://pollinisateurs.example.org"
    facts = {row.dt.get_text(): row.dd.get_text(" ", strip=True) for row in soup.select(".facts > div")}
    assert facts["Statut"] == "Actif par périodes"
    assert facts["Quand"] == "depuis le 1er avril 2019 · Chaque printemps"
    assert facts["Porté par"] == "Muséum de test" and facts["Où participer"] == "Depuis chez soi"
    assert facts["Territoire"] == "Haute-Garonne (31), Gers (32)"
    assert facts["Contact"] == "La coordination du projet\u00a0: projet@example.org"
    assert soup.select_one(".facts a[href='mailto:projet@example.org']")
    ended = {row.dt.get_text(): row.dd.get_text(" ", strip=True) for row in page(site, "projets/concours-photo-du-sol/")
             .select(".facts > div")}
    assert ended["Quand"] == "du 1er mars 2025 au 30 juin 2025" and "Toulouse" in ended["Où"]
    assert not page(site, "projets/concours-photo-du-sol/").select(".take-part")


def test_the_directory_lists_projects_open_first_with_a_plain_page_per_filter(site):
    soup = page(site, "projets/")
    assert card_titles(soup) == ["Compter les pollinisateurs", "Concours photo du sol"]
    links = {a["href"].removeprefix("../projets/") for a in soup.select("main a")}
    for url in ("statuts/actif-par-periodes/", "statuts/termine/", "types/sciences-participatives/", "types/concours/",
                "publics/familles/", "departements/31/", "departements/32/", "depuis-chez-soi/",
                "thematiques/biologie/", "porteurs/csti-museale/"):
        assert url in links, (url, links)
    assert card_titles(page(site, "projets/statuts/termine/")) == ["Concours photo du sol"]
    assert card_titles(page(site, "projets/depuis-chez-soi/")) == ["Compter les pollinisateurs"]
    assert card_titles(page(site, "projets/departements/31/")) == ["Compter les pollinisateurs", "Concours photo du sol"]
    assert card_titles(page(site, "projets/types/sciences-participatives/")) == ["Compter les pollinisateurs"]
    assert card_titles(page(site, "projets/porteurs/csti-museale/")) == ["Compter les pollinisateurs"]   # a museum
    # The statuses and kinds in the model's order (a project's life; "autre" last), not by name.
    ways = {way.select_one(".sift__label").get_text(): [value.get_text() for value in way.select(".sift__value")]
            for way in soup.select(".sift__way")}
    assert ways["Par statut"] == ["Actif par périodes", "Terminé"]
    assert ways["Par type d’initiative"] == ["Sciences participatives", "Concours"]
    # On a phone the filters wait behind a button, so that the list comes first.
    assert soup.select_one("details.filter-tools > summary").get_text() == "Filtrer la liste"


def test_browser_the_filters_wait_behind_a_button_on_a_phone_and_are_open_on_a_desktop(chromium_browser, site):
    with serve(site) as root:
        phone = chromium_browser.new_page(viewport={"width": 375, "height": 800})
        phone.goto(root + "projets/")
        statut = phone.get_by_role("link", name="Terminé")
        assert statut.is_hidden()
        assert phone.locator(".card").first.bounding_box()["y"] < 800          # the list on the first screen
        phone.get_by_text("Filtrer la liste").click()
        statut.click()
        phone.wait_for_url("**/projets/statuts/termine/")
        desktop = chromium_browser.new_page(viewport={"width": 1280, "height": 800})
        desktop.goto(root + "projets/")
        assert desktop.get_by_role("link", name="Terminé").is_visible()
        assert desktop.get_by_text("Filtrer la liste").is_hidden()


def test_projects_are_on_their_thematique_actor_community_and_territory_pages(site):
    assert "Compter les pollinisateurs" in card_titles(page(site, "thematiques/biologie/"))
    actor = page(site, "acteurs/museum-test/").select_one("section[aria-labelledby=ses-projets]")
    assert card_titles(actor) == ["Compter les pollinisateurs"]
    community = page(site, "communautes/sciences-participatives/")
    [projects] = [section for section in community.select("section.community-section") if section.h2.get_text() == "Projets"]
    assert card_titles(projects) == ["Compter les pollinisateurs"]
    assert page(site, "").select_one(".site-nav a[href$='projets/']").get_text() == "Projets"
    # On the pages of the départements it names (a territory page exists for them).
    gers = page(site, "territoires/gers-32/").select_one("section[aria-labelledby=projets]")
    assert card_titles(gers) == ["Compter les pollinisateurs"]


def test_an_open_project_must_say_how_to_take_part_and_a_bad_status_is_named(tmp_path, capsys):
    silent = POLLINATORS.replace("participation: \"Observez un massif fleuri pendant 20 minutes.\"\n", "").replace(
        "participation_url: https://pollinisateurs.example.org\n", "").replace("communities: [sciences-participatives]\n", "").replace(
        "themes: [biologie]\n", "")
    code, out = run_check(tmp_path, capsys, {
        "projects/a.md": silent,
        "projects/b.md": CONTEST.replace("project_status: terminé", "project_status: fini depuis peu"),
    })
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("content/")]
    assert lines[0].startswith("content/projects/a.md:4: participation: le projet est « actif par périodes » : dites "
                               "comment y participer — ajoutez participation:")
    assert lines[1].startswith("content/projects/b.md:4: project_status: « fini depuis peu » n'est pas une valeur "
                               "possible — ")
    assert "en projet, en cours, actif par périodes, en pause, terminé, abandonné" in lines[1]
    assert len(lines) == 2


def test_the_directory_s_open_data_reads_back_as_csv_json_and_geojson(site):
    import csv
    import io
    import json
    rows = list(csv.DictReader(io.StringIO((site / "projets" / "projets.csv").read_text(encoding="utf-8"))))
    assert [row["title"] for row in rows] == ["Compter les pollinisateurs", "Concours photo du sol"]
    first = rows[0]
    assert (first["kind"], first["status"], first["from_home"], first["departements"]) == (
        "sciences participatives", "actif par périodes", "oui", "31 | 32")
    assert first["carriers"] == "Muséum de test" and first["contact_email"] == "projet@example.org"
    assert first["communities"] == "Sciences participatives" and first["start"] == "2019-04-01"
    data = json.loads((site / "projets" / "projets.json").read_text(encoding="utf-8"))
    assert data["total"] == 2 and data["projects"][1]["end"] == "2025-06-30"
    assert data["license"].startswith("Licence Ouverte")
    features = json.loads((site / "projets" / "projets.geojson").read_text(encoding="utf-8"))["features"]
    assert [feature["geometry"] for feature in features] == [None, None]    # no coordinates given
    listing = page(site, "projets/").select_one(".data-links")
    assert [a["href"] for a in listing.select("a")] == ["../projets/projets.csv", "../projets/projets.json",
                                                        "../projets/projets.geojson"]


# From the standard's documentation (citizen-science-association/ppsr-core, project model
# 2020.0: docs/project/core-attributes.md and vocabulary.md): its mandatory attributes and
# the controlled values of those the export writes.
ISO_DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$"


def ppsr_schema():
    from directory.ppsr_core import SCIENCE_TYPES  # the vocabulary table's 110 values
    assert len(SCIENCE_TYPES) == 110 and "Biological Sciences - Biodiversity" in SCIENCE_TYPES
    text = {"type": "string", "minLength": 1}
    return {"type": "object", "required": ["Project"], "properties": {"Project": {"type": "array", "items": {
        "type": "object",
        "required": ["projectId", "projectDateCreated", "projectLastUpdatedDate", "projectName", "projectAim",
                     "projectDescription", "projectStatus", "projectStartDate", "projectDuration",
                     "projectScienceType", "language", "projectResponsiblePartyName",
                     "projectResponsiblePartyContactEmail", "contactPoint", "projectGeographicLocation"],
        "properties": {
            "projectId": text, "projectName": text, "projectAim": text, "projectDescription": text,
            "projectDateCreated": {"type": "string", "pattern": ISO_DATE_TIME},
            "projectLastUpdatedDate": {"type": "string", "pattern": ISO_DATE_TIME},
            "projectStartDate": {"type": "string", "pattern": ISO_DATE_TIME},
            "projectEndDate": {"anyOf": [{"const": "Unknown"}, {"type": "string", "pattern": ISO_DATE_TIME}]},
            "projectDuration": {"anyOf": [{"const": "Unknown"}, {"type": "string", "pattern": r"^P\d+D$"}]},
            "projectStatus": {"enum": ["Not yet started", "Active", "Periodically active", "On hold", "Completed",
                                       "Abandoned"]},
            "difficultyLevel": {"enum": ["Easy", "Medium", "Hard"]},
            "hasTag": {"type": "array", "items": {"enum": ["Fees applicable", "Suitable for children",
                                                           "Teaching materials available", "Do-it-yourself",
                                                           "Participate from home"]}},
            "projectScienceType": {"type": "array", "minItems": 1, "items": {"enum": list(SCIENCE_TYPES)}},
            "unRegions": {"type": "array", "items": {"enum": ["Europe - Western Europe (155)", "World (001)"]}},
            "keyword": {"type": "array", "items": text},
            "projectResponsiblePartyContactEmail": {"type": "string", "pattern": r"^[^@\s:]+@[^@\s]+\.[a-z]+$"},
            "contactPoint": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["contactName", "meansOfContact", "contactDetails", "contactPointType"],
                "properties": {"meansOfContact": {"enum": ["Email", "Phone", "Website", "Physical address"]}}}},
            "projectGeographicLocation": {"type": "array", "minItems": 1, "items": {
                "type": "object", "properties": {"projectPinLatitude": {"type": "number", "minimum": -90, "maximum": 90},
                                                 "projectPinLongitude": {"type": "number", "minimum": -180,
                                                                         "maximum": 180}}}},
            "projectMedia": {"type": "array", "items": {
                "type": "object", "required": ["projectMediaType", "projectMediaFile", "projectMediaCredit"],
                "properties": {"projectMediaType": {"enum": ["Image file", "Image URL", "Audio file", "Audio URL",
                                                             "Video file", "Video URL"]}}}},
            "projectAssociatedParty": {"type": "array", "items": {
                "type": "object", "required": ["projectAssociatedPartyName"],
                "properties": {"projectAssociatedPartyRole": {"enum": ["Agent", "Collaborator", "Partner",
                                                                       "Sponsor/funder", "Stakeholder"]}}}},
        }}}}}


def test_participatory_projects_are_exported_as_ppsr_core_and_the_others_are_named(tmp_path, caplog):
    import json

    import jsonschema
    themes = TWO_THEMES.replace("  label: Biologie et sciences du vivant\n",
                                "  label: Biologie et sciences du vivant\n  science_type: Biological Sciences - Ecology\n")
    shared = POLLINATORS.replace("territory: [31, 32]\n",
                                 'location: {name: "Muséum", city: "Toulouse", postcode: "31000", lat: 43.59, lon: 1.45}\n')
    lacking = shared.replace("title: \"Compter les pollinisateurs\"", "title: \"Compter les vers de terre\"").replace(
        "contact_email: mailto:projet@example.org\n", "")
    content = write_content(tmp_path / "content", {
        "themes.yaml": themes, "actors/museum-test.md": MUSEUM, "communities/c.md": COMMUNITY,
        "projects/pollinisateurs.md": shared, "projects/vers.md": lacking, "projects/concours.md": CONTEST})
    output = build(content, tmp_path / "output")
    data = json.loads((output / "projets" / "ppsr-core.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, ppsr_schema())
    [project] = data["Project"]                 # the contest is no participatory science; the worms lack a contact
    assert project["projectName"] == "Compter les pollinisateurs"
    assert (project["projectStatus"], project["difficultyLevel"]) == ("Periodically active", "Easy")
    assert project["projectScienceType"] == ["Biological Sciences - Ecology"]
    assert project["hasTag"] == ["Participate from home", "Suitable for children"]
    assert project["projectResponsiblePartyName"] == "Muséum de test"
    assert project["projectGeographicLocation"] == [{"projectPinLatitude": 43.59, "projectPinLongitude": 1.45}]
    assert project["projectAssociatedParty"] == [{"projectAssociatedPartyName": "Région Occitanie",
                                                  "projectAssociatedPartyRole": "Sponsor/funder"}]
    assert any("vers.md : pas dans l'export PPSR-Core, il y manque une adresse de contact (contact_email)"
               in record.getMessage() for record in caplog.records)
    # A record the standard refuses is refused by the test's schema.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"Project": [{**project, "projectStatus": "en cours"}]}, ppsr_schema())


def test_a_project_page_describes_it_for_search_engines(site):
    import json
    [script] = page(site, URL).select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "ResearchProject" and data["name"] == "Compter les pollinisateurs"
    assert data["parentOrganization"] == [{"@type": "Organization", "name": "Muséum de test",
                                           "url": "https://sciences-en-partage.example.org/acteurs/museum-test/"}]
    assert data["funder"] == [{"@type": "Organization", "name": "Région Occitanie"}]
    assert data["foundingDate"] == "2019-04-01" and data["email"] == "projet@example.org"
    contest = json.loads(page(site, "projets/concours-photo-du-sol/").select_one(
        'script[type="application/ld+json"]').string)
    assert contest["@type"] == "Project" and contest["location"]["address"]["addressLocality"] == "Toulouse"


def test_the_projects_have_their_feed(site):
    import feedparser
    feed = feedparser.parse((site / "projets" / "atom.xml").read_bytes())
    assert feed.feed.title == "Sciences en partage — Projets et initiatives"
    assert [entry.title for entry in feed.entries] == ["Compter les pollinisateurs", "Concours photo du sol"]
    assert page(site, "projets/").select_one('link[type="application/atom+xml"][href$="projets/atom.xml"]')


def test_a_new_project_is_in_the_weekly_letter_of_its_week(site):
    letter = page(site, "lettre/2026-11/")          # 15 March 2026 is in ISO week 11
    assert "Compter les pollinisateurs" in [a.get_text() for a in letter.select("main li a")]


def documented_columns(opening):
    """The columns the README lists in the paragraph that begins with `opening`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index(opening):].split("\n\n")[0]
    return [name for name in re.findall(r"`([^`]+)`", paragraph.split("colonnes", 1)[1]) if "/" not in name]


def test_the_readme_lists_every_column_of_the_projects_and_actors_exports(site):
    import csv
    for opening, path in (("Données ouvertes : `/projets/projets.csv`", "projets/projets.csv"),
                          ("ouvertes : `/acteurs/acteurs.csv`", "acteurs/acteurs.csv")):
        header = next(csv.reader((site / path).read_text(encoding="utf-8").splitlines()))
        assert documented_columns(opening) == header, path

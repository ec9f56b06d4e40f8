"""Every page template is valid HTML (Nu Html Checker) and accessible (axe-core
in headless Chromium), checked on the site built from the seed content."""

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, Reader, serve

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# One page per template: home, article, event (several states), resource, actor, call, dossier,
# project, community, page, lists and their filter pages.
AXE_PAGES = ["", "guide-de-style/", "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/",
             "evenements/cycle-de-conferences-oceans-en-mouvement/",
             "evenements/conference-les-volcans-du-massif-central-se-reveilleront-ils/",
             "ressources/kit-pedagogique-observer-la-lune-en-classe/",
             "acteurs/museum-sciences-garonne/", "actualites/", "agenda/", "acteurs/", "charte/",
             "auteurs/", "auteurs/camille-martin/", "agenda/departements/34/", "agenda/archives/",
             "agenda/types/", "agenda/embed/", "thematiques/", "thematiques/biologie/", "tags/",
             "tags/climat/", "territoires/", "territoires/herault-34/", "flux/",
             "recherche/?q=sciences", "recherche/?q=introuvablexyz", "carte/", "carte/?montrer=actor",
             "annonces/", "annonces/archives/", "annonces/appel-a-projets-sciences-participatives-2027/",
             "dossiers/", "dossiers/l-astronomie-pour-tous/", "lettre/",
             "projets/", "projets/statuts/en-cours/", "projets/des-capteurs-d-air-dans-les-ecoles/",
             "communautes/", "communautes/sciences-participatives-occitanie/", "ressources/a-emprunter/",
             "acteurs/familles/csti-museale/", "carte/?montrer=preteur"]


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(seed_site):
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail("Java ou vnu.jar absent : lancez `invoke setup --tests`")
    pages = sorted(str(p) for p in seed_site.rglob("*.html"))
    assert len(pages) > 40
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages
              if m["type"] == "error"]
    assert errors == []


@pytest.fixture(scope="module")
def axe_page(session_browser, seed_site):
    """One page for every check, so that axe-core, served beside the site, is compiled once
    (a new page has its own cache, and injecting the file's text costs half a second)."""
    with serve(seed_site) as site_url, serve(AXE.parent) as axe_url:
        context = Reader(session_browser).new_context()
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())    # offline
        yield context.new_page(), site_url, axe_url + AXE.name
        context.close()


# Dark mode, once per kind of page: the colours are the theme's, not the page's.
DARK_PAGES = ["", "guide-de-style/", "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/",
              "evenements/conference-les-volcans-du-massif-central-se-reveilleront-ils/",
              "ressources/kit-pedagogique-observer-la-lune-en-classe/", "acteurs/museum-sciences-garonne/",
              "agenda/", "agenda/embed/", "thematiques/biologie/", "recherche/?q=sciences", "carte/", "flux/",
              "annonces/appel-a-projets-sciences-participatives-2027/", "dossiers/l-astronomie-pour-tous/", "lettre/",
              "projets/des-capteurs-d-air-dans-les-ecoles/", "communautes/sciences-participatives-occitanie/"]


@pytest.mark.parametrize("url, scheme", [(url, "light") for url in AXE_PAGES] + [(url, "dark") for url in DARK_PAGES])
def test_axe_finds_no_accessibility_violation(axe_page, url, scheme):
    browser_page, site_url, axe_url = axe_page
    browser_page.emulate_media(color_scheme=scheme)        # both themes meet AA (prefers-color-scheme)
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    response = browser_page.goto(site_url + url)
    assert response.status == 200
    if "?q=" in url:                            # search results, facets or "aucun résultat"
        browser_page.wait_for_selector("[data-search-status]:not(:empty)")
    if url.startswith("carte/?"):               # a choice in the address: Leaflet at once
        browser_page.wait_for_selector("[data-map][data-ready]")
    browser_page.add_script_tag(url=axe_url)
    results = browser_page.evaluate("""async () => {
        const results = await axe.run(document);
        return {passed: results.passes.length, violations: results.violations.map(
            v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(", ")})`)};
    }""")
    assert results["passed"] > 10          # axe really ran its rules on the page
    assert results["violations"] == []
    for width in (360, 1280):                  # readable on phones and desktops: no sideways scroll
        browser_page.set_viewport_size({"width": width, "height": 800})
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width

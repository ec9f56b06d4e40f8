"""Readers come in by subject and by place: theme, tag and territory pages,
related items, previous/next links and merged author names."""

import pytest

from conftest import build, page, write_content

THEMES = """\
- slug: numerique-ia
  label: Numérique et intelligence artificielle
  description: Données, robots et intelligence artificielle.
  tags: [{intelligence artificielle: [IA, AI]}, robotique]
- slug: biologie
  label: Biologie et sciences du vivant
  description: Tout ce qui vit.
  tags: [insectes, {pollinisateurs: [abeilles]}]
- slug: univers
  label: Sciences de l’Univers, astronomie
  tags: [astronomie]
"""


def doc(title, date, tags=None, **fields):
    lines = [f'title: "{title}"', f"date: {date}"]
    if tags is not None:
        lines.append("tags: [" + ", ".join(f'"{tag}"' for tag in tags) + "]")
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\nTexte.\n"


def article(title, date, tags, author="Léa Bernard"):
    return doc(title, date, tags, authors=f'["{author}"]')


def actor(title, postcode, city, tags=None):
    return doc(title, "2026-01-01", tags, actor_type="association",
               location=f'{{name: "{title}", postcode: "{postcode}", city: "{city}"}}')


FILES = {
    "themes.yaml": THEMES,
    # Four spellings of one concept, through a synonym, case, accents and separators.
    "articles/ia-1.md": article("IA et climat", "2026-10-01", ["IA"]),
    "articles/ia-2.md": article("Une IA au muséum", "2026-10-02", ["Intelligence Artificielle"], "lea bernard"),
    "articles/ia-3.md": article("Robots et IA", "2026-10-03", ["intelligence-artificielle", "robotique"]),
    "articles/ia-4.md": article("L’IA à l’école", "2026-10-04", ["intelligence  artificielle", "Sciences Ouvertes"]),
    "articles/ouverte-1.md": article("Science ouverte 1", "2026-09-01", ["sciences ouvertes"], "Hugo Dubois"),
    "articles/ouverte-2.md": article("Science ouverte 2", "2026-09-02", ["sciences ouvertes"], "Hugo Dubois"),
    "events/atelier-ia.md": doc("Atelier IA", "2026-10-05", ["AI"], start="2026-12-05 14:00",
                                location='{name: "Salle", postcode: "31000", city: "Toulouse"}',
                                organizer="club-robotique"),
    "resources/kit-ia.md": doc("Kit IA", "2026-10-06", None, themes="[numerique-ia]", resource_type="jeu",
                               provider="club-d-ajaccio"),
    "actors/club-robotique.md": actor("Club robotique", "31000", "Toulouse", ["robotique"]),
    "actors/club-ajaccio.md": actor("Club d’Ajaccio", "20000", "Ajaccio"),
    "actors/club-bastia.md": actor("Club de Bastia", "20200", "Bastia"),
    "actors/club-guadeloupe.md": actor("Club de Pointe-à-Pitre", "97110", "Pointe-à-Pitre"),
    # Related items: X shares 2 tags and a theme with Y, 1 tag and a theme with Z and W.
    "articles/x.md": article("Article X", "2026-06-10", ["insectes", "abeilles", "astronomie"]),
    "articles/y.md": article("Article Y", "2026-03-01", ["Insectes", "pollinisateurs"]),
    "articles/z.md": article("Article Z", "2026-04-01", ["insectes"]),
    "articles/w.md": article("Article W", "2026-05-01", ["astronomie"]),
    "articles/v.md": article("Article V", "2026-06-01", ["chimie"]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("content"), FILES)
    return build(content, tmp_path_factory.mktemp("output"))


def card_titles(soup, scope="main"):
    return [a.get_text() for a in soup.select(f"{scope} .card__title a")]


def test_tag_variants_and_synonyms_land_on_one_page(site):
    tags = {p.parent.name for p in (site / "tags").glob("*/index.html")}
    assert "intelligence-artificielle" in tags and not {"ia", "ai"} & tags
    soup = page(site, "tags/intelligence-artificielle/")
    assert soup.h1.get_text() == "Mot-clé\u00a0: intelligence artificielle"
    assert sorted(card_titles(soup)) == ["Atelier IA", "IA et climat", "L’IA à l’école", "Robots et IA",
                                         "Une IA au muséum"]
    assert [p.get_text() for p in soup.select(".card__type")][:1] == ["Événement"]   # newest first, typed
    # Outside the vocabulary, the most used spelling is the label.
    assert page(site, "tags/sciences-ouvertes/").h1.get_text() == "Mot-clé\u00a0: sciences ouvertes"
    article_tags = page(site, "actualites/article-x/").select(".tags a.tag:not(.tag--theme)")
    assert [a.get_text() for a in article_tags] == ["insectes", "pollinisateurs", "astronomie"]
    assert article_tags[1]["href"] == "../../tags/pollinisateurs/"
    themes = page(site, "actualites/article-x/").select(".tags a.tag--theme")
    assert [a.get_text() for a in themes] == ["Biologie et sciences du vivant", "Sciences de l’Univers, astronomie"]


def test_tag_index_counts_and_cloud(site):
    soup = page(site, "tags/")
    counts = {li.a.get_text(): li.select_one(".muted").get_text() for li in soup.select(".facet-values li")}
    assert counts["intelligence artificielle"] == "(5)"
    assert counts["insectes"] == "(3)" and counts["sciences ouvertes"] == "(3)"
    assert counts["robotique"] == "(2)"                      # an article and an actor
    assert [h3.get_text() for h3 in soup.select("h3")] == ["A", "C", "I", "P", "R", "S"]
    cloud = {a.get_text(): a["class"][0] for a in soup.select(".tag-cloud a")}
    assert cloud["intelligence artificielle"] == "tag-cloud--5" and cloud["chimie"] == "tag-cloud--1"


def test_theme_page_shows_all_four_types_with_links_to_full_lists(site):
    soup = page(site, "thematiques/numerique-ia/")
    assert soup.h1.get_text() == "Numérique et intelligence artificielle"
    assert "Données, robots" in soup.select_one(".lead").get_text()
    sections = {s.h2.get_text(): card_titles(s, "") for s in soup.select("section.theme-section")}
    assert sections["Dernières actualités"] == ["L’IA à l’école", "Robots et IA", "Une IA au muséum",
                                                "IA et climat"]
    assert sections["Prochains événements"] == ["Atelier IA"]
    assert sections["Ressources"] == ["Kit IA"]
    assert sections["Acteurs"] == ["Club robotique"]
    links = [a["href"] for a in soup.select(".theme-section .more a")]
    assert links == ["../../thematiques/numerique-ia/actualites/", "../../agenda/thematiques/numerique-ia/",
                     "../../thematiques/numerique-ia/ressources/", "../../thematiques/numerique-ia/acteurs/"]
    assert card_titles(page(site, "thematiques/numerique-ia/ressources/")) == ["Kit IA"]


def test_theme_index_counts_match_the_content(site):
    soup = page(site, "thematiques/")
    counts = {li.h2.get_text(): li.select(".muted")[-1].get_text() for li in soup.select(".theme-index > li")}
    assert counts["Numérique et intelligence artificielle"] == (
        "4 actualités · 1 agenda · 1 ressources · 1 acteurs")
    assert counts["Biologie et sciences du vivant"] == "3 actualités"     # what it has, only


def test_territory_pages_for_corsica_and_overseas(site):
    index = page(site, "territoires/")
    assert [li.a.get_text() for li in index.select(".facet-values li")] == [
        "Corse-du-Sud (2A)", "Guadeloupe (971)", "Haute-Corse (2B)", "Haute-Garonne (31)"]
    assert [a["href"] for a in index.select(".facet-values li a")] == [
        "../territoires/corse-du-sud-2a/", "../territoires/guadeloupe-971/",
        "../territoires/haute-corse-2b/", "../territoires/haute-garonne-31/"]
    ajaccio = page(site, "territoires/corse-du-sud-2a/")
    sections = {s.h2.get_text(): card_titles(s, "") for s in ajaccio.select("main section")}
    assert sections["Acteurs"] == ["Club d’Ajaccio"] and sections["Ressources"] == ["Kit IA"]
    toulouse = page(site, "territoires/haute-garonne-31/")
    sections = {s.h2.get_text(): card_titles(s, "") for s in toulouse.select("main section")}
    assert sections["Prochains événements"] == ["Atelier IA"] and sections["Acteurs"] == ["Club robotique"]
    assert toulouse.select_one("section .more a")["href"] == "../../agenda/departements/31/"


def test_related_items_share_the_most_tags_and_themes(site):
    soup = page(site, "actualites/article-x/")
    # Y: 2 tags + 1 theme; W and Z: 1 tag + 1 theme each, W more recent; V shares nothing.
    assert card_titles(soup, ".related-items") == ["Article Y", "Article W", "Article Z"]
    ia = page(site, "actualites/ia-et-climat/")
    assert len(card_titles(ia, ".related-items")) == 4
    assert "Article V" not in card_titles(ia, ".related-items")


def test_previous_and_next_within_the_type(site):
    soup = page(site, "actualites/une-ia-au-museum/")
    assert soup.select_one(".neighbours a[rel=prev]").get_text() == "← IA et climat"
    assert soup.select_one(".neighbours a[rel=next]").get_text() == "Robots et IA →"
    newest = page(site, "actualites/l-ia-a-l-ecole/")
    assert newest.select_one(".neighbours a[rel=next]") is None


def test_author_names_merge_across_case_and_accents(site):
    authors = page(site, "auteurs/")
    assert [a.get_text() for a in authors.select("main li a")] == ["Hugo Dubois", "Léa Bernard"]
    assert len(card_titles(page(site, "auteurs/lea-bernard/"))) == 9
    byline = page(site, "actualites/une-ia-au-museum/").select_one(".byline a")
    assert byline.get_text() == "Léa Bernard"

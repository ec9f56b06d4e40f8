"""French as a reader expects it, on every page, feed and e-mail (plugins/engine/french.py):
plurals that agree, no-break spaces, typographic apostrophes; never inside code or URLs."""

import re
from pathlib import Path

import pytest
from jinja2 import Environment
from typography import faults

from conftest import ROOT, build, contribution, write_content
from engine.french import TemplateTypography, counted, typographic, typographic_html

NBSP, NNBSP = "\u00a0", "\u202f"


def test_every_page_feed_and_email_of_the_seed_site_is_set_in_french(seed_site):
    from digest.mail import write_email
    weeks = sorted(path.parent.name for path in (seed_site / "lettre").glob("*/email.txt"))
    emails = [Path(write_email(seed_site, "lettre/", week)) for week in weeks[-3:]]
    files = [path for path in sorted(seed_site.rglob("*")) if path.is_file()]
    assert len([path for path in files if path.suffix == ".html"]) > 250 and emails
    found = faults(files + emails, seed_site)
    assert not found, "\n".join(f"{fault} : {len(places)} fois, dont {places[:3]}" for fault, places in found.items())


def test_contributors_text_is_set_but_not_their_code_links_or_attributes(tmp_path):
    body = ("Qu'est-ce qu'un trou noir ? Réponse : « personne ne sait » ; 180 000 visiteurs !\n\n"
            "Lien [l'article](https://example.org/?q=a:b \"Titre : l'article\") et `print('a : b')`.\n\n"
            "    x = 'a ; b'\n")
    content = write_content(tmp_path / "content", {
        "articles/trou-noir.md": contribution("L'été : un ciel « noir » ?", "2026-11-01", body=body,
                                              summary='"Le 1 000e visiteur d\'un planétarium !"', authors="[Ada]"),
    })
    site = build(content, tmp_path / "output")
    html = (site / "actualites/l-ete-un-ciel-noir/index.html").read_text(encoding="utf-8")
    assert f"<h1>L’été{NBSP}: un ciel «{NBSP}noir{NBSP}»{NNBSP}?</h1>" in html
    assert f"Qu’est-ce qu’un trou noir{NNBSP}? Réponse{NBSP}: «{NBSP}personne ne sait{NBSP}»{NNBSP}; " in html
    assert f"180{NNBSP}000 visiteurs{NNBSP}!" in html
    assert 'href="https://example.org/?q=a:b" title="Titre : l&#39;article"' in html or \
        "href=\"https://example.org/?q=a:b\" title=\"Titre : l'article\"" in html
    assert "<code>print('a : b')</code>" in html or "<code>print(&#39;a : b&#39;)</code>" in html
    assert "x = 'a ; b'" in html or "x = &#39;a ; b&#39;" in html
    assert f"Le 1{NNBSP}000e visiteur d’un planétarium{NNBSP}!" in html
    assert not faults([site / "actualites/l-ete-un-ciel-noir/index.html", site / "atom.xml"], site)


def test_the_typography_of_templates_is_done_once_when_they_are_compiled():
    env = Environment(extensions=[TemplateTypography], autoescape=True)
    template = env.from_string(
        '<a href="{{ url }}" title="l\'agenda : tout"{% if on %} aria-current="page"{% endif %}>Tout l\'agenda</a>'
        ' {{ count }} : {{ "Dans l\'agenda" }}<script>var a = \'x : y\';</script><pre>a : b</pre> Fin !')
    assert template.render(url="/?q=a:b", on=True, count=3) == (
        '<a href="/?q=a:b" title="l\'agenda : tout" aria-current="page">Tout l’agenda</a>'
        f" 3{NBSP}: Dans l’agenda<script>var a = 'x : y';</script><pre>a : b</pre> Fin{NNBSP}!")


def test_typography_keeps_urls_times_and_words_apart():
    assert typographic("https://example.org/a?b=c, 14:30, 2026 100") == "https://example.org/a?b=c, 14:30, 2026 100"
    assert typographic("«bonjour»") == f"«{NBSP}bonjour{NBSP}»"
    assert typographic_html("<p>Voir <a href='/x'>ceci</a> : là</p>") == f"<p>Voir <a href='/x'>ceci</a>{NBSP}: là</p>"


# Every count the theme and the build say, with its expected plural: a new count string
# must be added here (the test below finds them all in the templates and the plugins).
PLURALS = {
    "acteur": "acteurs", "avertissement": "avertissements", "brouillon": "brouillons", "cassé": "cassés",
    "contenu": "contenus", "erreur": "erreurs", "fichier": "fichiers", "fichier vérifié": "fichiers vérifiés",
    "fichier écrit": "fichiers écrits", "écrit": "écrits", "inchangé": "inchangés", "supprimé": "supprimés",
    "image": "images", "image illisible": "images illisibles", "publication": "publications",
    "ressource": "ressources", "événement": "événements", "résultat": "résultats",
    "actualité": "actualités", "ressource ": "ressources", "annonce": "annonces", "dossier": "dossiers",
    "page": "pages", "projet": "projets", "communauté": "communautés", "séance": "séances", "mot-clé": "mots-clés", "à venir": "à venir", "lieu": "lieux",
    "source": "sources",
}
COUNT_CALL = re.compile(r"""(?<!\|)counted\(\s*(?:[^,()]|\([^()]*\))+,\s*(['"])(.+?)\1(?:,\s*(['"])(.+?)\3)?""")
COUNT_FILTER = re.compile(r"""\|counted\((['"])(.+?)\1(?:,\s*(['"])(.+?)\3)?\)""")


def count_strings():
    found = set()
    sources = list((ROOT / "plugins").rglob("*.py")) + list((ROOT / "theme/templates").rglob("*.html"))
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for pattern in (COUNT_CALL, COUNT_FILTER):
            for match in pattern.finditer(text):
                found.add((match.group(2), match.group(4)))
    return found


def test_every_count_string_agrees_with_0_1_2_and_1000():
    strings = count_strings()
    assert len(strings) >= 12
    from content_model.model import TYPES
    strings |= {(ctype.label, ctype.plural) for ctype in TYPES}
    for singular, plural in sorted(strings, key=str):
        expected = PLURALS.get(singular) or plural
        assert expected, f"ajoutez « {singular} » et son pluriel à PLURALS"
        assert counted(0, singular, plural) == f"0 {singular}"
        assert counted(1, singular, plural) == f"1 {singular}"
        assert counted(2, singular, plural) == f"2 {expected}"
        assert counted(1000, singular, plural) == f"1{NNBSP}000 {expected}"


@pytest.mark.parametrize("count, words", [(0, "0 événement"), (1, "1 événement"), (2, "2 événements"),
                                          (1000, f"1{NNBSP}000 événements")])
def test_the_counts_of_a_template_agree(count, words):
    from pelican.settings import DEFAULT_CONFIG

    from content_model import configure
    from content_model.settings import DEFAULT_SETTINGS
    settings = {**DEFAULT_CONFIG, **DEFAULT_SETTINGS, "CONTENT_CACHE_PATH": None, "PUBLIC_SITEURL": ""}
    configure(settings)
    env = Environment(extensions=[TemplateTypography])
    env.filters.update(settings["JINJA_FILTERS"])
    assert env.from_string('{{ n|counted("événement") }}').render(n=count) == words

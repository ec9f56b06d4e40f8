"""Link integrity of the built site (`invoke linkcheck`, plugins/link_check).

The seed content, built with the development and the public settings, has no
broken internal link, image or anchor. Broken ones, whether written by a
contributor or left by a lost output file, are each reported with their file and
line, and fail the check; external links are listed, and checked online on
request, without ever failing it.
"""

import contextlib
import re
import shutil

import pytest

from conftest import ROOT, build, image_bytes, serve, write_content
from link_check import check_site, main

SITE_URL = "https://sciences-en-partage.example.org"


@pytest.fixture(scope="module", params=["développement", "public"])
def seed_site(request, tmp_path_factory):
    public = {"SITEURL": SITE_URL, "RELATIVE_URLS": False} if request.param == "public" else {}
    return build(ROOT / "content", tmp_path_factory.mktemp("seed"), **public)


def test_the_seed_site_has_no_broken_internal_link_image_or_anchor(seed_site):
    report = check_site(seed_site, SITE_URL)
    assert report.broken == []
    assert report.page_count > 200 and report.internal_count > 5000
    assert report.external      # listed, not failed: the seed links to partners' sites


ARTICLE = """\
---
title: "{title}"
date: 2026-10-01
authors: ["Ada"]
---
{body}
"""
BODY = """\
## Programme

Voir [le programme](#programme), [une ancienne page](/actualites/page-disparue/),
[une section absente](#section-absente), [un partenaire]({server}partenaire/)
et [un lien mort]({server}introuvable/).
"""
EVENT = """\
---
title: "Atelier du samedi"
date: 2026-10-01
start: 2026-12-05 14:00
location: {name: "Muséum", city: "Toulouse", postcode: "31000"}
image: photo.png
image_alt: "Un atelier"
---
Un atelier.
"""


@contextlib.contextmanager
def site_linking_to_a_partner(tmp_path, body):
    """A small site built with the menu's pages and `body` in an article ({server}: a partner's
    site, served locally, that has a page at partenaire/); yields (output, partner's root)."""
    (tmp_path / "partenaire-racine" / "partenaire").mkdir(parents=True)
    (tmp_path / "partenaire-racine" / "partenaire" / "index.html").write_text("<p>ok</p>")
    with serve(tmp_path / "partenaire-racine") as server:
        pages = {f"pages/{path.name}": path.read_text(encoding="utf-8")
                 for path in (ROOT / "content" / "pages").glob("*.md")}
        content = write_content(tmp_path / "content", {
            **pages, "articles/liens.md": ARTICLE.format(title="Des liens", body=body.format(server=server)),
            "events/atelier.md": EVENT, "images/photo.png": image_bytes(1200, 800)})
        yield build(content, tmp_path / "output"), server


@pytest.fixture
def broken_site(tmp_path):
    with site_linking_to_a_partner(tmp_path, BODY) as built:
        yield built


def test_broken_links_anchors_and_lost_files_are_each_reported_and_fail(broken_site, capsys):
    output, server = broken_site
    # Files lost after the build: an image derivative and the event's page (linked by the .ics and feeds).
    event_page = output / "evenements" / "atelier-du-samedi" / "index.html"
    derivative = next((output / "images").glob("photo-*-480.*"))
    derivative.unlink()
    shutil.rmtree(event_page.parent)
    css = next((output / "theme" / "css").glob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n@font-face{src:url(../fonts/absente.woff2)}\n")
    about = output / "a-propos" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</body>", (
        '<div style="background: url(../images/absente.png)"></div>'
        '<style>\n.x { background: url("/images/absente-2.png") }</style></body>')), encoding="utf-8")
    assert main([str(output), "--site-url", SITE_URL]) == 1
    report = capsys.readouterr().out
    article = "actualites/des-liens/index.html"
    assert re.search(rf"^{article}:\d+: lien cassé : actualites/page-disparue/index.html n'existe pas "
                     r"« /actualites/page-disparue/ »", report, re.M)
    assert re.search(rf"^{article}:\d+: ancre cassée : aucun id=\"section-absente\"", report, re.M)
    assert "#programme" not in report
    assert re.search(rf"^\S+\.html:\d+: lien cassé : images/{derivative.name} n'existe pas", report, re.M)
    assert re.search(r"^agenda\.ics:\d+: lien cassé : evenements/atelier-du-samedi/index.html", report, re.M)
    assert re.search(r"^atom\.xml:\d+: lien cassé : evenements/atelier-du-samedi/", report, re.M)
    assert re.search(rf"^theme/css/{css.name}:\d+: lien cassé : theme/fonts/absente.woff2", report, re.M)
    assert re.search(r"^a-propos/index.html:\d+: lien cassé : images/absente.png", report, re.M)
    assert re.search(r"^a-propos/index.html:\d+: lien cassé : images/absente-2.png", report, re.M)
    # The page's link, the share bar's (Bluesky, LinkedIn), the map's tiles and their credit, the
    # contribution guide on GitHub: never checked unless asked.
    assert "liens externes vers 6 sites (non vérifiés" in report


def test_contributor_link_mistakes_are_the_only_broken_links_of_a_fresh_build(broken_site):
    output, _ = broken_site
    broken = check_site(output, SITE_URL).broken
    # On the article's page, and again where its body is shown in full: its feeds.
    assert {(where, link) for where, _, link, _ in broken if where.endswith(".html")} == {
        ("actualites/des-liens/index.html", "/actualites/page-disparue/"),
        ("actualites/des-liens/index.html", "#section-absente")}
    assert {link.removeprefix(SITE_URL) for _, _, link, _ in broken} == {
        "/actualites/page-disparue/", "#section-absente", "/actualites/des-liens/#section-absente"}


def test_online_mode_reports_dead_external_links_without_failing(tmp_path, capsys):
    body = "[Un partenaire]({server}partenaire/) et [un lien mort]({server}introuvable/)."
    with site_linking_to_a_partner(tmp_path, body) as (output, server):
        assert main([str(output), "--site-url", SITE_URL]) == 0
        assert "non vérifiés" in capsys.readouterr().out
        assert main([str(output), "--site-url", SITE_URL, "--online"]) == 0
        report = capsys.readouterr().out
    assert re.search(rf"^actualites/des-liens/index.html:\d+: lien externe en échec \(HTTP 404\) "
                     rf"« {server}introuvable/ »", report, re.M)
    assert f"« {server}partenaire/ »" not in report
    assert "0 cassé ;" in report and "vérifiés en ligne" in report

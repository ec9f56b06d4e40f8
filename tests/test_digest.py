"""The weekly digest (/lettre/, plugins/digest): the items of a fixture week, its
index and feed, and its e-mail version (HTML and plain text). "Now" is fixed at
Sunday 22 November 2026 (ISO week 2026-47).
"""


from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import TWO_THEMES, build, contribution, image_bytes, page, write_content

PUBLIC = "https://sciences-en-partage.example.org"
PLACE = '{name: "Muséum", postcode: "31000", city: "Toulouse", lat: 43.59, lon: 1.45}'


doc = contribution


FILES = {
    "themes.yaml": TWO_THEMES,
    "images/photo.png": image_bytes(1200, 800),
    # Week 47 (16–22 November): two articles, a resource.
    "articles/lundi.md": doc("Les abeilles de la ville", "2026-11-16 09:00", authors="[Ada]", tags="[insectes]",
                             image="photo.png", image_alt='"Une abeille"'),
    "articles/dimanche.md": doc("Une comète visible", "2026-11-22 08:00", authors="[Ada]", tags="[astronomie]"),
    "resources/kit.md": doc("Kit sans thème", "2026-11-18", resource_type="kit pédagogique"),
    # and a call, a dossier.
    "calls/concours.md": doc("Concours photo", "2026-11-19", call_type="concours", deadline="2027-01-10",
                             tags="[insectes]"),
    "dossiers/ciel.md": doc("Dossier ciel", "2026-11-20", items="[une-comete-visible]", themes="[univers]"),
    # Week 46 and next week: not in week 47's digest.
    "articles/avant.md": doc("La semaine d’avant", "2026-11-15 23:30", authors="[Ada]"),
    # Events: in the two weeks after week 47 (23 Nov – 6 Dec), and outside them.
    "events/dans-une-semaine.md": doc("Nuit des étoiles", "2026-10-01", start="2026-11-28 21:00", location=PLACE,
                                      tags="[astronomie]"),
    "events/dernier-jour.md": doc("Atelier insectes", "2026-10-01", start="2026-12-06 10:00", location=PLACE,
                                  tags="[insectes]", status="cancelled"),
    # A series: only its two sessions in those weeks are announced.
    "events/cycle.md": doc("Cycle océans", "2026-10-01", location=PLACE, sessions=(
        "[{start: 2026-10-15 18:00}, {start: 2026-11-30 18:00}, {start: 2026-12-03 18:00}, "
        "{start: 2027-01-10 18:00}]")),
    "events/trop-tard.md": doc("Trop tard", "2026-10-01", start="2026-12-07 10:00", location=PLACE),
    "events/cette-semaine.md": doc("Déjà passé", "2026-10-01", start="2026-11-20 10:00", location=PLACE),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("digest-content"), FILES)
    return build(content, tmp_path_factory.mktemp("digest-output"))


def test_fixture_week_holds_exactly_its_publications_and_the_next_two_weeks_events(site):
    soup = page(site, "lettre/2026-47/")
    assert soup.h1.get_text() == "La lettre de la semaine du lundi 16 au dimanche 22 novembre 2026"
    sections = {section.h2.get_text(): [title.get_text(strip=True) for title in section.select(".card__title")]
                for section in soup.select(".digest-section")}
    assert sections == {
        "Sciences de l’Univers, astronomie": ["Dossier ciel", "Une comète visible", "Nuit des étoiles"],
        "Biologie et sciences du vivant": ["Les abeilles de la ville", "Concours photo", "Atelier insectes"],
        "Autres sujets": ["Kit sans thème", "Cycle océans"],
    }
    assert list(sections) == ["Sciences de l’Univers, astronomie", "Biologie et sciences du vivant", "Autres sujets"]


def test_index_lists_every_week_with_content_newest_first(site):
    links = [a["href"] for a in page(site, "lettre/").select(".facet-values a")]
    assert links == ["../lettre/2026-47/", "../lettre/2026-46/"]
    assert not (site / "lettre" / "2026-48").exists()        # the future is not written yet
    earlier = [title.get_text(strip=True) for title in page(site, "lettre/2026-46/").select(".card__title")]
    assert sorted(earlier) == ["Déjà passé", "La semaine d’avant", "Nuit des étoiles"]
    # Readers find the digest from any page's footer.
    footer = page(site, "lettre/2026-46/").select_one(".site-footer").find("a", string="La lettre de la semaine")
    assert footer["href"] == "../../lettre/"


def test_digest_feed_parses_with_one_entry_per_week(site):
    feed = feedparser.parse((site / "lettre" / "atom.xml").read_bytes())
    assert feed.bozo == 0
    assert [entry.link for entry in feed.entries] == [f"{PUBLIC}/lettre/2026-47/", f"{PUBLIC}/lettre/2026-46/"]
    assert "Nuit des étoiles" in feed.entries[0].content[0].value
    assert feedparser.parse((site / "lettre" / "rss.xml").read_bytes()).bozo == 0
    assert page(site, "lettre/").find("link", attrs={"type": "application/atom+xml"})["href"].endswith("lettre/atom.xml")


def test_email_version_is_inline_styled_absolute_and_scriptless(site):
    html = (site / "lettre" / "2026-47" / "email.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert not soup.find_all(["script", "style", "link"])
    assert not soup.find_all(attrs={"class": True})                          # inline styles only
    urls = [tag.get("href") or tag.get("src") for tag in soup.find_all(["a", "img"])]
    assert urls and all(url.startswith(PUBLIC + "/") for url in urls)
    image = soup.find("img")
    assert image["alt"] == "Une abeille" and (image["width"], image["height"]) == ("560", "373")
    titles = [title.get_text() for title in soup.find_all("h3")]
    assert titles == ["Dossier ciel", "Une comète visible", "Nuit des étoiles", "Les abeilles de la ville",
                      "Concours photo", "Atelier insectes", "Kit sans thème", "Cycle océans"]
    assert "Concours · date limite\u00a0: dimanche 10 janvier 2027" in soup.get_text()
    assert "Annulé" in soup.get_text()


def test_plain_text_alternative_names_every_item_and_its_address(site):
    text = (site / "lettre" / "2026-47" / "email.txt").read_text(encoding="utf-8")
    assert text.startswith("La lettre de la semaine du lundi 16 au dimanche 22 novembre 2026\n")
    for title, url in (("Une comète visible", "actualites/une-comete-visible/"),
                       ("Nuit des étoiles", "evenements/nuit-des-etoiles/"),
                       ("Kit sans thème", "ressources/kit-sans-theme/"),
                       ("Concours photo", "annonces/concours-photo/"), ("Dossier ciel", "dossiers/dossier-ciel/")):
        assert f"* {title}\n" in text and f"{PUBLIC}/{url}\n" in text
    assert ("Événement · Séances\u00a0: lundi 30 novembre 2026, 18\u00a0h\u202f; jeudi 3 décembre 2026, 18\u00a0h · "
            "Muséum, Toulouse (31)\n") in text
    assert "Trop tard" not in text and "Déjà passé" not in text and "<" not in text


def test_invoke_digest_writes_a_mime_message_with_both_versions(site):
    import email
    from email.policy import default

    from digest.mail import week_of, write_email
    assert week_of("2026-11-22T12:00:00+01:00") == "2026-47"
    path = write_email(site, "lettre/", "2026-47")
    message = email.message_from_bytes(Path(path).read_bytes(), policy=default)
    assert message["Subject"] == "La lettre de la semaine du lundi 16 au dimanche 22 novembre 2026"
    assert message.get_content_type() == "multipart/alternative"
    text, html = (part.get_content() for part in message.iter_parts())
    assert text.replace("\r\n", "\n") == (site / "lettre/2026-47/email.txt").read_text(encoding="utf-8")
    assert "<table" in html and "Nuit des étoiles" in html
    with pytest.raises(FileNotFoundError, match="Pas de lettre pour la semaine 2026-30"):
        write_email(site, "lettre/", "2026-30")

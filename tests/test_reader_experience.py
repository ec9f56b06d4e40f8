"""What a reader sees of the theme (theme/, theme/README.md): pictures or placeholders on every
card, a shared link with a picture, icons, colours readable in light and dark, and, in
Chromium, a phone-first layout (the menu folded, the first event on the first screen, no
sideways scroll at 320 px)."""

import json
import re

import pytest
from PIL import Image

from conftest import ROOT, Markers, page, reach_for_map, serve
from content_model.colours import NIGHT, PAPER, PICTOGRAMS, contrast

PHONE = {"width": 375, "height": 800}


def test_every_card_has_a_picture_or_its_themes_placeholder(seed_site):
    cards = 0
    for path in sorted(seed_site.rglob("*.html")):
        soup = page(seed_site, str(path.relative_to(seed_site)))
        for card in soup.select(".card"):
            cards += 1
            picture, placeholder = card.select_one(".card__image img"), card.select_one(".placeholder use")
            assert picture is not None or placeholder is not None, (path, card.h2 or card.h3)
            if placeholder is not None:
                assert re.fullmatch(r".*theme/icons/themes\.svg#[a-z-]+", placeholder["href"])
                assert re.search(r"--tone-light:#[0-9a-f]{6};--tone-dark:#[0-9a-f]{6}", card["style"])
    assert cards > 300


def test_every_page_is_shared_with_a_picture_that_exists(seed_site):
    # Not the web form, the agenda shown inside partners' sites nor the e-mails: nobody shares those.
    shared = [path for path in sorted(seed_site.rglob("*.html"))
              if not str(path.relative_to(seed_site)).startswith(("admin/", "agenda/embed/")) and path.name != "email.html"]
    assert len(shared) > 250
    for path in shared:
        soup = page(seed_site, str(path.relative_to(seed_site)))
        image = soup.select_one('meta[property="og:image"]')
        assert image is not None, path
        local = seed_site / image["content"].split("example.org/", 1)[1]
        with Image.open(local) as picture:
            assert picture.width >= 500 and picture.height >= 280, path       # large enough to preview


def test_theme_colours_are_readable_on_the_light_and_the_dark_page(seed_site):
    themes = (ROOT / "content/themes.yaml").read_text(encoding="utf-8")
    slugs = re.findall(r"^- slug: (\S+)", themes, re.M)
    home = page(seed_site, "")
    chips = home.select(".theme-chips li")
    assert len(chips) == len(slugs) == 13
    for chip in chips:
        light, dark = re.findall(r"#[0-9a-f]{6}", chip["style"])
        assert contrast(light, PAPER) >= 4.5 and contrast(dark, NIGHT) >= 4.5, chip.get_text()
    sprite = (ROOT / "theme/static/icons/themes.svg").read_text(encoding="utf-8")
    assert set(re.findall(r'<symbol id="([a-z-]+)"', sprite)) == set(PICTOGRAMS)


def test_favicon_and_web_manifest_icons_exist(seed_site):
    soup = page(seed_site, "")
    assert soup.select_one('link[rel="icon"][type="image/svg+xml"]') is not None
    with Image.open(seed_site / "favicon.ico") as icon:
        assert icon.format == "ICO"
    manifest = json.loads((seed_site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "fr" and manifest["name"] == "Sciences en partage"
    for icon in manifest["icons"]:
        with Image.open(seed_site / icon["src"]) as picture:
            assert f"{picture.width}x{picture.height}" == icon["sizes"]


def test_fonts_are_self_hosted_latin_woff2(seed_site):
    css = (seed_site / "theme/fonts/fonts.css").read_text(encoding="utf-8")
    files = re.findall(r'url\("([^"]+)"\)', css)
    assert len(files) == 3 and all(name.endswith("-latin-" + name.split("-latin-")[1]) for name in files)
    # Never swapped in late (a layout shift): each face is preloaded and shown only if it is there.
    assert css.count("font-display:optional") == 3
    preloaded = {link["href"].rsplit("/", 1)[1] for link in page(seed_site, "").select('link[rel="preload"][as="font"]')}
    assert preloaded == set(files)
    for name in files:
        assert (seed_site / "theme/fonts" / name).read_bytes()[:4] == b"wOF2"


@pytest.fixture(scope="module")
def reader(session_browser, seed_site):
    from conftest import Reader
    with serve(seed_site) as site_url:
        context = Reader(session_browser).new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        context.route("https://**/*", lambda route: route.abort())      # offline: no map tiles
        yield context.new_page(), site_url
        context.close()


def test_on_a_phone_the_menu_is_folded_behind_its_button(reader):
    browser_page, site_url = reader
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_url)
    header = browser_page.locator(".site-header").bounding_box()
    assert header["height"] <= 130
    assert not browser_page.get_by_role("link", name="Ressources", exact=True).first.is_visible()
    browser_page.get_by_text("Menu", exact=True).click()
    assert browser_page.get_by_role("link", name="Ressources", exact=True).first.is_visible()


def test_the_style_guide_shows_every_component_in_light_and_in_dark(reader):
    """Whatever the reader's setting: each section sets its colour scheme, and light-dark()
    in site.css follows it."""
    browser_page, site_url = reader
    browser_page.goto(site_url + "guide-de-style/")
    colours = "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]"
    for scheme in ("light", "dark"):
        browser_page.emulate_media(color_scheme=scheme)
        light, dark = (browser_page.locator(f"#{name} ~ ul.cards .card").first for name in ("clair", "sombre"))
        assert light.evaluate(colours) == ["rgb(255, 255, 255)", "rgb(22, 25, 29)"], scheme       # --raised, --ink
        assert dark.evaluate(colours) == ["rgb(31, 36, 40)", "rgb(233, 236, 239)"], scheme
        badge = "#{} ~ p .badge--ongoing"
        assert browser_page.locator(badge.format("clair")).evaluate(colours)[0] == "rgb(23, 112, 58)"
        assert browser_page.locator(badge.format("sombre")).evaluate(colours)[0] == "rgb(95, 209, 139)"
    browser_page.emulate_media(color_scheme="light")
    ids = browser_page.evaluate("[...document.querySelectorAll('[id]')].map(el => el.id)")
    assert len(ids) == len(set(ids))


def test_on_a_phone_the_first_event_and_the_map_are_on_the_first_screen(reader):
    browser_page, site_url = reader
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_url + "agenda/")
    first = browser_page.locator(".agenda .card__title").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"]
    browser_page.goto(site_url + "carte/")
    assert browser_page.locator("[data-map]").bounding_box()["y"] < PHONE["height"] / 2
    assert browser_page.locator(".map-preview__group:visible").count() >= 2      # drawn, before any script
    browser_page.goto(site_url + "evenements/atelier-voyage-vers-mars/")
    description = browser_page.locator(".prose").bounding_box()
    assert description["y"] < PHONE["height"]


@pytest.mark.parametrize("url", ["", "agenda/", "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/", "carte/",
                                 "recherche/?q=astronomie", "evenements/cycle-de-conferences-oceans-en-mouvement/", "thematiques/"])
def test_nothing_scrolls_sideways_at_320_pixels(reader, url):
    browser_page, site_url = reader
    browser_page.set_viewport_size({"width": 320, "height": 700})
    assert browser_page.goto(site_url + url).ok
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_every_item_has_share_links_and_no_page_loads_from_another_site(seed_site):
    article = page(seed_site, "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/")
    links = [a["href"] for a in article.select(".share a")]
    url = "https%3A//sciences-en-partage.example.org/actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/"
    assert [link.split("?")[0] for link in links] == [
        "https://bsky.app/intent/compose", "https://www.linkedin.com/sharing/share-offsite/", "mailto:"]
    assert all(url in link for link in links)
    assert article.select_one("[data-share-mastodon]") and article.select_one("[data-share-copy]")
    for path in sorted(seed_site.rglob("*.html")):
        soup = page(seed_site, str(path.relative_to(seed_site)))
        for tag in soup.select("script[src], link[href], img[src], source[srcset], iframe[src], video, audio"):
            address = tag.get("src") or tag.get("srcset") or tag.get("href") or ""
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            own = address.startswith("https://sciences-en-partage.example.org/")    # e-mails: absolute
            tile = address.startswith("https://tile.openstreetmap.org/") and tag.find_parent(class_="map-preview")
            assert own or tile or not re.match(r"(https?:)?//", address), (path, str(tag)[:120])


def test_mastodon_shares_on_the_readers_instance(reader):
    browser_page, site_url = reader
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(site_url + "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/")
    browser_page.once("dialog", lambda dialog: dialog.accept("https://mastodon.example/@moi"))
    instance = "https://mastodon.example/**"
    browser_page.context.route(instance, lambda route: route.fulfill(body="instance", content_type="text/plain"))
    try:
        with browser_page.context.expect_page() as opened:
            browser_page.get_by_role("button", name="Mastodon").click()
        opened.value.wait_for_load_state()
        target = opened.value.url
        opened.value.close()
    finally:
        browser_page.context.unroute(instance)
    assert target.startswith("https://mastodon.example/share?text=F%C3%AAte%20de%20la%20science")
    assert "sciences-en-partage.example.org%2Factualites%2F" in target


def test_the_featured_story_leads_the_home_and_pictures_carry_their_credit(seed_site):
    home = page(seed_site, "")
    feature = home.select_one(".feature")
    assert feature.h2.get_text() == "Le planétarium s’offre un ciel à 8K"        # featured: true
    assert feature.img is not None and feature.select_one(".eyebrow").get_text().startswith("À la une")
    assert "Le planétarium s’offre un ciel à 8K" not in [a.get_text() for a in home.select(".card__title a")]
    article = page(seed_site, "actualites/le-planetarium-s-offre-un-ciel-a-8k/")
    assert article.select_one(".hero figcaption.credit").get_text() == \
        "Image\u00a0: NASA, ESA, télescope Hubble, domaine public"


def test_search_ranks_what_is_open_or_to_come_first_and_badges_what_is_over(reader):
    browser_page, site_url = reader
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    browser_page.goto(site_url + "recherche/?q=science")
    browser_page.wait_for_selector("[data-search-results] h2")
    while browser_page.locator("[data-search-more]:visible").count():
        browser_page.locator("[data-search-more]").click()
    headings = browser_page.locator("[data-search-results] h2")
    over = [headings.nth(i).locator(".badge--past").count() > 0 for i in range(headings.count())]
    assert True in over and False in over
    assert over == sorted(over)                       # nothing over before what is still open
    badges = browser_page.locator("[data-search-results] h2 .badge--past").all_inner_texts()
    assert set(badges) <= {"Terminé", "Clôturée"} and "Clôturée" in badges


def test_the_map_groups_close_markers_and_opens_on_the_region(reader):
    browser_page, site_url = reader
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    browser_page.goto(site_url + "carte/")
    reach_for_map(browser_page)
    assert browser_page.locator("[data-map]").get_attribute("data-bounds") == "42.33 -0.33 45.05 4.85"
    clusters = browser_page.locator(".marker-cluster")
    assert clusters.count() >= 1
    # Every place is drawn, alone or in a group, once the map has settled on the region.
    assert Markers(browser_page).count() == int(browser_page.locator("[data-map]").get_attribute("data-shown")) >= 10
    # Every place of the seed site is in Occitanie: all of them are inside the first view.
    box = browser_page.locator("[data-map]").bounding_box()
    for icon in browser_page.locator(".leaflet-marker-icon").all():
        where = icon.bounding_box()
        assert box["x"] <= where["x"] <= box["x"] + box["width"] and box["y"] <= where["y"] <= box["y"] + box["height"]


def test_resources_and_actors_can_be_sifted_on_plain_pages(seed_site):
    resources = page(seed_site, "ressources/")
    ways = {way.select_one(".sift__label").get_text(): [a.get_text(" ", strip=True) for a in way.select("a")]
            for way in resources.select(".sift__way")}
    assert list(ways) == ["Par type", "Par public", "À emprunter"]
    assert "Kit pédagogique 1 (1 ressource)" in ways["Par type"] and ways["À emprunter"][0].startswith("À emprunter ")
    kits = page(seed_site, "ressources/types/kit-pedagogique/")
    assert kits.h1.get_text() == "Ressources\u00a0: kit pédagogique"
    assert [a.get_text() for a in kits.select(".card__title a")] == ["Kit pédagogique\u00a0: observer la Lune en classe"]
    assert kits.select_one(".sift a[aria-current=page]")["href"].endswith("ressources/types/kit-pedagogique/")
    loans = page(seed_site, "ressources/a-emprunter/")
    count = int(re.search(r"\((\d+) ressources?\)", ways["À emprunter"][0]).group(1))
    assert len(loans.select(".card")) == count > 0
    herault = page(seed_site, "acteurs/departements/34/")
    assert herault.h1.get_text() == "Acteurs de la culture scientifique\u00a0: Hérault (34)"
    every = {a.get_text() for a in page(seed_site, "acteurs/").select(".card__title a")}
    shown = {a.get_text() for a in herault.select(".card__title a")}
    assert 2 <= len(shown) < len(every) and shown <= every


def test_a_resource_cannot_take_the_name_of_a_sifted_list(tmp_path, capsys):
    from conftest import contribution, write_content
    from content_model.check import main as check_main
    content = write_content(tmp_path / "content", {"resources/types.md": contribution(
        "Types", "2026-10-01", slug="types", resource_type="guide", authors="[Ada]")})
    assert check_main([str(content)]) == 1
    assert "slug: « types » est le nom d’un tri de la liste des ressources" in capsys.readouterr().out.replace("'", "’")


def test_an_article_weighs_at_most_100_kb_before_its_images(seed_site):
    """HTML, stylesheets, the fonts they load and scripts, as files (before any compression)."""
    url = "actualites/le-planetarium-s-offre-un-ciel-a-8k/"
    soup = page(seed_site, url)
    folder = seed_site / url
    files = {(folder / "index.html").resolve()}
    for tag in soup.select("link[rel=stylesheet], link[rel=preload], script[src]"):
        files.add((folder / (tag.get("href") or tag["src"])).resolve())
    for stylesheet in [path for path in files if path.suffix == ".css"]:
        for name in re.findall(r'url\("?([^")]+)"?\)', stylesheet.read_text(encoding="utf-8")):
            if not name.startswith("data:"):
                files.add((stylesheet.parent / name).resolve())
    assert any(path.suffix == ".woff2" for path in files) and any(path.suffix == ".js" for path in files)
    weight = sum(path.stat().st_size for path in files)
    assert weight <= 100 * 1024, sorted((path.stat().st_size, path.name) for path in files)


def transparent_png():
    import io
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def test_actors_show_their_logo_and_dossiers_a_cover(tmp_path):
    from conftest import build, contribution, image_bytes, write_content
    content = write_content(tmp_path / "content", {
        "images/logos/club.png": transparent_png, "images/photo.jpg": lambda: image_bytes(800, 450, "JPEG"),
        "actors/club.md": contribution("Club d’astronomie", "2026-10-01", slug="club", actor_type="association",
                                       logo="logos/club.png", website="https://club.example.org"),
        "actors/sans-logo.md": contribution("Sans logo", "2026-10-01", slug="sans-logo", actor_type="musée"),
        "articles/un.md": contribution("Sans image", "2026-10-02", slug="un", authors="[Ada]"),
        "articles/deux.md": contribution("Avec image", "2026-10-03", slug="deux", authors="[Ada]", image="photo.jpg",
                                         image_alt='"Un ciel"', image_credit='"Photo : Ada, CC0"'),
        "dossiers/ciel.md": contribution("Le ciel", "2026-10-04", slug="ciel", items="[un, deux]"),
    })
    site = build(content, tmp_path / "output")
    actor = page(site, "acteurs/club/")
    logo = actor.select_one("picture.logo img")
    assert logo is not None and logo["alt"] == "" and logo.find_next("h1").get_text() == "Club d’astronomie"
    with Image.open(site / "acteurs/club" / logo["src"]) as published:
        assert published.format == "PNG" and published.mode == "RGBA"       # the logo keeps its transparency
    [organization] = [json.loads(script.string) for script in actor.select('script[type="application/ld+json"]')]
    assert organization["@type"] == "Organization" and organization["sameAs"] == "https://club.example.org"
    assert (site / organization["logo"].split("example.org/", 1)[1]).exists()
    directory = page(site, "acteurs/")
    cards = {card.h2.get_text(): card for card in directory.select(".card")}
    assert cards["Club d’astronomie"].select_one(".card__logo img") is not None
    assert cards["Sans logo"].select_one(".placeholder") is not None
    assert page(site, "acteurs/sans-logo/").select_one(".logo") is None
    # A dossier without its own cover takes the first picture of its items, with its credit.
    dossier = page(site, "dossiers/ciel/")
    assert dossier.select_one(".hero img")["alt"] == "Un ciel"
    assert dossier.select_one(".hero figcaption").get_text() == "Photo\u00a0: Ada, CC0"
    assert "photo-" in dossier.select_one('meta[property="og:image"]')["content"]
    listed = page(site, "dossiers/").select_one(".card")
    assert listed.select_one(".card__image img") is not None


def test_a_logo_that_is_not_there_is_named_by_the_check(tmp_path, capsys):
    from conftest import contribution, write_content
    from content_model.check import main as check_main
    content = write_content(tmp_path / "content", {"actors/club.md": contribution(
        "Club", "2026-10-01", slug="club", actor_type="association", logo="logos/absent.png")})
    assert check_main([str(content)]) == 1
    out = capsys.readouterr().out
    assert "club.md" in out and "logo" in out and "absent.png" in out

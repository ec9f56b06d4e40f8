"""The web form, end to end, as a contributor uses it: Decap CMS at /admin/ with its
local backend (decap-server in git mode, the site's own config and editorial
workflow) in Chromium. What the form commits on its cms/… branch must pass the
check, and the site built from that branch must show it."""

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from admin.settings import DEFAULT_SETTINGS
from conftest import ROOT, TWO_THEMES, build, page, serve, write_content

ACTOR = """\
---
title: "Muséum des sciences de la Garonne"
actor_type: musée
location: {name: "Muséum", city: "Toulouse", postcode: "31000"}
---
Un muséum au bord du fleuve.
"""
# One item of the site, that a dossier could pick (the form lists the site's items).
ARTICLE = '---\ntitle: "Le ciel d\'hiver"\ndate: 2026-01-05\nauthors: [Ada]\n---\nTexte.\n'


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def form(tmp_path_factory, session_browser):
    """A repository with a small site, its built /admin/ on 127.0.0.1 and decap-server on it."""
    repo = tmp_path_factory.mktemp("depot")
    write_content(repo / "content", {"themes.yaml": TWO_THEMES, "actors/museum-des-sciences-de-la-garonne.md": ACTOR,
                                     "articles/le-ciel-d-hiver.md": ARTICLE})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.name=Équipe", "-c", "user.email=equipe@example.org", "commit", "-q", "--allow-empty",
        "-m", "Le site")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Équipe", "-c", "user.email=equipe@example.org", "commit", "-q", "-m", "Contenus")
    port = free_port()
    output = build(repo / "content", tmp_path_factory.mktemp("form-output"),
                   ADMIN_LOCAL_BACKEND=f"http://localhost:{port}/api/v1")
    server_js = Path(DEFAULT_SETTINGS["ADMIN_NODE_MODULES"], "decap-server", "dist", "index.js")
    with open(repo.parent / "decap-server.log", "w") as log:       # read it when a test fails
        server = subprocess.Popen(["node", str(server_js)], stdout=log, stderr=subprocess.STDOUT, env={
            **os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "LOG_LEVEL": "warn"})
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", port)) and time.monotonic() < deadline:
            time.sleep(0.1)
        try:
            with serve(output) as url:
                yield repo, url
        finally:
            server.terminate()
            server.wait(10)


def field(browser_page, label):
    """A form field by its label, as the contributor reads it (Decap adds « (optionnel) »)."""
    return browser_page.get_by_label(re.compile(rf"^{re.escape(label)}( \(optionnel\))?$"))


def pick(browser_page, label, typed):
    """Choose in a list (react-select) by typing the start of a choice, as a person does."""
    field(browser_page, label).click()
    browser_page.keyboard.type(typed)
    browser_page.get_by_role("option", name=re.compile(re.escape(typed))).first.click()


def upload_image(browser_page, path):
    browser_page.get_by_role("button", name="Choisir une image").click()
    browser_page.locator("input[type=file]").set_input_files(str(path))
    browser_page.get_by_role("button", name="Choisir les éléments sélectionnés").click()


def open_form(chromium_browser, url, collection, width=1366, height=900):
    # The browser's own clock, not the Reader's fixed one: Decap's searches wait on it (debounce).
    context = chromium_browser.browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
    browser_page = context.new_page()
    browser_page.goto(url + "admin/")
    browser_page.get_by_role("button", name="Se connecter").click()
    browser_page.goto(url + f"admin/#/collections/{collection}/new")
    field(browser_page, "Titre").wait_for()
    return browser_page


def save(browser_page):
    browser_page.get_by_role("button", name="Enregistrer").click()


def branch_site(repo, branch, tmp_path):
    """The content of the form's branch (once Decap has made it), as CI would check and build it."""
    deadline = time.monotonic() + 10
    while branch not in git(repo, "branch", "--list", "cms/*"):
        assert time.monotonic() < deadline, git(repo, "branch", "--list")
        time.sleep(0.2)
    checkout = tmp_path / "branche"
    # decap-server commits on the branch checked out in the repository itself, then goes back
    # to its own: until it has, git refuses to check the branch out a second time.
    while True:
        try:
            git(repo, "worktree", "add", "-q", str(checkout), branch)
            return checkout / "content"
        except subprocess.CalledProcessError as error:
            assert time.monotonic() < deadline, error.stderr
            time.sleep(0.2)


def check(content):
    return subprocess.run(["python", "-m", "invoke", "check", "--content", str(content)], cwd=ROOT,
                          capture_output=True, text=True)


def test_an_event_made_with_the_form_passes_the_check_and_is_in_the_agenda(form, chromium_browser, tmp_path):
    repo, url = form
    photo = tmp_path / "abeilles.jpg"
    Image.new("RGB", (1200, 800), (200, 150, 40)).save(photo, quality=80)
    browser_page = open_form(chromium_browser, url, "events")
    # What, when, where, for whom: the form's first fields, in that order.
    labels = browser_page.locator("label").all_inner_texts()
    assert [label.split(" (")[0].casefold() for label in labels[:5]] == ["titre", "début", "fin", "séances", "lieu"]
    field(browser_page, "Titre").fill("Café des sciences : les abeilles")
    field(browser_page, "Début").fill("2027-01-12T19:00")
    field(browser_page, "Fin").fill("2027-01-12T21:00")
    field(browser_page, "Nom du lieu").fill("Café du Centre")
    field(browser_page, "Code postal").fill("31000")
    field(browser_page, "Ville").fill("Toulouse")
    pick(browser_page, "Public", "Tout public")
    pick(browser_page, "Organisé par", "Muséum")
    upload_image(browser_page, photo)
    browser_page.locator("[data-slate-editor=true]").fill("Une soirée pour parler des abeilles.")
    # The preview: the site's CSS, the model's labels, the date as the site writes it.
    preview = browser_page.frame_locator("iframe").first
    expect(preview.locator("h1")).to_have_text("Café des sciences : les abeilles")
    expect(preview.locator(".hero img")).to_have_count(1)
    facts = dict(zip(preview.locator(".facts dt").all_text_contents(),
                     preview.locator(".facts dd").all_text_contents(), strict=True))
    assert facts["Début"] == "mardi 12 janvier 2027 à 19\u00a0h" and facts["Public"] == "Tout public"
    assert facts["Lieu"] == "Café du Centre, 31000, Toulouse"
    assert facts["Organisé par"] == "Muséum des sciences de la Garonne"
    assert preview.locator("link[href$='theme/css/site.css']").count() == 1
    assert preview.locator(".facts").evaluate("e => getComputedStyle(e).display") == "grid"      # site.css applies
    # An image without its description and credit is not saved: the form says what to add.
    save(browser_page)
    alert = browser_page.get_by_text("avec une image, remplissez aussi")
    alert.wait_for()
    assert "« Description de l'image » et « Crédit de l'image »" in alert.inner_text()
    assert "cms/events/cafe-des-sciences-les-abeilles" not in git(repo, "branch", "--list", "cms/*")
    field(browser_page, "Description de l'image").fill("Des abeilles sur un cadre de ruche")
    field(browser_page, "Crédit de l'image").fill("Photo : Ada Lovelace, CC BY 4.0")
    save(browser_page)
    browser_page.get_by_text("Modifications enregistrées", exact=False).wait_for()
    # Saved as a draft of the editorial workflow: a branch of its own, to become a pull request.
    content = branch_site(repo, "cms/events/cafe-des-sciences-les-abeilles", tmp_path)
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    written = (content / "events" / "cafe-des-sciences-les-abeilles.md").read_text(encoding="utf-8")
    assert "organizer: museum-des-sciences-de-la-garonne" in written and "image: abeilles.jpg" in written
    assert (content / "images" / "abeilles.jpg").read_bytes() == photo.read_bytes()
    result = check(content)
    assert result.returncode == 0 and "Tout est en ordre" in result.stdout, result.stdout
    output = build(content, tmp_path / "site")
    agenda = page(output, "agenda/")
    [card] = [card for card in agenda.select("article") if "Café des sciences" in card.get_text()]
    assert "12 janvier" in card.get_text()
    event = page(output, "evenements/cafe-des-sciences-les-abeilles/")
    assert event.select_one(".hero img")["alt"] == "Des abeilles sur un cadre de ruche"
    assert event.select_one(".hero .credit").get_text() == "Photo\u00a0: Ada Lovelace, CC BY 4.0"     # typeset
    assert event.select_one(".facts a[href$='acteurs/museum-des-sciences-de-la-garonne/']")
    assert "31000 Toulouse" in event.select_one(".facts").get_text(" ")


def test_an_article_made_with_the_form_passes_the_check_and_is_published(form, chromium_browser, tmp_path):
    repo, url = form
    # On a phone, as most contributors: « Enregistrer » is on the screen (formulaire.css).
    browser_page = open_form(chromium_browser, url, "articles", width=375, height=800)
    button = browser_page.get_by_role("button", name="Enregistrer").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 375
    field(browser_page, "Titre").fill("Les abeilles comptent jusqu'à quatre")
    field(browser_page, "Résumé").fill("Une expérience montre que les abeilles savent compter.")
    field(browser_page, "Auteurs et autrices").fill("Léa Bernard")
    field(browser_page, "Date de publication").fill("2026-11-20T09:00")
    pick(browser_page, "Thématiques", "Biologie")
    browser_page.locator("[data-slate-editor=true]").fill("Des chercheuses ont montré que…")
    save(browser_page)
    browser_page.get_by_text("Modifications enregistrées", exact=False).wait_for()
    # Decap names the file without the apostrophe; the page's address is the title's slug.
    content = branch_site(repo, "cms/articles/les-abeilles-comptent-jusqua-quatre", tmp_path)
    result = check(content)
    assert result.returncode == 0 and "Tout est en ordre" in result.stdout, result.stdout
    output = build(content, tmp_path / "site")
    article = page(output, "actualites/les-abeilles-comptent-jusqu-a-quatre/")
    assert article.select_one("h1").get_text() == "Les abeilles comptent jusqu’à quatre"      # typeset
    assert "Léa Bernard" in article.select_one(".byline").get_text()
    assert "Des chercheuses ont montré que" in article.select_one(".prose").get_text()
    assert article.select_one("a[href$='thematiques/biologie/']")
    home = page(output, "")
    assert "Les abeilles comptent jusqu" in home.get_text()

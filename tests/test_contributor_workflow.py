"""Contributing: `invoke new`, the check's GitHub annotations and --changed-only,
the Decap CMS form made from the model, and the GitHub workflows."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, image_bytes, page, write_content
from content_model import model
from content_model.check import annotation
from content_model.check import main as check_main
from content_model.documents import Problem
from content_model.kinds import PLACE_PARTS
from content_model.scaffold import new_contribution

# For each type: what the check says of the new file, and how a contributor fills it in.
NEW = {
    "article": (["authors: champ obligatoire vide"], {"authors:": 'authors: ["Léa Bernard"]'}),
    "evenement": (["start: champ obligatoire manquant", "location: un lieu est obligatoire, sauf pour un événement en ligne"],
                  {"start:": "start: 2026-12-05 20:00", "end:": "end: 2026-12-05 23:00",
                   "location:": 'location: {name: "Planétarium", city: "Toulouse"}'}),
    "ressource": (["resource_type: champ obligatoire vide"], {"resource_type:": "resource_type: vidéo"}),
    "acteur": (["actor_type: champ obligatoire vide"], {"actor_type:": "actor_type: musée"}),
    "annonce": (["call_type: champ obligatoire vide", "deadline: champ obligatoire vide"],
                {"call_type:": "call_type: concours", "deadline:": "deadline: 2099-03-01"}),
    "dossier": (["items: champ obligatoire vide"], {"items:": "items: [le-ciel-d-hiver]"}),
}
# Files already there, that a new contribution may name.
OTHERS = {"articles/le-ciel-d-hiver.md": '---\ntitle: "Le ciel d\'hiver"\ndate: 2026-01-05\nauthors: [Ada]\n---\nTexte.\n'}


def invoke(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("kind", NEW)
def test_invoke_new_writes_a_file_the_check_guides_until_filled(tmp_path, capsys, kind):
    expected, filling = NEW[kind]
    write_content(tmp_path, OTHERS)
    result = invoke("new", kind, "Nuit des étoiles à Toulouse", "--content", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [path] = tmp_path.rglob("nuit-des-etoiles-a-toulouse.md")
    assert path.name == "nuit-des-etoiles-a-toulouse.md" and path.parent.name in result.stdout
    text = path.read_text(encoding="utf-8")
    assert 'title: "Nuit des étoiles à Toulouse"' in text and "# summary:" in text   # optional: commented
    assert check_main([str(tmp_path)]) == 1
    messages = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(path))]
    assert [message.split(": ", 1)[1].split(" — ")[0] for message in messages] == expected
    for empty, filled in filling.items():
        text = re.sub(f"^{re.escape(empty)}$", filled, text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    assert check_main([str(tmp_path)]) == 0, capsys.readouterr().out
    # The same title again: refused, nothing overwritten.
    again = invoke("new", kind, "Nuit des étoiles à Toulouse", "--content", str(tmp_path))
    assert again.returncode == 1 and "existe déjà" in again.stderr + again.stdout


def test_invoke_new_gives_dates_to_come_the_sites_own_actor_and_the_allowed_values(tmp_path):
    write_content(tmp_path, {"actors/planetarium-hypatie.md": "---\ntitle: P\nactor_type: musée\n---\n",
                             "themes.yaml": "- slug: sante\n  label: Santé\n- slug: univers\n  label: Univers\n"})
    path = new_contribution(str(tmp_path), "evenement", "Café des sciences", today="2026-12-02")
    text = Path(path).read_text(encoding="utf-8")
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", text)
    assert dates and min(dates) > "2026-12-02"                    # no example in the past
    assert "# organizer: planetarium-hypatie" in text and "museum-de-toulouse" not in text
    assert "Valeurs possibles : tout-public, familles, scolaires, jeunes, adultes, professionnels." in text
    assert "Valeurs possibles : sante, univers." in text


def test_invoke_new_names_the_types_it_knows(tmp_path):
    result = invoke("new", "podcast", "Titre", "--content", str(tmp_path))
    assert result.returncode == 1 and "actualite, evenement, ressource, annonce, dossier, projet, acteur, communaute ou page" in result.stderr


def test_annotations_follow_github_workflow_command_syntax():
    problem = Problem("content/events/x.md", 12, "location.city", "100 % vide: ligne\nsuivante",
                      "écrivez city: Toulouse, par exemple")
    line = annotation(problem)
    match = re.fullmatch(r"::(error|warning) file=([^,:]+),line=(\d+),title=([^,:]+)::(.+)", line)
    assert match, line
    assert match.groups()[:4] == ("error", "content/events/x.md", "12", "location.city")
    assert match.group(5) == "100 %25 vide: ligne%0Asuivante — écrivez city: Toulouse, par exemple"
    warning = annotation(Problem("content/a.md", None, "tags, thèmes", "m", "f", severity="warning"))
    assert warning == "::warning file=content/a.md,title=tags%2C thèmes::m — f"


def test_changed_only_reports_the_files_changed_since_a_revision(tmp_path, capsys):
    good = '---\ntitle: "{}"\ndate: 2026-10-01\nauthors: ["A"]\n---\nTexte.\n'
    content = write_content(tmp_path / "content", {"articles/ancien.md": good.format("Ancien"),
                                                    "articles/vieux-probleme.md": "---\ntitle: \"V\"\n---\n"})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    (content / "articles" / "nouveau.md").write_text("---\ntitle: \"Nouveau\"\ndate: 2026-10-01\n---\n")
    assert check_main([str(content), "--changed-only", "main"]) == 1
    out = capsys.readouterr().out
    assert "nouveau.md" in out and "vieux-probleme.md" not in out and "1 fichier vérifié" in out
    assert check_main([str(content)]) == 1
    assert "vieux-probleme.md" in capsys.readouterr().out
    assert check_main([str(content), "--changed-only", "pas-une-revision"]) == 2


def test_changed_only_starts_where_the_branch_left_main_and_shows_broken_references_anywhere(tmp_path, capsys):
    actor = '---\ntitle: "Muséum"\nslug: museum\nactor_type: musée\n---\nTexte.\n'
    event = ('---\ntitle: "Atelier"\nstart: 2026-10-12\norganizer: museum\n'
             'location: {name: "Salle", postcode: "31000", city: "Toulouse"}\n---\nTexte.\n')
    content = write_content(tmp_path / "content", {"actors/museum.md": actor, "events/atelier.md": event})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    subprocess.run(git + ["checkout", "-qb", "renomme"], check=True)
    # The contributor renames the actor's slug, on a branch: the unchanged event now leads nowhere.
    (content / "actors" / "museum.md").write_text(actor.replace("slug: museum", "slug: museum-toulouse"))
    subprocess.run(git + ["commit", "-qam", "renomme"], check=True)
    assert check_main([str(content), "--changed-only"]) == 1
    out = capsys.readouterr().out
    assert "events/atelier.md:4: organizer: aucun acteur n'a le slug « museum »" in out
    assert "voulez-vous dire « museum-toulouse » ?" in out


def test_an_event_over_or_a_call_closed_when_sent_is_a_warning(tmp_path, capsys):
    place = 'location: {name: "Salle", postcode: "31000", city: "Toulouse"}'
    content = write_content(tmp_path / "content", {"events/ancien.md": f'---\ntitle: "Ancien"\nstart: 2020-01-01\n{place}\n---\n'})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run(git + ["init", "-q", "-b", "main"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-qm", "base"], check=True)
    write_content(content, {
        "events/atelier.md": f'---\ntitle: "Atelier"\nstart: 2026-11-12 14:00\n{place}\n---\n',
        "calls/appel.md": '---\ntitle: "Appel"\ndate: 2026-10-01\ncall_type: concours\ndeadline: 2026-11-01\n---\n'})
    assert check_main([str(content), "--changed-only", "main"], {"AGENDA_NOW": "2026-11-22 12:00"}) == 0
    out = capsys.readouterr().out
    assert "events/atelier.md:3: start: avertissement : cet événement est déjà passé (jeudi 12 novembre 2026)" in out
    assert "calls/appel.md:5: deadline: avertissement : la date limite est déjà passée" in out
    assert "ancien.md" not in out            # the site's archives are no mistake


def test_three_errors_in_two_files_give_exactly_three_messages(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    write_content(content, {
        "articles/erreurs.md": '---\ntitle: "Deux erreurs"\ndate: 2026-13-01\n---\nTexte.\n',
        "events/erreur.md": ('---\ntitle: "Une erreur"\nstart: 2026-12-01 10:00\nonline: https://x.fr/\n'
                             'audience: [enfants]\n---\n'),
    })
    result = invoke("check", "--content", str(content))
    errors = [line for line in result.stdout.splitlines() if re.match(r"\S+\.md:\d+: ", line)]
    assert result.returncode == 1 and len(errors) == 3, result.stdout
    assert "3 erreurs dans 2 fichiers" in result.stdout
    assert "date: « 2026-13-01 » n'est pas une date qui existe" in result.stdout    # no traceback


def test_the_form_signs_in_through_the_oauth_service_of_the_settings(tmp_path):
    from admin.decap import config
    settings = {"ADMIN_REPO": "o/r", "ADMIN_BRANCH": "main", "ADMIN_AUTH_URL": "https://auth.example.org"}
    backend = config(settings, {})["backend"]
    assert (backend["base_url"], backend["auth_endpoint"], backend["open_authoring"]) == (
        "https://auth.example.org", "auth", True)
    assert "base_url" not in config({**settings, "ADMIN_AUTH_URL": None}, {})["backend"]


@pytest.fixture(scope="module")
def admin(tmp_path_factory):
    output = build(ROOT / "content", tmp_path_factory.mktemp("admin-output"))
    return yaml.safe_load((output / "admin" / "config.yml").read_text(encoding="utf-8")), output


def test_decap_form_has_the_model_s_collections_fields_and_required_flags(admin):
    config, output = admin
    assert config["backend"]["name"] == "github" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["open_authoring"] is True       # pull requests from forks, for anyone
    collections = {collection["name"]: collection for collection in config["collections"]}
    assert list(collections) == [ctype.folder for ctype in model.TYPES]
    for ctype in model.TYPES:
        collection = collections[ctype.folder]
        assert collection["folder"] == f"content/{ctype.folder}" and collection["create"] is True
        fields = {field["name"]: field for field in collection["fields"]}
        assert list(fields) == [name for name in ctype.fields if name != "slug"] + ["body"]
        assert {name for name, field in fields.items() if field.get("required")} == \
               {spec.name for spec in ctype.fields.values() if spec.required}
        for name, spec in ctype.fields.items():
            if name != "slug":
                assert fields[name]["label"] == spec.label
    events = {field["name"]: field for field in collections["events"]["fields"]}
    # Choices in words, written as the model's values.
    assert events["status"]["options"][:2] == [{"label": "Prévu", "value": "scheduled"},
                                              {"label": "Annulé", "value": "cancelled"}]
    assert [o["value"] for o in events["audience"]["options"]] == list(model.AUDIENCES) and events["audience"]["multiple"]
    assert events["audience"]["options"][0]["label"] == "Tout public"
    assert events["start"]["widget"] == "datetime" and events["organizer"]["widget"] == "relation"
    assert [f["name"] for f in events["location"]["fields"]] == [part.name for part in PLACE_PARTS]
    assert [f["label"] for f in events["location"]["fields"]][:2] == ["Nom du lieu", "Adresse"]
    # Help in plain French for a form: no file syntax, no folder, no identifier to type.
    hints = [field["hint"] for collection in config["collections"] for field in collection["fields"]]
    assert len(hints) > 100 and not [hint for hint in hints if re.search(
        r"Exemple|content/|identifiant|\w+: |`|\b(start|end|sessions|location|online)\b", hint)]
    assert events["start"]["hint"].startswith("Quand l'événement commence. À remplir, sauf")
    themes = yaml.safe_load((ROOT / "content" / "themes.yaml").read_text(encoding="utf-8"))
    assert [o["value"] for o in events["themes"]["options"]] == [theme["slug"] for theme in themes]
    resources = {field["name"]: field for field in collections["resources"]["fields"]}
    assert [o["value"] for o in resources["resource_type"]["options"]] == list(model.RESOURCE_TYPES)
    actors = {field["name"]: field for field in collections["actors"]["fields"]}
    assert [o["value"] for o in actors["actor_type"]["options"]] == list(model.ACTOR_TYPES)
    calls = {field["name"]: field for field in collections["calls"]["fields"]}
    assert [o["value"] for o in calls["call_type"]["options"]] == list(model.CALL_TYPES)
    assert calls["deadline"]["widget"] == "datetime"
    assert calls["deadline"]["required"] and calls["url"]["pattern"][0] == "^(http|https|mailto):"
    dossiers = {field["name"]: field for field in collections["dossiers"]["fields"]}
    # A dossier's contents: any published item of the site, by its title and type.
    items = dossiers["items"]
    assert items["widget"] == "select" and items["multiple"] and items["required"]
    published = [path for path in (ROOT / "content").rglob("*.md") if "draft: true" not in path.read_text()]
    assert len(items["options"]) == len(published) and len({o["value"] for o in items["options"]}) == len(published)
    assert {"label": "Nuit européenne des chercheur·es (événement)", "value": "nuit-europeenne-des-chercheures"} in \
        items["options"]
    # The local backend (invoke cms), which Decap reads only on localhost; file names as slugs.
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert (output / "admin" / "decap-cms.js").stat().st_size > 1_000_000
    assert 'src="decap-cms.js"' in (output / "admin" / "index.html").read_text(encoding="utf-8")


def workflow(name):
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return data, data.get("on", data.get(True))        # YAML 1.1 reads the key `on` as true


def test_workflows_check_pull_requests_and_publish_daily():
    pull_request, triggers = workflow("pull-request.yml")
    assert "pull_request" in triggers and pull_request["permissions"] == {"contents": "read"}
    steps = pull_request["jobs"]["check-and-build"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert "invoke check --changed-only" in commands and "invoke preview" in commands
    # The check's messages come first: it runs before any npm install.
    assert commands.index("invoke check") < commands.index("npm ci")
    # Whatever the check found, a preview is built and kept, and so is the report for the comment.
    after = steps[[i for i, step in enumerate(steps) if "invoke check" in step.get("run", "")][0] + 1:]
    assert after and all(step.get("if") == "always()" for step in after)
    uploads = {step["with"]["name"]: step["with"]["path"] for step in steps
               if step.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"apercu-du-site": "apercu/", "rapport": "rapport/"}
    # The comment: a workflow of its own, after the check, that may write on pull requests from forks.
    comment, triggers = workflow("commentaire.yml")
    assert triggers["workflow_run"] == {"workflows": [pull_request["name"]], "types": ["completed"]}
    assert comment["permissions"] == {"actions": "read", "pull-requests": "write"}
    [job] = comment["jobs"].values()
    assert job["if"] == "github.event.workflow_run.event == 'pull_request'"
    assert not any("actions/checkout" in step.get("uses", "") for step in job["steps"])     # runs no PR code
    script = job["steps"][-1]["with"]["script"]
    assert "rapport/verification.txt" in script and "apercu-du-site" in script and "updateComment" in script
    code, triggers = workflow("code.yml")
    assert "plugins/**" in triggers["pull_request"]["paths"] and "content/**" not in triggers["pull_request"]["paths"]
    commands = " ".join(step.get("run", "") for step in code["jobs"]["lint-and-test"]["steps"])
    assert "ruff check ." in commands and "invoke setup --tests test" in commands and "invoke docs --check" in commands
    publish, triggers = workflow("publish.yml")
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])     # every day
    assert "invoke publish" in " ".join(step.get("run", "") for step in publish["jobs"]["build"]["steps"])
    assert publish["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    # The network's sources are fetched before the build, their last good copies kept between runs.
    commands = [step.get("run", "") for step in publish["jobs"]["build"]["steps"]]
    assert commands.index("invoke network-fetch") < commands.index("invoke publish")
    cached = [step["with"] for step in publish["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert {"path": "donnees-reseau", "key": "reseau-${{ github.run_id }}", "restore-keys": "reseau-"} in cached
    # A network kept in this repository (sites/NAME/): one job per site, side by side.
    network, triggers = workflow("reseau.yml")
    assert "schedule" in triggers and network["jobs"]["build"]["strategy"]["matrix"]["site"] == \
        "${{ fromJSON(needs.sites.outputs.names) }}"
    steps = network["jobs"]["build"]["steps"]
    assert [step["run"] for step in steps if step.get("working-directory") == "sites/${{ matrix.site }}"] == \
        ["invoke network-fetch", "invoke publish"]
    for data in (pull_request, code, publish, comment, network):
        for job in data["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:                      # pinned to an exact release
                    assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", step["uses"]), step["uses"]
            python = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python")]
            assert all(s["with"]["cache"] == "pip" for s in python)


def test_issue_and_pull_request_templates_are_in_french():
    templates = ROOT / ".github"
    assert "Avant d'envoyer" in (templates / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for name in ("proposer-un-evenement.yml", "signaler-une-erreur.yml"):
        form = yaml.safe_load((templates / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        assert form["name"] and form["body"] and all(
            item["attributes"]["label"] for item in form["body"])


def test_the_docs_are_those_the_model_writes():
    """CONTRIBUTING.md, the pull request template and the README: `invoke docs` would change nothing."""
    from content_model.docs import stale_files
    assert stale_files(ROOT) == [], "lancez `invoke docs`"
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for ctype in model.TYPES:
        assert f"`content/{ctype.folder}/`" in contributing and f"- [ ] {ctype.indefinite} {ctype.label}" in template
        for name in ctype.fields:
            assert f"| `{name}` |" in contributing
    result = invoke("docs", "--check")
    assert result.returncode == 0 and "à jour" in result.stdout


def test_every_template_of_contributing_passes_the_check(tmp_path, capsys):
    """The files CONTRIBUTING.md offers to copy, each in its folder beside the seed content
    (under a slug of its own), with the images they name put in content/images/."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    templates = re.findall(r"^### [^\n]*\(`content/(\w+)/`\)\n\n(?:[^\n]*\n)*?```markdown\n(.*?)```", text, re.M | re.S)
    assert {folder for folder, _ in templates} >= {ctype.folder for ctype in model.TYPES if ctype.name != "page"}
    for number, (folder, template) in enumerate(templates):
        for name in re.findall(r"^image: (\S+)$", template, re.M):
            (content / "images" / name).write_bytes(image_bytes(format="JPEG"))
        template = re.sub(r"^slug: .*\n", "", template, flags=re.M).replace("\ntitle:", f"\nslug: modele-{number}\ntitle:", 1)
        (content / folder / f"modele-{number}.md").write_text(template, encoding="utf-8")
    assert check_main([str(content)]) == 0, capsys.readouterr().out


def test_the_contribute_page_gives_the_three_ways_every_type_and_what_happens_next(seed_site):
    soup = page(seed_site, "contribuer/")
    links = [a["href"] for a in soup.select("main a")]
    assert soup.select_one("main a.button")["href"] == "../admin/"          # the form, first
    assert any(link.startswith("mailto:") for link in links)                 # the editorial team
    assert any(link.endswith("/CONTRIBUTING.md") for link in links)          # the technical guide
    assert "../charte/" in links
    text = soup.select_one("main").get_text(" ", strip=True)
    for ctype in model.TYPES:
        if ctype.name != "page":
            assert ctype.label in text, ctype.label
    assert [h2.find(string=True).strip() for h2 in soup.select("main h2")] == [       # before its anchor
        "Trois façons de proposer un contenu", "Ce que vous pouvez proposer", "Et ensuite\u202f?", "Questions fréquentes"]
    # Every page leads to the form.
    for url in ("", "agenda/", "evenements/atelier-voyage-vers-mars/"):
        assert page(seed_site, url).select_one(".site-footer a[href$='admin/']").get_text() == \
            "Proposer un contenu (formulaire)"


def build_preview_of(tmp_path, files):
    """The seed site with a pull request's files, previewed."""
    from preview import build_preview
    shutil.copytree(ROOT / "content", tmp_path / "content")
    content = write_content(tmp_path / "content", files)
    output = tmp_path / "apercu"
    return build_preview(str(content), str(output), lambda source, folder: build(Path(source), Path(folder))), output


PREVIEW_FILES = {
    "events/atelier.md": ('---\ntitle: "Atelier"\nstart: 2026-12-12 14:00\norganizer: museum-sciences-garonne\n'
                          'location: {name: "Salle", postcode: "31000", city: "Toulouse"}\n---\nTexte.\n'),
    "events/casse.md": '---\ntitle: "Cassé"\nstart: "le 12"\nlocation: {name: "S", city: "T"}\n---\n',
}


def test_a_preview_opens_from_the_unzipped_folder_and_names_the_refused_files(tmp_path):
    refused, output = build_preview_of(tmp_path, PREVIEW_FILES)
    assert refused == ["events/casse.md"]
    assert not (output / "evenements" / "casse").exists() and (output / "evenements" / "atelier").exists()
    for path in output.rglob("*.html"):
        if path.name == "404.html":
            continue                # served for any address, so its links start at the root
        soup = page(output, str(path.relative_to(output)))
        if path.parent.name != "admin":
            assert soup.body.contents[0].get("class") == ["banner", "banner--preview"] or \
                soup.select_one("body > .banner--preview"), path
        for link in soup.select("a[href]"):
            href = link["href"].split("#")[0].split("?")[0]       # a query (/carte/?montrer=…) is read by the page
            if href and not re.match(r"^[a-z]+:", href):
                assert not href.endswith("/"), (path, href)             # a folder would not open from a file
                assert (path.parent / href).resolve().exists(), (path, href)
    banner = page(output, "").select_one(".banner--preview").get_text(" ", strip=True)
    assert banner == ("Aperçu de la proposition sans 1 fichier refusé par la vérification\u00a0: events/casse.md. "
                      "Corrigez-le (le détail de la vérification dit comment) pour le voir ici.")


def test_a_preview_of_a_clean_proposal_has_no_banner(tmp_path):
    files = {name: text for name, text in PREVIEW_FILES.items() if name != "events/casse.md"}
    refused, output = build_preview_of(tmp_path, files)
    assert refused == [] and "banner--preview" not in (output / "index.html").read_text(encoding="utf-8")


def test_browser_a_preview_is_read_from_files_without_a_server(chromium_browser, tmp_path):
    _, output = build_preview_of(tmp_path, PREVIEW_FILES)
    browser_page = chromium_browser.new_page()
    browser_page.goto((output / "index.html").as_uri())
    browser_page.get_by_role("link", name="Agenda", exact=True).first.click()
    browser_page.wait_for_url("**/agenda/index.html")
    browser_page.get_by_role("link", name="Atelier", exact=True).first.click()
    browser_page.wait_for_url("**/evenements/atelier/index.html")
    assert browser_page.locator("h1").inner_text() == "Atelier"
    browser_page.close()

"""`invoke check`: every rule of CONTENT-FORMAT.md, each with a failing input.

Each case writes a small content folder with one faulty file beside valid
ones and asserts the French line `path:line: field: message — fix` and the
exit code. Paths are shown relative to the working folder, as in CI.
"""

import subprocess
import sys

import pytest

from conftest import ROOT, image_bytes, working_directory, write_content
from content_model.check import main as check_main

ACTOR = """\
---
title: "Muséum de test"
slug: museum-test
actor_type: musée
location: {name: "Muséum", postcode: "31000", city: "Toulouse"}
---
Un muséum.
"""
THEMES = "- slug: univers\n  label: Sciences de l'Univers\n"


def contribution(base, fields):
    """A file from `base` fields updated by `fields` (None removes a field)."""
    merged = {**base, **fields}
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in merged.items() if v is not None) + "---\nTexte.\n"


def article(**fields):
    return contribution({"title": '"Un article"', "date": "2024-10-12",
                         "authors": '["Léa Bernard"]'}, fields)


def event(**fields):
    return contribution({"title": '"Un événement"', "start": "2024-10-12 14:00",
                         "end": "2024-10-12 17:00",
                         "location": '{name: "Salle", postcode: "31000", city: "Toulouse"}'}, fields)


def resource(**fields):
    return contribution({"title": '"Une ressource"', "date": "2024-10-12", "resource_type": "vidéo"},
                        fields)


def call(**fields):
    return contribution({"title": '"Une annonce"', "date": "2024-10-12", "call_type": "appel à projets",
                         "deadline": "2024-11-30"}, fields)


def dossier(**fields):
    return contribution({"title": '"Un dossier"', "date": "2024-10-12", "items": "[un-article]"}, fields)


def run_check(tmp_path, capsys, files):
    write_content(tmp_path / "content", {"actors/museum-test.md": ACTOR, "themes.yaml": THEMES, **files})
    with working_directory(tmp_path):
        code = check_main(["content"])
    return code, capsys.readouterr().out


# (files, expected line start "path:line: field:", expected words in the message)
CASES = {
    "title missing": ({"articles/a.md": article(title=None)},
                      "content/articles/a.md:1: title:", "champ obligatoire manquant"),
    "title too long": ({"articles/a.md": article(title="T" * 201)},
                       "content/articles/a.md:2: title:", "201 caractères"),
    "bad slug": ({"articles/a.md": article(slug='"Mon Slug"')},
                 "content/articles/a.md:5: slug:", "n'est pas un slug valide"),
    "summary too long": ({"articles/a.md": article(summary="R" * 401)},
                         "content/articles/a.md:5: summary:", "au plus 400"),
    "article without date": ({"articles/a.md": article(date=None)},
                             "content/articles/a.md:1: date:", "champ obligatoire manquant"),
    "date in a wrong format": ({"articles/a.md": article(date='"mi-octobre 2024"')},
                               "content/articles/a.md:3: date:", "n'est pas une date reconnue"),
    "date that does not exist": ({"articles/a.md": article(date='"2024-02-30"')},
                                 "content/articles/a.md:3: date:", "n'est pas une date qui existe"),
    "article without authors": ({"articles/a.md": article(authors=None)},
                                "content/articles/a.md:1: authors:", "champ obligatoire manquant"),
    "tags not a list": ({"articles/a.md": article(tags="{a: b}")},
                        "content/articles/a.md:5: tags:", "doit être une liste"),
    "unknown theme": ({"articles/a.md": article(themes="[univer]")},
                      "content/articles/a.md:5: themes, 1re thématique:", "« univers »"),
    "unknown actor": ({"articles/a.md": article(actors="[museum-tst]")},
                      "content/articles/a.md:5: actors, 1er acteur:", "aucun acteur n'a le slug « museum-tst »"),
    "image file missing": ({"articles/a.md": article(image="absente.jpg", image_alt='"Une photo"')},
                           "content/articles/a.md:5: image:", "est introuvable"),
    "image outside content": ({"articles/a.md": article(image="/etc/passwd.jpg", image_alt='"x"')},
                              "content/articles/a.md:5: image:", "chemin relatif"),
    "image without alt": ({"articles/a.md": article(image="photo.png"),
                           "images/photo.png": image_bytes()},
                          "content/articles/a.md:5: image_alt:", "obligatoire quand une image est donnée"),
    "draft not a boolean": ({"articles/a.md": article(draft="peut-être")},
                            "content/articles/a.md:5: draft:", "ni oui ni non"),
    "event without start": ({"events/e.md": event(start=None, end=None)},
                            "content/events/e.md:1: start:", "champ obligatoire manquant"),
    "end before start": ({"events/e.md": event(end="2024-10-11 17:00")},
                         "content/events/e.md:4: end:", "la fin est avant le début"),
    "date and datetime mixed": ({"events/e.md": event(start="2024-10-12", end="2024-10-13 10:00")},
                                "content/events/e.md:4: end:", "tous deux"),
    "event without place": ({"events/e.md": event(location=None)},
                            "content/events/e.md:1: location:", "un lieu est obligatoire"),
    "bad postcode": ({"events/e.md": event(location='{name: "Salle", postcode: "99999", city: "X"}')},
                     "content/events/e.md:5: location, code postal:", "n'est pas un code postal français"),
    "latitude out of range": (
        {"events/e.md": event(location='{name: "S", city: "X", lat: 123, lon: 1.4}')},
        "content/events/e.md:5: location, latitude:", "n'est pas une latitude valide"),
    "latitude without longitude": (
        {"events/e.md": event(location='{name: "S", city: "X", lat: 43.6}')},
        "content/events/e.md:5: location, longitude:", "latitude et longitude vont ensemble"),
    "location without city": ({"events/e.md": event(location='{name: "Salle"}')},
                              "content/events/e.md:5: location, ville:", "sous-champ obligatoire manquant"),
    "online not http": ({"events/e.md": event(location=None, online="ftp://exemple.fr/x")},
                        "content/events/e.md:5: online:", "n'est pas une adresse web acceptée"),
    "javascript registration": ({"events/e.md": event(registration='"javascript:alert(1)"')},
                                "content/events/e.md:6: registration:", "n'est pas une adresse web"),
    "unknown status": ({"events/e.md": event(status="peut-être")},
                       "content/events/e.md:6: status:", "scheduled, cancelled, postponed, full"),
    "unknown audience": ({"events/e.md": event(audience="[seniors]")},
                         "content/events/e.md:6: audience, 1er public:", "n'est pas une valeur possible"),
    "session without start": ({"events/e.md": event(start=None, end=None, sessions="[{end: 2024-10-12}]")},
                              "content/events/e.md:4: sessions, 1re séance:", "chaque séance doit avoir un début"),
    "resource without type": ({"resources/r.md": resource(resource_type=None)},
                              "content/resources/r.md:1: resource_type:", "champ obligatoire manquant"),
    "unknown resource type": ({"resources/r.md": resource(resource_type="livre")},
                              "content/resources/r.md:4: resource_type:", "kit pédagogique"),
    "call without deadline": ({"calls/c.md": call(deadline=None)},
                              "content/calls/c.md:1: deadline:", "champ obligatoire manquant"),
    "call deadline not a date": ({"calls/c.md": call(deadline='"fin novembre"')},
                                 "content/calls/c.md:5: deadline:", "n'est pas une date reconnue"),
    "call deadline that does not exist": ({"calls/c.md": call(deadline='"2024-11-31"')},
                                          "content/calls/c.md:5: deadline:", "n'est pas une date qui existe"),
    "call deadline before its date": ({"calls/c.md": call(deadline="2024-10-11")},
                                      "content/calls/c.md:5: deadline:", "avant la date de publication"),
    "call deadline an hour before its date": (
        {"calls/c.md": call(date="2024-10-12 10:00", deadline="2024-10-12 09:00")},
        "content/calls/c.md:5: deadline:", "avant la date de publication"),
    "call without type": ({"calls/c.md": call(call_type=None)},
                          "content/calls/c.md:1: call_type:", "champ obligatoire manquant"),
    "unknown call type": ({"calls/c.md": call(call_type="subvention")},
                          "content/calls/c.md:4: call_type:", "appel à projets, AMI, emploi, stage"),
    "dossier without items": ({"dossiers/d.md": dossier(items=None)},
                              "content/dossiers/d.md:1: items:", "champ obligatoire manquant"),
    "dossier item unknown": ({"articles/a.md": article(), "dossiers/d.md": dossier(items="[un-article, un-articel]")},
                             "content/dossiers/d.md:4: items, 2e contenu:", "aucune contribution n'a le slug « un-articel »"),
    "dossier listing itself": ({"articles/a.md": article(), "dossiers/d.md": dossier(items="[un-article, un-dossier]")},
                               "content/dossiers/d.md:4: items, 2e contenu:", "ne peut pas se lister lui-même"),
    "actor without type": ({"actors/a.md": "---\ntitle: Asso\n---\nTexte.\n"},
                           "content/actors/a.md:1: actor_type:", "champ obligatoire manquant"),
    "actor website not a URL": (
        {"actors/a.md": "---\ntitle: Asso\nactor_type: association\nwebsite: www.asso.fr\n---\n"},
        "content/actors/a.md:4: website:", "commençant par http:"),
    "slug taken by another type": ({"events/e.md": event(slug="museum-test")},
                                   "content/events/e.md:6: slug:", "déjà pris par content/actors/museum-test.md"),
    "tag in two themes": (
        {"themes.yaml": "- slug: a\n  label: A\n  tags: [climat]\n- slug: b\n  label: B\n"
                        "  tags: [{Climat: [météo]}]\n"},
        "content/themes.yaml:6: b.tags:", "déjà rattaché à la thématique « a »"),
    "theme tags not a list": ({"themes.yaml": "- slug: a\n  label: A\n  tags: climat\n"},
                              "content/themes.yaml:1: a.tags:", "doit être une liste"),
    "page slug reserved": ({"pages/agenda.md": "---\ntitle: Agenda\n---\nTexte.\n"},
                           "content/pages/agenda.md:2: slug:", "réservé"),
    "invalid YAML": ({"articles/a.md": '---\ntitle: "Un article"\ndate: 2024-10-12\nauthors: [Léa\n---\n'},
                     "content/articles/a.md:4: (en-tête):", "n'est pas fermé par « ] »"),
    "front matter not closed": ({"articles/a.md": '---\ntitle: "Un article"\n\nTexte.\n'},
                                "content/articles/a.md:1: (en-tête):", "jamais fermé"),
    "YAML list, not mapping": ({"articles/a.md": "---\n- title\n- date\n---\nTexte.\n"},
                               "content/articles/a.md:2: (en-tête):", "suite de champs"),
    "field written twice": (
        {"articles/a.md": '---\ntitle: "Un"\ndate: 2024-10-12\nauthors: [A]\ntitle: "Deux"\n---\n'},
        "content/articles/a.md:5: title:", "écrit deux fois"),
    "file outside type folders": ({"evenements/e.md": event()},
                                  "content/evenements/e.md:1: (fichier):", "aucun dossier de contribution"),
    "not UTF-8": ({"articles/a.md": article().encode("utf-8") + "Café".encode("latin-1")},
                  "content/articles/a.md:7: (fichier):", "pas encodé en UTF-8"),
    "network source without url": ({"network.yaml": '- name: "Sciences Alpes"\n  region: "Alpes"\n'},
                                   "content/network.yaml:1: url:", "obligatoire"),
    "network url not a web address": (
        {"network.yaml": '- name: "A"\n  region: "R"\n  url: "https://a.example/"\n'
                         '- name: "B"\n  region: "R"\n  url: "javascript:alert(1)"\n'},
        "content/network.yaml:6: url:", "n'est pas une adresse web"),
    "network unknown type": ({"network.yaml": '- name: "A"\n  region: "R"\n  url: "https://a.example/"\n'
                                              '  type: rss\n'},
                             "content/network.yaml:4: type:", "n'est pas un type de source"),
    "network unknown field": ({"network.yaml": '- name: "A"\n  region: "R"\n  url: "https://a.example/"\n'
                                               '  regoin: "R"\n'},
                              "content/network.yaml:4: regoin:", "ce champ n'existe pas"),
    "network name twice": ({"network.yaml": '- name: "A"\n  region: "R"\n  url: "https://a.example/"\n'
                                            '- name: "a"\n  region: "R"\n  url: "https://b.example/"\n'},
                           "content/network.yaml:4: name:", "déjà pris"),
}

@pytest.mark.parametrize("files,expected,words", CASES.values(), ids=CASES.keys())
def test_each_rule_names_file_line_field_and_fix(tmp_path, capsys, files, expected, words):
    code, out = run_check(tmp_path, capsys, files)
    assert code == 1, out
    lines = [line for line in out.splitlines() if line.startswith(expected)]
    assert lines, f"no line starting with {expected!r} in:\n{out}"
    assert words in lines[0]
    assert " — " in lines[0], "every message says how to fix it"


def test_valid_files_pass(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {
        "articles/a.md": article(tags='["astronomie"]', themes="[univers]", actors="[museum-test]"),
        "events/e.md": event(organizer="museum-test", status="annulé", audience="[Tout public]"),
        "events/online.md": event(title="En ligne", location=None, online="https://exemple.fr/direct"),
        "resources/r.md": resource(provider="museum-test", loan="oui"),
        # Closing the day it is published, at the end of that day: allowed.
        "calls/c.md": call(call_type="ami", deadline="2024-10-12", organizer="museum-test"),
        "calls/job.md": call(title='"Un emploi"', call_type="Offre d'emploi", deadline='"2024-12-01 12:00"'),
        # Any type, in any order, even another dossier.
        "dossiers/d.md": dossier(items="[une-annonce, un-article, museum-test, un-evenement, autre]"),
        "dossiers/autre.md": dossier(title="Autre", items="[un-dossier]"),
        "pages/p.md": "Title: Une page native\nDate: 2024-10-12 10:00\n\nTexte.\n",
    })
    assert code == 0, out
    assert "Tout est en ordre" in out and "10 fichiers vérifiés" in out


MONTPELLIER = ACTOR.replace("Muséum de test", "Atelier Sciences Université Montpellier").replace(
    "museum-test", "atelier-sciences-universite-montpellier")


def test_an_organizer_or_provider_written_like_a_slug_must_be_an_actor(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {
        "actors/atelier.md": MONTPELLIER,
        "events/e.md": event(organizer="atelier-sciences-universite-montpellir"),
        "resources/r.md": resource(provider="museum-tst"),
        "calls/c.md": call(organizer="atelier-sciences-universite-montpelier"),
        # Names, with capitals or spaces, stay plain names.
        "events/nom.md": event(title='"Un autre"', organizer='"Club d\'astronomie de Sète"'),
        "resources/nom.md": resource(title='"Une autre"', provider="CNRS"),
    })
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("content/")]
    assert errors == [
        "content/calls/c.md:6: organizer: aucun acteur n'a le slug « atelier-sciences-universite-montpelier » — "
        "voulez-vous dire « atelier-sciences-universite-montpellier » ? (liste dans content/actors/) ; si ce n'est "
        "pas un acteur du site, écrivez son nom avec ses majuscules et ses espaces",
        "content/events/e.md:6: organizer: aucun acteur n'a le slug « atelier-sciences-universite-montpellir » — "
        "voulez-vous dire « atelier-sciences-universite-montpellier » ? (liste dans content/actors/) ; si ce n'est "
        "pas un acteur du site, écrivez son nom avec ses majuscules et ses espaces",
        "content/resources/r.md:5: provider: aucun acteur n'a le slug « museum-tst » — voulez-vous dire "
        "« museum-test » ? (liste dans content/actors/) ; si ce n'est pas un acteur du site, écrivez son nom "
        "avec ses majuscules et ses espaces",
    ], out


def test_unknown_field_is_a_warning_not_an_error(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"articles/a.md": article(titel='"x"')})
    assert code == 0
    assert "content/articles/a.md:5: titel: avertissement : champ inconnu" in out
    assert "« title »" in out


def test_one_run_reports_every_error_of_every_file(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {
        "articles/a.md": article(date='"hier"', authors=None),
        "events/e.md": event(end="2020-01-01 10:00", status="bof"),
        "resources/r.md": resource(resource_type="livre"),
    })
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("content/")]
    assert len(errors) == 5, out
    assert "5 erreurs dans 3 fichiers" in out


def test_many_files_read_by_worker_processes_report_what_one_process_reports(tmp_path, capsys, monkeypatch):
    """From READ_IN_WORKERS files, forks read them: every error of every file, in order."""
    import content_model.documents as documents
    files = {f"articles/a{number:03}.md": article(title=f'"Article {number}"') for number in range(240)}
    files.update({"articles/a007.md": article(title='"Sept"', date='"hier"'),
                  "articles/a150.md": "---\ntitle: [\n---\n",
                  "articles/a239.md": article(title='"Fin"', authors=None), "events/e.md": event(end="2020-01-01 10:00")})
    assert len(files) >= documents.READ_IN_WORKERS
    code, in_workers = run_check(tmp_path, capsys, files)
    monkeypatch.setattr(documents, "READ_IN_WORKERS", 10_000)
    assert run_check(tmp_path, capsys, files) == (code, in_workers)
    errors = [line.split(":")[0] for line in in_workers.splitlines() if line.startswith("content/")]
    assert code == 1 and errors == ["content/articles/a007.md", "content/articles/a150.md",
                                    "content/articles/a239.md", "content/events/e.md"], in_workers


def test_invoke_check_exits_non_zero_with_french_messages(tmp_path):
    write_content(tmp_path / "content", {"events/e.md": event(end="2020-01-01 10:00")})
    result = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check",
                             "--content", "content"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/events/e.md:4: end: la fin est avant le début — corrigez" in result.stdout


def test_invoke_check_passes_on_the_seed_content():
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 erreur" in result.stdout

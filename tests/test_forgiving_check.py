"""`invoke check` with a non-programmer's habits: nothing lost in silence, French ways of
writing read as they are meant, one message per mistake, in French, at its line.

Each mistake is written the way a science communicator writes it (a word processor's
spaces and quotes, a date as on a poster); the accepted ones are read back on the page
the site builds from them.
"""

import pytest
from test_content_check import ACTOR, THEMES, event, run_check

from conftest import build, page, write_content

SANTE = THEMES + "- slug: sante\n  label: Santé et médecine\n"


def problems(out):
    """The problem lines of the check's report (its summary left out)."""
    return [line for line in out.splitlines() if ": " in line and not line.startswith(("Tout est", "Contributions"))]


# --- Never silent ------------------------------------------------------------------------

def test_start_and_end_beside_sessions_are_their_span_or_refused_with_the_session_to_add(tmp_path, capsys):
    sessions = "[{start: 2024-10-19 14:00, end: 2024-10-19 16:00}, {start: 2024-10-26 14:00, end: 2024-10-26 16:00}]"
    # As the template suggests: start and end, then the sessions; the first date is no session.
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(sessions=sessions)})
    assert code == 1
    assert problems(out) == [
        "content/events/e.md:3: start: le début (2024-10-12 14:00) n'est aucune des séances : cette date serait "
        "perdue — ajoutez-la aux séances, sessions: [{start: 2024-10-12 14:00, end: 2024-10-12 17:00}, …], puis "
        "retirez start et end (les séances les remplacent)"]
    # start and end that are the sessions' span: accepted, as the contribution format says.
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(
        start="2024-10-19 14:00", end="2024-10-26 16:00", sessions=sessions)})
    assert code == 0, out
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(
        start="2024-10-19 14:00", end="2024-10-27 16:00", sessions=sessions)})
    assert problems(out)[0].startswith("content/events/e.md:4: end: la fin (2024-10-27 16:00) n'est pas celle de la "
                                       "dernière séance (2024-10-26 16:00)")


def test_a_file_that_is_not_markdown_in_a_contribution_folder_is_named(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"events/café des sciences.docx": b"PK\x03\x04", "events/notes.txt": "x",
                                             "events/affiche.jpg": b"", "events/.gitkeep": ""})
    assert code == 1
    lines = problems(out)
    assert len(lines) == 2        # the picture beside the contributions and .gitkeep are no mistake
    assert lines[0] == ("content/events/café des sciences.docx: (fichier): ce fichier n'est pas une contribution en "
                        "Markdown (.md) : il ne serait pas publié — copiez son texte dans un fichier "
                        "« cafe-des-sciences.md » sous l'en-tête d'un événement (`invoke new evenement \"Titre\"` "
                        "en écrit un), puis supprimez celui-ci")
    assert lines[1].startswith("content/events/notes.txt: (fichier):")


def test_a_field_name_pasted_from_a_word_processor_is_read(tmp_path, capsys):
    content = write_content(tmp_path / "content", {"themes.yaml": THEMES, "actors/museum-test.md": ACTOR,
                                                   "events/e.md": event().replace("end:", "price\u00a0: Gratuit\nend\u200b：")})
    output = build(content, tmp_path / "out")
    facts = page(output, "evenements/un-evenement/").select_one(".facts").get_text(" ", strip=True)
    assert "Gratuit" in facts and "17\u00a0h" in facts


# --- French habits ---------------------------------------------------------------------------

def test_french_ways_of_writing_values_are_read_as_meant(tmp_path):
    files = {"themes.yaml": SANTE, "actors/museum-test.md": ACTOR.replace('"31000"', "01000").replace(
                 "Toulouse", "Bourg-en-Bresse"),
             "events/e.md": event(start='"12/01/2027 19h"', end='"12/01/2027 21 h 30"', audience="[grand public, adulte]",
                                  themes="[Santé et médecine]", loan=None, draft="non",
                                  location='{name: "Salle", postcode: "31000", city: "Toulouse", lat: "43,6045", '
                                           'lon: "1,4442"}')}
    output = build(write_content(tmp_path / "content", files), tmp_path / "out")
    event_page = page(output, "evenements/un-evenement/")
    facts = event_page.select_one(".facts").get_text(" ", strip=True)
    assert "mardi 12 janvier 2027" in facts and "19\u00a0h – 21\u00a0h\u00a030" in facts
    assert "Tout public" in facts and "Adultes" in facts
    assert event_page.select_one("[data-place-map]")["data-lat"] == "43.6045"
    assert "Santé et médecine" in [a.get_text(strip=True) for a in event_page.select("a[href*='thematiques/sante']")]
    actor = page(output, "acteurs/museum-test/").get_text(" ", strip=True)
    assert "01000" in actor and "Ain (01)" in actor           # 01000 unquoted: a postcode, not the number 512


@pytest.mark.parametrize("written, expected", [
    ("12/01/2027 19:00", "2027-01-12 19:00"), ("2027-01-12 19h00", "2027-01-12 19:00"),
    ("12/1/2027", "2027-01-12"), ("2027-01-12\u00a014:30", "2027-01-12 14:30"), ("12/01/2027 à 19 h", "2027-01-12 19:00")])
def test_a_date_written_the_french_way_is_the_same_as_iso(tmp_path, capsys, written, expected):
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(start=f'"{written}"', end=None)})
    assert code == 0, out


@pytest.mark.parametrize("field, written, message", [
    ("audience", "[seniors]", "« seniors » n'est pas une valeur possible — choisissez parmi"),
    ("audience", "[scolair]", "« scolair » n'est pas une valeur possible — voulez-vous dire « scolaires » ?"),
    ("status", "annule", None),
    ("draft", "vrai", None),
    ("themes", "[Santé]", None),           # the slug sante, with its accent
    ("themes", "[santee]", "la thématique « santee » n'existe pas — voulez-vous dire « sante » ?"),
])
def test_a_closed_list_offers_the_nearest_value(tmp_path, capsys, field, written, message):
    code, out = run_check(tmp_path, capsys, {"themes.yaml": SANTE, "events/e.md": event(**{field: written})})
    if message is None:
        assert code == 0, out
    else:
        assert code == 1 and message in out, out


# --- One message per mistake, in French, at its line ----------------------------------------

MISTAKES = {
    "tab": ("---\ntitle: Atelier\nlocation:\n\tname: Salle\n---\n", 4,
            "cette ligne commence par une tabulation : YAML n'accepte que des espaces"),
    "unclosed quote": ('---\ntitle: "Atelier\nstart: 2024-10-12\n---\n', 2, "un guillemet ouvert sur cette ligne n'est jamais fermé"),
    "unclosed list": ("---\ntitle: Atelier\ntags: [a, b\nstart: 2024-10-12\n---\n", 3,
                      "une liste ou un bloc ouvert sur cette ligne n'est pas fermé par « ] »"),
    "no colon": ("---\ntitle: Atelier\nstart 2024-10-12\nend: 2024-10-12\n---\n", 3,
                 "cette ligne n'a pas la forme « nom: valeur »"),
    "shifted line": ("---\ntitle: Atelier\n  start: 2024-10-12\n---\n", 3, "cette ligne est décalée"),
    "colon in an unknown field": ("---\ntitle: Atelier\nremarque: voir : ici\n---\n", 3,
                                  'mettez-la entre guillemets droits : remarque: "voir : ici"'),
}


@pytest.mark.parametrize("text, line, words", MISTAKES.values(), ids=MISTAKES.keys())
def test_every_yaml_mistake_is_explained_in_french_at_its_line(tmp_path, capsys, text, line, words):
    code, out = run_check(tmp_path, capsys, {"events/e.md": text})
    assert code == 1
    lines = problems(out)
    assert len(lines) == 1 and lines[0].startswith(f"content/events/e.md:{line}: (en-tête): "), out
    assert words in lines[0]
    assert not any(english in out for english in ("mapping", "scanning", "token", "expected", "found"))


def test_curly_quotes_and_a_colon_in_a_title_are_read_as_its_text(tmp_path):
    files = {"themes.yaml": THEMES, "actors/museum-test.md": ACTOR,
             "events/e.md": event(title="“Café des sciences : l’eau”").replace("end:", "summary: Venez : on parle d'eau\nend:")}
    output = build(write_content(tmp_path / "content", files), tmp_path / "out")
    assert page(output, "evenements/cafe-des-sciences-l-eau/").h1.get_text() == "Café des sciences\u00a0: l’eau"


def test_decimal_commas_between_braces_get_the_line_to_write(tmp_path, capsys):
    # YAML reads {lat: 43,6134} as lat: 43 and a sub-field « 6134 »: the place would move by kilometres.
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(
        location='{name: "Salle", city: "Toulouse", lat: 43,6134, lon: 1,4445}')})
    assert code == 1
    [line] = problems(out)
    assert line.startswith("content/events/e.md:5: location, latitude: « lat: 43,6134, lon: 1,4445 » : entre "
                           "accolades, la virgule sépare les sous-champs")
    assert line.endswith("écrivez les nombres avec un point, lat: 43.6134, lon: 1.4445")


@pytest.mark.parametrize("location, expected", [
    ('{name: "Salle", postcode: "99999", city: "Toulouse"}', "location, code postal"),
    ('{name: "Salle", postcode: "31000"}', "location, ville"),
])
def test_a_bad_place_is_one_mistake_not_two(tmp_path, capsys, location, expected):
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(location=location)})
    assert code == 1
    assert [line.split(": ")[1] for line in problems(out)] == [expected]      # never « un lieu est obligatoire »


def test_an_unreadable_start_is_one_mistake_not_two(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(start='"le 12 octobre"', end=None)})
    assert code == 1
    assert [line.split(": ")[1] for line in problems(out)] == ["start"]       # never « champ obligatoire manquant »


def test_an_item_of_a_list_is_named_as_a_person_says_it(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"events/e.md": event(
        audience="[familles, seniors]", sessions="[{start: 2024-10-12 14:00}, {end: 2024-10-19}]", start=None, end=None)})
    assert code == 1
    fields = [line.split(": ")[1] for line in problems(out)]
    assert fields == ["audience, 2e public", "sessions, 2e séance"]

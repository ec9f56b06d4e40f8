"""The content model's own rules: départements from postcodes, French dates,
time zones, and the publication date of events taken from Git."""

import datetime as dt
import os
import subprocess

import pytest

from conftest import build, page, write_content
from content_model import french_dates
from content_model.frontmatter import normalise_text, read_header
from content_model.generator import first_commit_dates
from content_model.kinds import PARIS, FieldContext, Moment
from content_model.territories import departement_code, departement_label

moment = Moment().parse


@pytest.mark.parametrize("postcode,code,label", [
    ("31000", "31", "Haute-Garonne (31)"), ("09000", "09", "Ariège (09)"),
    ("20000", "2A", "Corse-du-Sud (2A)"), ("20190", "2A", "Corse-du-Sud (2A)"),
    ("20200", "2B", "Haute-Corse (2B)"), ("20600", "2B", "Haute-Corse (2B)"),
    ("97110", "971", "Guadeloupe (971)"), ("97200", "972", "Martinique (972)"),
    ("97300", "973", "Guyane (973)"), ("97400", "974", "La Réunion (974)"),
    ("97600", "976", "Mayotte (976)"), ("75005", "75", "Paris (75)"),
])
def test_departement_from_postcode(postcode, code, label):
    assert departement_code(postcode) == code
    assert departement_label(code) == label


@pytest.mark.parametrize("postcode", ["99999", "00100", "96000", "98000", "3100", "310000", "31 000", "2A000"])
def test_not_a_french_postcode(postcode):
    assert departement_code(postcode) is None


def paris(*args):
    return dt.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize("start,end,all_day,text", [
    (paris(2024, 10, 12, 14), paris(2024, 10, 12, 17), False, "samedi 12 octobre 2024, 14\u00a0h – 17\u00a0h"),
    (paris(2024, 10, 12, 14, 30), None, False, "samedi 12 octobre 2024, 14\u00a0h\u00a030"),
    (paris(2024, 10, 12), None, True, "samedi 12 octobre 2024"),
    (paris(2024, 10, 12), paris(2024, 10, 14), True, "du samedi 12 au lundi 14 octobre 2024"),
    (paris(2024, 9, 28), paris(2024, 10, 1), True, "du samedi 28 septembre au mardi 1er octobre 2024"),
    (paris(2024, 12, 30), paris(2025, 1, 2), True, "du lundi 30 décembre 2024 au jeudi 2 janvier 2025"),
    (paris(2024, 10, 12, 21), paris(2024, 10, 13, 2), False,
     "du samedi 12 octobre 2024, 21\u00a0h au dimanche 13 octobre 2024, 2\u00a0h"),
])
def test_event_dates_in_french(start, end, all_day, text):
    assert french_dates.event_when(start, end, all_day) == text


@pytest.mark.parametrize("value,expected", [
    ("2024-03-31 01:30", dt.datetime(2024, 3, 31, 0, 30, tzinfo=dt.UTC)),   # before DST
    ("2024-03-31 03:30", dt.datetime(2024, 3, 31, 1, 30, tzinfo=dt.UTC)),   # after DST
    ("2024-10-12T14:00:00Z", dt.datetime(2024, 10, 12, 14, 0, tzinfo=dt.UTC)),
    ("2024-10-12T14:00:00-04:00", dt.datetime(2024, 10, 12, 18, 0, tzinfo=dt.UTC)),
    (dt.datetime(2024, 1, 5, 9, 0), dt.datetime(2024, 1, 5, 8, 0, tzinfo=dt.UTC)),
])
def test_datetimes_become_aware_paris_times(value, expected):
    parsed = moment(value, FieldContext("x.md", "."))
    assert parsed == expected and parsed.tzinfo is PARIS


def test_dates_alone_stay_dates():
    assert moment("2024-10-12", None) == dt.date(2024, 10, 12)
    assert moment(dt.date(2024, 10, 12), None) == dt.date(2024, 10, 12)


def test_bom_and_crlf_are_harmless():
    header = read_header(normalise_text('\ufeff---\r\ntitle: "Titre"\r\ndate: 2024-10-12\r\n---\r\nCorps\r\n'))
    assert header.values == {"title": "Titre", "date": dt.date(2024, 10, 12)}
    assert header.body == "Corps\n" and header.line_of("date") == 3


def test_native_header_keys_and_lists():
    header = read_header("Title: Un titre\nAuthor: Léa Bernard\nTags: a, b\n\nCorps\n")
    assert header.values == {"title": "Un titre", "authors": ["Léa Bernard"], "tags": ["a", "b"]}
    assert header.line_of("authors") == 2


def git(folder, *args, date=None):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=folder,
                   check=True, capture_output=True, env={**os.environ, **env})


def test_event_without_date_is_dated_by_its_first_commit(tmp_path):
    content = write_content(tmp_path / "content", {"events/e.md": """\
        ---
        title: "Atelier"
        start: 2026-12-01 10:00
        online: https://visio.example.org/a
        ---
        Texte.
        """})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "ajout", date="2026-11-02T09:15:00+01:00")
    (content / "events" / "e.md").write_text((content / "events" / "e.md").read_text() + "Suite.\n")
    git(tmp_path, "commit", "-qam", "modif", date="2026-11-10T10:00:00+01:00")
    assert first_commit_dates(content) == {"events/e.md": paris(2026, 11, 2, 9, 15)}
    output = build(content, tmp_path / "output")
    assert "2026-11-02T09:15:00+01:00" in (output / "sitemap.xml").read_text()
    assert page(output, "evenements/atelier/").h1.get_text() == "Atelier"


def test_outside_git_events_are_dated_by_their_start(tmp_path):
    assert first_commit_dates(tmp_path) == {}

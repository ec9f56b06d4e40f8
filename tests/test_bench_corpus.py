"""The shared benchmark corpus (`--format site`, N=1000), with the site's own
themes.yaml, builds with zero errors, one HTML page per document, an agenda true
to its "now", and no tag outside the theme vocabulary.

"Now" is set in the middle of the corpus (15 April 2019), so documents dated
later are not yet published (built under drafts/) and a few events are upcoming.
"""

import datetime as dt
import shutil
import subprocess
import sys

import feedparser
import pytest
import yaml
from icalendar import Calendar
from lxml import etree

from conftest import ROOT, SHARED, build, page, require_shared
from content_model.documents import load_themes
from content_model.vocabulary import Vocabulary

NOW = dt.datetime.fromisoformat("2019-04-15T12:00:00+02:00")
TYPE_URLS = {"articles": "actualites", "events": "evenements", "resources": "ressources",
             "actors": "acteurs"}

# Every test here builds several sites or a big one: left out of `invoke test --quick`.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bench-corpus")]   # its corpus is built once


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def paris(value):
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=NOW.tzinfo) if moment.tzinfo is None else moment


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    require_shared()
    content = tmp_path_factory.mktemp("content")
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", "1000",
                    "--out", str(content), "--format", "site"], check=True, capture_output=True)
    shutil.copy(ROOT / "content" / "themes.yaml", content)     # the site's own vocabulary
    return content, build(content, tmp_path_factory.mktemp("output"), AGENDA_NOW=NOW.isoformat())


def test_bench_corpus_builds_one_page_per_document(corpus):
    content, output = corpus
    documents = sorted(content.rglob("*.md"))
    assert len(documents) == 1050                       # 1000 documents + 50 actors
    missing, drafts = [], 0
    for doc in documents:
        dated = front_matter(doc).get("date")
        future = dated is not None and paris(dated) > NOW
        drafts += future
        folder = "drafts" if future else TYPE_URLS[doc.parent.name]
        if not (output / folder / doc.stem / "index.html").is_file():
            missing.append(str(doc))
    assert missing == [] and 0 < drafts < len(documents)
    event = next((content / "events").glob("*.md"))
    soup = page(output, f"{'drafts' if paris(front_matter(event)['date']) > NOW else 'evenements'}/{event.stem}/")
    assert soup.select_one("dl.facts dt").get_text() == "Quand"


def test_agenda_ics_holds_exactly_the_upcoming_events_of_the_corpus(corpus):
    content, output = corpus
    expected = set()
    for path in (content / "events").glob("*.md"):
        fields = front_matter(path)
        if paris(fields["date"]) <= NOW < paris(fields["end"]):     # published, not over
            expected.add(fields["slug"])
    calendar = Calendar.from_ical((output / "agenda.ics").read_bytes())
    found = {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}
    assert len(expected) >= 3 and found == expected
    listed = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in page(output, "agenda/").select(".card__title a")}
    assert listed == expected


def test_every_tag_of_the_corpus_belongs_to_a_theme(corpus):
    content, output = corpus
    vocabulary = Vocabulary(load_themes(content)[0])
    tags = {vocabulary.tag_slug(tag) for path in content.rglob("*.md")
            for tag in front_matter(path).get("tags", ())}
    assert len(tags) > 30 and vocabulary.orphans(tags) == []
    theme_index = page(output, "thematiques/")
    assert len(theme_index.select(".theme-index > li")) == 13


def test_corpus_builds_every_feed(corpus):
    content, output = corpus
    feeds = [p for p in output.rglob("*.xml") if p.name.endswith(("atom.xml", "rss.xml"))]
    # site, articles, agenda, new events, resources, calls, dossiers, projects, digest; theme, tag,
    # territory, actor
    pages = (9 + len(list((output / "thematiques").glob("*/index.html")))
             + len(list((output / "tags").glob("*/index.html")))
             + len(list((output / "territoires").glob("*/index.html"))) + 50)   # + 50 actors
    assert len(feeds) == 2 * pages
    for path in feeds:
        etree.parse(str(path))
    site = feedparser.parse((output / "atom.xml").read_bytes())
    assert site.bozo == 0 and len(site.entries) == 30

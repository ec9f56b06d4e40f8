"""The shared benchmark corpus (`--format site`) builds with zero errors and
one HTML page per document."""

import subprocess
import sys

from conftest import SHARED, build, page

TYPE_URLS = {"articles": "actualites", "events": "evenements", "resources": "ressources",
             "actors": "acteurs"}


def test_bench_corpus_builds_one_page_per_document(tmp_path):
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", "300",
                    "--out", str(content), "--format", "site"], check=True, capture_output=True)
    output = build(content, tmp_path / "output")
    documents = sorted(content.rglob("*.md"))
    assert len(documents) == 315                       # 300 documents + 15 actors
    missing = [str(doc) for doc in documents
               if not (output / TYPE_URLS[doc.parent.name] / doc.stem / "index.html").is_file()]
    assert missing == []
    built = [p for folder in TYPE_URLS.values() for p in (output / folder).glob("*/index.html")]
    assert len(built) == len(documents)
    event = next((content / "events").glob("*.md"))
    soup = page(output, f"evenements/{event.stem}/")
    assert soup.select_one("dl.facts dt").get_text() == "Quand"

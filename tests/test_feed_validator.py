"""Every feed passes the W3C Feed Validation Service's own code (offline, in
../shared/tools/feedvalidator): the seed site's and the benchmark corpus's at N=300.
A feedgen media:group with a single media:content was an error on 7 of them."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, build, require_shared
from feed_check import feed_files, validate

SITE_URL = "https://sciences-en-partage.example.org"


def assert_valid(output):
    require_shared()
    code, report = validate(str(output), SITE_URL)
    lines = [line for line in report.splitlines() if line.startswith(str(output))]
    assert len(lines) == len(feed_files(str(output))) > 0
    assert code == 0 and all(" 0 error(s)" in line for line in lines), report


@pytest.mark.slow
def test_every_feed_of_the_seed_site_passes_the_w3c_validator(seed_site):
    feeds = feed_files(str(seed_site))
    assert len(feeds) > 100 and any("<media:content" in Path(feed).read_text(encoding="utf-8") for feed in feeds)
    assert_valid(seed_site)


@pytest.mark.slow
def test_every_feed_of_the_bench_corpus_passes_the_w3c_validator(tmp_path):
    require_shared()
    content = tmp_path / "content"
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", "300", "--out", str(content),
                    "--format", "site"], check=True, capture_output=True)
    shutil.copy(ROOT / "content" / "themes.yaml", content)
    output = build(content, tmp_path / "sortie", AGENDA_NOW="2019-04-15T12:00:00+02:00")
    assert len(feed_files(str(output))) > 50
    assert_valid(output)

"""tools/lighthouse.py, the audit `invoke lighthouse` runs after the suite (CI): the pages it
measures, the server it measures them on, and what it says when a score falls short."""

import functools
import gzip
import http.server
import io
import sys
import threading
import urllib.request

from PIL import Image

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import lighthouse  # noqa: E402


def test_it_measures_each_kind_of_page_a_reader_lands_on(seed_site):
    kinds = lighthouse.page_kinds(seed_site)
    assert list(kinds) == ["accueil", "article", "evenement", "agenda", "acteur", "thematique", "carte", "recherche",
                           "projet", "communaute"]
    for url in kinds.values():
        assert (seed_site / url / "index.html").exists(), url


def test_the_site_is_served_compressed_as_a_host_would_and_map_tiles_locally(seed_site):
    handler = functools.partial(lighthouse.Handler, directory=str(seed_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}/"
    try:
        request = urllib.request.Request(root + "agenda/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (seed_site / "agenda/index.html").read_bytes()
        with urllib.request.urlopen(root + lighthouse.TILE_URL.format(z=8, x=130, y=93)) as response:
            assert response.headers["Content-Type"] == "image/png"
            assert Image.open(io.BytesIO(response.read())).size == (256, 256)
    finally:
        server.shutdown()


def test_a_score_below_100_or_a_layout_shift_is_named_with_its_audits():
    results = {"carte": {"url": "carte/", "scores": {"performance": 97, "accessibility": 100},
                         "cls": 0.003, "failing": {"performance": [("total-blocking-time", "Total Blocking Time", 0.88)]}},
               "accueil": {"url": "", "scores": {"performance": 100}, "cls": 0.0, "failing": {}}}
    assert lighthouse.problems(results) == [
        "/carte/ : performance 97 — Total Blocking Time (total-blocking-time, 0.88)",
        "/carte/ : décalage de mise en page (CLS) 0.003, 0 attendu"]


def test_the_pages_asked_for_are_measured_wherever_they_come_on_the_line(monkeypatch, tmp_path, capsys):
    asked = []
    monkeypatch.setattr(lighthouse, "CLI", tmp_path)      # present: no install needed to parse
    monkeypatch.setattr(lighthouse, "measure", lambda output, runs, only, report: asked.append((runs, only)) or {})
    # As `invoke lighthouse --only carte,accueil` calls it: the pages after --runs.
    assert lighthouse.main([str(tmp_path), "--runs", "1", "carte", "accueil"]) == 0
    assert asked == [(1, ["carte", "accueil"])]
    assert "100 partout" in capsys.readouterr().out


def test_performance_counts_the_best_run_and_the_other_categories_the_median():
    def report(performance, accessibility):
        return {"categories": {"performance": {"score": performance}, "accessibility": {"score": accessibility}}}
    reports = [report(0.97, 1.0), report(1.0, 0.9), report(0.99, 0.9)]
    assert lighthouse.score(reports, "performance") == 100
    assert lighthouse.score(reports, "accessibility") == 90

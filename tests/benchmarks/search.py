"""Search at scale: index build time and what a reader downloads before the
first result appears, in headless Chromium against the built site."""

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, SHARED, build, serve

# Words of the generated corpus: common, rare, hyphenated, two words, accented or not.
QUERIES = ("climat", "biodiversité", "chauve-souris", "ecologie urbaine", "volcan", "grenouille",
           "exposition conférence", "Toulouse")


def generate_corpus(size, folder):
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", str(size),
                    "--out", str(folder), "--format", "site"], check=True, capture_output=True)
    shutil.copy(ROOT / "content" / "themes.yaml", folder / "themes.yaml")


def timed_build(content, output):
    """(whole build seconds, search index seconds)."""
    from search.generator import SearchGenerator
    spent = []
    original = SearchGenerator.generate_output

    def timed(self, writer):
        start = time.perf_counter()
        original(self, writer)
        spent.append(time.perf_counter() - start)

    SearchGenerator.generate_output = timed
    try:
        start = time.perf_counter()
        build(content, output, AGENDA_NOW=None)
        return time.perf_counter() - start, spent[0]
    finally:
        SearchGenerator.generate_output = original


def first_query_bytes(browser, root, query, typed):
    """Bytes fetched from opening /recherche/ to the first results, and the search's share."""
    context = browser.new_context()
    page = context.new_page()
    fetched = {}
    page.on("response", lambda response: fetched.__setitem__(
        response.url, len(response.body()) if response.ok else 0))
    page.goto(root + "recherche/")
    page.wait_for_selector("[data-search][data-ready]")
    box = page.locator("#recherche-mots")
    if typed:
        box.press_sequentially(query, delay=200)    # a reader's pace: each pause runs a query
    else:
        box.fill(query)
    page.wait_for_function("document.querySelector('[data-search-status]').textContent.length > 0")
    page.wait_for_timeout(400)
    context.close()
    search_files = sum(size for url, size in fetched.items()
                       if "/recherche/index/" in url or "/recherche/lib/" in url or url.endswith("search.js"))
    return sum(fetched.values()), search_files


def run(sizes, work):
    from playwright.sync_api import sync_playwright
    lines = []
    for size in sizes:
        content, output = work / f"site-{size}", work / f"out-{size}"
        generate_corpus(size, content)
        whole, index = timed_build(content, output)
        files = list((output / "recherche" / "index").iterdir())
        shards = [f.stat().st_size for f in files if f.name.startswith("t-")]
        manifest = (output / "recherche" / "index" / "manifest.json").stat().st_size
        lines.append(f"N={size}: build {whole:.1f} s, of which search index {index:.1f} s; "
                     f"{len(shards)} shards (largest {max(shards) / 1024:.0f} KB, all "
                     f"{sum(shards) / 1024 / 1024:.1f} MB), manifest {manifest / 1024:.0f} KB")
        with serve(output) as root, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            for typed in (False, True):
                totals = [first_query_bytes(browser, root, query, typed) for query in QUERIES]
                worst = max(totals)
                lines.append(
                    f"  {'typed letter by letter' if typed else 'first query'}: median "
                    f"{statistics.median(t for t, _ in totals) / 1024:.0f} KB, largest "
                    f"{worst[0] / 1024:.0f} KB (search files {worst[1] / 1024:.0f} KB, "
                    f"page and stylesheet the rest) over {len(QUERIES)} queries")
            browser.close()
    return lines


def main(sizes, work=None):
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        for line in run(sizes, Path(work or scratch)):
            print(line)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1000, 5000])

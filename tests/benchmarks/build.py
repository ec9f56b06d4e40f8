"""`invoke bench`: this site (every feature on) against vanilla Pelican on the same
documents, in the same run, best of `repeats` each. Prints a table and writes it
as JSON (bench-results/bench.json). Each build runs in its own process, so its
peak memory (RSS) is its own.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.search import generate_corpus
from conftest import ROOT, SHARED

VANILLA = SHARED / "bench" / "vanilla"


def run_process(command, cwd):
    """(wall seconds, peak RSS in MB) of a command, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} a échoué :\n{process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def site_build(content, output, cache):
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-q",
            "-s", str(ROOT / "pelicanconf.py"),
            "-e", f'CACHE_PATH="{cache}"', f'CONTENT_CACHE_PATH="{cache}/contenus"',
            f'IMAGE_CACHE_PATH="{cache}/images"']


def vanilla_build(content, output):
    return [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-q", "-s", "pelicanconf.py"]


def best(repeats, prepare, command, cwd):
    """Best wall time of `repeats` runs (prepare() before each), and the peak RSS seen."""
    runs = []
    for _ in range(repeats):
        prepare()
        runs.append(run_process(command, cwd))
    return min(seconds for seconds, _ in runs), max(rss for _, rss in runs)


def folder_megabytes(folder):
    return sum(path.stat().st_size for path in Path(folder).rglob("*") if path.is_file()) / 1e6


def edited(article):
    """Edits one article a little more at each call, as a contributor would."""
    def edit():
        with open(article, "a", encoding="utf-8") as out:
            out.write("\nUne phrase ajoutée pour la mesure.\n")
    return edit


def retitled(article):
    """Changes one article's title at each call: its page, the lists and feeds that show
    it, and the search index change."""
    count = [0]

    def edit():
        count[0] += 1
        text = article.read_text(encoding="utf-8")
        title = next(line for line in text.split("\n") if line.startswith("title:"))
        article.write_text(text.replace(title, f'title: "Titre modifié pour la mesure {count[0]}"', 1),
                           encoding="utf-8")
    return edit


def measure(size, work, repeats):
    site_content, vanilla_content = work / f"site-{size}", work / f"vanilla-{size}"
    generate_corpus(size, site_content)
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", str(size),
                    "--out", str(vanilla_content), "--format", "pelican"], check=True, capture_output=True)
    output, cache = work / f"out-{size}", work / f"cache-{size}"
    vanilla_output, vanilla_cache = work / f"vanilla-out-{size}", VANILLA / "cache"

    def clean(*folders):
        return lambda: [shutil.rmtree(folder, ignore_errors=True) for folder in folders]

    nothing = lambda: None      # noqa: E731
    command = site_build(site_content, output, cache)
    row = {"n": size}
    row["site_cold"], rss_cold = best(repeats, clean(output, cache), command, ROOT)
    row["site_warm"], rss_warm = best(repeats, nothing, command, ROOT)
    article = sorted((site_content / "articles").glob("*.md"))[0]
    row["site_one_edit"], _ = best(repeats, edited(article), command, ROOT)
    row["site_one_title"], _ = best(repeats, retitled(sorted((site_content / "articles").glob("*.md"))[1]),
                                    command, ROOT)
    row["site_rss_mb"] = max(rss_cold, rss_warm)
    row["site_output_mb"] = folder_megabytes(output)
    row["site_files"] = sum(1 for path in output.rglob("*") if path.is_file())
    vanilla = vanilla_build(vanilla_content, vanilla_output)
    row["vanilla_cold"], vanilla_rss = best(repeats, clean(vanilla_output, vanilla_cache), vanilla, VANILLA)
    row["vanilla_warm"], _ = best(repeats, nothing, vanilla, VANILLA)
    shutil.rmtree(vanilla_cache, ignore_errors=True)
    row["vanilla_rss_mb"] = vanilla_rss
    row["vanilla_output_mb"] = folder_megabytes(vanilla_output)
    row["cold_ratio"] = row["site_cold"] / row["vanilla_cold"]
    row["warm_ratio"] = row["site_warm"] / row["vanilla_warm"]
    row["site_ms_per_document"] = 1000 * row["site_cold"] / size
    return row


def table(rows):
    lines = ["| N | site cold | site warm (no change) | site, one article's text edited "
             "| site, one article's title edited | vanilla cold | vanilla warm "
             "| cold ratio | warm ratio | ms/doc (site cold) | peak RSS site / vanilla | output site / vanilla |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['n']} | {row['site_cold']:.1f} s | {row['site_warm']:.1f} s | {row['site_one_edit']:.1f} s "
            f"| {row['site_one_title']:.1f} s "
            f"| {row['vanilla_cold']:.1f} s | {row['vanilla_warm']:.1f} s | {row['cold_ratio']:.2f}× "
            f"| {row['warm_ratio']:.2f}× | {row['site_ms_per_document']:.1f} "
            f"| {row['site_rss_mb']:.0f} / {row['vanilla_rss_mb']:.0f} MB "
            f"| {row['site_output_mb']:.0f} / {row['vanilla_output_mb']:.0f} MB |")
    return "\n".join(lines)


def main(sizes, repeats=3, work=None):
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(size, Path(work or scratch), repeats) for size in sizes]
    results = ROOT / "bench-results"
    results.mkdir(exist_ok=True)
    (results / "bench.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}, indent=2))
    print(table(rows))
    print(f"\n({os.cpu_count()} processeurs ; meilleur de {repeats} ; JSON : bench-results/bench.json)")

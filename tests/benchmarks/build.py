"""`invoke bench`: this site (every feature on) against vanilla Pelican on the same
documents, in the same run, best of `repeats` each: the command line cold, with no
change, after one edit of each kind a contributor makes, then the dev server (the time
from a save to the page served with the change: benchmarks/live.py). Prints the tables
and writes them as JSON (bench-results/bench.json). Each command-line build runs in its
own process, so its peak memory (RSS) is its own; the dev server runs in this one.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import live
from benchmarks.search import generate_corpus
from conftest import ROOT, SHARED

VANILLA = SHARED / "bench" / "vanilla"


# Python as on a user's machine, which keeps modules compiled (__pycache__): a machine that
# sets PYTHONDONTWRITEBYTECODE compiles every plugin again at each build (0.15 to 0.3 s here,
# where Pelican's own modules were compiled when pip installed them).
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_process(command, cwd):
    """(wall seconds, peak RSS in MB) of a command, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=ENVIRONMENT)
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


def set_aside(folder, trash):
    """Empties the place of `folder` by moving it into `trash`, deleted once the bench is done.
    This disk is ext4 without a journal: the kernel does not reuse an inode deleted less than
    a minute ago, and each file created scans past them (recently_deleted). A cold build right
    after `rm -rf` of the last one's 6,000 files spent a third of its CPU time in that scan
    (perf), more the more files it writes; a build on a fresh clone pays nothing of it."""
    if os.path.exists(folder):
        trash.mkdir(parents=True, exist_ok=True)
        shutil.move(folder, trash / f"{len(os.listdir(trash))}-{Path(folder).name}")


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


def tagged(article):
    """Gives one article a new tag at each call: the tag's page and feeds are new."""
    count = [0]

    def edit():
        count[0] += 1
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("\ntags: [", f'\ntags: ["mesure {count[0]}", ', 1), encoding="utf-8")
    return edit


def added(folder):
    """Adds a new article at each call."""
    count = [0]

    def edit():
        count[0] += 1
        (folder / f"nouvelle-de-mesure-{count[0]}.md").write_text(
            f'---\ntitle: "Nouvelle de mesure {count[0]}"\ndate: 2026-11-30\nauthors: ["Ada"]\n'
            'tags: ["astronomie"]\n---\nTexte.\n', encoding="utf-8")
    return edit


def deleted(articles):
    """Deletes another article at each call."""
    left = list(articles)
    return lambda: left.pop().unlink()


def measure(size, work, repeats):
    site_content, vanilla_content = work / f"site-{size}", work / f"vanilla-{size}"
    generate_corpus(size, site_content)
    subprocess.run([sys.executable, str(SHARED / "bench" / "gen_corpus.py"), "--n", str(size),
                    "--out", str(vanilla_content), "--format", "pelican"], check=True, capture_output=True)
    output, cache = work / f"out-{size}", work / f"cache-{size}"
    vanilla_output, vanilla_cache = work / f"vanilla-out-{size}", VANILLA / "cache"

    def clean(*folders):
        return lambda: [set_aside(folder, work / "corbeille") for folder in folders]

    nothing = lambda: None      # noqa: E731
    command = site_build(site_content, output, cache)
    row = {"n": size}
    row["site_cold"], rss_cold = best(repeats, clean(output, cache), command, ROOT)
    row["site_warm"], rss_warm = best(repeats, nothing, command, ROOT)
    articles = sorted((site_content / "articles").glob("*.md"))
    row["site_one_edit"], _ = best(repeats, edited(articles[0]), command, ROOT)
    row["site_one_title"], _ = best(repeats, retitled(articles[1]), command, ROOT)
    row["site_one_tag"], _ = best(repeats, tagged(articles[2]), command, ROOT)
    row["site_new_file"], _ = best(repeats, added(site_content / "articles"), command, ROOT)
    row["site_deleted_file"], _ = best(repeats, deleted(articles[-repeats:]), command, ROOT)
    row["site_rss_mb"] = max(rss_cold, rss_warm)
    row["site_output_mb"] = folder_megabytes(output)
    row["site_files"] = sum(1 for path in output.rglob("*") if path.is_file())
    vanilla = vanilla_build(vanilla_content, vanilla_output)
    row["vanilla_cold"], vanilla_rss = best(repeats, clean(vanilla_output, vanilla_cache), vanilla, VANILLA)
    row["vanilla_warm"], _ = best(repeats, nothing, vanilla, VANILLA)
    shutil.rmtree(vanilla_cache, ignore_errors=True)
    row["vanilla_rss_mb"] = vanilla_rss
    row["vanilla_output_mb"] = folder_megabytes(vanilla_output)
    # Pelican skips a file it cannot read (no markdown package) and still ends well.
    pages = sum(1 for _ in vanilla_output.glob("*.html"))
    if pages < size // 2:
        raise RuntimeError(f"Pelican seul n'a écrit que {pages} pages pour {size} documents : "
                           "le paquet markdown est-il installé (pip install -e '.[test]') ?")
    # The dev server, on the same output and caches, as after `invoke build`, in its own process.
    answer = work / f"live-{size}.json"
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.live", site_content, output, cache, answer],
                               cwd=ROOT / "tests", stdout=subprocess.DEVNULL, env={
                                   **ENVIRONMENT, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), "."])})
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("la mesure du serveur de travail a échoué")
    times = json.loads(answer.read_text())
    for edit, (told, served) in times.items():
        row[f"live_{edit}"] = served
        row[f"live_{edit}_told"] = told
    row["live_rss_mb"] = usage.ru_maxrss / 1024
    row["cold_ratio"] = row["site_cold"] / row["vanilla_cold"]
    row["warm_ratio"] = row["site_warm"] / row["vanilla_warm"]
    row["site_ms_per_document"] = 1000 * row["site_cold"] / size
    for name in EDITS:
        row[f"site_{name}_ratio"] = row[f"site_{name}"] / row["vanilla_cold"]
    for name in live.EDITS:
        row[f"live_{name}_ratio"] = row[f"live_{name}"] / row["vanilla_cold"]
    return row


# The command line's edits, as the table names them.
EDITS = {"one_edit": "texte", "one_title": "titre", "one_tag": "mot-clé", "new_file": "nouveau fichier",
         "deleted_file": "fichier supprimé"}


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
    lines += ["", "| N | ligne de commande : " + " | ".join(EDITS.values()) + " | serveur de travail : "
              + " | ".join(live.EDITS) + " | mémoire du serveur |",
              "|---|" + "---|" * (len(EDITS) + len(live.EDITS) + 1)]
    for row in rows:
        cells = [f"{row[f'site_{name}']:.1f} s ({row[f'site_{name}_ratio']:.3f}×)" for name in EDITS]
        cells += [f"{row[f'live_{name}']:.2f} s ({row[f'live_{name}_ratio']:.3f}×)" for name in live.EDITS]
        lines.append(f"| {row['n']} | " + " | ".join(cells) + f" | {row['live_rss_mb']:.0f} MB |")
    return "\n".join(lines)


def main(sizes, repeats=3, work=None):
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        rows = [measure(size, Path(work or scratch), repeats) for size in sizes]
        shutil.rmtree(Path(work or scratch) / "corbeille", ignore_errors=True)
    results = ROOT / "bench-results"
    results.mkdir(exist_ok=True)
    (results / "bench.json").write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}, indent=2))
    print(table(rows))
    print(f"\n({os.cpu_count()} processeurs ; meilleur de {repeats} ; entre parenthèses, la part de la construction "
          "à froid de Pelican seul ; serveur de travail : de l'enregistrement à la page servie avec la "
          "modification ; JSON : bench-results/bench.json)")

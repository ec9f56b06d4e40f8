"""`invoke check` on a fresh clone: the seed content plus the N=1000 corpus, and a
contribution with three errors in two files, timed from the command line."""

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.search import generate_corpus
from conftest import ROOT, write_content

ERRORS = {
    "articles/erreurs.md": '---\ntitle: "Deux erreurs"\ndate: 2026-13-01\n---\nTexte.\n',
    "events/erreur.md": ('---\ntitle: "Une erreur"\nstart: 2026-12-01 10:00\nonline: https://x.fr/\n'
                         'audience: [enfants]\n---\n'),
}


def run(size, work):
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    corpus = work / "corpus"
    generate_corpus(size, corpus)
    for folder in ("articles", "events", "resources", "actors"):
        for path in (corpus / folder).glob("*.md"):
            shutil.copy(path, clone / "content" / folder / path.name)
    write_content(clone / "content", ERRORS)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "invoke", "check"], cwd=clone, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    messages = [line for line in result.stdout.splitlines() if re.match(r"\S+\.md:\d+: ", line)]
    files = len(list((clone / "content").rglob("*.md")))
    return [f"invoke check on a fresh clone, {files} files (seed + N={size} corpus + 2 with errors): "
            f"{seconds:.1f} s, exit code {result.returncode}, {len(messages)} messages",
            *("  " + line for line in messages)]


def main(size=1000):
    with tempfile.TemporaryDirectory() as scratch:
        for line in run(size, Path(scratch)):
            print(line)

"""Reproducible builds: the repository, copied into two different folders (as two
clones of one commit, sharing what `npm ci` installed), with other file dates,
written in another order, built from the command line with the public settings on
two other days, in two time zones and with two hash seeds, gives byte-identical
output trees, image derivatives included. Nothing in the output comes from the clock
(only from the content and AGENDA_NOW), from the folder or from set order.
"""

import difflib
import os
import shutil
import subprocess
import sys

import pytest

from conftest import FIXED_NOW, ROOT

# Started before anything else in the build's interpreters (and its spawned workers):
# every clock reads the day given in BUILD_CLOCK, then runs on.
SITECUSTOMIZE = """\
import os
import time_machine
time_machine.travel(os.environ["BUILD_CLOCK"], tick=True).start()
"""


def copy_repository(target, reverse, mtime):
    """The repository's files (as git lists them, the working tree's copy), and its node_modules."""
    names = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\n")
    sources = sorted(ROOT / name for name in names if name and (ROOT / name).is_file())
    for source in reversed(sources) if reverse else sources:
        path = target / source.relative_to(ROOT)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        os.utime(path, (mtime, mtime))
    (target / "node_modules").symlink_to(ROOT / "node_modules")


def public_build(folder, clock, timezone, hash_seed, reverse, mtime):
    copy_repository(folder, reverse, mtime)
    (folder / "horloge").mkdir()
    (folder / "horloge" / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    environment = {**os.environ, "BUILD_CLOCK": clock, "TZ": timezone, "PYTHONHASHSEED": hash_seed,
                   "PYTHONPATH": os.pathsep.join([str(folder / "horloge"), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "sortie", "-s", "publishconf.py",
         "-e", f'AGENDA_NOW="{FIXED_NOW}"', 'INCREMENTAL_STATE_PATH="etat.json"', 'CACHE_PATH="cache"'],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "sortie"


def tree(output):
    return {str(path.relative_to(output)): path.read_bytes() for path in sorted(output.rglob("*")) if path.is_file()}


def first_difference(name, first, second):
    lines = difflib.unified_diff(first.decode(errors="replace").splitlines(),
                                 second.decode(errors="replace").splitlines(), lineterm="", n=1)
    return name + "\n" + "\n".join(list(lines)[:12])


@pytest.mark.slow
def test_two_builds_in_other_folders_days_and_zones_are_byte_identical(tmp_path):
    first = public_build(tmp_path / "a", "2026-11-22 09:00:00", "UTC", "1", reverse=False, mtime=1_700_000_000)
    second = public_build(tmp_path / "un" / "autre" / "dossier", "2027-03-30 23:30:00", "Pacific/Kiritimati",
                          "4242", reverse=True, mtime=1_000_000_000)
    first_tree, second_tree = tree(first), tree(second)
    assert len(first_tree) > 100 and any(name.endswith(".ics") for name in first_tree)
    assert any(name.startswith("images/") and name.endswith(".webp") for name in first_tree)
    assert sorted(first_tree) == sorted(second_tree)
    differing = [name for name in first_tree if first_tree[name] != second_tree[name]]
    assert not differing, first_difference(differing[0], first_tree[differing[0]], second_tree[differing[0]])

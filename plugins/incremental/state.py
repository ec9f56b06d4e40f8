"""What the last build wrote, and from what: {output path: fingerprint of its inputs}.

Kept beside the other caches, one file per (content, output) pair. It is taken away
while a build runs and saved only when the build ends well, so a build that fails
midway leaves no state and the next one starts from an empty output.
"""

import datetime as dt
import hashlib
import json
import os
import subprocess
import time

from engine.cache import bytes_digest, cache_key, folder_digest, path_digest, settled, write_atomically

from .fingerprint import Fingerprints

# Libraries whose version changes what a build writes.
PLUGIN_FILES = (".py", ".js", ".css")
LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "feedgen", "icalendar", "lunr", "pillow", "pyyaml")


# Settings that change what is logged, not what is written: the command line sets DEBUG,
# the dev server does not, and both build upon the same output.
LOGGING_SETTINGS = frozenset({"DEBUG"})


def site_key(settings):
    """What every page depends on besides content: settings, theme, plugins (their code and
    the scripts and styles they copy, such as the form's), libraries, and npm's record of
    what `npm ci` installed (the search, map and form libraries)."""
    node_lock = os.path.join(settings.get("SEARCH_NODE_MODULES") or "", ".package-lock.json")
    settings = {name: value for name, value in settings.items() if name not in LOGGING_SETTINGS}
    return cache_key(libraries=LIBRARIES, settings=Fingerprints().of(settings),
                     theme=folder_digest(settings["THEME"]),
                     plugins=[folder_digest(path, PLUGIN_FILES) for path in settings.get("PLUGIN_PATHS", ())],
                     npm=path_digest(node_lock))


def content_snapshot(path, watched=()):
    """Digest of the content folder's file names, sizes and dates (and those of the
    `watched` folders), and of the git commit
    (items without a date take the date of their first commit). The bytes of the files
    changed in the last seconds too: a second save of the same size in the same tick of
    the clock keeps the date (engine.cache.settled)."""
    sha = hashlib.sha1()
    now = time.time_ns()
    for root, dirs, names in (entry for folder in (path, *watched) for entry in os.walk(folder)):
        dirs.sort()
        for name in sorted(names):
            file = os.path.join(root, name)
            stat = os.stat(file)
            sha.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
            if not settled(stat.st_mtime_ns, now):
                sha.update(bytes_digest(file).encode())
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head = ""
    sha.update(head.encode())
    return sha.hexdigest()


class BuildState:

    def __init__(self, path, output_path, key, snapshot):
        self.path, self.output_path, self.key, self.snapshot = path, output_path, key, snapshot
        saved = self.load()
        self.previous = saved.get("outputs", {})
        self.saved = saved
        self.current = {}
        self.kept = 0
        self.removed = 0
        self.valid_until = None

    def load(self):
        """The last build's record, if it ended well, with the same key, and output is there."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                saved = json.load(handle)
        except (OSError, ValueError):
            return {}
        finally:
            if os.path.exists(self.path):
                os.remove(self.path)
        if saved.get("key") != self.key or not os.path.isdir(self.output_path):
            return {}
        return saved

    def nothing_changed(self, now):
        """True if the last build had the same content, is still valid at `now`, and
        every file it wrote is there: this build would write the same files."""
        valid_until = self.saved.get("valid_until")
        return (self.saved.get("snapshot") == self.snapshot
                and valid_until is not None and now < dt.datetime.fromisoformat(valid_until)
                and all(os.path.exists(os.path.join(self.output_path, name)) for name in self.previous))

    def keep_all(self):
        """This build is the last one: its record stays as it was."""
        self.current, self.kept = dict(self.previous), len(self.previous)
        self.valid_until = dt.datetime.fromisoformat(self.saved["valid_until"])

    @property
    def incremental(self):
        return bool(self.previous)

    def unchanged(self, name, key):
        """Records `name` as made from `key`; True if the last build wrote it from the same."""
        same = self.same(name, key)
        self.record(name, key, same)
        return same

    def same(self, name, key):
        """True if the last build wrote `name` from `key` and the file is there (records nothing)."""
        return self.previous.get(name) == key and os.path.exists(os.path.join(self.output_path, name))

    def record(self, name, key, kept):
        """Records `name` as made from `key`, written by this build or kept as it was."""
        self.current[name] = key
        self.kept += kept

    def remove_stale(self):
        """Deletes what the last build wrote and this one did not; returns their names."""
        stale = sorted(set(self.previous) - set(self.current))
        self.removed = len(stale)
        for name in stale:
            self.remove(name)
        return stale

    def remove(self, name):
        """Deletes a file the last build wrote, and the folders it leaves empty; True if it was there."""
        path = os.path.join(self.output_path, name)
        found = os.path.exists(path)
        if found:
            os.remove(path)
        folder = os.path.dirname(path)
        while folder != self.output_path and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
        return found

    def put_back(self):
        """For a build that failed before writing anything (a contribution error): the last
        build's record is good still, and the next build starts from it."""
        if self.saved:
            write_atomically(self.path, json.dumps(self.saved, sort_keys=True).encode())

    def changed_names(self):
        """What this build wrote anew or deleted, against the last build's record."""
        return ({name for name, key in self.current.items() if self.previous.get(name) != key}
                | (set(self.previous) - set(self.current)))

    def save(self):
        write_atomically(self.path, json.dumps(
            {"key": self.key, "snapshot": self.snapshot, "outputs": self.current,
             "valid_until": self.valid_until and self.valid_until.isoformat()}, sort_keys=True).encode())

"""What the build keeps between builds to go faster (rendered bodies, parsed headers,
related items, image derivatives), kept so that it can never be stale.

Every cached thing has a key made of this module's FORMAT, a digest of the source of
the code that makes it (its module, or its whole package), the versions of the
libraries it calls and the settings it reads: change any of them and the old entry is
not read again. Files are written atomically (a temporary file, then renamed): a build
cut off midway leaves the last good copy, never half a file.
"""

import functools
import hashlib
import importlib
import importlib.metadata
import json
import os
import pickle
import time

FORMAT = 1


# A file saved this long ago has the date of its last save: a second save of the same size
# in the same tick of the clock leaves the same date (git's "racily clean" files).
SETTLE_NS = 2_000_000_000


def settled(mtime_ns, now_ns=None):
    """True if a file of this date may be known by its size and date alone."""
    return mtime_ns < (time.time_ns() if now_ns is None else now_ns) - SETTLE_NS


def bytes_digest(path):
    """Digest of a file's bytes, read now."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@functools.cache
def file_digest(path, size, mtime_ns):
    """Digest of a file's bytes (remembered while its size and date stay the same)."""
    return bytes_digest(path)


def path_digest(path):
    """Digest of a file's bytes; None if there is no such file."""
    try:
        stat = os.stat(path)
        return file_digest(path, stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


def folder_digest(folder, suffixes=None):
    """Digest of the names and bytes of the files under `folder` (all, or those ending so)."""
    sha = hashlib.sha256()
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if suffixes is None or name.endswith(suffixes):
                path = os.path.join(root, name)
                sha.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape") + b"\0")
                sha.update(str(path_digest(path)).encode())
    return sha.hexdigest()


def source_files(name):
    """The source files of a module, or of every module of a package, sorted."""
    module = importlib.import_module(name)
    path = module.__file__
    if os.path.basename(path) != "__init__.py":
        return [path]
    folder = os.path.dirname(path)
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [os.path.join(root, file) for file in sorted(files) if file.endswith(".py")]
    return found


def source_digest(*names):
    """Digest of the source of the named modules or packages ("images.derivatives", "related")."""
    sha = hashlib.sha256()
    for name in names:
        for path in source_files(name):
            sha.update(f"{name}:{os.path.basename(path)}\0{path_digest(path)}".encode())
    return sha.hexdigest()


@functools.cache      # once per process: a dev server sees a library upgraded under it once restarted
def library_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def library_versions(*names):
    return {name: library_version(name) for name in names}


def cache_key(code=(), libraries=(), settings=None, **more):
    """The key of what `code` (module or package names) makes with `libraries` and `settings`."""
    parts = [FORMAT, source_digest(*code), library_versions(*libraries), settings or {}, more]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=repr).encode()).hexdigest()


def write_atomically(path, data):
    """Writes bytes (or what data(file) writes) to `path` through a temporary file beside it."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as out:
        if callable(data):
            data(out)
        else:
            out.write(data)
    os.replace(temporary, path)


# With IN_MEMORY (the dev server, which builds many times in one process), what a build read
# or wrote of each cache file stays in KEPT, {path: (key, (size, date), value)}, and is read
# again only once the file changes; save() keeps the value in PENDING, which flush() writes
# once the build is done (the server calls it): readers get their pages first.
IN_MEMORY = False
KEPT = {}
PENDING = {}


def signature(path):
    found = os.stat(path)
    return found.st_size, found.st_mtime_ns


def shallow_copy(value):
    """What load() returns of a kept value: callers may change the dict they get."""
    return dict(value) if isinstance(value, dict) else value


class Cache:
    """One cache file, read back only under the key it was written with. `folder` None or
    "": no cache at all (reads find nothing, writes are dropped)."""

    def __init__(self, folder, name, key):
        self.path = os.path.join(folder, name) if folder else None
        self.key = key

    def load(self, default=None, keep=True):
        """The value saved under this key, else `default`. keep=False: not kept in memory
        (IN_MEMORY) for the next build, which will not read it again."""
        if self.path is None:
            return default
        if self.path in PENDING:
            key, value = PENDING[self.path]
            return shallow_copy(value) if key == self.key else default
        try:
            found = signature(self.path) if IN_MEMORY else None     # (the command line reads once)
            kept = KEPT.get(self.path) if IN_MEMORY else None
            if kept is not None and kept[1] == found:
                key, value = kept[0], kept[2]
            else:
                with open(self.path, "rb") as handle:
                    stored = pickle.load(handle)
                if not isinstance(stored, dict) or "key" not in stored:
                    return default
                key, value = stored["key"], stored.get("value")
                if IN_MEMORY and keep:
                    KEPT[self.path] = key, found, value
        except (OSError, EOFError, ValueError, pickle.UnpicklingError, AttributeError, ImportError):
            return default
        return shallow_copy(value) if key == self.key else default

    def save(self, value, keep=True):
        if self.path is None:
            return
        KEPT.pop(self.path, None)
        if IN_MEMORY and keep:
            PENDING[self.path] = self.key, shallow_copy(value)
        else:
            write(self.path, self.key, value, keep)


def write(path, key, value, keep=True):
    # Pickled into the file: the bytes of a cache of 20,000 documents are not held in memory.
    write_atomically(path, functools.partial(pickle.dump, {"key": key, "value": value},
                                             protocol=pickle.HIGHEST_PROTOCOL))
    if IN_MEMORY and keep:
        KEPT[path] = key, signature(path), shallow_copy(value)


def flush():
    """Writes what save() kept (IN_MEMORY)."""
    while PENDING:
        path, (key, value) = PENDING.popitem()
        write(path, key, value)

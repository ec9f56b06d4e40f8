"""Writes the search index, the browser libraries it needs and the search page."""

import atexit
import hashlib
import json
import multiprocessing
import os
import re
import site
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from pelican.generators import Generator

from content_model.describe import summary_line
from content_model.markup import plain_text, shorten
from content_model.model import TYPES
from engine import cache
from engine.cache import Cache, cache_key, path_digest
from engine.forks import forked, reaped

from .french import LUNR_FR, read_lunr_french, term_maker

PLUGINS_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADING = re.compile(r"<h[2-6][^>]*>(.*?)</h[2-6]>", re.S)
SHOWN_SUMMARY_LENGTH = 180
# Fewer documents than this are indexed in the build's own process: starting a worker
# would take longer than indexing them.
WORKER_MIN_DOCUMENTS = 500
# From this many documents, the command line makes the index in a new process rather than in
# a fork: a fork's memory counts the whole site (780 MB at N = 20,000) and the index's on top.
FORK_MAX_DOCUMENTS = 10_000
STATE_FILE = "index.pickle"      # the last index's state (build_index), in CONTENT_CACHE_PATH
FORKS = []                       # the process ids of the forks making an index (index_in_fork)
FORKS_REAPED_AT_EXIT = []
# (package, file under node_modules/package): what search.js needs, in loading order.
BROWSER_LIBRARIES = (
    ("lunr", "lunr.min.js"),
    ("lunr-languages", "min/lunr.stemmer.support.min.js"),
    ("lunr-languages", "min/lunr.fr.min.js"),
)


def is_indexed(item):
    return getattr(item, "search", True) is not False


def words(text, count):
    return " ".join(text.split()[:count])


def details(item):
    """What else a reader may type to find an item: people, places, kinds."""
    found = [author.name for author in getattr(item, "authors", ())]
    for attribute in ("event_type", "resource_type", "actor_type", "call_type"):
        found.append(getattr(item, attribute, None))
    for attribute in ("organizer_actor", "provider_actor"):
        actor = getattr(item, attribute, None)
        found.append(actor.title if actor else None)
    location = getattr(item, "location", None) or {}
    found += [location.get("name"), location.get("city")]
    return " ".join(filter(None, found))


def body_text(html, body_words):
    """(headings, first words) of a body."""
    return (" ".join(plain_text(heading) for heading in HEADING.findall(html)),
            words(plain_text(html), body_words))


def body_texts(items, body_words, cache_folder):
    """{id(item): body_text of its HTML}, kept in cache_folder by a digest of the HTML: the
    next build reads again only the bodies that changed (a third of the search documents'
    time at N=5000)."""
    cache = Cache(cache_folder, "recherche-textes.pickle",
                  cache_key(code=[__name__, "content_model.markup"], settings={"words": body_words}))
    known, used, texts = cache.load({}), {}, {}
    before = set(known)
    for item in items:
        key = hashlib.sha1(item._html).hexdigest()
        if key not in known:
            known[key] = body_text(item._content, body_words)
        texts[id(item)] = used[key] = known[key]
    if used.keys() != before:
        cache.save(used)      # only this build's: removed contributions leave it
    return texts


def search_document(item, themes, texts):
    """What the index and the results need of an item (texts: body_texts)."""
    theme_labels = [themes[slug]["label"] for slug in item.theme_slugs if slug in themes]
    headings, body = texts[id(item)]     # its words: no need for Pelican's links
    return {
        "type": item.ctype.name,
        "themes": [slug for slug in item.theme_slugs if slug in themes],
        "fields": {
            "title": item.title,
            "tags": " ".join([tag.label for tag in item.tag_list] + theme_labels),
            "headings": headings,
            "summary": f"{item.summary_text} {details(item)}",
            "body": body,
        },
        "shown": [item.title, item.url, summary_line(item),
                  shorten(item.summary_text, SHOWN_SUMMARY_LENGTH)],
        # When an event is over or a call closes: results rank what is still open first.
        "ends": over_at(item),
    }


def over_at(item):
    moment = getattr(item, "ends_at", None) if item.ctype.name == "event" else \
        getattr(item, "deadline_at", None) if item.ctype.name == "call" else None
    return int(moment.timestamp()) if moment else None


def library_files(node_modules):
    """[(source path, versioned file name)]: a new version gets a new name, so no stale cache."""
    files = []
    for package, path in BROWSER_LIBRARIES:
        with open(os.path.join(node_modules, package, "package.json"), encoding="utf-8") as handle:
            version = json.load(handle)["version"]
        name = os.path.basename(path).replace(".min.js", f"-{version}.min.js")
        files.append((os.path.join(node_modules, package, path), name))
    return files


def build_index(documents, settings, node_modules, types, themes, inputs_key, cache_folder):
    """The index files (index.py). Kept in cache_folder: the terms of the words seen by
    earlier builds (analysing every word again took a third of the index's time), and the
    last index's state, from which an edit scores again only the terms it touches."""
    from .index import index_files
    lunr_fr = path_digest(os.path.join(node_modules, LUNR_FR))
    terms_cache = Cache(cache_folder, "termes.pickle", cache_key(
        code=[f"{__package__}.french"], libraries=["lunr", "snowballstemmer"], settings={"lunr_fr": lunr_fr}))
    state_cache = Cache(cache_folder, STATE_FILE, cache_key(
        code=[__package__], libraries=["lunr", "snowballstemmer", "orjson"],
        settings={"lunr_fr": lunr_fr, "fields": settings["SEARCH_FIELDS"]}))
    known, state = terms_cache.load({}), state_cache.load({})
    words = len(known)
    files = index_files(documents, settings, term_maker(node_modules, known), types, themes, inputs_key, state)
    if len(known) != words:
        terms_cache.save(known)
    state_cache.save(state)
    return files


def built_from(manifest_path):
    """The digest of the inputs of the index in the output, if there is one."""
    try:
        with open(manifest_path, encoding="utf-8") as handle:
            return json.load(handle).get("inputs")
    except (OSError, ValueError):
        return None


def write_index(folder, files):
    """Writes the index files a folder lacks; the names of all but the manifest are hashes of
    their content, so a file of an earlier build with the same name is the same file."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name not in files:
            os.remove(os.path.join(folder, name))
    for name, text in files.items():
        path = os.path.join(folder, name)
        if name == "manifest.json" or not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)


def index_in_worker(job):
    """A function that returns the index files made by a worker process started now, which
    works while the other generators write pages (the dev server's: a new process, not a
    fork of the site it keeps in memory). It finds this plugin where Pelican found it."""
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=site.addsitedir, initargs=(PLUGINS_FOLDER,))
    future = pool.submit(build_index, *job)
    pool.shutdown(wait=False)        # the process ends once the index is made
    return future.result


def index_in_fork(job_of, folder):
    """A function that waits for a fork of this process, started now, which makes the
    index from job_of() and writes it in `folder` (or finds it there already); it returns
    None. The fork shares the site with this process: nothing to send it."""
    while FORKS:        # one a failed build left: it writes the same folder
        reaped(FORKS.pop())
    if not FORKS_REAPED_AT_EXIT:      # a failed command line ends once its fork is done
        atexit.register(lambda: [reaped(pid) for pid in FORKS])
        FORKS_REAPED_AT_EXIT.append(True)
    def work():
        cache.IN_MEMORY = False        # its caches go to their files (the dev server's copy is checked)
        job = job_of()
        if job is not None:
            write_index(os.path.join(folder, "index"), build_index(*job))

    pid = forked(work)
    FORKS.append(pid)

    def wait():
        FORKS.remove(pid)
        if reaped(pid) != 0:
            raise RuntimeError("L'index de recherche n'a pas pu être fait : voir l'erreur plus haut.")
    return wait


class SearchGenerator(Generator):

    def generate_context(self):
        node_modules = self.settings["SEARCH_NODE_MODULES"]
        read_lunr_french(node_modules)      # fails early, in French, without npm ci
        self.libraries = library_files(node_modules)
        self.folder = os.path.join(self.output_path, self.settings["SEARCH_URL"])
        self.index = None
        self.site_build.after_first_pages(self.start_index)

    def start_index(self):
        """Starts making the index, unless the output has it already. No page shows it: the
        dev server's first pages do not wait for its 5,000 documents. On the command line,
        a fork of this process makes it, or updates the last index's state (documents
        included), while pages are rendered: no interpreter to start, nothing to send it.
        The dev server, and the command line from FORK_MAX_DOCUMENTS, start a new worker
        instead: a fork would hold the whole site and the index on top."""
        if (self.site_build.memory is None and hasattr(os, "fork")
                and sum(map(is_indexed, self.context.get("published_items", ()))) < FORK_MAX_DOCUMENTS):
            self.index = index_in_fork(self.index_job, self.folder)
            return
        job = self.index_job()
        if job is not None:
            self.index = index_in_worker(job) if len(job[0]) >= WORKER_MIN_DOCUMENTS else partial(build_index, *job)

    def index_job(self):
        """The arguments of build_index(), or None if the index in the output is made of the
        same documents."""
        node_modules = self.settings["SEARCH_NODE_MODULES"]
        themes = self.context.get("themes", {})
        items = sorted((item for item in self.context.get("published_items", ()) if is_indexed(item)),
                       key=lambda item: (TYPES.index(item.ctype), item.url))
        texts = body_texts(items, self.settings["SEARCH_BODY_WORDS"], self.settings["CONTENT_CACHE_PATH"])
        documents = [search_document(item, themes, texts) for item in items]
        index_settings = {key: self.settings[key]
                          for key in ("SEARCH_FIELDS", "SEARCH_BODY_WORDS", "SEARCH_SHARD_BYTES", "SEARCH_STORE_CHUNK")}
        inputs = (documents, index_settings,
                  [(ctype.name, ctype.section, ctype.label.capitalize()) for ctype in TYPES],
                  [(slug, theme["label"]) for slug, theme in themes.items()])
        # The index's code and libraries are part of its key: another version makes it again.
        # (json, not orjson: orjson keeps each text's UTF-8 beside it, and the dev server keeps
        # these texts from one build to the next.)
        documents_digest = hashlib.sha1(json.dumps(inputs, ensure_ascii=False).encode("utf-8", "surrogatepass")
                                        ).hexdigest()
        inputs_key = cache_key(code=[__package__], libraries=["lunr", "snowballstemmer"], settings={
            "inputs": documents_digest, "lunr_fr": path_digest(os.path.join(node_modules, LUNR_FR))})
        # The same key as the index already in the output: nothing to do.
        if built_from(os.path.join(self.folder, "index", "manifest.json")) == inputs_key:
            return None
        return (*inputs[:2], node_modules, *inputs[2:], inputs_key, self.settings["CONTENT_CACHE_PATH"])

    def generate_output(self, writer):
        search_url = self.settings["SEARCH_URL"]
        writer.after_pages(self.write_index)
        for source, name in self.libraries:
            writer.copy_file(source, os.path.join(search_url, "lib", name))
        writer.write_file(
            os.path.join(search_url, "index.html"), self.get_template("search"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], page_url=search_url, section="search",
            search_libraries=[f"{search_url}lib/{name}" for _, name in self.libraries],
            search_manifest=f"{search_url}index/manifest.json")

    def write_index(self):
        files = self.index() if self.index is not None else None
        if files is not None:
            write_index(os.path.join(self.folder, "index"), files)

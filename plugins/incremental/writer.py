"""Pelican's writer, which renders a page only when what its template reads has changed.

A page's key is the fingerprint of its output name and of every variable its template
(with the templates it extends, includes and imports) can read, taken from the page's
own arguments or from the shared context. A page whose key matches the last build's,
and whose file is still there, is neither rendered nor written.
"""

import os
import pickle
from functools import partial

from jinja2 import meta
from pelican.contents import Content

from engine import PER_PAGE, ByPage, SiteWriter
from engine.cache import Cache, cache_key
from engine.forks import forked, give_back_memory, reaped
from engine.french import counted

from .fingerprint import Fingerprints, digest

# With RENDER_PROCESSES = None, fewer pages than this per process are rendered here
# alone: a fork costs more than it saves.
MIN_PAGES_PER_PROCESS = 100


# (template name, source) -> (names it reads, templates it uses): kept across the builds
# of one process (the live-reload server) and in CACHE_PATH (never beside the build record,
# which may sit next to the output), as parsing them all takes most of a second.
PARSED_TEMPLATES = {}


def parsed_templates_cache(settings):
    return Cache(os.path.join(settings["CACHE_PATH"], "builds"), "gabarits.pickle",
                 cache_key(code=[__name__], libraries=["jinja2"]))


def template_variables(environment, name, followed):
    """Names a template and the templates it uses may read from their context (followed: the
    templates of this build already followed, by name)."""
    if name not in followed:
        source, _, _ = environment.loader.get_source(environment, name)
        if (name, source) not in PARSED_TEMPLATES:
            tree = environment.parse(source)
            used = list(meta.find_referenced_templates(tree))
            if None in used:
                raise ValueError(f"{name} : un gabarit inclus par une expression ne peut pas être suivi")
            PARSED_TEMPLATES[name, source] = frozenset(meta.find_undeclared_variables(tree)), used
        names, used = PARSED_TEMPLATES[name, source]
        followed[name] = names.union(*(template_variables(environment, other, followed) for other in used))
    return followed[name]


def received(pipe, failed):
    """What a render process sent, or `failed` if it ended first (its error is said then)."""
    try:
        return pickle.load(pipe)
    except (EOFError, pickle.UnpicklingError):
        return failed


class IncrementalWriter(SiteWriter):
    """Keeps the files of the last build whose inputs have not changed (its BuildState)."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.state = self.build.incremental
        self.fingerprints = Fingerprints(self.build.page_links())
        self.variables = {}     # template name -> the variables its pages' keys include
        self.followed = {}      # template name -> the variables it and the templates it uses read
        self.reads = {}         # (template name, id(context), argument names) -> page_reads()
        self.pages = []         # every page: (name, path, template, context, relative_urls, kwargs)
        self.first = []         # those of build.first_pages, written as they came
        self.data = []          # every other file: (name, make, inputs), after the first pages
        self.written = set()    # the names of the pages this build renders
        self.templates_cache = parsed_templates_cache(self.settings)
        known = self.templates_cache.load({})
        PARSED_TEMPLATES.update(known)
        self.templates_known = set(known)

    def summary(self):
        state = self.state
        return (f"{counted(len(state.current), 'fichier')} dans le site, "
                f"{counted(len(state.current) - state.kept, 'écrit')}, {counted(state.kept, 'inchangé')}, "
                f"{counted(state.removed, 'supprimé')}")

    def write_page(self, name, template, context, relative_urls, kwargs):
        """Queues the page; finish() keys it once every generator has written its own. The
        dev server's first pages (those its readers have open, those of the edited files:
        build.first_pages) are rendered at once, written if they changed, and it is told:
        the context is whole once generators write (no key is made yet: the first may sum
        up every item)."""
        page = (name, self.output_file_path(name), template, context, relative_urls, kwargs)
        first = self.build.first_pages if self.build is not None else None
        if first is None or not first.wants(name, kwargs):
            self.pages.append(page)
            return
        self.first.append(page)
        if self.render(*page, unless_same=True):
            self.written.add(name)
            first.ready({name})

    def finish(self):
        """Renders and writes the pages and files that changed (the dev server's first pages
        are written: write_page). The files (feeds, calendars, exports) and pages are shared
        among RENDER_PROCESSES forks of this process, which have the whole context as it is
        (nothing to send them): each sums up one in n of the items, they exchange their sums
        through pipes, then each keys its share, writes what changed and sends back the keys."""
        pages, self.pages = self.pages, []
        first = self.build.first_pages if self.build is not None else None
        if first is not None:
            # An open page this build no longer makes (its item deleted) goes now, not at the end.
            made = ({page[0] for page in self.first + pages} | {name for name, _, _ in self.data}
                    | set(self.state.current))
            removed = {name for name in sorted(first.names - made)
                       if name in self.state.previous and self.state.remove(name)}
            self.written |= removed
            first.ready(removed)
            for page in self.first:
                self.state.record(page[0], self.page_key(page[0], *page[2:]), kept=page[0] not in self.written)
        if self.build is not None:
            self.build.first_pages_written()
        data, self.data = self.data, []
        processes = self.settings["RENDER_PROCESSES"] or min(
            os.cpu_count() or 1, (len(pages) + len(data)) // MIN_PAGES_PER_PROCESS or 1)
        # The items of the pages: each process sums up one in n of them (the first summing
        # of every item is most of the shared keys' time), then they exchange their sums.
        items = list({id(page[5]["item"]): page[5]["item"] for page in pages
                      if isinstance(page[5].get("item"), Content)}.values())
        positions = {id(item): position for position, item in enumerate(items)}
        templates = {(page[2].name, id(page[3])): page[2:4] for page in pages}.values()

        for template, _ in templates:
            self.template_reads(template)       # (before the forks: once)

        def share(number):
            """Keys this process's share, writes what changed: [(name, key, written)]."""
            made = []

            def keyed(name, key, write):
                written = not self.state.same(name, key)
                if written:
                    write()
                made.append((name, key, written))

            # Files in runs (a feed's Atom and RSS are made together), pages one in n.
            for name, make, inputs in data[len(data) * number // processes:len(data) * (number + 1) // processes]:
                keyed(name, self.fingerprints.of(inputs),
                      partial(super(IncrementalWriter, self).write_data, name, make, *inputs))
            for page in pages[number::processes]:
                keyed(page[0], self.page_key(page[0], *page[2:]), partial(self.render, *page))
            return made

        def summed_up(number):
            return self.fingerprints.parts_table(items[number::processes], positions)

        def child(number, up, down):
            """A render process: sends its sums, takes all of them, writes its share and says what."""
            os.close(up[0])
            os.close(down[1])
            with os.fdopen(up[1], "wb") as out, os.fdopen(down[0], "rb") as sums:
                pickle.dump(summed_up(number), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                self.fingerprints.fill(pickle.load(sums), items)
                pickle.dump(share(number), out, protocol=pickle.HIGHEST_PROTOCOL)

        children = []
        if processes > 1:
            give_back_memory()      # what the context's making freed: not counted in every fork
        try:
            for number in range(1, processes):
                up, down = os.pipe(), os.pipe()
                pid = forked(partial(child, number, up, down))
                os.close(up[1])
                os.close(down[0])
                children.append((pid, os.fdopen(up[0], "rb"), os.fdopen(down[1], "wb")))
            if children:
                sums = summed_up(0)
                for _, made, _ in children:
                    sums.update(received(made, {}))
                for _, _, down in children:
                    try:
                        with down:
                            pickle.dump(sums, down, protocol=pickle.HIGHEST_PROTOCOL)
                    except OSError:       # the child failed: said below
                        pass
                self.fingerprints.fill(sums, items)
            shares = [share(0)] + [received(made, []) for _, made, _ in children]
        finally:
            for _, made, down in children:
                made.close()            # a child still writing (this process failed) stops
                down.close()
            failed = [pid for pid, _, _ in children if reaped(pid) != 0]
        if failed:
            raise RuntimeError("Des pages n'ont pas pu être rendues : voir l'erreur plus haut.")
        for made in shares:
            for name, key, written in made:
                self.state.record(name, key, kept=not written)
                if written:
                    self.written.add(name)
        latest = {name: (name, source) for name, source in PARSED_TEMPLATES}     # a template's newest source
        used = {key: PARSED_TEMPLATES[key] for key in sorted(latest.values())}
        if set(used) != self.templates_known:
            self.templates_cache.save(used)
        super().finish()

    def template_reads(self, template):
        """The variables a template's page keys include."""
        if template.name not in self.variables:
            self.variables[template.name] = sorted(
                template_variables(template.environment, template.name, self.followed) - PER_PAGE)
        return self.variables[template.name]

    def page_key(self, name, template, context, relative_urls, kwargs):
        shared, own = self.page_reads(template, context, tuple(kwargs))
        parts = [name, template.name, relative_urls, shared]
        for variable, by_page in own:
            if by_page:
                entry = context[variable].get(kwargs.get("page_url", context.get("page_url")) or "")
                parts.append(f"{variable}@{self.fingerprints.of(entry)}")
            else:
                parts.append(f"{variable}={self.fingerprints.of(kwargs[variable], variable == 'item')}")
        return digest("\n".join(map(str, parts)))

    def page_reads(self, template, context, names):
        """What the pages of `template` with these arguments read: the fingerprint of the
        context's values they share, and [(variable, by page)] of their own."""
        key = (template.name, id(context), names)
        if key not in self.reads:
            shared, own = [], []
            for variable in self.template_reads(template):
                if variable in names:
                    own.append((variable, False))
                elif isinstance(context.get(variable), ByPage):
                    own.append((variable, True))
                elif variable in context:
                    shared.append(f"{variable}:{self.fingerprints.of_shared(context[variable])}")
            self.reads[key] = "\n".join(shared), own
        return self.reads[key]

    def write_data(self, name, make, *inputs):
        """Queues make() as `name`: finish() writes it unless `inputs` are those of the last build."""
        self.data.append((name, make, inputs))

    def copy_file(self, source, name):
        """Copies `source` as `name`, unless the last build copied it as it is."""
        stat = os.stat(source)
        if not self.state.unchanged(name, f"{stat.st_size}:{stat.st_mtime_ns}"):
            super().copy_file(source, name)

"""Pelican's writer, which renders a page only when what its template reads has changed.

A page's key is the fingerprint of its output name and of every variable its template
(with the templates it extends, includes and imports) can read, taken from the page's
own arguments or from the shared context. A page whose key matches the last build's,
and whose file is still there, is neither rendered nor written.
"""

import os
import shutil
import traceback

from jinja2 import meta
from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .fingerprint import Fingerprints, digest


# With RENDER_PROCESSES = None, fewer pages than this per process are rendered here
# alone: a fork costs more than it saves.
MIN_PAGES_PER_PROCESS = 100
# Set per page by the writer itself, from the page's name.
PER_PAGE = frozenset({"SITEURL", "localsiteurl", "output_file"})


# (template name, source) -> (names it reads, templates it uses): kept across the builds
# of one process (the live-reload server), as parsing them all takes a third of a second.
PARSED_TEMPLATES = {}


def template_variables(environment, name):
    """Names a template and the templates it uses may read from their context."""
    source, _, _ = environment.loader.get_source(environment, name)
    if (name, source) not in PARSED_TEMPLATES:
        tree = environment.parse(source)
        used = list(meta.find_referenced_templates(tree))
        if None in used:
            raise ValueError(f"{name} : un gabarit inclus par une expression ne peut pas être suivi")
        PARSED_TEMPLATES[name, source] = frozenset(meta.find_undeclared_variables(tree)), used
    names, used = PARSED_TEMPLATES[name, source]
    return names.union(*(template_variables(environment, other) for other in used))


class IncrementalWriter(Writer):
    """Set `state` (a BuildState) on a subclass before Pelican makes the writer."""

    state = None

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.fingerprints = Fingerprints()
        self.variables = {}     # template name -> the variables its pages' keys include
        self.pending = []       # pages to render: (name, path, template, context, relative_urls, kwargs)
        self.afterwards = []    # what to do once they are written
        self.state.writer = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's Writer.write_file (4.12), page by page, skipping unchanged pages."""
        if not name:
            return
        if override_output:
            raise ValueError(f"{name} : override_output n'est pas pris en charge par ce site")
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = (self.settings["PAGINATED_TEMPLATES"][template_name]
                        or self.settings["DEFAULT_PAGINATION"])
            paginators = {key: Paginator(name, url, values, self.settings, per_page)
                          for key, values in paginated.items()}
            for number in range(1, next(iter(paginators.values())).num_pages + 1):
                page_kwargs = dict(kwargs)
                for key, paginator in paginators.items():
                    page = paginator.page(number)
                    page_kwargs.update({
                        f"{key}_paginator": paginator, f"{key}_page": page,
                        f"{key}_previous_page": paginator.page(number - 1) if number > 1 else None,
                        f"{key}_next_page": (paginator.page(number + 1)
                                             if number < paginator.num_pages else None)})
                self.write_page(page.save_as, template, context, relative_urls, page_kwargs)
        else:
            self.write_page(name, template, context, relative_urls, kwargs)

    def write_page(self, name, template, context, relative_urls, kwargs):
        """Queues the page if it changed: finish() renders the queue over every processor."""
        path = sanitised_join(self.output_path, name)
        if path in self._written_files:       # Pelican's own check, in _open_w
            raise RuntimeError(f"File {path} is to be overwritten")
        self._written_files.add(path)
        if not self.state.unchanged(name, self.page_key(name, template, context, relative_urls, kwargs)):
            self.pending.append((name, path, template, context, relative_urls, kwargs))

    def finish(self):
        """Renders and writes the queued pages: a share in each of RENDER_PROCESSES forks
        of this process, which have the whole context as it is (nothing to send them)."""
        pending, self.pending = self.pending, []
        processes = self.settings["RENDER_PROCESSES"] or min(
            os.cpu_count() or 1, len(pending) // MIN_PAGES_PER_PROCESS or 1)
        children = []
        try:
            for number in range(1, processes):
                pid = os.fork()
                if pid == 0:     # the child renders its share, then leaves at once
                    code = 1
                    try:
                        for page in pending[number::processes]:
                            self.render(*page)
                        code = 0
                    except BaseException:
                        traceback.print_exc()
                    finally:
                        os._exit(code)
                children.append(pid)
            for page in pending[0::processes]:
                self.render(*page)
        finally:
            failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
        if failed:
            raise RuntimeError("Des pages n'ont pas pu être rendues : voir l'erreur plus haut.")
        for function in self.afterwards:
            function()

    def after_pages(self, function):
        """Calls function() once the pages are written: work waiting on another process
        (the search index) waits while the pages are rendered."""
        self.afterwards.append(function)

    def render(self, name, path, template, context, relative_urls, kwargs):
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        output = template.render(localcontext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(output)
        signals.content_written.send(path, context=localcontext)

    def page_key(self, name, template, context, relative_urls, kwargs):
        parts = [name, template.name, relative_urls]
        if template.name not in self.variables:
            self.variables[template.name] = sorted(
                template_variables(template.environment, template.name) - PER_PAGE)
        for variable in self.variables[template.name]:
            if variable in kwargs:
                page_item = variable == "item"
                parts.append(f"{variable}={self.fingerprints.of(kwargs[variable], page_item)}")
            elif variable in context:
                parts.append(f"{variable}:{self.fingerprints.of_shared(context[variable])}")
        return digest("\n".join(map(str, parts)))

    def write_data(self, name, make, *inputs):
        """Writes make() (text or bytes) as `name`, unless `inputs` are those of the last build."""
        if self.state.unchanged(name, self.fingerprints.of(inputs)):
            return
        data = make()
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)

    def copy_file(self, source, name):
        """Copies `source` as `name` (with its date), unless the last build copied it as it is."""
        stat = os.stat(source)
        if self.state.unchanged(name, f"{stat.st_size}:{stat.st_mtime_ns}"):
            return
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copy2(source, path)

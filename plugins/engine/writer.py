"""The writer every plugin writes with: pages from templates, files made by code, copies.

Pelican's Writer renders paginated templates; this one adds what the site's plugins
need of it, whichever plugins are on:

- `write_data(name, make, *inputs)`: writes what `make()` returns (text or bytes);
  `inputs` are what it is made from, so that a writer that keeps the last build
  (plugins/incremental) can skip it when they have not changed;
- `copy_file(source, name)`: copies a file into the output, with its date;
- `after_pages(function)`: runs `function()` once every page is written (work that waits
  on another process, like the search index, waits while pages are rendered).

A page's variables `page_scripts` (the scripts its templates ask for, written once at
the end of the page by base.html), `SITEURL`, `localsiteurl` and `output_file` are set
per page by the writer itself, and `fragments`, the HTML its templates make the same
on other pages (Fragments).
"""

import os
import shutil

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .french import counted

# Set per page by the writer, from the page's name: never part of what a page is made from.
PER_PAGE = frozenset({"SITEURL", "localsiteurl", "output_file", "page_scripts", "fragments"})


class Fragments(dict):
    """HTML that templates make alike on every page asking with the same arguments (an
    item's card: its heading level, the page's SITEURL), made once per build and process:
    a card appears on six pages on average. The arguments must be all the fragment reads
    besides the item's attributes; the item itself is kept, so that its id stays its own.

    In a template: `fragments.made("card", item, level, SITEURL) or fragments.keep("card",
    item, level, SITEURL, the_html_made)`."""

    def made(self, kind, item, *arguments):
        found = self.get((kind, id(item), arguments))
        return found and found[1]

    def keep(self, kind, item, *arguments_then_html):
        *arguments, html = arguments_then_html
        self[kind, id(item), tuple(arguments)] = item, html
        return html


class ByPage(dict):
    """A context value that each page reads at its own address only (value.get(page_url)):
    a page is made from its entry, not from the whole table (a new tag's feed changes
    the tag's page alone)."""


class SiteWriter(Writer):
    """Set `build` (the engine's Build) on a subclass before Pelican makes the writer."""

    build = None

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.afterwards = []
        self.fragments = Fragments()
        self.files_written = 0
        self.folders = set()        # the folders this writer made or found
        self.output_root = os.path.abspath(self.output_path)
        if self.build is not None:
            self.build.writer = self

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's Writer.write_file (4.12), page by page through write_page()."""
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
            # Each page made once: a list's page is also its neighbours' previous or next page.
            pages = {key: [None] + [paginator.page(number) for number in range(1, paginator.num_pages + 1)]
                     + [None] for key, paginator in paginators.items()}
            for number in range(1, next(iter(paginators.values())).num_pages + 1):
                page_kwargs = dict(kwargs)
                for key, paginator in paginators.items():
                    page = pages[key][number]
                    page_kwargs.update({
                        f"{key}_paginator": paginator, f"{key}_page": page,
                        f"{key}_previous_page": pages[key][number - 1], f"{key}_next_page": pages[key][number + 1]})
                self.write_page(page.save_as, template, context, relative_urls, page_kwargs)
        else:
            self.write_page(name, template, context, relative_urls, kwargs)

    def output_file_path(self, name):
        """The page's path in the output; a second page of the same name is a fatal error."""
        if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
            path = sanitised_join(self.output_path, name)     # (refuses what leads out of the output)
        else:       # the same, without normalising a path that is already plain
            path = os.path.join(self.output_root, name)
        if path in self._written_files:       # Pelican's own check, in _open_w
            raise RuntimeError(f"File {path} is to be overwritten")
        self._written_files.add(path)
        return path

    def write_page(self, name, template, context, relative_urls, kwargs):
        self.render(name, self.output_file_path(name), template, context, relative_urls, kwargs)

    def render(self, name, path, template, context, relative_urls, kwargs, unless_same=False):
        """Renders and writes the page; unless_same: not if the file holds it already.
        True if it wrote it."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext["page_scripts"] = []
        localcontext["fragments"] = self.fragments
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        output = template.render(localcontext)
        if unless_same and os.path.isfile(path):
            with open(path, encoding="utf-8") as existing:
                if existing.read() == output:
                    return False
        self.write_bytes(path, output.encode("utf-8"))
        signals.content_written.send(path, context=localcontext)
        return True

    def write_data(self, name, make, *inputs):
        """Writes make() (text or bytes) as `name`; `inputs`: what it is made from."""
        path = sanitised_join(self.output_path, name)
        data = make()
        self.write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)

    def folder_for(self, path):
        """Makes the folder of `path` unless this writer made it already (a file per folder:
        a failed mkdir per page otherwise)."""
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)

    def write_bytes(self, path, data):
        """Writes `data` as the file `path` (its folder made): three system calls, not six."""
        self.folder_for(path)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)
        self.files_written += 1

    def copy_file(self, source, name):
        """Copies `source` as `name`, with its date."""
        path = sanitised_join(self.output_path, name)
        self.folder_for(path)
        shutil.copy2(source, path)
        self.files_written += 1

    def after_pages(self, function):
        """Calls function() once the pages are written."""
        self.afterwards.append(function)

    def summary(self):
        """What the build's last line says of the files."""
        return counted(self.files_written, "fichier écrit", "fichiers écrits")

    def finish(self):
        """Called by the engine once every generator has written its output."""
        if self.build is not None:
            self.build.first_pages_written()
        afterwards, self.afterwards = self.afterwards, []
        for function in afterwards:
            function()

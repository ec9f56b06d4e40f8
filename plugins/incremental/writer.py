"""Pelican's writer, which renders a page only when what its template reads has changed.

A page's key is the fingerprint of its output name and of every variable its template
(with the templates it extends, includes and imports) can read, taken from the page's
own arguments or from the shared context. A page whose key matches the last build's,
and whose file is still there, is neither rendered nor written.
"""

import os
import shutil

from jinja2 import meta
from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .fingerprint import Fingerprints, digest


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

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's Writer.write_file (4.12), page by page, skipping unchanged pages."""
        if not name:
            return
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
                self.write_page(page.save_as, template, context, relative_urls, override_output,
                                page_kwargs)
        else:
            self.write_page(name, template, context, relative_urls, override_output, kwargs)

    def write_page(self, name, template, context, relative_urls, override, kwargs):
        path = sanitised_join(self.output_path, name)
        if self.state.unchanged(name, self.page_key(name, template, context, relative_urls, kwargs)):
            self._written_files.add(path)      # a second page of the same name still fails
            return
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
        with self._open_w(path, "utf-8", override=override) as out:
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

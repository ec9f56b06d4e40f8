"""The engine: reads the enabled plugins' declarations, checks and orders them, gives
Pelican their generators and the writer, calls their hooks, and says what was built.

It listens to Pelican's signals once, whichever plugin registers first, and reads the
plugins of each build from that build's own PLUGINS: a plugin loaded by an earlier build
of the same process (tests, the live-reload server) has no say in a later one.
"""

import atexit
import gc
import importlib
import logging
import os
import pkgutil
import sys
import time
from collections import defaultdict

from pelican import signals
from pelican.log import console

from .contract import KIND_WORDS, ContractError, Plugin, SiteError
from .french import seconds
from .writer import SiteWriter


class Build:
    """One build: its plugins in the order they run, its writer, what it reports."""

    def __init__(self, pelican, plugins):
        self.pelican, self.plugins = pelican, plugins
        self.settings = pelican.settings
        self.context = None          # set when the generators are made
        self.writer = None           # set by the writer itself
        self.started = time.monotonic()
        self.reports = []            # what the last line says, in plugin order
        # Set by the dev server (tools/live): pages to write before the others, and whom to tell;
        # a dict that stays from one build to the next, where plugins keep what they may reuse.
        self.first_pages = None
        self.memory = None
        self.deferred = []           # what waits for the first pages (after_first_pages)
        self.after_context = lambda: None      # set by run_and_report()

    def report(self, text):
        self.reports.append(text)

    def provides(self, kind, name):
        """True if an enabled plugin provides the name (kind: "context", "attributes", …)."""
        return any(name in getattr(plugin.provided, kind) for plugin in self.plugins)

    def after_first_pages(self, function):
        """Calls function() once the dev server's first pages are written, at once in any
        other build: work no page needs (the search index) starts as early as it can."""
        if self.first_pages is None:
            function()
        else:
            self.deferred.append(function)

    def first_pages_written(self):
        deferred, self.deferred = self.deferred, []
        for function in deferred:
            function()

    def page_links(self):
        """Attributes that link items to others shown only on their own page (every plugin's)."""
        return frozenset(name for plugin in self.plugins for name in plugin.page_links)


def without_traceback(record):
    """Pelican logs a failed build with its traceback; a broken contribution or plugins to
    change are no bug: their French message is the whole of it."""
    error = record.exc_info[1] if record.exc_info else None
    if isinstance(error, SiteError):
        record.msg, record.args, record.exc_info, record.exc_text = "%s", (str(error),), None, None
    return True


def connect():
    """Listens to Pelican's signals; a second call changes nothing."""
    logging.getLogger("pelican").addFilter(without_traceback)
    signals.initialized.connect(on_initialized)
    signals.get_generators.connect(on_get_generators)
    signals.get_writer.connect(on_get_writer)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)


def declarations(pelican):
    """The declarations of this build's plugins, in the order of PLUGINS."""
    return [module.PLUGIN for module in pelican.plugins
            if isinstance(getattr(module, "PLUGIN", None), Plugin)]


def ordered(plugins):
    """Each plugin after those that provide what it needs or uses (and those it requires);
    between plugins that do not depend on each other, the order they are given in."""
    providers = defaultdict(set)
    for plugin in plugins:
        for key in plugin.provided.named():
            providers[key].add(plugin.name)
    names = {plugin.name for plugin in plugins}
    after = {plugin.name: (set(plugin.requires) & names).union(
        *(providers[key] for key in plugin.needs.named() + plugin.uses.named())) - {plugin.name}
        for plugin in plugins}
    order, done = [], set()
    while len(order) < len(plugins):
        ready = [plugin for plugin in plugins if plugin.name not in done and after[plugin.name] <= done]
        if not ready:
            stuck = sorted(name for name in names - done)
            raise ContractError("Les extensions " + ", ".join(f"« {name} »" for name in stuck)
                                + " dépendent les unes des autres en cercle : aucune ne peut passer la "
                                "première. Revoyez ce que chacune déclare lire (needs, uses) dans son PLUGIN.")
        order.append(ready[0])
        done.add(ready[0].name)
    return order


def known_declarations(settings):
    """Every plugin found in PLUGIN_PATHS, to name in a refusal the one that would help."""
    found = {}
    for folder in settings.get("PLUGIN_PATHS", ()):
        for module in pkgutil.iter_modules([folder]):
            try:
                declared = getattr(importlib.import_module(module.name), "PLUGIN", None)
            except Exception:      # noqa: BLE001 - only for the message; a broken one is skipped
                continue
            if isinstance(declared, Plugin):
                found[declared.name] = declared
    return found


def contract_problems(plugins, settings):
    """What the enabled plugins need and nobody enabled provides, in French, one line each:
    a missing plugin is named once per plugin that needs it."""
    names = {plugin.name for plugin in plugins}
    provided = {key for plugin in plugins for key in plugin.provided.named()}
    known = None
    problems = []
    for plugin in plugins:
        missing = [required for required in plugin.requires if required not in names]
        problems += [f"« {plugin.name} » ne fonctionne pas sans l'extension « {required} », absente de PLUGINS : "
                     f"{add_or_remove(required, plugin.name)}" for required in missing]
        for kind, name in plugin.needs.named():
            if (kind, name) in provided or (kind in ("settings", "context") and name in settings):
                continue
            if known is None:
                known = known_declarations(settings)
            helpers = sorted(other for other, declared in known.items() if (kind, name) in declared.provided.named())
            if set(helpers) & set(missing):
                continue             # said above
            if helpers:
                fix = (f"que fournit l'extension « {helpers[0]} », absente de PLUGINS : "
                       + add_or_remove(helpers[0], plugin.name))
            else:
                fix = "qu'aucune extension ne fournit : déclarez-la dans le PLUGIN de l'extension qui la produit"
            problems.append(f"« {plugin.name} » lit {KIND_WORDS[kind]} « {name} », {fix}")
    return problems


def add_or_remove(missing, plugin):
    return f"ajoutez « {missing} » à PLUGINS (pelicanconf.py), ou retirez « {plugin} »"


def on_initialized(pelican):
    plugins = ordered(declarations(pelican))
    settings = pelican.settings
    for plugin in plugins:
        for key, value in plugin.settings.items():
            settings.setdefault(key, value)
    for plugin in plugins:
        if plugin.configure is not None:
            plugin.configure(settings)
    problems = contract_problems(plugins, settings)
    if problems:
        raise ContractError("Les extensions de PLUGINS ne peuvent pas construire le site ainsi :\n"
                            + "\n".join(f"- {problem}" for problem in problems))
    build = pelican.site_build = Build(pelican, plugins)
    for plugin in plugins:
        if plugin.initialized is not None:
            plugin.initialized(build)
    pelican.run = reporting(build, pelican.run)


def started_as_pelican():
    """True in a `pelican` or `python -m pelican` process (not invoke's, nor a test's)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    return (getattr(spec, "name", None) == "pelican.__main__"
            or os.path.basename(sys.argv[0] if sys.argv else "") == "pelican")


def leave_at_once():
    """The first exit handler (registered last, after a build that ended well): the process
    leaves with the code 0 it would have, without freeing the site object by object first
    (0.4 s of a command-line rebuild at N = 5000). Files are closed, the pools' threads
    joined (before any exit handler); logging and the consoles are flushed here."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def reporting(build, run):
    """`run`, then the build's last line: what was built (instead of Pelican's count of its
    own articles and pages, which are none here).

    Python's cycle collector is off while the generators make the context, whose objects all
    live until the end of the build (each collection walked them all); once it is made,
    they are set apart (gc.freeze) and pages are rendered with it on again."""
    def run_and_report():
        build.started = time.monotonic()
        collecting = gc.isenabled()
        gc.disable()
        build.after_context = lambda: (gc.freeze(), collecting and gc.enable())
        try:
            run()
        finally:
            console.quiet = False
            gc.unfreeze()
            if collecting:
                gc.enable()
        took = seconds(time.monotonic() - build.started)
        output = os.path.relpath(build.pelican.output_path)
        output = build.pelican.output_path if output.startswith("..") else output
        console.print(f"Site construit dans {output} en {took} s : " + " ; ".join(build.reports) + ".",
                      soft_wrap=True)
        if started_as_pelican():
            atexit.register(leave_at_once)
    return run_and_report


def on_get_generators(pelican):
    build = getattr(pelican, "site_build", None)
    if build is None:
        return []
    return [generator_class(plugin, build) for plugin in build.plugins if plugin.generator is not None]


def generator_class(plugin, build):
    """The plugin's generator, which knows its build and, with PLUGIN_CONTRACT_CHECK, checks
    that what it added to the context and to items is what the plugin declares."""
    base = plugin.generator

    def generate_context(self):
        build.context = self.context
        if hasattr(base, "generate_context"):
            checked(plugin, build, base.generate_context, self)

    return type(base.__name__, (base,), {"generate_context": generate_context, "site_build": build,
                                         "site_plugin": plugin})


def on_get_writer(pelican):
    build = getattr(pelican, "site_build", None)
    if build is None:
        return None
    writers = [plugin.writer for plugin in build.plugins if plugin.writer is not None]
    base = writers[-1] if writers else SiteWriter
    return type(base.__name__, (base,), {"build": build})


def on_all_generators_finalized(generators):
    ours = {generator.site_plugin.name: generator for generator in generators if hasattr(generator, "site_plugin")}
    if not ours:
        return
    build = next(iter(ours.values())).site_build
    for plugin in build.plugins:
        if hasattr(ours.get(plugin.name), "gather_context"):
            checked(plugin, build, ours[plugin.name].gather_context)
        if plugin.context_ready is not None:
            checked(plugin, build, plugin.context_ready, build)
    build.after_context()


def checked(plugin, build, step, *args):
    """step(*args); with PLUGIN_CONTRACT_CHECK, it must add only what the plugin declares."""
    if not build.settings.get("PLUGIN_CONTRACT_CHECK"):
        return step(*args)
    with DeclaredOnly(plugin, build):
        return step(*args)


def on_finalized(pelican):
    build = getattr(pelican, "site_build", None)
    if build is None:
        return
    if build.writer is not None:
        build.writer.finish()
    for plugin in build.plugins:
        if plugin.finalized is not None:
            plugin.finalized(build)
    if build.writer is not None:
        build.report(build.writer.summary())
    console.quiet = True       # Pelican's own last line follows: reporting() says what was built


class DeclaredOnly:
    """Checks that a plugin's step added to the context and to items only what it declares,
    and every context key it declares (PLUGIN_CONTRACT_CHECK)."""

    def __init__(self, plugin, build):
        self.plugin, self.build = plugin, build

    def items(self):
        """Every contribution, as generators register them with Pelican (add_source_path)."""
        return list(self.build.context["generated_content"].values())

    def __enter__(self):
        self.keys = set(self.build.context)
        self.attributes = {id(item): set(vars(item)) for item in self.items()}

    def __exit__(self, kind, error, trace):
        if error is not None:
            return False
        declared = self.plugin.provided
        context = self.build.context
        added = set(context) - self.keys - set(declared.context)
        missing = set(declared.context) - set(context)
        problems = [f"la clé de contexte « {key} », ajoutée sans être déclarée" for key in sorted(added)]
        problems += [f"la clé de contexte « {key} », déclarée mais jamais ajoutée" for key in sorted(missing)]
        allowed = set(declared.attributes)
        for item in self.items():
            before = self.attributes.get(id(item))
            if before is None:          # made by this step: its own attributes and the model's fields
                before = set(item.metadata) | PELICAN_ATTRIBUTES
            for name in sorted(set(vars(item)) - before - allowed):
                problems.append(f"l'attribut « {name} » posé sur {item.relative_source_path} sans être déclaré")
                allowed.add(name)
        if problems:
            raise ContractError(f"L'extension « {self.plugin.name} » ne fait pas ce que déclare son PLUGIN : "
                                + " ; ".join(problems) + ". Déclarez-les dans son PLUGIN (provides).")
        return False


# What Pelican's Content.__init__ sets on every item it makes (pelican/contents.py, 4.12),
# besides one attribute per metadata key (an item keeps its _content as _html: items.Item).
PELICAN_ATTRIBUTES = frozenset({
    "settings", "_content", "_html", "_context", "translations", "metadata", "template", "author", "authors",
    "in_default_lang", "lang", "slug", "source_path", "relative_source_path", "date_format", "timezone",
    "date", "locale_date", "modified", "locale_modified", "status", "_status", "_summary",
})

"""What a plugin declares: what it adds to the site, what it reads from the others.

Every plugin of the site has, in its `__init__.py`, a `PLUGIN = Plugin(...)` and
`register = PLUGIN.register`. From these declarations the engine (build.py):

- refuses to start, with one French message naming the plugin and what it lacks, when a
  plugin requires another that is not in PLUGINS, or needs a context key, a setting or
  an item attribute that no enabled plugin provides;
- orders the plugins: each runs after the plugins that provide what it needs or uses;
  between plugins that do not depend on each other, the order of PLUGINS;
- sets each plugin's settings to their defaults (pelicanconf.py may set any), then
  calls its `configure(settings)`, in that order;
- with PLUGIN_CONTRACT_CHECK (on in the tests), checks after each generator that it set
  no context key and no item attribute it did not declare, and every context key it
  declared.

The three kinds of names a plugin may read or add are context keys (what templates
and later plugins read), item attributes (set on contributions), settings.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


class SiteError(Exception):
    """An error for the people who build the site, not a bug: its French message says what
    to do, and it is shown without a traceback."""
    exitcode = 1


class ContractError(SiteError):
    """Plugins that cannot work together as PLUGINS lists them."""


@dataclass(frozen=True)
class Keys:
    """Names of each kind; `filters` are Jinja filters templates call."""
    context: tuple = ()
    attributes: tuple = ()
    settings: tuple = ()
    filters: tuple = ()

    def named(self):
        """[(kind, name)] of every name."""
        return ([("context", name) for name in self.context]
                + [("attributes", name) for name in self.attributes]
                + [("settings", name) for name in self.settings]
                + [("filters", name) for name in self.filters])


KIND_WORDS = {"context": "la clé de contexte", "attributes": "l'attribut de contenu",
              "settings": "le réglage", "filters": "le filtre de gabarit"}


@dataclass(frozen=True)
class Plugin:
    """A plugin's declaration. `generator`: the Pelican generator it adds, if any.

    needs: names it reads that another enabled plugin must provide;
    uses: names it reads when a plugin provides them (it then runs after that plugin);
    provides: names it adds (its settings are the keys of `settings`);
    requires: plugins it cannot work without, named in the refusal;
    page_links: attributes it sets that link items to other items which only the item's
      own page shows (related items, previous and next): an incremental build counts
      them for that page alone (plugins/incremental/fingerprint.py);
    writer: a SiteWriter subclass the build writes with (the last plugin that has one wins);
    initialized(build), context_ready(build), finalized(build): called once the plugins
      are set up, once every generator has made its context, and once every file is
      written (build: the engine's Build, with its pelican, settings, context, writer).

    A generator may have a gather_context() method besides generate_context(): what
    gathers from the others (the feeds of every page) runs there, once every generator
    has made its context, whatever the order.
    """
    name: str
    generator: type = None
    settings: Mapping = field(default_factory=dict)
    configure: Callable = None
    requires: tuple = ()
    needs: Keys = Keys()
    uses: Keys = Keys()
    provides: Keys = Keys()
    page_links: tuple = ()
    writer: type = None
    initialized: Callable = None
    context_ready: Callable = None
    finalized: Callable = None

    def register(self):
        from . import build
        build.connect()

    @property
    def provided(self):
        return Keys(self.provides.context, self.provides.attributes,
                    tuple(self.settings) + self.provides.settings, self.provides.filters)

"""The network: a site gathers what its sister sites publish (their events, projects,
actors and news, from their exports), and the events of public iCalendar feeds and
OpenAgenda agendas, as content/network.yaml lists them.

`invoke network-fetch` (fetch.py) brings each source's files into the store, bounded in
time and size, each checked (records.py) before it replaces the last good copy; the
build reads the store only (generator.py): /reseau/, /reseau/agenda/ (deduplicated, with
filters), its iCalendar, Atom, RSS and JSON. Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import NetworkGenerator
from .settings import DEFAULT_SETTINGS, configure

PLUGIN = Plugin(
    "network", NetworkGenerator, settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("themes", "now"), settings=("PUBLIC_SITEURL", "SITENAME", "FEED_MAX_ITEMS")),
    uses=Keys(context=("map",)),
    provides=Keys(context=("network", "index_urls"), settings=("INCREMENTAL_WATCHED_PATHS",)))
register = PLUGIN.register

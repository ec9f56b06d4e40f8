"""The weekly digest, "La lettre": for each ISO week with articles or resources
(and the current week, from AGENDA_NOW), a page DIGEST_URL/AAAA-SS/ with what was
published that week and the events of the weeks after it, grouped by theme; the
index of digests; their Atom and RSS feed (written by the feeds plugin); and an
e-mail version of each (email.html: inline styles, tables, absolute URLs;
email.txt: the plain-text alternative) that `invoke digest` packs into a .eml
a mailing tool sends as is. Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import DigestGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "digest", DigestGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("articles", "resources", "calls", "dossiers", "projects", "events", "themes", "now"),
               settings=("PUBLIC_SITEURL", "SITENAME")),
    provides=Keys(context=("digest", "digest_issues", "index_urls")))
register = PLUGIN.register

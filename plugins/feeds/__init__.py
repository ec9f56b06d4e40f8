"""Feeds for aggregators, written by feedgen: Atom 1.0 and RSS 2.0 for the whole
site, each type, the agenda by event start, each theme, tag, territory and actor.

Each feed sits next to the page it follows (`/thematiques/biologie/atom.xml`
beside `/thematiques/biologie/`), so that page announces it with
`<link rel="alternate">`; `/flux/` lists them all with the agenda's calendars.
Pelican's own feed writer is off (pelicanconf.py). Settings: settings.py.
"""

from engine import Keys, Plugin

from .generator import FeedsGenerator
from .settings import DEFAULT_SETTINGS, configure

PLUGIN = Plugin(
    "feeds", FeedsGenerator, settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("published_items", "articles", "events", "upcoming_events", "resources", "calls",
                        "dossiers", "projects", "actors", "communities"),
               settings=("PUBLIC_SITEURL", "SITENAME", "SITEDESCRIPTION", "ARTICLE_LIST_URL",
                         "RESOURCE_LIST_URL", "DOSSIER_LIST_URL", "PROJECT_LIST_URL"),
               attributes=("theme_slugs", "tag_list", "status_title", "summary_text", "related", "community_items")),
    uses=Keys(context=("agenda", "calls_urls", "digest", "digest_issues", "theme_pages", "theme_links",
                       "tag_pages", "territory_pages"),
              attributes=("picture", "content"), settings=("TAGS_URL",)),
    provides=Keys(context=("feed_links", "feed_groups", "index_urls")))
register = PLUGIN.register

"""The agenda: what is on, where and for whom.

Adds /agenda/ (ongoing and upcoming events grouped by day), its filter pages
(département, city, theme, audience, event type), monthly archives, embeddable
pages for partner sites, iCalendar feeds (whole agenda, each filter, each
organizer, each event), schema.org JSON-LD, and open-data exports
(JSON, CSV, GeoJSON). Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import AgendaGenerator, group_by_day
from .settings import DEFAULT_SETTINGS, derive_settings


def configure(settings):
    derive_settings(settings)
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "agenda_days": group_by_day}


PLUGIN = Plugin(
    "agenda", AgendaGenerator, settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("events", "upcoming_events", "past_events", "actors", "communities", "themes", "now"),
               settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE"),
               attributes=("organizer_actor", "community_events", "next_start", "next_end", "session_list",
                           "theme_slugs", "location", "accent")),
    uses=Keys(attributes=("picture",), context=("network",)),
    provides=Keys(context=("agenda", "index_urls"),
                  attributes=("agenda_day", "ics_url", "agenda_links", "agenda_ics_url"),
                  filters=("agenda_days",)))
register = PLUGIN.register

"""The agenda: what is on, where and for whom.

Adds /agenda/ (ongoing and upcoming events grouped by day), its filter pages
(département, city, theme, audience, event type), monthly archives, embeddable
pages for partner sites, iCalendar feeds (whole agenda, each filter, each
organizer, each event), schema.org JSON-LD, and open-data exports
(JSON, CSV, GeoJSON). Settings and their defaults: settings.py.
"""

from functools import partial

from engine import Keys, Plugin

from .generator import AgendaGenerator, group_by_day
from .settings import DEFAULT_SETTINGS, derive_settings
from .structured_data import item_list_script


def configure(settings):
    derive_settings(settings)
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "agenda_days": group_by_day,
        "item_list_json_ld": partial(item_list_script, settings["PUBLIC_SITEURL"]),
    }


PLUGIN = Plugin(
    "agenda", AgendaGenerator, settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("events", "upcoming_events", "past_events", "actors", "themes", "now"),
               settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE"),
               attributes=("organizer_actor", "next_start", "next_end", "session_list", "theme_slugs", "location")),
    uses=Keys(attributes=("picture",)),
    provides=Keys(context=("agenda", "index_urls"),
                  attributes=("agenda_day", "ics_url", "json_ld", "agenda_links", "agenda_ics_url"),
                  filters=("agenda_days", "item_list_json_ld")))
register = PLUGIN.register

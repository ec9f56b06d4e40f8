"""The agenda: what is on, where and for whom.

Adds /agenda/ (ongoing and upcoming events grouped by day), its filter pages
(département, city, theme, audience, event type), monthly archives, embeddable
pages for partner sites, iCalendar feeds (whole agenda, each filter, each
organizer, each event), schema.org JSON-LD, and open-data exports
(JSON, CSV, GeoJSON). Settings and their defaults: settings.py.
"""

from functools import partial

from content_model.plugin import generator_plugin

from .generator import AgendaGenerator, group_by_day
from .settings import apply_defaults
from .structured_data import item_list_script


def configure(settings):
    apply_defaults(settings)
    settings["JINJA_FILTERS"] = {
        **settings.get("JINJA_FILTERS", {}),
        "agenda_days": group_by_day,
        "item_list_json_ld": partial(item_list_script, settings["PUBLIC_SITEURL"]),
    }


register = generator_plugin(AgendaGenerator, configure)

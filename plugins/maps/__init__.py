"""Maps: /carte/, every upcoming event, project and actor that has coordinates, with
the agenda's filters, and the actors who lend tools; and a small map on each located
event, project and actor page.

The build writes the map's data as GeoJSON (MAP_URL/lieux.geojson: the agenda's
open-data record for events, projects and actors added) and copies Leaflet from node_modules
beside it: no CDN. /carte/ opens on a first view the build draws (preview.py: tiles and
places, with or without JavaScript); Leaflet takes it over when the reader reaches for the
map. The page lists the same places by département, and events without coordinates.
Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import MapGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "maps", MapGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("upcoming_events", "projects", "actors", "resources", "themes"),
               settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE"),
               attributes=("location", "theme_slugs", "when_text", "place_text", "ends_at",
                           "summary_parts", "provider_actor")),
    uses=Keys(attributes=("picture",)),
    provides=Keys(context=("map", "index_urls"), attributes=("map_filters",)))
register = PLUGIN.register

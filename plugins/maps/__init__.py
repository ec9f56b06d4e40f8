"""Maps: /carte/, every upcoming event and every actor that has coordinates, with
the agenda's filters; and a small map on each located event and actor page.

The build writes the map's data as GeoJSON (MAP_URL/lieux.geojson: the agenda's
open-data record for events, actors added) and copies Leaflet from node_modules
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
    needs=Keys(context=("upcoming_events", "actors", "themes"), settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE"),
               attributes=("location", "theme_slugs", "when_text", "place_text", "ends_at")),
    uses=Keys(attributes=("picture",)),
    provides=Keys(context=("map", "index_urls"), attributes=("map_filters",)))
register = PLUGIN.register

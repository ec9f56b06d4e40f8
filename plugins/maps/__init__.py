"""Maps: /carte/, every upcoming event and every actor that has coordinates, with
the agenda's filters; and a small map on each located event and actor page.

The build writes the map's data as GeoJSON (MAP_URL/lieux.geojson: the agenda's
open-data record for events, actors added) and copies Leaflet from node_modules
beside it: no CDN. Without JavaScript, /carte/ lists the same places by
département, and events without coordinates are listed beside the map.
Settings and their defaults: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import MapGenerator
from .settings import apply_defaults

register = generator_plugin(MapGenerator, apply_defaults)

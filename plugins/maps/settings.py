"""Settings of the maps plugin, with their defaults; pelicanconf.py may override any."""

import os

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_SETTINGS = {
    # The map page; its GeoJSON (lieux.geojson) and Leaflet's files go beside it.
    "MAP_URL": "carte/",
    # The tiles under the markers, and the credit their provider requires.
    "MAP_TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "MAP_TILE_ATTRIBUTION": '&copy; <a href="https://www.openstreetmap.org/copyright">'
                            "les contributeurs d’OpenStreetMap</a>",
    "MAP_MAX_ZOOM": 19,
    # The zoom of the small map on an event's or actor's page.
    "MAP_PLACE_ZOOM": 15,
    # What /carte/ shows first (south, west, north, east): the site's region, so that a place
    # outside it never zooms the map out; None: all the places. A filter fits its places.
    "MAP_BOUNDS": None,
    # The view of /carte/ when nothing is located (latitude, longitude, zoom): France.
    "MAP_EMPTY_VIEW": (46.6, 2.5, 5),
    # Where `npm ci` put Leaflet (see package.json).
    "MAP_NODE_MODULES": os.path.join(REPOSITORY, "node_modules"),
}

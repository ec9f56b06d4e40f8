"""The first view of /carte/, drawn by the build: the map's tiles and its places at the view
Leaflet opens on, as plain HTML. The page shows it at once, with or without JavaScript;
theme/js/map.js loads Leaflet when the reader reaches for the map (pointer, finger, keyboard,
filter) and puts it in its place, on the same view.

Web Mercator as Leaflet and the tile servers count it: at zoom z the world is 256·2^z
pixels wide. Leaflet fits the region at the largest whole zoom at which it fits the box; the
preview is drawn at the zoom that fits the map's largest box (PREVIEW_BOX), and one zoom out
(the same tiles at half size, as Leaflet's detectRetina draws them) for smaller boxes: a
container query chooses between the two with the sizes Leaflet itself would compare.
"""

import math

TILE = 256
# The inside of .map at its largest (site.css: the page's width, 32rem high, a 1-px border),
# and at its widest on a phone (430 px wide): tiles beyond that are drawn for wider boxes only.
PREVIEW_BOX = (1118, 510)
PHONE_WIDTH = 396
# As leaflet.markercluster groups markers (map.js: maxClusterRadius).
CLUSTER_RADIUS = 40
# When the map fits all the places (no MAP_BOUNDS), as map.js does: padding and zoom limit.
FIT_PADDING, FIT_MAX_ZOOM = 24, 13
SUBDOMAINS = "abc"                 # Leaflet's {s} by default


def project(lat, lon, zoom):
    """(x, y) in the world's pixels at this zoom."""
    size = TILE * 2 ** zoom
    sine = math.sin(math.radians(max(min(lat, 85.0511287798), -85.0511287798)))
    return (lon + 180) / 360 * size, (0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)) * size


def region_size(bounds, zoom):
    south, west, north, east = bounds
    (x0, y0), (x1, y1) = project(north, west, zoom), project(south, east, zoom)
    return x1 - x0, y1 - y0


def fit_zoom(bounds, box, padding=0, max_zoom=18):
    """The largest whole zoom at which the region fits the box (Leaflet's getBoundsZoom)."""
    width, height = region_size(bounds, 0)
    if width <= 0 or height <= 0:
        return max_zoom
    scale = min((box[0] - 2 * padding) / width, (box[1] - 2 * padding) / height)
    return max(0, min(max_zoom, math.floor(round(math.log2(scale), 2))))


def tile_url(template, zoom, x, y):
    return (template.replace("{z}", str(zoom)).replace("{x}", str(x)).replace("{y}", str(y))
            .replace("{s}", SUBDOMAINS[abs(x + y) % len(SUBDOMAINS)]).replace("{r}", ""))


def tiles(template, zoom, centre, reach, near=None):
    """[(url, left, top, far)]: the tiles within reach (half width, half height) of the centre,
    placed from it, in the pixels of this zoom; far: beyond `near` pixels of it sideways."""
    count = 2 ** zoom
    first_x, last_x = math.floor((centre[0] - reach[0]) / TILE), math.floor((centre[0] + reach[0]) / TILE)
    first_y, last_y = math.floor((centre[1] - reach[1]) / TILE), math.floor((centre[1] + reach[1]) / TILE)
    return [(tile_url(template, zoom, x % count, y), round(x * TILE - centre[0]), round(y * TILE - centre[1]),
             near is not None and (x * TILE > centre[0] + near or (x + 1) * TILE < centre[0] - near))
            for y in range(max(first_y, 0), min(last_y, count - 1) + 1)
            for x in range(first_x, last_x + 1)]


def groups(places, zooms, max_zoom, radius=CLUSTER_RADIUS):
    """{zoom: [(latitude, longitude, [items])]}: the places as leaflet.markercluster groups
    them at each of these zooms, shown at the mean of their places. As it does, a place is
    added from the highest zoom down: at each zoom it joins the nearest group within reach
    of the place that began it, else it begins one with the nearest lone place; then the
    group is also theirs at every lower zoom."""
    lowest = min(zooms)
    levels = {zoom: [] for zoom in range(max(max_zoom, lowest), lowest - 1, -1)}      # [group]
    # Per zoom: the groups by square of `radius` pixels around their first place (only the
    # nine squares around a place can hold one within reach), and the group of each item.
    cells = {zoom: {} for zoom in levels}
    owner = {zoom: {} for zoom in levels}

    def nearest(point, zoom, crowded):
        x, y = math.floor(point[0] / radius), math.floor(point[1] / radius)
        reach = [(math.dist(unit[2], point), unit[3], unit)
                 for cell_x in (x - 1, x, x + 1) for cell_y in (y - 1, y, y + 1)
                 for unit in cells[zoom].get((cell_x, cell_y), ()) if (len(unit[1]) > 1) == crowded]
        reach = [found for found in reach if found[0] <= radius]
        return min(reach, key=lambda found: found[:2])[2] if reach else None

    for lat, lon, item in places:
        for zoom, units in levels.items():
            point = project(lat, lon, zoom)
            found = nearest(point, zoom, True) or nearest(point, zoom, False)
            if found:
                first = found[1][0]
                for lower in range(zoom, lowest - 1, -1):
                    unit = owner[lower][id(first)]
                    unit[1].append(item)
                    owner[lower][id(item)] = unit
                break
            unit = [(lat, lon), [item], point, len(units)]       # its place, items, pixel, rank
            units.append(unit)
            owner[zoom][id(item)] = unit
            cells[zoom].setdefault((math.floor(point[0] / radius), math.floor(point[1] / radius)), []).append(unit)
    where = {id(item): (lat, lon) for lat, lon, item in places}
    return {zoom: [(sum(where[id(item)][0] for item in items) / len(items),
                    sum(where[id(item)][1] for item in items) / len(items), items)
                   for _, items, *_ in levels[zoom]] for zoom in zooms}


def preview(places, template, bounds=None, empty_view=(46.6, 2.5, 5), max_zoom=19, box=PREVIEW_BOX):
    """The first view: places are (latitude, longitude, item) in a stable order. Its "steps"
    are the zoom and the zoom out (the zoom alone for a view without bounds): each has the
    size of box it needs ("fits", None for the last), its scale, the size of its tiles, its
    tiles [(url, left, top, far)] and its marks [(left, top, [items])] in CSS pixels from the
    centre. Each step has the tiles its boxes show, no more: the
    page loads those of the step shown (the others are not displayed)."""
    padding = 0
    if not bounds and places:
        latitudes, longitudes = [lat for lat, _, _ in places], [lon for _, lon, _ in places]
        bounds, padding = (min(latitudes), min(longitudes), max(latitudes), max(longitudes)), FIT_PADDING
    if bounds:
        zoom = fit_zoom(bounds, box, padding, FIT_MAX_ZOOM if padding else 18)
        south, west, north, east = bounds
        (x0, y0), (x1, y1) = project(north, west, zoom), project(south, east, zoom)
        centre = ((x0 + x1) / 2, (y0 + y1) / 2)
        width, height = region_size(bounds, zoom)
        # Leaflet rounds the zoom to 1/100 before flooring it: it fits within 0.35 %.
        fits = tuple(math.ceil(side * 2 ** -0.005 + 2 * padding) for side in (width, height))
        # The zoom for boxes from `fits` to the largest; the zoom out for smaller ones, at most
        # `fits` wide (a short wide box shows its sides empty until Leaflet draws them).
        layouts = [(1, fits, tiles(template, zoom, centre, (box[0] / 2, box[1] / 2))),
                   (0.5, None, tiles(template, zoom, centre, (fits[0], box[1]), near=PHONE_WIDTH))]
    else:
        zoom, centre = empty_view[2], project(empty_view[0], empty_view[1], empty_view[2])
        layouts = [(1, None, tiles(template, zoom, centre, (box[0] / 2, box[1] / 2)))]
    grouped = groups(places, [zoom - out for out in range(len(layouts))], max_zoom)
    steps = []
    for out, (scale, fits, shown) in enumerate(layouts):
        marks = [(round((x - centre[0]) * scale), round((y - centre[1]) * scale), items)
                 for lat, lon, items in grouped[zoom - out] for x, y in [project(lat, lon, zoom)]]
        # Tiles drawn at their size on screen (not scaled down), as Leaflet's detectRetina does.
        shown = [(url, round(left * scale), round(top * scale), far) for url, left, top, far in shown]
        steps.append({"scale": scale, "fits": fits, "tile_size": round(TILE * scale), "tiles": shown, "marks": marks})
    return {"zoom": zoom, "steps": steps}


def first_view(places, settings, bounds, kind, expires):
    """preview() of places [(latitude, longitude, item)] with the settings' tiles, its marks
    as templates draw them (partials/map_preview.html): the items a mark stands for, the kind
    of the first (kind(item)), and the first moment one of them is over (expires(item), None
    for what never is: map.js takes over then)."""
    view = preview(places, settings["MAP_TILE_URL"], bounds, settings["MAP_EMPTY_VIEW"], settings["MAP_MAX_ZOOM"])
    for step in view["steps"]:
        step["marks"] = [{"left": left, "top": top, "items": items, "kind": kind(items[0]),
                          "expires": min(filter(None, map(expires, items)), default=None)}
                         for left, top, items in step["marks"]]
    return view


def preview_css(view):
    """The rules that choose the step a box shows (MAP_URL/apercu.css): the zoom where the box
    holds the region at it, as Leaflet would choose, else the zoom out (site.css), whose far
    tiles are for boxes wider than a phone's."""
    fits = view["steps"][0]["fits"]
    if not fits:
        return "/* Une seule vue : pas de choix. */\n"
    return (f"@container (min-width: {fits[0]}px) and (min-height: {fits[1]}px) {{\n"
            "  .map-preview__step.map-preview__step--in { display: block; }\n"
            "  .map-preview__step.map-preview__step--out { display: none; }\n}\n"
            f"@container (min-width: {PHONE_WIDTH + 1}px) {{\n"
            "  .map-preview__tiles .map-preview__tile--far { display: block; }\n}\n")

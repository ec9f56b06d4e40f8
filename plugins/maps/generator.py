"""The map's generator: /carte/, its GeoJSON, Leaflet's files, and what event, project and
actor pages need for their small map (context["map"]).

Runs after the agenda's generator: reads `upcoming_events`, `projects`, `actors`, `resources`
(who lends what), `themes`.
"""

import json
import os
from collections import defaultdict
from functools import partial

from pelican.generators import Generator

from content_model.describe import capitalised, date_block, place_text
from content_model.exports import event_record, feature_collection, point_feature
from content_model.facets import FACETS
from content_model.model import fold, slug_from_title
from content_model.territories import departement_label
from engine.french import typographic

from .preview import first_view, preview_css

# The agenda's filters the map offers (not the city: the map shows where things are).
MAP_FACETS = ("departement", "theme", "public", "type")
# The kinds of places, in the order of the "Montrer" choice and of the lists; the actors who
# lend tools (the catalogue's providers) are a choice of their own.
KINDS = (("event", "Événements à venir", "Événements"), ("project", "Projets", "Projets"),
         ("actor", "Acteurs", "Acteurs"))
LENDER = ("preteur", "Acteurs qui prêtent des outils")
# Keeps "musée" the structure, or "atelier" the project, apart from any event type.
TYPE_PREFIX = {"event": "", "project": "projet-", "actor": "acteur-"}
KIND_ORDER = {kind: position for position, (kind, _, _) in enumerate(KINDS)}
KIND_LABELS = {kind: label for kind, label, _ in KINDS}
LEAFLET_DIST = os.path.join("leaflet", "dist")
# What the pages load; the images leaflet.css points to are copied too (leaflet_files).
LEAFLET_FILES = ("leaflet.js", "leaflet.css")
# Markers that would overlap are grouped, and open as the reader zooms in (leaflet.markercluster).
CLUSTER_FILES = ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")


class MapSetupError(Exception):
    pass


def leaflet_files(node_modules):
    """(version, [(source path, name under the versioned folder)])."""
    try:
        with open(os.path.join(node_modules, "leaflet", "package.json"), encoding="utf-8") as handle:
            version = json.load(handle)["version"]
    except OSError:
        raise MapSetupError(
            f"Carte : Leaflet est introuvable dans {node_modules}. Lancez `invoke setup` (npm ci) pour "
            "l'installer, ou retirez « maps » de PLUGINS (pelicanconf.py).") from None
    dist = os.path.join(node_modules, LEAFLET_DIST)
    images = sorted(os.listdir(os.path.join(dist, "images")))
    cluster = os.path.join(node_modules, "leaflet.markercluster", "dist")
    if not os.path.isdir(cluster):
        raise MapSetupError(f"Carte : leaflet.markercluster est introuvable dans {node_modules}. Lancez "
                            "`invoke setup` (npm ci) pour l'installer.")
    return version, [(os.path.join(dist, name), name) for name in LEAFLET_FILES] + [
        (os.path.join(dist, "images", name), f"images/{name}") for name in images] + [
        (os.path.join(cluster, name), name) for name in CLUSTER_FILES]


def is_located(item):
    return "lat" in (getattr(item, "location", None) or {})


def item_filters(item, themes, lent):
    """{filter key: [(slug, label)]} of an event, project or actor: the agenda's filters, and
    what it is ("montrer"); a project's type is its kind of initiative, an actor's its kind of
    structure; an actor who lends tools (`lent`: what it lends) is also a lender."""
    kind = item.ctype.name
    filters = {facet.key: list(facet.values_of(item, themes)) for facet in FACETS if facet.key in MAP_FACETS}
    kind_of = {"project": getattr(item, "project_kind", None), "actor": getattr(item, "actor_type", None)}.get(kind)
    if kind_of:
        filters["type"] = [(TYPE_PREFIX[kind] + slug_from_title(kind_of), capitalised(kind_of))]
    filters["montrer"] = [(kind, KIND_LABELS[kind])] + ([LENDER] if lent else [])
    return filters


def filter_options(items):
    """{filter key: [(slug, label, count)]}: the choices of the map's filters, by label; what
    to show in the order of KINDS; the types grouped by kind, [(group, choices)]."""
    found = {key: {} for key in MAP_FACETS + ("montrer",)}
    for item in items:
        for key, values in item.map_filters.items():
            for slug, label in values:
                _, _, count = found[key].get(slug, (slug, label, 0))
                found[key][slug] = (slug, label, count + 1)
    options = {key: sorted(values.values(), key=lambda option: (fold(option[1]), option[0]))
               for key, values in found.items()}
    order = [kind for kind, _, _ in KINDS] + [LENDER[0]]
    options["montrer"] = sorted(options["montrer"], key=lambda option: order.index(option[0]))
    options["type"] = [(group, [option for option in options["type"] if kind_of_type(option[0]) == kind])
                       for kind, _, group in KINDS]
    options["type"] = [(group, choices) for group, choices in options["type"] if choices]
    return options


def kind_of_type(slug):
    return next((kind for kind, prefix in TYPE_PREFIX.items() if prefix and slug.startswith(prefix)), "event")


def by_departement(items):
    """[(heading, places: events, then projects, then actors)] by département name; places
    without one come last."""
    groups = defaultdict(list)
    for item in items:
        groups[item.location.get("departement")].append(item)
    named = sorted((code for code in groups if code), key=lambda code: fold(departement_label(code)))
    return [(departement_label(code) if code else "Autres lieux",
             sorted(groups[code], key=lambda item: KIND_ORDER[item.ctype.name]))
            for code in named + ([None] if None in groups else [])]


def event_feature(event, settings, themes, lent):
    record = event_record(event, settings["PUBLIC_SITEURL"], themes, settings["SITENAME"])
    return point_feature(record["uid"], record["latitude"], record["longitude"], {
        **record, "kind": "event", "page": event.url, "when": event.when_text, "place": event.place_text,
        "lines": [event.when_text, event.status_label if event.event_status != "scheduled" else "",
                  event.place_text],
        "expires": event.ends_at.isoformat(), "date_block": date_block(event.next_start),
        "filters": map_filter_slugs(event)})


def place_feature(item, settings, themes, lent):
    """A project's or an actor's marker: what it is, where; what an actor lends."""
    place, url = item.location, f"{settings['PUBLIC_SITEURL']}/{item.url}"
    about = {"project_kind": item.project_kind, "project_status": item.project_status} \
        if item.ctype.name == "project" else {"actor_type": item.actor_type}
    lends = [resource.title for resource in lent]
    return point_feature(url, place["lat"], place["lon"], {
        "kind": item.ctype.name, "title": item.title, "url": url, "page": item.url, **about,
        "place": place_text(item), "departement": place.get("departement"),
        "themes": [themes[slug]["label"] for slug in item.theme_slugs],
        "lines": [" · ".join(map(str, item.summary_parts)) if item.ctype.name == "project"
                  else capitalised(item.actor_type), place_text(item)]
                 + ([typographic("Prête : " + ", ".join(lends))] if lends else []),
        **({"lends": lends} if lends else {}), "filters": map_filter_slugs(item)})


def lent_by_actor(resources):
    """{id(actor): [resources it lends]}: the catalogue's providers."""
    lent = defaultdict(list)
    for resource in resources:
        if getattr(resource, "loan", False) and resource.provider_actor is not None:
            lent[id(resource.provider_actor)].append(resource)
    return lent


def map_filter_slugs(item):
    return {key: [slug for slug, _ in values] for key, values in item.map_filters.items()}


class MapGenerator(Generator):

    def generate_context(self):
        settings, context = self.settings, self.context
        version, self.leaflet = leaflet_files(settings["MAP_NODE_MODULES"])
        themes, base = context["themes"], settings["MAP_URL"]
        events = context["upcoming_events"]
        by_title = partial(sorted, key=lambda item: (fold(item.title), item.slug))
        self.lent = lent_by_actor(by_title(context["resources"]))
        for item in events + context["projects"] + context["actors"]:
            item.map_filters = item_filters(item, themes, self.lent.get(id(item)))
        self.located = [item for item in events + by_title(context["projects"]) + by_title(context["actors"])
                        if is_located(item)]
        self.unlocated_events = [event for event in events if not is_located(event)]
        self.library = f"{base}lib/leaflet-{version}/"
        context["map"] = {
            "url": base, "data_url": f"{base}lieux.geojson",
            "leaflet_css": self.library + "leaflet.css", "leaflet_js": self.library + "leaflet.js",
            "cluster_css": [self.library + name for name in CLUSTER_FILES[1:]],
            "cluster_js": self.library + CLUSTER_FILES[0],
            "bounds": " ".join(map(str, settings["MAP_BOUNDS"])) if settings["MAP_BOUNDS"] else "",
            "tiles": settings["MAP_TILE_URL"], "attribution": settings["MAP_TILE_ATTRIBUTION"],
            "max_zoom": settings["MAP_MAX_ZOOM"], "place_zoom": settings["MAP_PLACE_ZOOM"],
            "preview_css": f"{base}apercu.css",
        }
        context.setdefault("index_urls", []).append(base)

    def generate_output(self, writer):
        settings, context = self.settings, self.context
        themes, map_context = context["themes"], context["map"]
        for source, name in self.leaflet:
            writer.copy_file(source, self.library + name)
        about = {"title": f"Carte de {settings['SITENAME']}", "source": settings["PUBLIC_SITEURL"] + "/",
                 "license": settings["DATA_LICENSE"]}
        writer.write_data(map_context["data_url"], partial(self.geojson, about), self.located, themes, about)
        view = self.preview()
        writer.write_data(map_context["preview_css"], partial(preview_css, view), view["steps"][0]["fits"])
        writer.write_file(
            map_context["url"] + "index.html", self.get_template("map"), context,
            relative_urls=settings["RELATIVE_URLS"], page_url=map_context["url"], section="map",
            map_places=self.located, map_unlocated=self.unlocated_events,
            map_departements=by_departement(self.located),
            map_options=filter_options(self.located + self.unlocated_events),
            map_empty_view=list(settings["MAP_EMPTY_VIEW"]), map_preview=view)

    def preview(self):
        """The first view, drawn by the build (preview.py); a mark's items are the places it
        stands for, and the first moment one of its events is over (map.js: Leaflet then)."""
        return first_view([(item.location["lat"], item.location["lon"], item) for item in self.located],
                          self.settings, self.settings["MAP_BOUNDS"], lambda item: item.ctype.name,
                          lambda item: item.ends_at if item.ctype.name == "event" else None)

    def geojson(self, about):
        settings, themes = self.settings, self.context["themes"]
        features = [(event_feature if item.ctype.name == "event" else place_feature)(
            item, settings, themes, self.lent.get(id(item), ())) for item in self.located]
        return feature_collection(features, about)

"""Readers come in by place: /territoires/NOM-CODE/ for every département that
has events, actors or projects (its upcoming events, actors, the resources those
actors provide, and its projects), and the /territoires/ index.

Setting: TERRITORIES_URL (default "territoires/").
"""

from dataclasses import dataclass, field
from functools import partial

from pelican.generators import Generator

from content_model.model import fold, slug_from_title
from content_model.territories import DEPARTEMENTS, departement_label, item_departements
from engine import Keys, Plugin


@dataclass
class Territory:
    code: str
    url: str
    events: list = field(default_factory=list)       # ongoing and upcoming
    past_events: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    resources: list = field(default_factory=list)
    projects: list = field(default_factory=list)

    @property
    def name(self):
        return DEPARTEMENTS[self.code]

    @property
    def label(self):
        return departement_label(self.code)


def territory_slug(code):
    """"haute-garonne-31", "corse-du-sud-2a", "la-reunion-974"."""
    return f"{slug_from_title(DEPARTEMENTS[code])}-{code.lower()}"


def departement_of(item):
    return (getattr(item, "location", None) or {}).get("departement")


def territories(context, base):
    """{code: Territory} for départements with events or actors, by name."""
    found = {}

    def territory(code):
        return found.setdefault(code, Territory(code, f"{base}{territory_slug(code)}/"))

    for key, attribute in (("upcoming_events", "events"), ("past_events", "past_events"),
                           ("actors", "actors")):
        for item in context[key]:
            if departement_of(item):
                getattr(territory(departement_of(item)), attribute).append(item)
    for resource in context["resources"]:
        if resource.provider_actor is not None and departement_of(resource.provider_actor):
            territory(departement_of(resource.provider_actor)).resources.append(resource)
    for project in context["projects"]:
        for code in item_departements(project):
            territory(code).projects.append(project)
    return dict(sorted(found.items(), key=lambda pair: fold(pair[1].name)))


class TerritoriesGenerator(Generator):

    def generate_context(self):
        base = self.settings["TERRITORIES_URL"]
        self.territories = territories(self.context, base)
        agenda = self.context.get("agenda", {}).get("values", {}).get("departement", ())
        agenda_pages = {value.slug: value.url for value in agenda}
        for territory in self.territories.values():
            territory.agenda_url = agenda_pages.get(territory.code.lower())
        self.context["territory_pages"] = self.territories
        self.context.setdefault("index_urls", []).extend(
            [base] + [territory.url for territory in self.territories.values()])

    def generate_output(self, writer):
        write = partial(writer.write_file, context=self.context,
                        relative_urls=self.settings["RELATIVE_URLS"], section="territory")
        for territory in self.territories.values():
            write(territory.url + "index.html", self.get_template("territory"), page_url=territory.url,
                  territory=territory)
        write(self.settings["TERRITORIES_URL"] + "index.html", self.get_template("territories"),
              page_url=self.settings["TERRITORIES_URL"])


PLUGIN = Plugin(
    "territories", TerritoriesGenerator, settings={"TERRITORIES_URL": "territoires/"}, requires=("content_model",),
    needs=Keys(context=("upcoming_events", "past_events", "actors", "resources", "projects"),
               attributes=("location", "provider_actor")),
    uses=Keys(context=("agenda",)),
    provides=Keys(context=("territory_pages", "index_urls")))
register = PLUGIN.register

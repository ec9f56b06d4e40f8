"""The directories' open data ("a database open to all"): every published actor as
/acteurs/acteurs.json and acteurs.csv, every published project as /projets/projets.json,
projets.csv and projets.geojson, from the content model's records (content_model/exports.py),
and the participatory-science projects as PPSR-Core (/projets/ppsr-core.json,
ppsr_core.py) for the directories that import that standard; the build names those it
leaves out and what they lack. The lists and their filter pages are the content model's
(sifting.py).
"""

import logging

from pelican.generators import Generator

from content_model.documents import display_path
from content_model.exports import actor_record, json_text, project_record, records_csv, records_geojson, records_json
from engine import Keys, Plugin
from engine.french import counted

from . import ppsr_core

logger = logging.getLogger(__name__)


class DirectoryGenerator(Generator):

    def generate_context(self):
        base = self.settings["PROJECT_LIST_URL"]
        self.context["project_exports"] = {kind: f"{base}projets.{kind}" for kind in ("json", "csv", "geojson")}
        self.context["project_exports"]["ppsr"] = f"{base}ppsr-core.json"
        actors = self.settings["ACTOR_LIST_URL"]
        self.context["actor_exports"] = {kind: f"{actors}acteurs.{kind}" for kind in ("json", "csv")}
        unknown = {slug: theme["science_type"] for slug, theme in self.context["themes"].items()
                   if theme.get("science_type") and theme["science_type"] not in ppsr_core.SCIENCE_TYPES}
        for slug, value in unknown.items():
            logger.warning("themes.yaml : %s : science_type « %s » n'est pas dans le vocabulaire de PPSR-Core "
                           "(projectScienceType) — choisissez une valeur de sa liste (plugins/directory/ppsr_core.py)",
                           slug, value)

    def generate_output(self, writer):
        context, settings = self.context, self.settings
        projects, actors, themes = context["projects"], context["actors"], context["themes"]
        public = settings["PUBLIC_SITEURL"]
        records = [project_record(project, public, themes, settings["SITENAME"]) for project in projects]
        self.write_directory(writer, context["project_exports"], "projects", "Projets et initiatives", records,
                             projects)
        self.write_directory(writer, context["actor_exports"], "actors", "Acteurs",
                             [actor_record(actor, public, themes, settings["SITENAME"]) for actor in actors], actors)
        participatory = [(project, record) for project, record in zip(projects, records, strict=True)
                         if project.project_kind == ppsr_core.KIND]
        shared = []
        for project, record in participatory:
            lacks = ppsr_core.missing(project, themes)
            if lacks:
                logger.warning("%s : pas dans l'export PPSR-Core, il y manque %s", display_path(project.source_path),
                               ", ".join(lacks))
            else:
                shared.append(ppsr_core.project(project, public, themes, record))
        writer.write_data(context["project_exports"]["ppsr"], lambda: json_text({"Project": shared}), "ppsr",
                          projects, themes)
        self.site_build.report(f"PPSR-Core : {counted(len(shared), 'projet')} de sciences participatives exporté"
                               f"{'s' if len(shared) > 1 else ''} sur {len(participatory)}")

    def write_directory(self, writer, exports, name, title, records, items):
        """A directory's JSON and CSV, and its GeoJSON when it has one; `items` (and the
        thématiques) are what the records are made from."""
        settings, themes = self.settings, self.context["themes"]
        about = {"title": f"{title} de {settings['SITENAME']}", "source": settings["PUBLIC_SITEURL"] + "/",
                 "license": settings["DATA_LICENSE"]}
        writer.write_data(exports["json"], lambda: records_json(name, records, about), "json", items, themes, about)
        writer.write_data(exports["csv"], lambda: records_csv(records), "csv", items, themes)
        if "geojson" in exports:
            writer.write_data(exports["geojson"], lambda: records_geojson(records, about, "url"), "geojson", items,
                              themes, about)


PLUGIN = Plugin(
    "directory", DirectoryGenerator, requires=("content_model",),
    needs=Keys(context=("projects", "actors", "themes"),
               settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE", "PROJECT_LIST_URL", "ACTOR_LIST_URL"),
               attributes=("linked_actors", "community_list", "theme_slugs", "summary_text", "family",
                           "in_communities")),
    uses=Keys(attributes=("picture", "logo_picture", "territory_labels")),
    provides=Keys(context=("project_exports", "actor_exports")))
register = PLUGIN.register

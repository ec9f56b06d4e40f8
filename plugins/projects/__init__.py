"""The projects directory's open data ("a database open to all"): every published
project as /projets/projets.json, projets.csv and projets.geojson, from the content
model's record of a project (content_model/exports.py). The /projets/ list and its
filter pages are the content model's (sifting.py).
"""

from pelican.generators import Generator

from content_model.exports import json_text, point_feature, project_record, records_csv
from engine import Keys, Plugin


class ProjectsGenerator(Generator):

    def generate_context(self):
        base = self.settings["PROJECT_LIST_URL"]
        self.context["project_exports"] = {kind: f"{base}projets.{kind}" for kind in ("json", "csv", "geojson")}

    def generate_output(self, writer):
        context, settings = self.context, self.settings
        projects, themes = context["projects"], context["themes"]
        public = settings["PUBLIC_SITEURL"]
        about = {"title": f"Projets et initiatives de {settings['SITENAME']}", "source": public + "/",
                 "license": settings["DATA_LICENSE"]}
        records = [project_record(project, public, themes) for project in projects]
        exports = context["project_exports"]
        writer.write_data(exports["json"], lambda: json_text({**about, "total": len(records), "projects": records}),
                          "json", projects, themes, about)
        writer.write_data(exports["csv"], lambda: records_csv(records), "csv", projects, themes)
        writer.write_data(exports["geojson"], lambda: json_text({
            "type": "FeatureCollection", **about,
            "features": [point_feature(record["url"], record["latitude"], record["longitude"], record)
                         for record in records]}), "geojson", projects, themes, about)


PLUGIN = Plugin(
    "projects", ProjectsGenerator, requires=("content_model",),
    needs=Keys(context=("projects", "themes"), settings=("PUBLIC_SITEURL", "SITENAME", "DATA_LICENSE",
                                                         "PROJECT_LIST_URL"),
               attributes=("linked_actors", "community_list", "theme_slugs", "summary_text")),
    uses=Keys(attributes=("picture",)),
    provides=Keys(context=("project_exports",)))
register = PLUGIN.register

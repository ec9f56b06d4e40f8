"""Writes /admin/: Decap CMS (copied from node_modules) and its config.yml."""

import os
import shutil

import yaml
from pelican.generators import Generator

from .decap import config

DECAP_DIST = os.path.join("decap-cms", "dist")


class AdminGenerator(Generator):

    def generate_context(self):
        pass

    def generate_output(self, writer):
        if not self.settings["ADMIN_ENABLED"]:
            return
        folder = os.path.join(self.output_path, self.settings["ADMIN_URL"])
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "config.yml"), "w", encoding="utf-8") as out:
            yaml.safe_dump(config(self.settings, self.context.get("themes", {})), out,
                           allow_unicode=True, sort_keys=False)
        dist = os.path.join(self.settings["ADMIN_NODE_MODULES"], DECAP_DIST)
        # The bundle and the chunks it loads beside it; no source maps.
        for name in sorted(os.listdir(dist)):
            if name.endswith("decap-cms.js"):
                shutil.copyfile(os.path.join(dist, name), os.path.join(folder, name))
        writer.write_file(os.path.join(self.settings["ADMIN_URL"], "index.html"),
                          self.get_template("admin"), self.context, relative_urls=False, noindex=True)

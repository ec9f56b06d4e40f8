"""Writes /admin/: Decap CMS (copied from node_modules) and its config.yml."""

import os

import yaml
from pelican.generators import Generator

from .decap import config

# libyaml's writer when there is one: ten times faster than the pure-Python one.
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
DECAP_DIST = os.path.join("decap-cms", "dist")


class AdminGenerator(Generator):

    def generate_context(self):
        pass

    def generate_output(self, writer):
        folder = self.settings["ADMIN_URL"]
        decap_config = config(self.settings, self.context.get("themes", {}))
        writer.write_data(os.path.join(folder, "config.yml"), lambda: yaml.dump(
            decap_config, Dumper=SafeDumper, allow_unicode=True, sort_keys=False), decap_config)
        dist = os.path.join(self.settings["ADMIN_NODE_MODULES"], DECAP_DIST)
        # The bundle and the chunks it loads beside it; no source maps.
        for name in sorted(os.listdir(dist)):
            if name.endswith("decap-cms.js"):
                writer.copy_file(os.path.join(dist, name), os.path.join(folder, name))
        writer.write_file(os.path.join(self.settings["ADMIN_URL"], "index.html"),
                          self.get_template("admin"), self.context, relative_urls=False, noindex=True)

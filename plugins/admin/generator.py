"""Writes /admin/: Decap CMS (copied from node_modules), its config.yml and
formulaire.js (the preview with the site's CSS, the checks Decap cannot declare)
and formulaire.css (Decap's top bar on a phone)."""

import os

import yaml
from pelican.generators import Generator

from .decap import config, form_script

# libyaml's writer when there is one: ten times faster than the pure-Python one.
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
DECAP_DIST = os.path.join("decap-cms", "dist")
HERE = os.path.dirname(os.path.abspath(__file__))


class AdminGenerator(Generator):

    def generate_context(self):
        pass

    def generate_output(self, writer):
        folder = self.settings["ADMIN_URL"]
        decap_config = config(self.settings, self.context.get("themes", {}), self.context["published_items"])
        writer.write_data(os.path.join(folder, "config.yml"), lambda: yaml.dump(
            decap_config, Dumper=SafeDumper, allow_unicode=True, sort_keys=False), decap_config)
        dist = os.path.join(self.settings["ADMIN_NODE_MODULES"], DECAP_DIST)
        # The bundle and the chunks it loads beside it; no source maps.
        for name in sorted(os.listdir(dist)):
            if name.endswith("decap-cms.js"):
                writer.copy_file(os.path.join(dist, name), os.path.join(folder, name))
        for name in ("formulaire.js", "formulaire.css"):
            writer.copy_file(os.path.join(HERE, name), os.path.join(folder, name))
        writer.write_file(os.path.join(self.settings["ADMIN_URL"], "index.html"),
                          self.get_template("admin"), self.context, relative_urls=False, noindex=True,
                          root=self.root(), form=form_script(self.style_sheets()))

    def root(self):
        """The site's root seen from /admin/: SITEURL, or a relative path on a dev build."""
        return self.settings["SITEURL"] or os.path.relpath(".", self.settings["ADMIN_URL"]).replace(os.sep, "/")

    def style_sheets(self):
        """The pages' own style sheets, for the form's preview."""
        fonts = self.context.get("fonts")
        return [f"{self.root()}/{path}" for path in ([fonts["css_url"]] if fonts else []) + ["theme/css/site.css"]]

"""Copies the theme's typefaces from node_modules and writes their @font-face rules."""

import os

from pelican.generators import Generator

from engine import SiteError

# The Latin subset of fontsource: French, its quotes, spaces and the euro sign.
LATIN = ("U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
         "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD")


def font_files(node_modules, fonts):
    """[(family, weight, source path, file name)], or a French error naming what to install."""
    found, missing = [], []
    for family, package, weights in fonts:
        for weight in weights:
            name = f"{package}-latin-{weight}-normal.woff2"
            path = os.path.join(node_modules, "@fontsource", package, "files", name)
            (found if os.path.exists(path) else missing).append((family, weight, path, name))
    if missing:
        raise SiteError(f"Polices : {missing[0][2]} est introuvable. Lancez `invoke setup` (npm ci) pour "
                           "les installer, ou retirez « fonts » de PLUGINS (pelicanconf.py).")
    return found


def font_faces(files):
    return "".join(
        f"@font-face{{font-family:\"{family}\";font-style:normal;font-weight:{weight};font-display:optional;"
        f"src:url(\"{name}\") format(\"woff2\");unicode-range:{LATIN}}}\n"
        for family, weight, _, name in files)


class FontsGenerator(Generator):

    def generate_context(self):
        self.files = font_files(self.settings["FONTS_NODE_MODULES"], self.settings["FONTS"])
        url = self.settings["FONTS_URL"]
        # Every face is preloaded and shown only if it is there for the first paint
        # (font-display: optional): a face swapped in later would move the text (layout shift);
        # a page without it uses the system font, and the next page has it from the cache.
        self.context["fonts"] = {"css_url": f"{url}fonts.css",
                                 "preload": [f"{url}{name}" for _, _, _, name in self.files]}

    def generate_output(self, writer):
        url = self.settings["FONTS_URL"]
        for _, _, source, name in self.files:
            writer.copy_file(source, url + name)
        writer.write_data(url + "fonts.css", lambda: font_faces(self.files), self.files)

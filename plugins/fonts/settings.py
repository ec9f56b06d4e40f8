"""Settings of the fonts plugin, with their defaults; pelicanconf.py may override any."""

import os

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_SETTINGS = {
    # The typefaces the theme names (theme/static/css/site.css: --font-text, --font-title):
    # (family, npm package under @fontsource, weights). Latin subset, woff2 only.
    "FONTS": (("Source Sans 3", "source-sans-3", (400, 700)),
              ("Source Serif 4", "source-serif-4", (700,))),
    # Where `npm ci` put them (see package.json).
    "FONTS_NODE_MODULES": os.path.join(REPOSITORY, "node_modules"),
    # Where the files and their @font-face rules go in the site.
    "FONTS_URL": "theme/fonts/",
}

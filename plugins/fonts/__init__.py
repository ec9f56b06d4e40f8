"""Fonts: the theme's two typefaces, self-hosted from npm (@fontsource, woff2, Latin
subset), copied into the site with their @font-face rules (font-display: optional, every
face preloaded: text never moves when a face arrives).

Without this plugin the theme falls back to the reader's system fonts.
Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import FontsGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin("fonts", FontsGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
                provides=Keys(context=("fonts",)))
register = PLUGIN.register

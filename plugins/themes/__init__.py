"""Readers come in by subject: theme pages (/thematiques/SLUG/) with each type's
latest items and full lists, tag pages (/tags/SLUG/) with an A–Z index and a
weighted cloud. Tags are normalised by the content model's vocabulary
(content_model/vocabulary.py). Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import SECTIONS, ThemesGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "themes", ThemesGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("themes", "published_items", "events", "calls", *(key for key, *_ in SECTIONS)),
               attributes=("theme_slugs", "tag_list")),
    uses=Keys(context=("agenda",)),
    provides=Keys(context=("theme_pages", "theme_links", "tag_pages", "index_urls")))
register = PLUGIN.register

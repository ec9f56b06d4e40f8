"""Readers come in by subject: theme pages (/thematiques/SLUG/) with each type's
latest items and full lists, tag pages (/tags/SLUG/) with an A–Z index and a
weighted cloud. Tags are normalised by the content model's vocabulary
(content_model/vocabulary.py). Settings and their defaults: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import ThemesGenerator
from .settings import apply_defaults


register = generator_plugin(ThemesGenerator, apply_defaults)

"""Readers come in by subject: theme pages (/thematiques/SLUG/) with each type's
latest items and full lists, tag pages (/tags/SLUG/) with an A–Z index and a
weighted cloud. Tags are normalised by the content model's vocabulary
(content_model/vocabulary.py). Settings and their defaults: settings.py.
"""

from pelican import signals

from .generator import ThemesGenerator
from .settings import apply_defaults


def configure(pelican):
    apply_defaults(pelican.settings)


def add_generator(pelican):
    return ThemesGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)

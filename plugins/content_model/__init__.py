"""The content model of the site: types, fields, validation, reading, and the
generator that writes every contribution's page and the lists of each type.

Other plugins import the model from here (`from content_model import model`).
"""

from pelican import signals

from .generator import ContentError, SiteGenerator
from .settings import apply_defaults

__all__ = ["ContentError", "SiteGenerator", "register"]


def configure(pelican):
    apply_defaults(pelican.settings)


def add_generator(pelican):
    return SiteGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)

"""The content model of the site: types, fields, validation, reading, and the
generator that writes every contribution's page and the lists of each type.

Other plugins import the model from here (`from content_model import model`).
"""

from .generator import ContentError, SiteGenerator
from .plugin import generator_plugin
from .settings import apply_defaults

__all__ = ["ContentError", "SiteGenerator", "register"]


register = generator_plugin(SiteGenerator, apply_defaults)

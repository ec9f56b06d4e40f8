"""The content model of the site: types, fields, validation, reading, and the
generator that writes every contribution's page and the lists of each type.

Every other plugin needs it; they import the model from here
(`from content_model import model`).
"""

from engine import Keys, Plugin

from .generator import CONTEXT_KEYS, ContentError, SiteGenerator
from .items import ITEM_ATTRIBUTES, PAGE_LINKS
from .settings import DEFAULT_SETTINGS, configure

__all__ = ["ContentError", "PLUGIN", "SiteGenerator", "register"]


PLUGIN = Plugin(
    "content_model", SiteGenerator, settings=DEFAULT_SETTINGS, configure=configure,
    provides=Keys(context=CONTEXT_KEYS, attributes=ITEM_ATTRIBUTES, filters=("absolute_url",)),
    page_links=PAGE_LINKS)
register = PLUGIN.register

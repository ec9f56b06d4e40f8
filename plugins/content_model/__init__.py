"""The content model of the site: types, fields, validation, reading, and the
generator that writes every contribution's page and the lists of each type.

Every other plugin needs it; they import the model from here
(`from content_model import model`).
"""

from functools import partial

from engine import Keys, Plugin
from engine.french import agreed, counted, number, short_month, typographic

from . import settings as content_settings
from .describe import summary_line
from .generator import CONTEXT_KEYS, ContentError, SiteGenerator
from .items import ITEM_ATTRIBUTES, PAGE_LINKS
from .structured_data import item_list_script, json_ld

# What templates call to describe an item: the same functions as feeds, search and exports.
# And French: every count through one plural rule, every number and contributed text through
# one typography (engine/french.py).
FILTERS = ("absolute_url", "json_ld", "item_list_json_ld", "summary_line", "counted", "agreed", "number",
           "typographic", "short_month")


def configure(settings):
    content_settings.configure(settings)
    public = settings["PUBLIC_SITEURL"]
    settings["JINJA_FILTERS"] = {**settings["JINJA_FILTERS"], "json_ld": partial(json_ld, public_siteurl=public),
                                 "item_list_json_ld": partial(item_list_script, public),
                                 "summary_line": summary_line, "counted": counted, "agreed": agreed,
                                 "number": number, "typographic": typographic,
                                 "short_month": short_month}
    for name in ("SITENAME", "SITESUBTITLE", "SITEDESCRIPTION"):
        settings[name] = typographic(settings.get(name) or "")

__all__ = ["ContentError", "PLUGIN", "SiteGenerator", "register"]


PLUGIN = Plugin(
    "content_model", SiteGenerator, settings=content_settings.DEFAULT_SETTINGS, configure=configure,
    provides=Keys(context=CONTEXT_KEYS, attributes=ITEM_ATTRIBUTES, filters=FILTERS),
    page_links=PAGE_LINKS)
register = PLUGIN.register

"""Search across the whole medium: a prebuilt lunr index, cut into small files
(index.py), the search page `/recherche/` and the header's search box.

lunr.py builds the index with lunr-languages' French pipeline (french.py);
theme/static/js/search.js queries it with lunr.js and the same pipeline.
A contribution with `search: false` stays out. Settings: settings.py.
"""

from engine import Keys, Plugin

from .generator import SearchGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "search", SearchGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("published_items", "themes"), attributes=("theme_slugs", "tag_list", "summary_text")),
    uses=Keys(attributes=("content",)))
register = PLUGIN.register

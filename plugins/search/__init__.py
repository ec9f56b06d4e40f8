"""Search across the whole medium: a prebuilt lunr index, cut into small files
(index.py), the search page `/recherche/` and the header's search box.

lunr.py builds the index with lunr-languages' French pipeline (french.py);
theme/static/js/search.js queries it with lunr.js and the same pipeline.
A contribution with `search: false` stays out. Settings: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import SearchGenerator
from .settings import apply_defaults


register = generator_plugin(SearchGenerator, apply_defaults)

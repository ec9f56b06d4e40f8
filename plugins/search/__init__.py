"""Search across the whole medium: a prebuilt lunr index, cut into small files
(index.py), the search page `/recherche/` and the header's search box.

lunr.py builds the index with lunr-languages' French pipeline (french.py);
theme/static/js/search.js queries it with lunr.js and the same pipeline.
A contribution with `search: false` stays out. Settings: settings.py.
"""

from pelican import signals

from .generator import SearchGenerator
from .settings import apply_defaults


def configure(pelican):
    apply_defaults(pelican.settings)


def add_generator(pelican):
    return SearchGenerator


def register():
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)

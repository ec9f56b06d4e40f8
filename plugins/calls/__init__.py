"""Calls (annonces): /annonces/, the open calls by deadline, those closing within
CALL_CLOSING_SOON_DAYS marked; /annonces/archives/, the closed ones, the most
recently closed first. The model reads the calls and tells open from closed at
build time; theme/js/agenda.js keeps the pages true in the browser between builds.
Settings and their defaults: settings.py.
"""

from engine import Keys, Plugin

from .generator import CallsGenerator
from .settings import DEFAULT_SETTINGS

PLUGIN = Plugin(
    "calls", CallsGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("open_calls", "closed_calls")),
    provides=Keys(context=("calls_urls", "index_urls")))
register = PLUGIN.register

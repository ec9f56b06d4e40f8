"""Calls (annonces): /annonces/, the open calls by deadline, those closing within
CALL_CLOSING_SOON_DAYS marked; /annonces/archives/, the closed ones, the most
recently closed first. The model reads the calls and tells open from closed at
build time; theme/js/agenda.js keeps the pages true in the browser between builds.
Settings and their defaults: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import CallsGenerator
from .settings import apply_defaults

register = generator_plugin(CallsGenerator, apply_defaults)

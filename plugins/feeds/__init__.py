"""Feeds for aggregators, written by feedgen: Atom 1.0 and RSS 2.0 for the whole
site, each type, the agenda by event start, each theme, tag, territory and actor.

Each feed sits next to the page it follows (`/thematiques/biologie/atom.xml`
beside `/thematiques/biologie/`), so that page announces it with
`<link rel="alternate">`; `/flux/` lists them all with the agenda's calendars.
Pelican's own feed writer is off (pelicanconf.py). Settings: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import FeedsGenerator
from .settings import apply_defaults


register = generator_plugin(FeedsGenerator, apply_defaults)

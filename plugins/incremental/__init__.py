"""Incremental builds: the site's writer renders and writes a page only when what its
template reads has changed since the last build, and deletes what the last build
wrote that this one no longer makes (a deleted or renamed contribution).

A build starts from an empty output, and renders everything, when there is no record
of a good last build with the same settings, theme, plugins and libraries (the
"site key"). Generators that write files themselves (feeds, calendars, data) call
`writer.write_data(name, make, *inputs)`: make() runs only if `inputs` changed.
Settings: settings.py.
"""

import logging

from pelican import signals

from .settings import apply_defaults
from .state import BuildState, site_key
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)


def start(pelican):
    """Reads the last build's record; keeps the output if it can be built upon."""
    settings = pelican.settings
    apply_defaults(settings)
    key = site_key(settings) if settings["INCREMENTAL_BUILDS"] else None
    pelican.build_state = BuildState(settings["INCREMENTAL_STATE_PATH"], pelican.output_path, key)
    if pelican.build_state.incremental:
        pelican.delete_outputdir = False


def writer_class(pelican):
    return type("SiteWriter", (IncrementalWriter,), {"state": pelican.build_state})


def finish(pelican):
    state = pelican.build_state
    stale = state.remove_stale()
    if pelican.settings["INCREMENTAL_BUILDS"]:
        state.save()
    logger.info("Fichiers : %d écrits, %d inchangés, %d supprimés",
                len(state.current) - state.kept, state.kept, len(stale))


def register():
    signals.initialized.connect(start)
    signals.get_writer.connect(writer_class)
    signals.finalized.connect(finish)

"""Incremental builds: the site's writer renders and writes a page only when what its
template reads has changed since the last build, and deletes what the last build
wrote that this one no longer makes (a deleted or renamed contribution).

A build starts from an empty output, and renders everything, when there is no record
of a good last build with the same settings, theme, plugins and libraries (the
"site key"). It does nothing at all when the content folder and the git commit are
those of the last build and no page can have changed with the clock since (an event
starting or ending, a dated item coming out, a new day in the agenda).
Generators that write files themselves (feeds, calendars, data) call
`writer.write_data(name, make, *inputs)`: make() runs only if `inputs` changed.
Settings: settings.py.
"""

import functools
import logging

from pelican import signals

from content_model.items import parse_now

from .settings import apply_defaults
from .state import BuildState, content_snapshot, next_change, site_key
from .writer import IncrementalWriter

logger = logging.getLogger(__name__)
BUILDS = {}     # output path -> BuildState of the build running into it


def start(pelican):
    """Reads the last build's record; keeps the output if it can be built upon."""
    settings = pelican.settings
    apply_defaults(settings)
    enabled = settings["INCREMENTAL_BUILDS"]
    state = pelican.build_state = BUILDS[pelican.output_path] = BuildState(
        settings["INCREMENTAL_STATE_PATH"], pelican.output_path,
        site_key(settings) if enabled else None, content_snapshot(pelican.path) if enabled else None)
    if state.previous:
        pelican.delete_outputdir = False
    if enabled and state.nothing_changed(parse_now(settings.get("AGENDA_NOW"))):
        state.keep_all()
        pelican.run = functools.partial(finish, pelican)


def remember_next_change(generators):
    context = generators[0].context
    state = BUILDS.get(generators[0].output_path)
    if state is not None:
        state.valid_until = next_change(context["published_items"] + context["drafts"], context["now"])


def writer_class(pelican):
    return type("SiteWriter", (IncrementalWriter,), {"state": pelican.build_state})


def finish(pelican):
    state = BUILDS.pop(pelican.output_path)
    if state.writer is not None:
        state.writer.finish()
    stale = state.remove_stale()
    if pelican.settings["INCREMENTAL_BUILDS"]:
        state.save()
    logger.info("Fichiers : %d écrits, %d inchangés, %d supprimés",
                len(state.current) - state.kept, state.kept, len(stale))


def register():
    signals.initialized.connect(start)
    signals.all_generators_finalized.connect(remember_next_change)
    signals.get_writer.connect(writer_class)
    signals.finalized.connect(finish)

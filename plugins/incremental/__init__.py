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

from content_model.items import next_change, parse_now
from engine import Keys, Plugin

from .settings import DEFAULT_SETTINGS, configure
from .state import BuildState, content_snapshot, site_key
from .writer import IncrementalWriter


def start(build):
    """Reads the last build's record; keeps the output if it can be built upon."""
    pelican, settings = build.pelican, build.settings
    enabled = settings["INCREMENTAL_BUILDS"]
    state = build.incremental = BuildState(
        settings["INCREMENTAL_STATE_PATH"], pelican.output_path,
        site_key(settings) if enabled else None,
        content_snapshot(pelican.path, settings["INCREMENTAL_WATCHED_PATHS"]) if enabled else None)
    if state.previous:
        pelican.delete_outputdir = False
    if enabled and state.nothing_changed(parse_now(settings.get("AGENDA_NOW"))):
        state.keep_all()
        pelican.run = functools.partial(finish, build, nothing_changed=True)


def remember_next_change(build):
    """The instant until which the site stays as built (walks every item: after the dev
    server's first pages)."""
    context = build.context

    def remember():
        build.incremental.valid_until = next_change(context["published_items"] + context["drafts"], context["now"])
    build.after_first_pages(remember)


def finish(build, nothing_changed=False):
    state = build.incremental
    state.remove_stale()         # before the writer's summary, which counts them
    if build.settings["INCREMENTAL_BUILDS"]:
        state.save()
    if nothing_changed:
        build.report(f"rien n'a changé depuis la construction précédente, ses {len(state.current)} fichiers restent")


PLUGIN = Plugin(
    "incremental", settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("published_items", "drafts", "now")), writer=IncrementalWriter,
    initialized=start, context_ready=remember_next_change, finalized=finish)
register = PLUGIN.register

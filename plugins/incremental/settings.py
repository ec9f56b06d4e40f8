"""Settings of the incremental plugin, with their defaults; pelicanconf.py may override any."""

import hashlib
import os

DEFAULT_SETTINGS = {
    # False: every build starts from an empty output and renders every page.
    "INCREMENTAL_BUILDS": True,
    # Where the last build's record is kept; "" means CACHE_PATH/builds/, a file per
    # pair of content and output folders.
    "INCREMENTAL_STATE_PATH": "",
    # Processes that render the pages to write; None: one per processor, for sites
    # with a hundred pages to render per processor or more.
    "RENDER_PROCESSES": None,
    # Folders besides content/ whose files a build reads (the network's store): a change
    # there is a change, as in content/.
    "INCREMENTAL_WATCHED_PATHS": [],
}


def configure(settings):
    if not settings["INCREMENTAL_STATE_PATH"]:
        folders = f"{os.path.abspath(settings['PATH'])}\0{os.path.abspath(settings['OUTPUT_PATH'])}"
        name = hashlib.sha1(folders.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        settings["INCREMENTAL_STATE_PATH"] = os.path.join(settings["CACHE_PATH"], "builds", f"{name}.json")

"""Settings of the network plugin, with their defaults; pelicanconf.py may override any."""

import os

DEFAULT_SETTINGS = {
    # Where `invoke network-fetch` keeps the last good copy of each source (one folder per
    # source: its files as fetched and etat.json). Not a cache: it cannot be made again
    # from the repository; CI keeps it between runs. "": beside the content folder.
    "NETWORK_DATA_PATH": "",
    # The network's pages: the sources, and their agenda under agenda/.
    "NETWORK_URL": "reseau/",
    # Seconds a request may take in all (connect, redirects, reading); every fault ends within it.
    "NETWORK_TIMEOUT": 10,
    # The largest file a source may send.
    "NETWORK_MAX_BYTES": 20_000_000,
    # Events per page of the network's agenda.
    "NETWORK_AGENDA_PAGINATION": 30,
    # True: the upcoming events of the calendars and OpenAgenda agendas (not of the sister
    # sites, which have their own agenda) are also listed on the site's /agenda/, each card
    # leading to its origin; the site's calendars, feeds and exports stay its own.
    "NETWORK_IN_AGENDA": False,
    # True: sources may be on private, loopback or link-local addresses (tests, an intranet).
    "NETWORK_ALLOW_PRIVATE_ADDRESSES": False,
    # The environment variable holding an OpenAgenda key, for an agenda whose export needs one.
    "NETWORK_OPENAGENDA_KEY_ENV": "OPENAGENDA_KEY",
}


def configure(settings):
    if not settings["NETWORK_DATA_PATH"]:
        settings["NETWORK_DATA_PATH"] = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])),
                                                     "donnees-reseau")
    settings["PAGINATED_TEMPLATES"] = {**settings.get("PAGINATED_TEMPLATES", {}),
                                       "network_agenda": settings["NETWORK_AGENDA_PAGINATION"]}
    watched = list(settings.get("INCREMENTAL_WATCHED_PATHS") or [])
    settings["INCREMENTAL_WATCHED_PATHS"] = watched + [settings["NETWORK_DATA_PATH"]]

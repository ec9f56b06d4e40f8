"""Settings of the agenda plugin, with their defaults; pelicanconf.py may override any.

Every agenda address derives from AGENDA_URL, so moving the agenda is one line.
"""

DEFAULT_SETTINGS = {
    # The agenda of ongoing and upcoming events; its archives, filter pages,
    # embeddable pages and open-data exports live under it.
    "AGENDA_URL": "agenda/",
    # The iCalendar feed of every ongoing and upcoming event.
    "AGENDA_ICS": "agenda.ics",
    # Events per agenda page (the agenda, each filter and archive month).
    "AGENDA_PAGINATION": 30,
    # Events shown by an embeddable agenda (iframe on a partner site).
    "AGENDA_EMBED_COUNT": 20,
    # The name of every calendar, before the filter's name.
    "AGENDA_CALENDAR_NAME": None,   # None: SITENAME
}


def derive_settings(settings):
    settings["AGENDA_CALENDAR_NAME"] = settings["AGENDA_CALENDAR_NAME"] or settings["SITENAME"]
    settings["PAGINATED_TEMPLATES"] = {**settings.get("PAGINATED_TEMPLATES", {}),
                                       "agenda": settings["AGENDA_PAGINATION"]}

"""iCalendar (RFC 5545) files of the agenda, written by the `icalendar` library.

Times are written in UTC, so no VTIMEZONE is needed and an event across a
daylight-saving change keeps its true instant; all-day events are VALUE=DATE.
Each session of a series is its own VEVENT.
"""

import datetime as dt

from content_model.describe import event_uid, occurrences, place_text, utc
from content_model.exports import subscribed_calendar
from content_model.model import EVENT
from engine.french import typographic

STATUS = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}


# The fields a calendar's description adds to the summary, under their labels.
DESCRIBED_FIELDS = ("price", "registration", "online", "accessibility")


def description(event, url):
    lines = [event.summary_text, ""]
    for name in DESCRIBED_FIELDS:
        if getattr(event, name, None):
            lines.append(f"{typographic(EVENT.fields[name].label + ' :')} {getattr(event, name)}")
    lines.append(f"{typographic('Plus d’informations :')} {url}")
    return "\n".join(lines).strip()


def vevents(event, settings, themes):
    from icalendar import Event  # here: a command-line edit that changes no calendar never needs it
    url = settings["PUBLIC_SITEURL"] + "/" + event.url
    for span in occurrences(event):
        vevent = Event()
        vevent.add("uid", event_uid(event, settings["PUBLIC_SITEURL"], span if event.session_list else None))
        vevent.add("dtstamp", utc(getattr(event, "updated", None) or event.date))
        if span["all_day"]:
            last_day = (span["end"] or span["start"]).date()
            vevent.add("dtstart", span["start"].date())
            vevent.add("dtend", last_day + dt.timedelta(days=1))   # DTEND is exclusive
        else:
            vevent.add("dtstart", utc(span["start"]))
            if span["end"] is not None:
                vevent.add("dtend", utc(span["end"]))
        vevent.add("summary", event.status_title)
        vevent.add("description", description(event, url))
        vevent.add("location", place_text(event, address=True))
        place = getattr(event, "location", None) or {}
        if "lat" in place:
            vevent.add("geo", (place["lat"], place["lon"]))
        vevent.add("url", url)
        vevent.add("status", STATUS[event.event_status])
        categories = [themes[slug]["label"] for slug in event.theme_slugs]
        if getattr(event, "event_type", None):
            categories.insert(0, event.event_type)
        if categories:
            vevent.add("categories", categories)
        if getattr(event, "updated", None):
            vevent.add("last-modified", utc(event.updated))
        yield vevent


def calendar_bytes(events, name, settings, themes):
    """One VCALENDAR holding every occurrence of `events`."""
    calendar = subscribed_calendar(name, settings["SITENAME"], "Agenda")
    for event in events:
        for vevent in vevents(event, settings, themes):
            calendar.add_component(vevent)
    return calendar.to_ical()

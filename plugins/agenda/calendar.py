"""iCalendar (RFC 5545) files of the agenda, written by the `icalendar` library.

Times are written in UTC, so no VTIMEZONE is needed and an event across a
daylight-saving change keeps its true instant; all-day events are VALUE=DATE.
Each session of a series is its own VEVENT.
"""

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

STATUS = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}


def event_uid(event, settings, session=None):
    """Stable across title changes: the slug, plus the session's start for series."""
    domain = urlsplit(settings["PUBLIC_SITEURL"]).netloc or "localhost"
    if session is None:
        return f"{event.slug}@{domain}"
    moment = f"{session['start']:%Y%m%d}" if session["all_day"] else f"{utc(session['start']):%Y%m%dT%H%M%SZ}"
    return f"{event.slug}-{moment}@{domain}"


def occurrences(event):
    """Each session of a series, or the event itself, as {start, end, all_day}."""
    return event.session_list or [{"start": event.start, "end": event.end, "all_day": event.all_day}]


def utc(moment):
    return moment.astimezone(dt.timezone.utc)


def place_text(event):
    place = getattr(event, "location", None)
    if place:
        town = " ".join(filter(None, (place.get("postcode"), place["city"])))
        return ", ".join(filter(None, (place["name"], place.get("address"), town)))
    return f"En ligne : {event.online}"


def description(event, url):
    lines = [event.summary_text, ""]
    for label, value in (("Tarif", getattr(event, "price", None)),
                         ("Inscription", getattr(event, "registration", None)),
                         ("En ligne", getattr(event, "online", None)),
                         ("Accessibilité", getattr(event, "accessibility", None))):
        if value:
            lines.append(f"{label} : {value}")
    lines.append(f"Plus d'informations : {url}")
    return "\n".join(lines).strip()


def vevents(event, settings, themes):
    url = settings["PUBLIC_SITEURL"] + "/" + event.url
    for span in occurrences(event):
        vevent = Event()
        vevent.add("uid", event_uid(event, settings, span if event.session_list else None))
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
        vevent.add("location", place_text(event))
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
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    # Subscribed calendars: ask clients to come back daily (the site is rebuilt daily).
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for event in events:
        for vevent in vevents(event, settings, themes):
            calendar.add_component(vevent)
    return calendar.to_ical()

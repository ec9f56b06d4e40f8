"""How an item is described: one function for each way, read everywhere.

Its dates in words, its place, its status, its deadline, the short line under its title
(`summary_parts`, `summary_line`), its occurrences and its calendar identity: cards,
pages, feeds, search, the digest, calendars and open-data exports all read these, so
an event reads the same on every page and in every file. Its schema.org data is
structured_data.py's.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from engine.french import counted, short_month, typographic

from . import french_dates
from .kinds import start_of_day
from .model import EVENT_STATUS_LABELS, deadline_instant, price_is_free

CLOSED, CLOSING_SOON, OPEN = "Clôturée", "Clôture bientôt", "Ouverte"


@dataclass(frozen=True)
class Part:
    """A piece of the line under an item's title; `moment` when its text is a date (shown
    in a <time> element), `lead` the words before it."""
    text: str
    moment: dt.datetime = None
    role: str = ""            # "when", "place", "type", "deadline", "date", "count"
    lead: str = ""

    def __post_init__(self):
        object.__setattr__(self, "text", typographic(self.text))
        object.__setattr__(self, "lead", typographic(self.lead))

    def __str__(self):
        return self.lead + self.text

    def __fingerprint__(self):
        """What it shows (plugins/incremental): its four fields, in order."""
        return [self.text, self.moment, self.role, self.lead]


def capitalised(text):
    """"kit pédagogique" -> "Kit pédagogique"; "AMI" stays."""
    return text[:1].upper() + text[1:]


def event_end(start, end, all_day):
    """The instant an event is over: all-day events last to the end of their last day."""
    if all_day:
        return start_of_day((end or start).date() + dt.timedelta(days=1))
    if end is not None:
        return end
    return start_of_day(start.date() + dt.timedelta(days=1))


def place_text(item, address=False):
    """"Muséum, Toulouse (31)"; with the address, "Muséum, 35 allées Jules Guesde, 31000
    Toulouse" (calendars). An event held online: "En ligne" (with its link: "En ligne : URL")."""
    location = getattr(item, "location", None)
    if not location:
        online = getattr(item, "online", None)
        if online:
            return typographic(f"En ligne : {online}") if address else "En ligne"
        return ""
    if address:
        town = " ".join(filter(None, (location.get("postcode"), location["city"])))
        return typographic(", ".join(filter(None, (location["name"], location.get("address"), town))))
    code = location.get("departement")
    return typographic(f"{location['name']}, {location['city']}" + (f" ({code})" if code else ""))


def status_label(item):
    """An event's status ("Annulé"…), a call's state at build time ("Clôturée"…), else None."""
    if item.ctype.name == "event":
        return EVENT_STATUS_LABELS[item.event_status]
    if item.ctype.name == "call":
        return CLOSED if item.is_closed else CLOSING_SOON if item.is_closing_soon else OPEN
    return None


def deadline(item):
    """"date limite : lundi 30 novembre 2026, 12 h", as a part of the line."""
    return Part(item.deadline_when, item.deadline_at, "deadline", lead="date limite : ")


def summary_parts(item, when=None):
    """The line under an item's title, in parts: an event's dates and place, a call's type
    and deadline, an actor's kind and town, a resource's kind and date, a date. `when`
    stands for an event's dates (the digest names the sessions of its weeks)."""
    name = item.ctype.name
    if name == "event":
        return [Part(when or item.when_text, item.start, "when"), Part(item.place_text, role="place")]
    if name == "call":
        return [Part(item.call_type_label, role="type"), deadline(item)]
    if name == "project":
        return [Part(capitalised(item.project_status), role="status"),
                Part(capitalised(item.project_kind), role="type")]
    if name == "actor":
        city = (getattr(item, "location", None) or {}).get("city")
        return [Part(capitalised(item.actor_type), role="type")] + ([Part(city, role="place")] if city else [])
    if name not in ("article", "resource", "dossier"):
        return []            # a page, or what is no contribution (a digest's issue in a feed)
    parts = [Part(item.date_text, item.date, "date")]
    if name == "resource":
        parts.insert(0, Part(capitalised(item.resource_type), role="type"))
    if name == "dossier":
        parts.append(Part(counted(item.item_count, "contenu"), role="count"))
    return parts


def summary_line(item, when=None, dated=True):
    """The same line in plain text, "samedi 12 décembre 2026, 14 h · Muséum, Toulouse (31) ·
    Annulé", for readers that show no badge (feeds, search results, the digest); `dated`:
    with the publication date, which a feed entry already carries."""
    parts = [str(part) for part in summary_parts(item, when) if dated or part.role != "date"]
    if item.ctype.name == "event" and item.event_status != "scheduled":
        parts.append(item.status_label)
    return " · ".join(parts)


def describe_project(item, now):
    """A project's period in words: « du 1 mars 2025 au 31 octobre 2027 », « depuis le 1 mars
    2025 », then its duration as written."""
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    day = french_dates.short_date
    if start and end:
        when = f"du {day(start)} au {day(end)}"
    elif start:
        when = f"depuis le {day(start)}" if start <= now else f"à partir du {day(start)}"
    else:
        when = f"jusqu'au {day(end)}" if end else ""
    duration = getattr(item, "duration", None)
    item.period_text = typographic(" · ".join(filter(None, (when, duration))))


def describe_event(item, now):
    item.status_label = status_label(item)
    # For calendars and feeds, whose readers show no badge: "ANNULÉ — Titre".
    item.status_title = (item.title if item.event_status == "scheduled"
                         else f"{item.status_label.upper()} — {item.title}")
    item.is_free = price_is_free(getattr(item, "price", None))
    item.place_text = place_text(item)
    item.ends_at = event_end(item.start, item.end, item.all_day)
    item.is_past = item.ends_at <= now
    item.when_text = french_dates.event_when(item.start, item.end, item.all_day)
    item.session_list = [
        dict(session, when_text=french_dates.event_when(session["start"], session["end"], session["all_day"]),
             ends_at=event_end(session["start"], session["end"], session["all_day"]))
        for session in getattr(item, "sessions", [])]
    for session in item.session_list:
        session["is_past"] = session["ends_at"] <= now
    upcoming = [s for s in item.session_list if s["ends_at"] > now]
    item.next_session = upcoming[0] if upcoming else None
    # The occurrence readers look at: the next session, or the whole event.
    occurrence = item.next_session or {"start": item.start, "ends_at": item.ends_at}
    item.next_start, item.next_end = occurrence["start"], occurrence["ends_at"]
    item.is_ongoing = item.next_start <= now < item.next_end


def describe_call(item, now, closing_soon):
    item.call_type_label = capitalised(item.call_type)
    item.deadline_at = deadline_instant(item.deadline)
    item.closing_soon_at = item.deadline_at - closing_soon
    item.is_closed = item.deadline_at <= now
    item.is_closing_soon = item.closing_soon_at <= now < item.deadline_at
    all_day = not isinstance(item.deadline, dt.datetime)
    item.deadline_when = french_dates.event_when(start_of_day(item.deadline), None, all_day)
    item.status_label = status_label(item)


def occurrences(event):
    """Each session of a series, or the event itself, as {start, end, all_day}."""
    return event.session_list or [{"start": event.start, "end": event.end, "all_day": event.all_day}]


def date_block(moment):
    """The day and month of a date block ("12", "déc."), as cards.date_block draws it."""
    return {"day": str(moment.day), "month": short_month(moment)}


def utc(moment):
    return moment.astimezone(dt.UTC)


def event_uid(event, public_siteurl, session=None):
    """Stable across title changes: the slug, plus the session's start for series."""
    domain = urlsplit(public_siteurl).netloc or "localhost"
    if session is None:
        return f"{event.slug}@{domain}"
    moment = f"{session['start']:%Y%m%d}" if session["all_day"] else f"{utc(session['start']):%Y%m%dT%H%M%SZ}"
    return f"{event.slug}-{moment}@{domain}"

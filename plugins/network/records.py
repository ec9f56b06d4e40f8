"""What the network takes from a source, checked field by field: events, projects, actors
and news of a sister site (its exports), events of an iCalendar feed or of an OpenAgenda
export. Everything a source sends is untrusted: text becomes plain text of bounded length
(markup removed: templates escape it again), addresses must be http(s), dates must be
readable and plausible. A record that fails is refused with its reason; a document that
is not what it should be is refused whole (the fetch keeps the last good copy).
"""

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from content_model import french_dates
from content_model.kinds import fold
from content_model.model import EVENT_STATUSES, PARIS
from content_model.network_file import is_web_address
from content_model.territories import DEPARTEMENTS
from engine.french import typographic

EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
LONGEST = dt.timedelta(days=3 * 366)        # an exhibition may last years, not decades
TITLE_CHARACTERS, TEXT_CHARACTERS, NAME_CHARACTERS = 300, 2000, 200
LIST_ITEMS = 20
TAG = re.compile(r"<[^<>]*>")        # a lone "<" ("Enfants < 12 ans") stays text
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
SPACES = re.compile(r"[ \t\n\r\f\v]+")
POSTCODE = re.compile(r"^(?:\d{5}|2[AB]\d{3})$")
DEPARTEMENT = re.compile(r"^(?:\d{2,3}|2[AB])$")
ISO_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")     # +0200 (OpenAgenda) -> +02:00


class Refused(ValueError):
    """A record or a document the network does not take, with the reason, in French."""


@dataclass
class NetworkEvent:
    uid: str
    title: str
    url: str                     # its page at its origin: the canonical page
    start: dt.datetime           # aware
    end: dt.datetime = None
    all_day: bool = False
    description: str = ""
    status: str = "scheduled"
    location_name: str = None
    city: str = None
    postcode: str = None
    departement: str = None
    latitude: float = None
    longitude: float = None
    audience: tuple = ()
    themes: tuple = ()           # as the origin names them
    tags: tuple = ()
    online_url: str = None
    registration: str = None
    accessibility: str = None
    age: str = None
    image: str = None            # its address at its origin: exported, never loaded by the pages
    image_credits: str = None
    region: str = None           # its source's
    origins: list = field(default_factory=list)     # [(source name, page)], the first its own

    @property
    def ends_at(self):
        """When it is over: the end of its last day when it lasts whole days."""
        if self.all_day:
            return (self.end or self.start) + dt.timedelta(days=1)
        return self.end or self.start + dt.timedelta(hours=2)

    def __fingerprint__(self):
        return vars(self)


@dataclass
class NetworkEntry:
    """A project, an actor or a news item of a sister site: what /reseau/ shows of it."""
    title: str
    url: str
    description: str = ""
    date: dt.datetime = None
    kind: str = ""

    @property
    def date_text(self):
        return french_dates.short_date(self.date.astimezone(PARIS).date()) if self.date else None

    def __fingerprint__(self):
        return vars(self)


def plain(value, limit, what="ce texte"):
    """Text as a reader sees it: markup and control characters out, spaces folded, bounded."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Refused(f"{what} n'est pas un texte")
    text = TAG.sub(" ", html.unescape(TAG.sub(" ", value)))
    # Line breaks and runs of spaces folded; no-break spaces kept (French typography).
    text = typographic(SPACES.sub(" ", CONTROL.sub(" ", text)).strip())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def required_text(record, name, limit, what):
    text = plain(record.get(name), limit, what)
    if not text:
        raise Refused(f"{what} manque")
    return text


def web_address(value, what, host=None):
    """An http(s) address, or None; on `host` when given (a sister site speaks for itself only)."""
    if value in (None, ""):
        return None
    if not is_web_address(value) or len(value) > 2000:
        raise Refused(f"{what} n'est pas une adresse web sûre")
    if host is not None and urlsplit(value).netloc.lower() != host:
        raise Refused(f"{what} ({value}) n'est pas sur le site qui l'annonce ({host})")
    return value


def text_list(value, limit=80):
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise Refused("une liste attendue")
    return tuple(text for text in (plain(item, limit) for item in value[:LIST_ITEMS]
                                   if isinstance(item, (str, int))) if text)


def moment(value, what):
    """(aware datetime, all day) from ISO 8601: a date alone is all day; no offset: Paris."""
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
        return check_bounds(parsed.replace(tzinfo=PARIS), what), True
    elif isinstance(value, str) and 10 <= len(value) <= 40:
        text = ISO_OFFSET.sub(r"\1:\2", value.strip().replace("Z", "+00:00"))
        try:
            parsed = (dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), PARIS) if len(text) == 10
                      else dt.datetime.fromisoformat(text))
        except ValueError:
            raise Refused(f"{what} ({value[:40]}) n'est pas une date lisible") from None
        if len(text) == 10:
            return check_bounds(parsed, what), True
    else:
        raise Refused(f"{what} manque ou n'est pas une date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=PARIS)
    return check_bounds(parsed, what), False


def check_bounds(value, what):
    if not EARLIEST <= value.date() < LATEST:
        raise Refused(f"{what} ({value.date().isoformat()}) n'est pas plausible")
    return value


def coordinate(value, bound):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if -bound <= number <= bound and number == number else None


def place_fields(postcode, departement):
    postcode = postcode if isinstance(postcode, str) and POSTCODE.match(postcode.strip()) else None
    if isinstance(departement, str) and DEPARTEMENT.match(departement.strip()):
        departement = departement.strip()
    elif postcode:
        departement = postcode[:3] if postcode.startswith("97") else postcode[:2]
        departement = departement if departement in DEPARTEMENTS or postcode.startswith(("2A", "2B")) else None
        if postcode.startswith("20"):
            departement = None          # Corsica's postcodes do not say which of the two
    else:
        departement = None
    return postcode, departement


def checked_event(fields, what="l'événement"):
    """A NetworkEvent from already extracted fields (every source's mapping ends here)."""
    start, all_day = moment(fields.get("start"), "sa date de début")
    end = None
    if fields.get("end") not in (None, ""):
        end, _ = moment(fields["end"], "sa date de fin")
        if end < start:
            raise Refused("sa fin est avant son début")
        if end - start > LONGEST:
            raise Refused("il durerait plus de trois ans")
    postcode, departement = place_fields(fields.get("postcode"), fields.get("departement"))
    latitude, longitude = coordinate(fields.get("latitude"), 90), coordinate(fields.get("longitude"), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    status = fields.get("status") if fields.get("status") in EVENT_STATUSES else "scheduled"
    return NetworkEvent(
        uid=required_text(fields, "uid", 300, "son identifiant"),
        title=required_text(fields, "title", TITLE_CHARACTERS, "son titre"),
        url=fields["url"], start=start, end=end, all_day=all_day,
        description=plain(fields.get("description"), TEXT_CHARACTERS),
        status=status,
        location_name=plain(fields.get("location_name"), NAME_CHARACTERS) or None,
        city=plain(fields.get("city"), 100) or None,
        postcode=postcode, departement=departement, latitude=latitude, longitude=longitude,
        audience=text_list(fields.get("audience")), themes=text_list(fields.get("themes")),
        tags=text_list(fields.get("tags")),
        online_url=web_address(fields.get("online_url"), "son adresse en ligne"),
        registration=plain(fields.get("registration"), 300) or None,
        accessibility=plain(fields.get("accessibility"), 300) or None,
        age=plain(fields.get("age"), 40) or None,
        image=web_address(fields.get("image"), "son image"),
        image_credits=plain(fields.get("image_credits"), NAME_CHARACTERS) or None)


def json_document(data, key, what):
    """The list of records under `key` of a JSON export (bytes)."""
    if data[:1] == b"<" or data.lstrip()[:1] == b"<":
        raise Refused(f"{what} : une page HTML au lieu de données JSON")
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise Refused(f"{what} : ce n'est pas du JSON lisible") from None
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise Refused(f"{what} : la liste « {key} » manque")
    return document[key]


def each(records, make):
    """([made], [(number, reason)]): every record made or refused, none dropped unsaid."""
    made, refused = [], []
    for number, record in enumerate(records, 1):
        try:
            if not isinstance(record, dict):
                raise Refused("ce n'est pas un enregistrement")
            made.append(make(record))
        except (Refused, TypeError, AttributeError, KeyError, OverflowError) as error:
            reason = error if isinstance(error, Refused) else "enregistrement illisible (un champ n'a pas sa forme)"
            title = record.get("title") if isinstance(record, dict) else None
            named = plain(title, 60) if isinstance(title, str) else ""
            refused.append((number, f"« {named} » : {reason}" if named else str(reason)))
    return made, refused


# A sister site's exports (plugins/agenda and plugins/directory write them).

def own_page(value, source):
    """A sister site's record's page: required, and on the site itself."""
    url = web_address(value, "son adresse", source.host)
    if url is None:
        raise Refused("son adresse manque")
    return url


def site_events(data, source):
    def make(record):
        url = own_page(record.get("origin_url") or record.get("url"), source)
        # A site speaks for its own events: an identifier of another site would take its place.
        if not str(record.get("uid") or "").endswith(f"@{source.host}"):
            raise Refused(f"son identifiant n'est pas de ce site (@{source.host})")
        return checked_event({**record, "url": url})
    return each(json_document(data, "events", "les événements"), make)


def site_entries(data, source, key, kind):
    def make(record):
        url = own_page(record.get("origin_url") or record.get("url"), source)
        title = required_text(record, "title" if "title" in record else "name", TITLE_CHARACTERS, "son titre")
        date = None
        if record.get("updated") or record.get("published"):
            date, _ = moment(record.get("published") or record.get("updated"), "sa date")
        return NetworkEntry(title, url, plain(record.get("description"), TEXT_CHARACTERS), date, kind)
    return each(json_document(data, key, kind), make)


def site_news(data, source):
    """The entries of a sister site's Atom feed (lxml, without entities or the network)."""
    import lxml.etree
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError:
        raise Refused("les actualités : ce n'est pas un flux Atom lisible") from None
    atom = "{http://www.w3.org/2005/Atom}"
    if root.tag != f"{atom}feed":
        raise Refused("les actualités : ce n'est pas un flux Atom")
    records = []
    for entry in root.iter(f"{atom}entry"):
        link = next((element.get("href") for element in entry.iter(f"{atom}link")
                     if element.get("rel", "alternate") == "alternate"), None)
        records.append({"title": entry.findtext(f"{atom}title"), "url": link,
                        "description": entry.findtext(f"{atom}summary"),
                        "published": entry.findtext(f"{atom}published") or entry.findtext(f"{atom}updated")})

    def make(record):
        url = own_page(record["url"], source)
        date, _ = moment(record["published"], "sa date")
        return NetworkEntry(required_text(record, "title", TITLE_CHARACTERS, "son titre"), url,
                            plain(record["description"], TEXT_CHARACTERS), date, "actualité")
    return each(records, make)


# An iCalendar feed (RFC 5545), read by the icalendar library.

ICAL_STATUS = {"CANCELLED": "cancelled", "TENTATIVE": "postponed", "CONFIRMED": "scheduled"}
ICAL_MAX_EVENTS = 5000


def ical_events(data, source):
    import icalendar
    if data.lstrip()[:1] == b"<":
        raise Refused("le calendrier : une page HTML au lieu d'un fichier iCalendar")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError):
        raise Refused("le calendrier : ce n'est pas un fichier iCalendar lisible") from None
    records, components = [], calendar.walk("VEVENT")
    for component in components[:ICAL_MAX_EVENTS]:
        def value(name, component=component):
            item = component.get(name)
            if item is None:
                return None
            decoded = getattr(item, "dt", item)
            return decoded if isinstance(decoded, (dt.date, dt.datetime)) else str(decoded)
        categories = component.get("categories") or []
        records.append({"uid": value("uid"), "title": value("summary"), "start": value("dtstart"),
                        "end": value("dtend"), "description": value("description"), "url": value("url"),
                        "location_name": value("location"), "status": ICAL_STATUS.get(str(value("status") or "")),
                        "categories": [str(category) for entry in (categories if isinstance(categories, list)
                                                                   else [categories])
                                       for category in getattr(entry, "cats", [])]})

    def make(record):
        start, end = record["start"], record["end"]
        if isinstance(start, dt.date) and not isinstance(start, dt.datetime) and isinstance(end, dt.date):
            end = end - dt.timedelta(days=1)        # DTEND of a day is exclusive
            end = None if end <= start else end
        url = web_address(record["url"], "son adresse") or source.page or source.url
        return checked_event({**record, "start": start, "end": end, "url": url, "themes": record["categories"],
                              "uid": record["uid"] or f"{fold(str(record['title']))}-{start}@{source.host}"})
    made, refused = each(records, make)
    if len(components) > ICAL_MAX_EVENTS:       # said, not dropped in silence
        refused.append((ICAL_MAX_EVENTS + 1, f"{len(components) - ICAL_MAX_EVENTS} événements au-delà des "
                                             f"{ICAL_MAX_EVENTS} premiers laissés de côté"))
    return made, refused


# An OpenAgenda agenda's public JSON export (fields: https://developers.openagenda.com).

OPENAGENDA_STATUS = {1: "scheduled", 2: "scheduled", 3: "scheduled", 4: "postponed", 5: "full", 6: "cancelled"}
OPENAGENDA_ACCESSIBILITY = {"hi": "handicap auditif", "ii": "handicap intellectuel", "vi": "handicap visuel",
                            "pi": "handicap psychique", "mi": "handicap moteur"}


def in_french(value):
    """A multilingual field ({"fr": …, "en": …}): the French text, else the first one."""
    if isinstance(value, dict):
        return value.get("fr") if value.get("fr") is not None else next(iter(value.values()), None)
    return value


def openagenda_image(image):
    """The address of an OpenAgenda event's image ({"base": …, "filename": …}), or None."""
    if isinstance(image, dict) and isinstance(image.get("base"), str) and isinstance(image.get("filename"), str):
        return image["base"] + image["filename"]
    return None


def openagenda_events(data, source):
    def make(record):
        timings = [timing for timing in record.get("timings") or [] if isinstance(timing, dict)]
        if not timings:
            raise Refused("il n'a pas d'horaire (timings)")
        place = record.get("location") if isinstance(record.get("location"), dict) else {}
        age = record.get("age") if isinstance(record.get("age"), dict) else {}
        access = record.get("accessibility") if isinstance(record.get("accessibility"), dict) else {}
        registration = [entry.get("value") for entry in record.get("registration") or []
                        if isinstance(entry, dict) and isinstance(entry.get("value"), str)]
        slug = record.get("slug") if isinstance(record.get("slug"), str) else None
        page = source.page.rstrip("/") + f"/events/{slug}" if source.page and slug else None
        url = web_address(record.get("canonicalUrl") or record.get("url") or page, "son adresse") or source.page
        if url is None:
            raise Refused("son adresse manque (donnez « page: » à la source dans network.yaml)")
        ages = [str(age[key]) for key in ("min", "max") if isinstance(age.get(key), int)]
        return checked_event({
            "uid": f"{record.get('uid')}@openagenda.com" if record.get("uid") is not None else None,
            "title": in_french(record.get("title")), "url": url,
            "description": in_french(record.get("description")),
            "start": timings[0].get("begin"), "end": timings[-1].get("end"),
            "status": OPENAGENDA_STATUS.get(record.get("status")),
            "location_name": place.get("name"), "city": place.get("city"),
            "postcode": place.get("postalCode"), "latitude": place.get("latitude"),
            "longitude": place.get("longitude"),
            "tags": in_french(record.get("keywords")),
            "online_url": record.get("onlineAccessLink"),
            "registration": " ; ".join(registration[:3]),
            "accessibility": ", ".join(label for key, label in OPENAGENDA_ACCESSIBILITY.items() if access.get(key)),
            "age": "–".join(ages) + " ans" if ages else None,
            "image": openagenda_image(record.get("image")),
            "image_credits": record.get("imageCredits"),
        })
    return each(json_document(data, "events", "l'agenda OpenAgenda"), make)


# What each type of source publishes: {name of the stored file: (its path, reader)}.
SITE_FILES = {
    "events.json": ("agenda/events.json", site_events),
    "projects.json": ("projets/projets.json", lambda data, source: site_entries(data, source, "projects", "projet")),
    "actors.json": ("acteurs/acteurs.json", lambda data, source: site_entries(data, source, "actors", "acteur")),
    "news.xml": ("actualites/atom.xml", site_news),
}


def source_files(source):
    """{stored name: (address, reader)} of what `source` publishes."""
    if source.type == "site":
        return {name: (source.url + path, reader) for name, (path, reader) in SITE_FILES.items()}
    if source.type == "ical":
        return {"events.ics": (source.url, ical_events)}
    return {"events.json": (source.url, openagenda_events)}

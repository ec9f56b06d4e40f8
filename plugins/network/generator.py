"""The network's pages, read from the store `invoke network-fetch` fills (never from the
network): /reseau/ (the sources, their counts, latest news and projects), /reseau/agenda/
(the upcoming events of every source, deduplicated, with filters), its iCalendar, Atom,
RSS and JSON. Every event links to its page at its origin: no copy of it is a page here.
"""

import datetime as dt
import html
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from pelican.generators import Generator

from content_model import french_dates
from content_model.colours import accent
from content_model.describe import date_block
from content_model.exports import feature_collection, json_text, point_feature, records_json, subscribed_calendar
from content_model.kinds import fold, slug_from_title
from content_model.model import AUDIENCE_LABELS, EVENT_STATUS_LABELS, PARIS
from content_model.network_file import read_network
from content_model.territories import DEPARTEMENTS, REGION_OF, REGIONS
from content_model.vocabulary import Vocabulary
from engine.french import typographic
from maps.preview import first_view, preview_css

from .fetch import read_state, source_folder
from .records import Refused, source_files

logger = logging.getLogger(__name__)
LATEST_SHOWN = 3
SUMMARY_CHARACTERS = 240


@dataclass
class SourceSummary:
    """What /reseau/ shows of a source."""
    name: str
    region: str
    url: str
    type: str
    fetched: str = None                 # when its newest file was fetched (ISO), None: never
    counts: list = field(default_factory=list)      # [(how many, singular, plural)]
    news: list = field(default_factory=list)
    projects: list = field(default_factory=list)

    @property
    def fetched_text(self):
        if not self.fetched:
            return None
        return french_dates.short_date(dt.datetime.fromisoformat(self.fetched).astimezone(PARIS).date())

    def __fingerprint__(self):
        return vars(self)


def dedup_key(event):
    """Same event announced twice: same folded title, same instant of start (to the minute,
    whatever the offset it is written with), same postcode (without one, same city)."""
    start = event.start.astimezone(dt.UTC).isoformat(timespec="minutes")
    return (fold(event.title), start, event.postcode or fold(event.city or ""))


def deduplicated(events):
    """Events in source order, each once: same identifier first, else dedup_key(); the
    copies' origins join the first one's."""
    by_uid, by_key, kept = {}, {}, []
    for event in events:
        first = by_uid.get(event.uid) or by_key.get(dedup_key(event))
        if first is not None:
            first.origins += [origin for origin in event.origins if origin not in first.origins]
            continue
        by_uid[event.uid] = by_key[dedup_key(event)] = event
        kept.append(event)
    return kept


def read_source(source, data_path):
    """{stored name: [records]} of the source's last good copies, checked again; the
    refused records are logged (a file written by hand can be wrong too)."""
    folder = source_folder(data_path, source)
    made = {}
    for name, (_, reader) in source_files(source).items():
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            records, refused = reader(data, source)
        except Refused as reason:
            logger.warning("réseau : %s : %s refusé : %s — relancez invoke network-fetch", source.name, name, reason)
            continue
        if refused:
            logger.warning("réseau : %s : %d enregistrements de %s refusés (le premier : n° %d, %s)",
                           source.name, len(refused), name, *refused[0])
        made[name] = records
    return made, read_state(folder)


def gather(sources, data_path, themes, now):
    """(summaries, upcoming events by start) of every source."""
    vocabulary = Vocabulary(themes)
    regions = {fold(name): name for name in REGIONS}
    summaries, events = [], []
    for source in sources:
        made, state = read_source(source, data_path)
        region = regions.get(fold(source.region), source.region)
        summary = SourceSummary(source.name, source.region, source.url if source.type == "site"
                                else (source.page or source.url), source.type)
        fetched = [entry.get("fetched") for name, entry in state.items() if name in made and isinstance(entry, dict)]
        summary.fetched = max(filter(None, fetched), default=None)
        for name, records in made.items():
            if name.startswith("events"):
                for event in records:
                    # Where it takes place says its region; else the source's (a calendar without postcodes).
                    event.region = REGION_OF.get(event.departement) or region
                    event.audience = tuple(AUDIENCE_LABELS.get(fold(word).replace(" ", "-"), word)
                                           for word in event.audience)
                    event.origins = [(source.name, event.url)]
                    mapped = {vocabulary.theme_of.get(vocabulary.tag_slug(word)) for word in event.themes + event.tags}
                    event.theme_slugs = [slug for slug in themes if slug in mapped]     # in themes.yaml's order
                    event.accent = accent(event.theme_slugs, themes)
                    events.append(event)
                summary.counts.append((sum(1 for event in records if event.ends_at >= now),
                                       "événement à venir", "événements à venir"))
            elif name == "projects.json":
                summary.counts.append((len(records), "projet", "projets"))
                summary.projects = records[:LATEST_SHOWN]
            elif name == "actors.json":
                summary.counts.append((len(records), "acteur", "acteurs"))
            elif name == "news.xml":
                summary.counts.append((len(records), "actualité", "actualités"))
                summary.news = sorted(records, key=lambda entry: entry.date, reverse=True)[:LATEST_SHOWN]
        summary.counts = [count for count in summary.counts if count[0]]       # "0 projet" says nothing
        summaries.append(summary)
    upcoming = [event for event in deduplicated(events) if event.ends_at >= now]
    upcoming.sort(key=lambda event: (event.start, fold(event.title), event.uid))
    return summaries, upcoming


def when_text(event):
    start = event.start.astimezone(PARIS)
    end = event.end.astimezone(PARIS) if event.end else None
    return typographic(french_dates.event_when(start, end, event.all_day))


def event_record(event, themes):
    """An event of the network's JSON export: the origin's own fields, and where it comes from."""
    return {"uid": event.uid, "title": event.title, "description": event.description,
            "url": event.url, "origin_site": event.origins[0][0], "origin_url": event.url,
            "origins": [{"site": name, "url": url} for name, url in event.origins],
            "start": event.start.date().isoformat() if event.all_day else event.start.isoformat(),
            "end": (event.end.date().isoformat() if event.all_day else event.end.isoformat()) if event.end else None,
            "all_day": event.all_day, "status": event.status, "location_name": event.location_name,
            "postcode": event.postcode, "city": event.city, "departement": event.departement,
            "region": event.region, "latitude": event.latitude, "longitude": event.longitude,
            "audience": list(event.audience), "themes": [themes[slug]["label"] for slug in event.theme_slugs],
            "tags": list(event.tags), "registration": event.registration, "accessibility": event.accessibility,
            "age": event.age, "online_url": event.online_url, "image": event.image,
            "image_credits": event.image_credits}


def filter_record(event):
    """What the filter of /reseau/agenda/ needs to draw an event's card (theme/js/network.js)."""
    return {"url": event.url, "title": event.title, "when": event.when, "start": event.start.isoformat(),
            "place": event.place, "summary": event.summary, "region": event.region, "status": event.status,
            "status_label": event.status_label, "date_block": date_block(event.local_start),
            "tone": [event.accent["color"], event.accent["color_dark"]], "icon": event.accent["icon"],
            "origins": [{"site": name, "url": url} for name, url in event.origins], "filters": filter_slugs(event)}


def shortened(text, limit):
    """The start of a text, cut at a word, for a card (its three lines show less)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def card_place(event):
    place = ", ".join(part for part in (event.location_name, event.city) if part) or "Lieu non précisé"
    return f"{place} ({event.departement})" if event.departement else place


def calendar_bytes(events, name, settings):
    """The network agenda's iCalendar: each event keeps its origin's UID, so a calendar that
    holds both the origin's and the network's feed shows it once."""
    from icalendar import Event
    calendar = subscribed_calendar(name, settings["SITENAME"], "Réseau")
    for event in events:
        vevent = Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", event.start.astimezone(dt.UTC))
        if event.all_day:
            vevent.add("dtstart", event.start.date())
            vevent.add("dtend", (event.end or event.start).date() + dt.timedelta(days=1))
        else:
            vevent.add("dtstart", event.start.astimezone(dt.UTC))
            if event.end:
                vevent.add("dtend", event.end.astimezone(dt.UTC))
        vevent.add("summary", event.title)
        origins = " ; ".join(name for name, _ in event.origins)
        vevent.add("description", f"{event.description}\n\nAnnoncé par {origins} : {event.url}".strip())
        place = ", ".join(part for part in (event.location_name, event.postcode, event.city) if part)
        if place:
            vevent.add("location", place)
        if event.latitude is not None:
            vevent.add("geo", (event.latitude, event.longitude))
        vevent.add("url", event.url)
        vevent.add("status", {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}.get(event.status, "CONFIRMED"))
        calendar.add_component(vevent)
    return calendar.to_ical()


def feed_bytes(events, settings, page_url, feed_url, title):
    """(Atom, RSS) of the network agenda: one entry per event, linking to its origin."""
    from feedgen.feed import FeedGenerator
    domain = settings["SITEURL"] or settings["PUBLIC_SITEURL"]
    generator = FeedGenerator()
    generator.id(f"{domain}/{feed_url}atom.xml")
    generator.title(title)
    generator.subtitle("Les prochains événements des sites du réseau, chacun vers sa page d'origine.")
    generator.author({"name": settings["SITENAME"]})
    generator.language("fr")
    newest = max((event.start for event in events), default=dt.datetime(2000, 1, 1, tzinfo=PARIS))
    generator.updated(newest)
    for event in events[:settings["FEED_MAX_ITEMS"]]:
        entry = generator.add_entry(order="append")
        entry.id(event.url)
        entry.guid(event.url, permalink=True)
        entry.title(event.title)
        entry.link(href=event.url)
        entry.published(event.start)
        entry.updated(event.start)
        origins = ", ".join(name for name, _ in event.origins)
        text = f"{event.when} — {event.city or event.region} — annoncé par {origins}. {event.description}"
        entry.summary(html.escape(text.strip(), quote=False), type="html")
    generator.link([{"href": f"{domain}/{page_url}", "rel": "alternate"},
                    {"href": f"{domain}/{feed_url}atom.xml", "rel": "self"}], replace=True)
    atom = generator.atom_str(pretty=True)
    generator.link([{"href": f"{domain}/{page_url}", "rel": "alternate"},
                    {"href": f"{domain}/{feed_url}rss.xml", "rel": "self"}], replace=True)
    return atom, generator.rss_str(pretty=True)


class NetworkGenerator(Generator):

    def generate_context(self):
        settings = self.settings
        sources, _ = read_network(self.path)        # its problems stop the build (content_model)
        base = settings["NETWORK_URL"]
        urls = {"index": base, "agenda": f"{base}agenda/", "ics": f"{base}agenda/agenda.ics",
                "map": f"{base}carte/" if self.context.get("map") else None,
                "geojson": f"{base}carte/evenements.geojson", "map_css": f"{base}carte/apercu.css",
                "atom": f"{base}agenda/atom.xml", "rss": f"{base}agenda/rss.xml",
                "json": f"{base}agenda/evenements.json",
                "data": f"{base}agenda/a-venir.json"}
        summaries, upcoming = gather(sources, settings["NETWORK_DATA_PATH"], self.context["themes"],
                                     self.context["now"])
        for event in upcoming:
            event.when = when_text(event)
            event.status_label = EVENT_STATUS_LABELS.get(event.status)
            event.filters = event_filters(event, self.context["themes"])
            event.place = card_place(event)
            event.summary = shortened(event.description, SUMMARY_CHARACTERS)
            event.local_start = event.start.astimezone(PARIS)
            # Where /agenda/ lists it (plugins/agenda): its day, or "En ce moment" once begun.
            event.agenda_day = event.local_start.date() if event.start >= self.context["now"] else None
        external = {source.name for source in sources if source.type != "site"}
        in_agenda = [event for event in upcoming if event.origins[0][0] in external] \
            if settings["NETWORK_IN_AGENDA"] else []
        self.context["network"] = {"sources": summaries, "upcoming": upcoming, "urls": urls,
                                   "in_agenda": in_agenda} if sources else None
        if sources:
            self.context.setdefault("index_urls", []).extend((urls["index"], urls["agenda"]))

    def generate_output(self, writer):
        network = self.context["network"]
        if network is None:
            return
        settings, themes, urls = self.settings, self.context["themes"], network["urls"]
        write = partial(writer.write_file, context=self.context, relative_urls=settings["RELATIVE_URLS"])
        write(urls["index"] + "index.html", self.get_template("network"), page_url=urls["index"], section="network")
        events = network["upcoming"]
        write(urls["agenda"] + "index.html", self.get_template("network_agenda"), paginated={"items": events},
              template_name="network_agenda", url=urls["agenda"], page_url=urls["agenda"], section="network",
              choices=filter_choices(events, themes), network_filters=FILTERS)
        name = f"{settings['SITENAME']} — agenda du réseau"
        writer.write_data(urls["ics"], partial(calendar_bytes, events, name, settings), "ics", events, name)
        feeds = {}

        def feed(kind):
            if kind not in feeds:
                feeds.update(zip(("atom", "rss"), feed_bytes(events, settings, urls["agenda"], urls["agenda"], name),
                                 strict=True))
            return feeds[kind]
        for kind in ("atom", "rss"):
            writer.write_data(urls[kind], partial(feed, kind), kind, events, name)
        about = {"title": f"Agenda du réseau de {settings['SITENAME']}", "source": settings["PUBLIC_SITEURL"] + "/",
                 "sources": [{"name": summary.name, "region": summary.region, "url": summary.url}
                             for summary in network["sources"]]}
        if urls["map"]:
            self.write_map(writer, events)
        writer.write_data(urls["data"], lambda: json_text({"events": [filter_record(event) for event in events]}),
                          "data", events)
        writer.write_data(urls["json"], lambda: records_json("events", [event_record(event, themes)
                                                                         for event in events], about),
                          "json", events, about)

    def write_map(self, writer, events):
        """/reseau/carte/: the upcoming events that have coordinates, on the site's map (plugins/maps:
        its Leaflet, its first view drawn by the build, theme/js/map.js), filtered as the agenda."""
        settings, themes, urls = self.settings, self.context["themes"], self.context["network"]["urls"]
        located = [event for event in events if event.latitude is not None]
        view = first_view([(event.latitude, event.longitude, event) for event in located], settings, None,
                          lambda _: "event", lambda event: event.ends_at)
        about = {"title": f"Le réseau de {settings['SITENAME']} sur la carte",
                 "source": settings["PUBLIC_SITEURL"] + "/"}
        writer.write_data(urls["geojson"], lambda: feature_collection([map_feature(event) for event in located], about),
                          "geojson", located, about)
        writer.write_data(urls["map_css"], partial(preview_css, view), view["steps"][0]["fits"])
        regions = sorted({event.region for event in located}, key=fold)
        writer.write_file(urls["map"] + "index.html", self.get_template("network_map"), self.context,
                          relative_urls=settings["RELATIVE_URLS"], page_url=urls["map"], section="network",
                          map_view=view, map_places=located,
                          map_regions=[(region, [event for event in located if event.region == region])
                                       for region in regions],
                          map_choices=filter_choices(located, themes), network_filters=FILTERS)


# The filters of the network's agenda and map: (key, label); their values are slugs.
FILTERS = (("region", "Région"), ("departement", "Département"), ("theme", "Thématique"), ("public", "Public"))


def event_filters(event, themes):
    """{filter key: [(slug, label)]} of an event, for the network's agenda and map."""
    return {"region": [(slug_from_title(event.region), event.region)],
            "departement": [(event.departement, f"{event.departement} — {DEPARTEMENTS.get(event.departement, '')}")]
            if event.departement else [],
            "theme": [(slug, themes[slug]["label"]) for slug in event.theme_slugs],
            "public": [(slug_from_title(audience), audience) for audience in event.audience]}


def filter_slugs(event):
    return {key: [slug for slug, _ in values] for key, values in event.filters.items()}


def filter_choices(events, themes):
    """{filter key: [(slug, label, count)]}, the values its events have: thématiques in the
    order of themes.yaml, the others by label."""
    counts, labels = {key: Counter() for key, _ in FILTERS}, {}
    for event in events:
        for key, values in event.filters.items():
            for slug, label in values:
                counts[key][slug] += 1
                labels[key, slug] = label
    order = {slug: position for position, slug in enumerate(themes)}
    by_theme, by_label = (lambda choice: order[choice[0]]), (lambda choice: fold(choice[1]))
    return {key: sorted(((slug, labels[key, slug], count) for slug, count in found.items()),
                        key=by_theme if key == "theme" else by_label)
            for key, found in counts.items()}


def map_feature(event):
    """A marker of the network's map: its popup's lines, the filters, when it is over."""
    return point_feature(event.uid, event.latitude, event.longitude, {
        "kind": "event", "title": event.title, "page": event.url, "url": event.url,
        "lines": [event.when, event.status_label if event.status != "scheduled" else "", event.place,
                  "Annoncé par " + ", ".join(name for name, _ in event.origins)],
        "expires": event.ends_at.isoformat(), "date_block": date_block(event.local_start),
        "filters": filter_slugs(event)})

"""The agenda's generator: pages, calendars and open-data files.

Runs after the content model's generator, whose context it reads: `events`
(by start), `upcoming_events` (ongoing and upcoming, by next occurrence),
`past_events` (newest first), `actors`, `themes` and `now`.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial

from pelican.generators import Generator

from content_model import french_dates
from content_model.describe import date_block, event_end, occurrences
from content_model.exports import event_record, json_text, records_csv, records_geojson, records_json
from content_model.facets import FACETS, FacetLink, event_facets, facet_values
from engine.french import typographic

from .calendar import calendar_bytes

EVENT_CALENDAR = "evenement.ics"   # next to each event's page
SUBSCRIPTION_CALENDAR = "agenda.ics"   # next to each filter page and organizer page


@dataclass
class AgendaPage:
    url: str
    title: str
    events: list
    empty: str = "Aucun événement à venir pour le moment."
    ics_url: str = None
    embed_url: str = None
    facet_value: object = None
    archive: bool = False   # a month of past events
    elsewhere: list = field(default_factory=list)   # events of other sources listed too (plugins/network)

    def __post_init__(self):
        self.title = typographic(self.title)

    @property
    def save_as(self):
        return self.url + "index.html"

    def __fingerprint__(self):
        # What templates read of it (plugins/incremental); its events reach them as the
        # writer's paginated `items`, fingerprinted page by page.
        return {name: value for name, value in vars(self).items()
                if name not in ("events", "facet_value", "elsewhere")}

    @property
    def listed(self):
        """Its events and those of other sources, in the order of the days they are listed on."""
        if not self.elsewhere:
            return self.events
        return list(heapq.merge(self.events, self.elsewhere, key=listing_order))


def listing_order(event):
    """Ongoing first ("En ce moment"), then by next start: an event of the site or of another source."""
    return event.agenda_day is not None, getattr(event, "next_start", None) or event.start


def place_on_days(upcoming, past, today):
    """The day an event is listed under: its next occurrence, None for what began
    before today and goes on ("En ce moment"); past events, their first day."""
    for event in upcoming:
        start_day = event.next_start.date()
        event.agenda_day = start_day if start_day >= today else None
    for event in past:
        event.agenda_day = event.start.date()


def day_heading(day):
    if day is None:
        return "En ce moment"
    text = french_dates.long_date(day)
    return text[:1].upper() + text[1:]


def group_by_day(events):
    """[{day, heading, events}] of consecutive events sharing their agenda day."""
    groups = []
    for event in events:
        if not groups or groups[-1]["day"] != event.agenda_day:
            groups.append({"day": event.agenda_day, "heading": day_heading(event.agenda_day),
                           "events": []})
        groups[-1]["events"].append(event)
    return groups


def archive_months(past_events, base):
    """[{year, month, label, url, events by start}], newest month first."""
    months = defaultdict(list)
    for event in past_events:
        months[event.start.year, event.start.month].append(event)
    return [{"year": year, "month": month,
             "label": f"{french_dates.MONTHS[month - 1]} {year}",
             "url": f"{base}archives/{year}/{month:02d}/",
             "events": sorted(events, key=lambda event: (event.start, event.slug))}
            for (year, month), events in sorted(months.items(), reverse=True)]


def embed_snippet(public_url, title):
    return (f'<iframe src="{public_url}" title="{title}" width="100%" height="600" '
            f'style="border:0" loading="lazy"></iframe>')


class AgendaGenerator(Generator):

    def generate_context(self):
        context, settings = self.context, self.settings
        base = settings["AGENDA_URL"]
        place_on_days(context["upcoming_events"], context["past_events"], context["now"].date())
        self.facets = facet_values(context["events"], context["upcoming_events"], context["themes"])
        self.describe_events()
        self.months = archive_months(context["past_events"], base)
        self.pages = self.agenda_pages(base)
        # What pages show of the agenda: links and counts, not the events themselves, so
        # editing an event re-renders the pages that list it, not every agenda page.
        values = {key: [FacetLink.of(value) for value in values] for key, values in self.facets.items()}
        context["agenda"] = {
            "url": base, "ics_url": settings["AGENDA_ICS"], "archives_url": f"{base}archives/",
            "facets": [(facet, f"{base}{facet.folder}/", values[facet.key]) for facet in FACETS],
            "values": values,
            "months": [{key: month[key] for key in ("year", "month", "label", "url")}
                       | {"count": len(month["events"])} for month in self.months],
            "data_url": f"{base}a-venir.json",
            "exports": {kind: f"{base}events.{kind}" for kind in ("json", "csv", "geojson")},
        }
        context.setdefault("index_urls", []).extend(
            [page.url for page in self.pages]
            + [f"{base}archives/"] + [url for _, url, _ in context["agenda"]["facets"]])

    def describe_events(self):
        """What event and actor pages show of the agenda: calendars, filter pages."""
        base = self.settings["AGENDA_URL"]
        self.organized = defaultdict(list)    # organizer actor -> its upcoming events
        for event in self.context["events"]:
            event.ics_url = event.url + EVENT_CALENDAR
            event.agenda_links = []
            if event.organizer_actor is not None:
                event.organizer_actor.agenda_ics_url = event.organizer_actor.url + SUBSCRIPTION_CALENDAR
                if not event.is_past:
                    self.organized[event.organizer_actor].append(event)
        for community in self.context["communities"]:     # its page offers its calendar, even empty
            community.agenda_ics_url = community.url + SUBSCRIPTION_CALENDAR
        for facet in FACETS:
            for value in self.facets[facet.key]:
                value.url = f"{base}{facet.folder}/{value.slug}/"
                for event in value.events:
                    event.agenda_links.append((value.label, value.url))

    def agenda_pages(self, base):
        """The agenda, one page per filter value, one per archive month."""
        network = self.context.get("network") or {}
        pages = [AgendaPage(base, "Agenda", self.context["upcoming_events"], ics_url=self.settings["AGENDA_ICS"],
                            embed_url=f"{base}embed/", elsewhere=network.get("in_agenda", []))]
        pages.extend(AgendaPage(value.url, f"Agenda — {value.label}", value.upcoming,
                                facet_value=value, ics_url=value.url + SUBSCRIPTION_CALENDAR,
                                embed_url=f"{base}embed/{facet.folder}/{value.slug}/")
                     for facet in FACETS for value in self.facets[facet.key])
        pages.extend(AgendaPage(month["url"], f"Agenda : archives de {month['label']}",
                                month["events"], empty="Aucun événement ce mois-là.", archive=True)
                     for month in self.months)
        return pages

    def generate_output(self, writer):
        context, settings = self.context, self.settings
        public = settings["PUBLIC_SITEURL"]
        write = partial(writer.write_file, context=context, relative_urls=settings["RELATIVE_URLS"],
                        section="event")
        for page in self.pages:
            write(page.save_as, self.get_template("agenda"), paginated={"items": page.listed},
                  template_name="agenda", url=page.url, page_url=page.url, agenda_page=page,
                  embed_code=embed_snippet(public + "/" + page.embed_url, page.title)
                  if page.embed_url else None)
            if page.embed_url:
                count = settings["AGENDA_EMBED_COUNT"]
                write(page.embed_url + "index.html", self.get_template("agenda_embed"),
                      page_url=page.embed_url, agenda_page=page, embed_events=page.events[:count],
                      noindex=True)
        for facet, url, values in context["agenda"]["facets"]:
            write(url + "index.html", self.get_template("agenda_facet"), page_url=url, facet=facet,
                  values=values)
        write(context["agenda"]["archives_url"] + "index.html", self.get_template("agenda_archives"),
              page_url=context["agenda"]["archives_url"])
        self.write_calendars(writer)
        self.write_data(writer)

    def write_calendars(self, writer):
        settings, themes = self.settings, self.context["themes"]
        name = settings["AGENDA_CALENDAR_NAME"]
        calendars = [(page.ics_url, page.events,
                      f"{name} — {page.facet_value.label if page.facet_value else 'Agenda'}")
                     for page in self.pages if page.ics_url]
        calendars += [(event.ics_url, [event], event.title) for event in self.context["events"]]
        calendars += [(actor.agenda_ics_url, self.organized[actor], f"{name} — {actor.title}")
                      for actor in self.context["actors"] if getattr(actor, "agenda_ics_url", None)]
        calendars += [(community.agenda_ics_url, community.community_events, f"{name} — {community.title}")
                      for community in self.context["communities"]]
        for path, events, title in calendars:
            writer.write_data(path, partial(calendar_bytes, events, title, settings=settings, themes=themes),
                              events, title, themes)

    def write_data(self, writer):
        context, settings = self.context, self.settings
        themes, events = context["themes"], context["events"]
        about = {"title": f"Agenda de {settings['SITENAME']}", "source": settings["PUBLIC_SITEURL"] + "/",
                 "license": settings["DATA_LICENSE"]}
        records = lru_cache(lambda: [event_record(event, settings["PUBLIC_SITEURL"], themes, settings["SITENAME"])
                                      for event in events])
        exports = context["agenda"]["exports"]
        writer.write_data(exports["json"], lambda: records_json("events", records(), about), "json", events,
                          themes, about)
        writer.write_data(exports["geojson"], lambda: records_geojson(records(), about, "uid"), "geojson", events,
                          themes, about)
        writer.write_data(exports["csv"], lambda: records_csv(records()), "csv", events, themes)
        upcoming = context["upcoming_events"]
        writer.write_data(context["agenda"]["data_url"], lambda: json_text(
            {"events": [filter_record(event, themes) for event in upcoming]}), upcoming, themes)


def filter_record(event, themes):
    """What the client-side filter of /agenda/ needs to show and filter an event."""
    return {
        "url": event.url, "title": event.title, "when": event.when_text, "place": event.place_text,
        "status": event.event_status, "status_label": event.status_label,
        "day": event.agenda_day.isoformat() if event.agenda_day else "",
        "heading": day_heading(event.agenda_day),
        "start": event.next_start.isoformat(), "end": event.next_end.isoformat(),
        "expires": event.ends_at.isoformat(), "free": event.is_free,
        "price": getattr(event, "price", None),
        # Every occurrence, for the "ce week-end", "cette semaine"… filters; how the card is drawn.
        "spans": [[span["start"].isoformat(), event_end(span["start"], span["end"], span["all_day"]).isoformat()]
                  for span in occurrences(event)],
        "image": event.picture.fallback[0][1] if getattr(event, "picture", None) else "",
        "tone": [event.accent["color"], event.accent["color_dark"]], "icon": event.accent["icon"],
        "date_block": date_block(event.next_start),
        **event_facets(event, themes),
    }

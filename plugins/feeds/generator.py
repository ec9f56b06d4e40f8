"""Builds every feed from the context the other plugins leave: published items,
theme and tag pages (themes plugin), territories, actors' related items.

One entry is computed once per item and reused by every feed that holds it.
Feed dates come from the content, never from the clock, so two builds of the
same content write the same bytes.
"""

import datetime as dt
import html
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from urllib.parse import urljoin

import lxml.html
from feedgen.feed import FeedGenerator
from pelican.generators import Generator

from content_model.describe import summary_line
from content_model.generator import newest_first
from content_model.model import PARIS
from engine import ByPage
from engine.french import typographic

EPOCH = dt.datetime(2000, 1, 1, tzinfo=PARIS)
ENTRIES_KEPT = 2048


@dataclass
class Feed:
    page_url: str      # the page it follows, which announces it
    name: str          # "" or "nouveaux-": files are {page_url}{name}atom.xml / rss.xml
    title: str
    description: str
    items: list
    group: str = "Le site"   # its heading on the /flux/ page

    def __post_init__(self):
        self.title, self.description = typographic(self.title), typographic(self.description)

    @property
    def atom_url(self):
        return f"{self.page_url}{self.name}atom.xml"

    @property
    def rss_url(self):
        return f"{self.page_url}{self.name}rss.xml"

    @property
    def link(self):
        """What pages show of a feed (not its items, so no page depends on them)."""
        return {"page_url": self.page_url, "title": self.title,
                "atom_url": self.atom_url, "rss_url": self.rss_url}


# What lxml makes absolute, in a body that has no image, style or embedded object: the
# links of its start tags. The sanitiser writes every value in double quotes ("&quot;"
# inside), so a ">" in a value does not end a tag, and text holds no "<" ("&lt;").
START_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s=/>"]+(?:="[^"]*")?)*\s*/?>')
LINK_ATTRIBUTE = re.compile(r'(\s(?:' + "|".join(sorted(lxml.html.defs.link_attrs)) + r')=")([^"]*)"', re.I)
ABSOLUTE = re.compile(r"(?:https?|mailto):", re.I)
NEEDS_LXML = ("<img", "<picture", "<source", "style", "url(", "<meta", "<param", "<object", "<embed", "<applet")


def absolute_links(fragment, base_url):
    """The links of a body made absolute as lxml makes them, without parsing it (a tenth of
    the time: a feed entry is made for each item a feed shows)."""
    def link(match):
        if ABSOLUTE.match(match[2]):
            return match[0]
        return f'{match[1]}{html.escape(urljoin(base_url, html.unescape(match[2]).strip()))}"'
    return START_TAG.sub(lambda tag: LINK_ATTRIBUTE.sub(link, tag[0]), fragment)


def absolute_html(fragment, base_url):
    """Relative links and images of a body, made absolute against its page."""
    if not fragment.strip():
        return fragment
    if not any(mark in fragment for mark in NEEDS_LXML):
        return absolute_links(fragment, base_url)
    wrapper = lxml.html.fragment_fromstring(fragment, create_parent="div")
    # Feed readers show plain images: a <picture> becomes its <img> and its src (960 pixels).
    for element in list(wrapper.iter("picture", "source")):
        element.drop_tag()
    for image in wrapper.iter("img"):
        for attribute in ("srcset", "sizes", "loading", "decoding", "fetchpriority"):
            image.attrib.pop(attribute, None)
    wrapper.make_links_absolute(base_url, resolve_base_href=False)
    return (wrapper.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in wrapper)


class FeedsGenerator(Generator):

    def gather_context(self):
        """Once every other generator has made its context: the feeds of their pages."""
        context, settings = self.context, self.settings
        self.domain = settings["FEED_DOMAIN"]
        # An empty feed is as old as the newest content, so its date never follows the clock.
        self.newest_date = max((item.date for item in context["published_items"]
                                if getattr(item, "date", None)), default=EPOCH)
        self.entries = OrderedDict()      # id(item) -> (item, its entry), the last ENTRIES_KEPT
        self.feeds = self.site_feeds()
        context["feed_links"], groups = ByPage(), {}
        for feed in self.feeds:
            context["feed_links"].setdefault(feed.page_url, []).append(feed.link)
            groups.setdefault(feed.group, []).append(feed.link)
        context["feed_groups"] = list(groups.items())
        context.setdefault("index_urls", []).append(settings["FEEDS_PAGE_URL"])

    def site_feeds(self):
        context, settings = self.context, self.settings
        site = settings["SITENAME"]
        news = (context["articles"] + context["events"] + context["resources"] + context["calls"]
                + context["dossiers"] + context["projects"])
        feeds = [
            Feed("", "", site, settings["SITEDESCRIPTION"], newest_first(news)),
            Feed(settings["ARTICLE_LIST_URL"], "", f"{site} — Actualités",
                 "Les dernières actualités.", context["articles"]),
            Feed(settings["RESOURCE_LIST_URL"], "", f"{site} — Ressources",
                 "Les dernières ressources.", context["resources"]),
        ]
        if context.get("agenda"):            # from the agenda plugin: its feeds follow its page
            feeds[2:2] = [
                Feed(context["agenda"]["url"], "", f"{site} — Agenda : prochains événements",
                     "Les événements en cours et à venir, dans l'ordre où ils commencent.",
                     context["upcoming_events"]),
                Feed(context["agenda"]["url"], "nouveaux-", f"{site} — Nouveaux événements annoncés",
                     "Les événements, dans l'ordre où ils ont été annoncés.",
                     newest_first(context["events"]))]
        if context.get("calls_urls"):          # from the calls plugin
            feeds.append(Feed(context["calls_urls"]["open"], "", f"{site} — Annonces",
                              "Appels à projets, emplois, stages, concours : les annonces, dans l'ordre "
                              "où elles ont été publiées.", newest_first(context["calls"])))
        feeds.append(Feed(settings["DOSSIER_LIST_URL"], "", f"{site} — Dossiers",
                          "Les dossiers thématiques, du plus récent au plus ancien.", context["dossiers"]))
        feeds.append(Feed(settings["PROJECT_LIST_URL"], "", f"{site} — Projets et initiatives",
                          "Les projets de sciences participatives et les initiatives, du plus récent au plus ancien.",
                          newest_first(context["projects"])))
        if context.get("digest_issues"):         # from the digest plugin, newest first
            feeds.append(Feed(context["digest"]["url"], "", context["digest"]["feed_title"],
                              "La lettre de chaque semaine : publications et événements à venir.",
                              context["digest_issues"]))
        for theme in context.get("theme_pages", {}).values():
            feeds.append(Feed(theme.url, "", f"{site} — {theme.label}", theme.description or theme.label,
                              [item for item in theme.all_items if item.ctype.name != "actor"],   # newest first
                              "Par thématique"))
        for tag in context.get("tag_pages", {}).values():
            feeds.append(Feed(tag.url, "", f"{site} — Mot-clé : {tag.label}", f"Contenus sur « {tag.label} ».",
                              [item for item in tag.all_items if item.ctype.name != "actor"],
                              "Par mot-clé"))
        for territory in context.get("territory_pages", {}).values():
            feeds.append(Feed(territory.url, "", f"{site} — {territory.label}",
                              f"Événements et ressources en {territory.name}.",
                              newest_first(territory.events + territory.past_events + territory.resources),
                              "Par territoire"))
        for actor in context["actors"]:
            related = [item for items in actor.related.values() for item in items]
            feeds.append(Feed(actor.url, "", f"{site} — {actor.title}",
                              f"Événements et actualités de {actor.title}.", newest_first(related),
                              "Par acteur"))
        for community in context["communities"]:
            feeds.append(Feed(community.url, "", f"{site} — {community.title}",
                              community.summary_text or f"Les contenus de {community.title}.",
                              community.community_items, "Par communauté"))
        return feeds

    def entry(self, item):
        """What a feed says of an item, made once for the feeds that show it; the last
        ENTRIES_KEPT only: an entry holds the item's whole text (20,000 weighed 150 MB)."""
        if id(item) in self.entries:
            self.entries.move_to_end(id(item))
            return self.entries[id(item)][1]
        made = self.made_entry(item)
        self.entries[id(item)] = item, made
        if len(self.entries) > ENTRIES_KEPT:
            self.entries.popitem(last=False)
        return made

    def made_entry(self, item):
        url = f"{self.domain}/{item.url}"
        title = item.status_title if item.ctype.name == "event" else item.title
        # What the entry's own date does not say: when and where, the deadline, the kind.
        facts = summary_line(item, dated=False)
        summary = f"{facts}. {item.summary_text}" if facts else item.summary_text
        themes = self.context.get("theme_links", {})
        categories = [{"term": slug, "label": themes[slug]["label"],
                       "scheme": f"{self.domain}/{themes[slug]['url']}"}
                      for slug in item.theme_slugs if slug in themes]
        tags_url = self.settings.get("TAGS_URL")       # from the themes plugin
        categories += [{"term": tag.slug, "label": tag.label,
                        **({"scheme": f"{self.domain}/{tags_url}"} if tags_url else {})}
                       for tag in item.tag_list]
        image = None
        picture = getattr(item, "picture", None)      # from the images plugin
        if picture:
            image = (f"{self.domain}/{picture.social['url']}", str(picture.social["bytes"]), picture.type)
        return {
            "url": url, "title": title, "summary": summary,
            "content": absolute_html(item.get_content(self.domain), url),
            "published": item.date, "updated": getattr(item, "updated", None) or item.date,
            "authors": [author.name for author in getattr(item, "authors", ())],
            "categories": categories, "image": image,
        }

    def feed_bytes(self, feed):
        """(atom, rss) bytes of a feed."""
        entries = [self.entry(item) for item in feed.items[:self.settings["FEED_MAX_ITEMS"]]]
        updated = max((entry["updated"] for entry in entries),
                      default=self.newest_date)
        page = f"{self.domain}/{feed.page_url}"
        generator = FeedGenerator()
        # Atom carries the image as media:content: feedgen 1.0.0 drops rel="enclosure"
        # from Atom entry links, which would turn the image into a second "alternate".
        generator.load_extension("media", atom=True, rss=False)
        generator.id(f"{self.domain}/{feed.atom_url}")
        generator.title(feed.title)
        generator.subtitle(feed.description)
        generator.author({"name": self.settings["SITENAME"]})
        generator.language("fr")
        generator.generator(self.settings["SITENAME"], uri=self.domain + "/")
        generator.updated(updated)
        generator.lastBuildDate(updated)
        enclosures = []
        for data in entries:
            entry = generator.add_entry(order="append")
            entry.id(data["url"])
            entry.guid(data["url"], permalink=True)
            entry.title(data["title"])
            entry.link(href=data["url"])
            entry.published(data["published"])
            entry.updated(data["updated"])
            for name in data["authors"]:
                entry.author({"name": name})
            for category in data["categories"]:
                entry.category(category)
            # Plain text, escaped: RSS readers take a description as HTML.
            entry.summary(html.escape(data["summary"], quote=False), type="html")
            entry.content(data["content"], type="html")
            if data["image"]:
                url, length, mime = data["image"]
                # Outside any media:group: a group of one is invalid (W3C feed validator).
                entry.media.content(url=url, fileSize=length, type=mime, medium="image", group=None)
                enclosures.append((entry, data["image"]))
        generator.link([{"href": page, "rel": "alternate"},
                        {"href": f"{self.domain}/{feed.atom_url}", "rel": "self"}], replace=True)
        atom = generator.atom_str(pretty=True)
        for entry, image in enclosures:
            entry.enclosure(*image)
        generator.subtitle(html.escape(feed.description, quote=False))     # RSS: HTML, as above
        generator.link([{"href": page, "rel": "alternate"},
                        {"href": f"{self.domain}/{feed.rss_url}", "rel": "self"}], replace=True)
        return atom, generator.rss_str(pretty=True)

    def generate_output(self, writer):
        themes = self.context.get("theme_links", {})
        rss_made = {}       # a feed's RSS, made with its Atom, until it is written: not all at once

        def atom(feed):
            made, rss_made[feed.rss_url] = self.feed_bytes(feed)
            return made

        def rss(feed):
            made = rss_made.pop(feed.rss_url, None)
            return self.feed_bytes(feed)[1] if made is None else made

        for feed in self.feeds:
            shown = feed.items[:self.settings["FEED_MAX_ITEMS"]]
            inputs = (feed.link, feed.description, shown, themes, None if shown else self.newest_date)
            writer.write_data(feed.atom_url, partial(atom, feed), "atom", *inputs)
            writer.write_data(feed.rss_url, partial(rss, feed), "rss", *inputs)
        writer.write_file(self.settings["FEEDS_PAGE_URL"] + "index.html", self.get_template("feeds"),
                          self.context, relative_urls=self.settings["RELATIVE_URLS"],
                          page_url=self.settings["FEEDS_PAGE_URL"], section="feeds")

"""Pelican content objects made from checked documents.

Every type shares one class, `Item`; what differs between types lives in
the model. Everything a template shows is computed here once per item
(French dates, status labels, linked actors) rather than in templates.
"""

import datetime as dt
import functools
import html
import os

from pelican.contents import Content, Page
from pelican.urlwrappers import Author

from . import french_dates
from .describe import describe_call, describe_event, describe_project
from .markup import first_paragraph_text
from .model import AUDIENCE_LABELS, FAMILY_OF_TYPE, PARIS, TYPES, start_of_day
from .territories import departement_label

# Fields whose names Pelican gives another meaning (its `status` is published/draft,
# its `url` is the page's own address) or that read badly in templates (`items`, also a
# method of dicts) get their own attribute names on items.
RENAMED = {"status": "event_status", "url": "external_url", "items": "item_slugs"}
# Links to other items that only an item's own page shows (as cards): an incremental build
# counts them for that page alone (an actor's `related`, a dossier's items and back).
PAGE_LINKS = ("related", "dossier_items", "in_dossiers", "in_communities", "community_members", "community_items",
              "community_sections", "community_events")
# What items get besides their fields: computed here once, and by the generator.
DESCRIBED = (
    "ctype", "summary_text", "body_images", "lead", "updated_text", "is_future", "date_text",
    "audience_labels", "territory_labels", "period_text", "family", "status_label", "status_title", "is_free",
    "place_text", "ends_at", "is_past",
    "when_text", "session_list", "next_session", "next_start", "next_end", "is_ongoing", "call_type_label",
    "deadline_at", "closing_soon_at", "is_closed", "is_closing_soon", "deadline_when", "url", "save_as",
    "theme_slugs", "tag_list", "linked_actors", "organizer_actor", "provider_actor", "community_list",
    "member_actors", "item_count", "summary_parts",
    "accent", "content", *PAGE_LINKS)
ITEM_ATTRIBUTES = tuple(dict.fromkeys(
    [RENAMED.get(name, name) for ctype in TYPES for name in ctype.fields] + ["event_status", *DESCRIBED]))


class Item(Page):
    """A published or draft contribution of any type."""

    allowed_statuses = ("published", "draft")

    def _expand_settings(self, key):
        # URL settings are named after the type: EVENT_URL, RESOURCE_SAVE_AS…
        klass = "draft" if self.status == "draft" else self.ctype.name
        return Content._expand_settings(self, key, klass)

    @property
    def url_format(self):
        # What URL settings may name: {slug}, {lang}, {date} and the fields. Pelican's own
        # adds the source path, {path}, whose computing took a third of making an item.
        return {**self.metadata, "slug": self.slug, "lang": self.lang, "date": getattr(self, "date", None)}

    def get_relative_source_path(self, source_path=None):
        # Pelican's, without its relpath and abspath for a file under PATH (found by walking
        # it): they took a tenth of making an item.
        source_path = source_path or self.source_path
        root = content_root(self.settings["PATH"])
        if source_path and source_path.startswith(root) and "/." not in source_path and "//" not in source_path:
            return source_path[len(root):].replace(os.sep, "/")
        return super().get_relative_source_path(source_path)

    # Pelican's body (its _content), kept as UTF-8: half the memory of the str of a French
    # text, made a str where a page or a feed reads it; `_html` is what digests read.
    @property
    def _content(self):
        return self._html.decode("utf-8", "surrogatepass")

    @_content.setter
    def _content(self, html):
        self._html = html if isinstance(html, bytes) else html.encode("utf-8", "surrogatepass")

    def get_content(self, siteurl):
        # Pelican's, without its memo, which kept every body a process renders as a str to
        # the end of the build: a page and a feed entry each read it once.
        return self._update_content(self._content, siteurl)

    # An item's status never changes once made, nor its address: computed once, not
    # at each of the dozens of links to it a build writes.
    @functools.cached_property
    def url(self):
        return self.get_url_setting("url")

    @functools.cached_property
    def save_as(self):
        return self.get_url_setting("save_as")


@functools.cache
def content_root(path):
    return os.path.join(os.path.abspath(path), "")


def clock():
    return dt.datetime.now(PARIS)


def parse_now(value):
    """The moment the site treats as now: AGENDA_NOW, or the build's clock."""
    if value is None:
        return clock()
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=PARIS) if value.tzinfo is None else value.astimezone(PARIS)
    return start_of_day(value)


def author(name, settings):
    """Pelican's Author, its slug made once per name and slug settings in a process: the
    names come back on thousands of bylines, and slugify is slow."""
    made = Author(name, settings)
    key = name, repr([settings.get(setting) for setting in SLUG_SETTINGS])
    if key in AUTHOR_SLUGS:
        made.slug = AUTHOR_SLUGS[key]
    else:
        AUTHOR_SLUGS[key] = made.slug
    return made


# What an Author's slug depends on (pelican.urlwrappers.URLWrapper.slug), and the slugs made.
SLUG_SETTINGS = ("AUTHOR_REGEX_SUBSTITUTIONS", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_PRESERVE_CASE",
                 "SLUGIFY_USE_UNICODE")
AUTHOR_SLUGS = {}


def make_item(document, settings, context, now, first_commits):
    fields = dict(document.fields)
    metadata = {RENAMED.get(key, key): value for key, value in fields.items()
                if key not in ("authors", "summary")}
    if document.ctype.name == "event":
        metadata.setdefault("event_status", "scheduled")
    if fields.get("authors"):
        metadata["authors"] = [author(name, settings) for name in fields["authors"]]
    explicit_date = "date" in fields
    if not explicit_date:
        fallback = default_date(document, fields, first_commits)
        if fallback:
            metadata["date"] = fallback
    future = explicit_date and fields["date"] > now
    metadata["status"] = "draft" if fields.get("draft") or future else "published"
    metadata["template"] = document.ctype.name
    summary_text = fields.get("summary") or first_paragraph_text(document.html.decode("utf-8", "surrogatepass"))
    metadata["summary"] = html.escape(summary_text)
    item = Item(document.html, metadata, settings, document.path, context)
    item.ctype = document.ctype
    item.summary_text = summary_text
    item.body_images = document.body_images
    item.lead = fields.get("summary")
    item.updated_text = french_dates.short_date(fields["updated"]) if "updated" in fields else None
    item.is_future = future
    item.date_text = french_dates.short_date(item.date) if hasattr(item, "date") else None
    item.audience_labels = [AUDIENCE_LABELS[audience] for audience in fields.get("audience", ())]
    item.territory_labels = [departement_label(code) for code in fields.get("territory", ())]
    if document.ctype.name == "event":
        describe_event(item, now)
    elif document.ctype.name == "call":
        describe_call(item, now, dt.timedelta(days=settings["CALL_CLOSING_SOON_DAYS"]))
    elif document.ctype.name == "project":
        describe_project(item, now)
    elif document.ctype.name == "actor":
        item.family = fields.get("actor_family") or FAMILY_OF_TYPE[fields["actor_type"]]
    # Cached now rather than at first use: an attribute appearing midway through the
    # build would change the item's fingerprint (plugins/incremental).
    _ = item.url, item.save_as
    return item


def next_change(items, now):
    """The first instant after `now` at which a page may change with no content change: an
    event starts or ends, a dated item comes out, the next day begins (the agenda's days)."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    instants = [tomorrow]
    for item in items:
        for value in vars(item).values():
            if type(value) in PLAIN_TYPES:      # most values: no instant in them, said at once
                continue
            if isinstance(value, dt.datetime):
                instants.append(value)
            elif isinstance(value, list) and value and isinstance(value[0], dict):    # sessions
                instants.extend(instant for session in value for instant in session.values()
                                if isinstance(instant, dt.datetime))
    return min(instant for instant in instants if instant > now)


PLAIN_TYPES = frozenset({str, int, float, bool, type(None), dict, tuple})


def default_date(document, fields, first_commits):
    """Items without `date`: the first commit of their file, else their start if any."""
    return first_commits.get(document.source_path) or fields.get("start")

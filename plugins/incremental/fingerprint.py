"""Fingerprints: a short hash of everything a value shows, stable from one build to the next.

A page is rewritten only when the fingerprint of what its template reads changes, so a
fingerprint must cover every attribute a template could read. Values are walked whole
(dicts, lists, dataclasses, any object's attributes). Contributions (Pelican content
objects) link to each other, and are summed up by what each page shows of them:

- the item a page is about (its `item`): all its attributes, body included, and a card
  of each item it links to;
- an item anywhere else (lists, feeds, calendars): all its attributes, and the face of
  the items it links to by fact (organizer, provider, actors), not of those it links to
  for navigation (related items, previous and next: the attributes plugins declare as
  `page_links`), which only its own page shows;
- a card: the face of the item (its attributes but its body) and of its fact links.

So no template may show the body of an item it reaches through a link, or the
navigation links of an item that is not the page's own: cards show neither.
"""

import datetime as dt
import functools
import hashlib
import json
import types

import orjson
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

# What an object's attributes may hold that is not what it shows: the whole context, the
# settings (part of the build's own key), Pelican's copy of the metadata (also attributes).
SKIPPED_ATTRIBUTES = frozenset({"_context", "settings", "metadata"})
BODY = frozenset({"_content", "_html"})     # an item's body: a str, or UTF-8 (content_model.items)
# orjson writes what json would, ten times faster (dates as isoformat() writes them);
# dataclasses go through plain(), as with json (a dataclass may say what it shows: __fingerprint__).
ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS


def digest(text):
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def body_digest(item):
    body = vars(item).get("_html")
    if body is None:
        return digest(getattr(item, "_content", None) or "")
    return hashlib.sha1(body).hexdigest()


def callable_name(value):
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(type(value)))}"


class Fingerprints:
    """The fingerprints of one build's values; each contribution is summed up once."""

    def __init__(self, page_links=frozenset()):
        self.page_links = page_links    # attributes only an item's own page shows
        self.parts = {}      # id(item) -> (face, whole, fact links, navigation links)
        self.memo = {}       # (kind, id(item)) -> digest
        self.shared = {}     # id(value) -> digest, for the context's values
        self.keep = []       # the values behind those ids, so no id is reused

    def of(self, value, page_item=False):
        """The fingerprint of `value`; page_item: it is the item its page is about."""
        if page_item and isinstance(value, Content):
            return self.summed("page", value)
        if isinstance(value, Page):     # also the next or previous page of its neighbours
            return self.of_shared(value)
        return self.dumped(value)

    def dumped(self, value):
        return digest(self.dumps(value, lambda item: self.summed("elsewhere", item)))

    def of_shared(self, value):
        """Same as of(), remembered: for the context's values, shared by every page."""
        key = id(value)
        if key not in self.shared:
            self.shared[key] = self.dumped(value)
            self.keep.append(value)
        return self.shared[key]

    def summed(self, kind, item):
        key = (kind, id(item))
        if key not in self.memo:
            face, whole, facts, navigation = self.parts_of(item)
            if kind == "page":
                text = whole + "".join(self.summed("card", link) for link in facts + navigation)
            elif kind == "card":
                text = face + "".join(self.parts_of(link)[0] for link in facts)
            else:
                text = whole + "".join(self.parts_of(link)[0] for link in facts)
            self.memo[key] = digest(text)
        return self.memo[key]

    def parts_of(self, item):
        if id(item) not in self.parts:
            facts, navigation = [], []

            def linker(links):
                def link(other):
                    links.append(other)
                    return "→" + other.source_path
                return link

            attributes, page_only = {}, {}
            for name, value in vars(item).items():
                if name in self.page_links:
                    page_only[name] = value
                elif name not in SKIPPED_ATTRIBUTES and name not in BODY:
                    attributes[name] = value
            face = digest(self.dumps(attributes, linker(facts)))
            whole = digest(face + body_digest(item)
                           + self.dumps(page_only, linker(navigation)))
            self.parts[id(item)] = face, whole, facts, navigation
            self.keep.append(item)
        return self.parts[id(item)]

    def parts_table(self, items, positions):
        """{position: (face, whole, positions of its fact links, of its navigation links)}
        of `items` (positions: {id(item): position} of the items every process has in the
        same order), for fill() in another process; items linking outside are left out."""
        table = {}
        for item in items:
            face, whole, facts, navigation = self.parts_of(item)
            links = [positions.get(id(link)) for link in facts + navigation]
            if None not in links:
                table[positions[id(item)]] = face, whole, links[:len(facts)], links[len(facts):]
        return table

    def fill(self, table, items):
        """Takes another process's parts_table() of `items` as its own."""
        for position, (face, whole, facts, navigation) in table.items():
            item = items[position]
            if id(item) not in self.parts:
                self.parts[id(item)] = (face, whole, [items[index] for index in facts],
                                        [items[index] for index in navigation])
                self.keep.append(item)

    @staticmethod
    def dumps(value, on_item):
        def encode(value):
            if isinstance(value, Content):
                return on_item(value)
            return plain(value)
        try:
            return orjson.dumps(value, default=encode, option=ORJSON_OPTIONS).decode()
        except TypeError:     # keys that are not text, lone surrogates, huge integers: json, as it was
            pass

        def encode_text_keys(value):
            """The same, with keys json refuses (tuples, None mixed with str) made text."""
            return on_item(value) if isinstance(value, Content) else text_keys(plain(value))
        return json.dumps(text_keys(value), default=encode_text_keys, sort_keys=True, ensure_ascii=False)


def plain(value):
    """What json cannot write, as what it can (the way to write it chosen once per type:
    a build asks for tens of thousands of tags, authors and parts)."""
    return writer_of(type(value))(value)


@functools.cache
def writer_of(kind):
    if hasattr(kind, "__fingerprint__"):
        return lambda value: value.__fingerprint__()
    if issubclass(kind, (dt.datetime, dt.date, dt.time)):
        return lambda value: value.isoformat()
    if issubclass(kind, dt.tzinfo):
        return repr
    if issubclass(kind, (set, frozenset)):
        return lambda value: sorted(value, key=repr)
    if issubclass(kind, URLWrapper):      # authors: their slug is cached at first use
        return lambda value: [kind.__name__, value.name, value.slug]
    if issubclass(kind, Page):
        return lambda value: {"number": value.number, "items": value.object_list, "save_as": value.save_as,
                              "url": value.url, "pages": value.paginator.num_pages}
    if issubclass(kind, Paginator):
        return lambda value: {"name": value.name, "url": value.url, "count": value.count, "pages": value.num_pages}
    if issubclass(kind, functools.partial):
        return lambda value: [callable_name(value.func), value.args, value.keywords]
    if issubclass(kind, types.ModuleType):
        return lambda value: value.__name__
    if issubclass(kind, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)):
        return callable_name
    if hasattr(kind, "_asdict"):
        return lambda value: value._asdict()
    return attributes_or_repr


def attributes_or_repr(value):
    if hasattr(value, "__dict__"):
        return {"__class__": type(value).__name__,
                **{name: attribute for name, attribute in vars(value).items() if name not in SKIPPED_ATTRIBUTES}}
    return repr(value)


def text_keys(value):
    """The dicts in `value` (not those in objects: encode_text_keys) with keys json takes."""
    if isinstance(value, dict):
        return {key if isinstance(key, str) else repr(key): text_keys(item)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [text_keys(item) for item in value]
    return value

"""Markdown to safe HTML: render with useful extensions, then sanitise with nh3.

Contributions are untrusted: whatever raw HTML a body holds, no script, event
handler, `javascript:`/`data:` URL or frame survives. Obsolete HTML that the
Nu checker rejects is dropped too, so every page stays valid.
"""

import hashlib
import html
import os
import re
from concurrent.futures import ProcessPoolExecutor

import markdown
import nh3

from engine.cache import Cache, cache_key
from engine.french import typographic_html

EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {
    "toc": {"permalink": "#", "permalink_title": "Lien vers cette section",
            "permalink_class": "heading-anchor"},
    "footnotes": {"BACKLINK_TITLE": "Retour à l'appel de note %d"},
}

OBSOLETE_TAGS = {"acronym", "center", "strike", "tt"}
ALLOWED_TAGS = (nh3.ALLOWED_TAGS - OBSOLETE_TAGS) | {"picture", "source"}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "blockquote": {"cite"}, "q": {"cite"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "data": {"value"}, "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}

FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]+>")
ASCII_SPACES = re.compile(r"[ \t\r\n]+")


class Renderer:
    """One Markdown instance reused across files (building one is costly)."""

    def __init__(self):
        self.markdown = markdown.Markdown(extensions=EXTENSIONS,
                                          extension_configs=EXTENSION_CONFIGS,
                                          output_format="html")

    def __call__(self, body):
        self.markdown.reset()
        return typographic_html(sanitise(self.markdown.convert(body)))


def render_chunk(bodies):
    """Worker: a list of bodies to their HTML."""
    render = Renderer()
    return [render(body) for body in bodies]


class CachedRenderer:
    """[Markdown] -> [HTML]: bodies seen in an earlier build come from the cache (by hash of
    the body; the cache's key covers this module and the libraries); the others are
    rendered over every processor."""

    CHUNK = 50          # bodies per task: enough to outweigh sending them to a process

    def __init__(self, cache_path=None, workers=None):
        self.cache = Cache(cache_path, "markdown.pickle",
                           cache_key(code=[__name__, "engine.french"], libraries=["markdown", "nh3", "babel"],
                                     settings={"extensions": EXTENSIONS, "configs": EXTENSION_CONFIGS}))
        self.workers = workers or os.cpu_count() or 1
        self.report = {"rendered": 0, "cached": 0}

    def __call__(self, bodies):
        cache = self.cache.load({})
        keys = [hashlib.sha256(body.encode("utf-8")).hexdigest() for body in bodies]
        missing = sorted({key: body for key, body in zip(keys, bodies, strict=True) if key not in cache}.items())
        chunks = [missing[start:start + self.CHUNK] for start in range(0, len(missing), self.CHUNK)]
        if len(chunks) > 1 and self.workers > 1:
            with ProcessPoolExecutor(self.workers) as pool:
                rendered = pool.map(render_chunk, [[body for _, body in chunk] for chunk in chunks])
                made = [html for chunk_html in rendered for html in chunk_html]
        else:
            made = render_chunk([body for _, body in missing])
        cache.update(zip((key for key, _ in missing), made, strict=True))
        used = set(keys)
        self.report = {"rendered": len(missing), "cached": len(used) - len(missing)}
        if missing or used != cache.keys():
            # Only what this build used: removed contributions leave the cache.
            self.cache.save({key: cache[key] for key in sorted(used)})
        return [cache[key] for key in keys]


def sanitise(fragment):
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def plain_text(fragment):
    return html.unescape(TAG.sub("", fragment)).strip()


def shorten(text, limit):
    """`text` on one line, cut at a word near `limit` characters."""
    text = " ".join(ASCII_SPACES.split(text.strip()))   # keeps the no-break spaces of typography
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def first_paragraph_text(fragment, limit=300):
    """The first paragraph as plain text, cut at a word near `limit`."""
    match = FIRST_PARAGRAPH.search(fragment)
    return shorten(plain_text(match.group(1)), limit) if match else ""

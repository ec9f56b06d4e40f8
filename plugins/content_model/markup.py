"""Markdown to safe HTML: render with useful extensions, then sanitise with nh3.

Contributions are untrusted: whatever raw HTML a body holds, no script, event
handler, `javascript:`/`data:` URL or frame survives. Obsolete HTML that the
Nu checker rejects is dropped too, so every page stays valid.
"""

import html
import re

import markdown
import nh3

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


class Renderer:
    """One Markdown instance reused across files (building one is costly)."""

    def __init__(self):
        self.markdown = markdown.Markdown(extensions=EXTENSIONS,
                                          extension_configs=EXTENSION_CONFIGS,
                                          output_format="html")

    def __call__(self, body):
        self.markdown.reset()
        return sanitise(self.markdown.convert(body))


def sanitise(fragment):
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def plain_text(fragment):
    return html.unescape(TAG.sub("", fragment)).strip()


def shorten(text, limit):
    """`text` on one line, cut at a word near `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def first_paragraph_text(fragment, limit=300):
    """The first paragraph as plain text, cut at a word near `limit`."""
    match = FIRST_PARAGRAPH.search(fragment)
    return shorten(plain_text(match.group(1)), limit) if match else ""

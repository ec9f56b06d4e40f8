"""Markdown to safe HTML: GitHub's Markdown (cmark-gfm), then sanitised with nh3.

GitHub Flavored Markdown is what a contributor sees when GitHub previews the file of a
pull request, and CommonMark what the web form's editor writes: the site renders a body
as they saw it (tables, footnotes, strikethrough, links typed as addresses, lists nested
by two spaces). Headings get an anchor to link to them; footnotes are labelled in French.

Contributions are untrusted: whatever raw HTML a body holds, no script, event
handler, `javascript:`/`data:` URL or frame survives. Obsolete HTML that the
Nu checker rejects is dropped too, so every page stays valid.
"""

import html
import re
import unicodedata

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from engine.french import typographic_html

# Raw HTML is kept for nh3 to sanitise (GitHub's tag filter would show it as text).
OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
EXTENSIONS = ["table", "strikethrough", "autolink"]

OBSOLETE_TAGS = {"acronym", "center", "strike", "tt"}
ALLOWED_TAGS = (nh3.ALLOWED_TAGS - OBSOLETE_TAGS) | {"picture", "source", "section"}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "aria-label"},
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
# The headings cmark writes (a heading of raw HTML with attributes keeps its own).
HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
BACK_TO_NOTE = re.compile(r'aria-label="Back to reference ([0-9-]+)"')


def render(body):
    """A Markdown body to safe HTML, its text set in French typography."""
    made = cmarkgfm.markdown_to_html_with_extensions(body, options=OPTIONS, extensions=EXTENSIONS)
    made = BACK_TO_NOTE.sub(lambda match: f'aria-label="Retour à l’appel de note {match.group(1)}"', made)
    return typographic_html(sanitise(with_heading_anchors(made)))


def with_heading_anchors(fragment):
    """Each heading with an id from its text and a link to itself ("#"), as readers link to
    a section; a second heading of the same text gets "_1", and so on."""
    seen = set()

    def anchored(match):
        level, text = match.groups()
        base = heading_id(plain_text(text)) or "section"
        anchor, number = base, 0
        while anchor in seen:
            number += 1
            anchor = f"{base}_{number}"
        seen.add(anchor)
        return (f'<h{level} id="{anchor}">{text}<a class="heading-anchor" href="#{anchor}" '
                f'title="Lien vers cette section">#</a></h{level}>')

    return HEADING.sub(anchored, fragment)


def heading_id(text):
    """"Les « Sciences » : ça marche !" -> "les-sciences-ca-marche"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


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

"""What a French reader would see wrong in a built site: the text of every page, feed and e-mail,
read with real parsers (lxml, feedparser, the e-mail package), never inside code or scripts."""

import email
import email.policy
import re
from pathlib import Path

import feedparser
import lxml.html

CODE = {"script", "style", "code", "pre", "kbd", "samp", "textarea", "template"}
FAULTS = {
    "« (s) »": re.compile(r"\(s\)"),
    "espace ordinaire avant : ; ! ? »": re.compile(r" [:;!?»]"),
    "espace ordinaire après «": re.compile(r"« "),
    "espace ordinaire dans un nombre": re.compile(r"(?<![\d.,])\d{1,3} \d{3}(?!\d)"),
    "apostrophe droite": re.compile(r"'"),
    "espace ordinaire entre un nombre et son unité (12 h, 5 €)": re.compile(r"\d (?:h|min|km|€|%)(?!\w)|\d\u00a0h \d\d"),
}


def html_texts(markup):
    """The text nodes of an HTML document or fragment, outside code."""
    root = lxml.html.fromstring(markup) if markup.strip() else None
    if root is None:
        return
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue                    # comments, processing instructions
        inside_code = any(e.tag in CODE for e in element.iterancestors()) or element.tag in CODE
        if element.text and not inside_code:
            yield element.text
        parent = element.getparent()
        if element.tail and not (parent is not None and (parent.tag in CODE
                                                         or any(e.tag in CODE for e in parent.iterancestors()))):
            yield element.tail


def feed_texts(path):
    feed = feedparser.parse(str(path))
    yield feed.feed.get("title", "")
    yield feed.feed.get("subtitle", "")
    for entry in feed.entries:
        yield entry.get("title", "")
        for value in [entry.get("summary", "")] + [content.value for content in entry.get("content", [])]:
            yield from html_texts(f"<div>{value}</div>")


def email_texts(path):
    message = email.message_from_bytes(Path(path).read_bytes(), policy=email.policy.default)
    yield str(message["Subject"])
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            yield part.get_content()
        elif part.get_content_type() == "text/html":
            yield from html_texts(part.get_content())


def texts_of(path):
    path = Path(path)
    if path.suffix == ".html":
        return html_texts(path.read_text(encoding="utf-8"))
    if path.suffix in (".atom", ".rss", ".xml") and "sitemap" not in path.name:
        return feed_texts(path)
    if path.suffix == ".eml":
        return email_texts(path)
    if path.suffix == ".txt" and path.name != "robots.txt":           # the digest's plain text
        return [path.read_text(encoding="utf-8")]
    return ()


def faults(paths, root):
    """{fault: [(file, excerpt), …]} over `paths`."""
    found = {}
    for path in paths:
        for text in texts_of(path):
            for name, pattern in FAULTS.items():
                for match in pattern.finditer(text):
                    excerpt = text[max(0, match.start() - 30):match.end() + 30].replace("\n", " ")
                    found.setdefault(name, []).append((str(Path(path).relative_to(root)), excerpt))
    return found

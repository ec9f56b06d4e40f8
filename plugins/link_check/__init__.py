"""Link check of a built site (`invoke linkcheck`): every internal link, image and
anchor must lead to a file of the output, and an anchor to an element of its page.

Read: every HTML page (a/link/img/script/source/… attributes, srcset, URLs in
<meta> such as og:image, JSON-LD, inline CSS), every CSS file (url(), @import),
and the site's own absolute URLs (site_url) in feeds, sitemap, .ics, JSON, CSV
and text files. A link to a folder leads to its
index.html, as static servers do. External links are listed, never failing the
check; online=True asks each of them (HEAD, then GET) and reports those that fail.

This is a tool run on an output folder, not a Pelican plugin: it has no register().
"""

import argparse
import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from engine.french import counted

URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "track": ("src",), "embed": ("src",), "input": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "object": ("data",), "form": ("action",),
}
SRCSET_TAGS = {"img", "source"}
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]*)\1\s*\)|@import\s+(["'])([^"']+)\3""")
DATA_SUFFIXES = {".xml", ".ics", ".json", ".geojson", ".csv", ".txt", ".yml", ".webmanifest"}
# Any page's address: relative links are joined to it as a browser would.
BASE = "http://site.invalid/"
IGNORED_SCHEMES = {"mailto", "tel", "data", "geo", "webcal"}
EXTERNAL_TIMEOUT = 15
EXTERNAL_WORKERS = 8


class Page:
    """What one HTML file holds: the ids it offers and the links it makes."""

    def __init__(self, path, site_url):
        root = lxml.html.document_fromstring(path.read_bytes())
        self.ids, self.links = set(), []
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for name in ("id",) + (("name",) if element.tag == "a" else ()):
                if element.get(name):
                    self.ids.add(element.get(name))
            for attribute in URL_ATTRIBUTES.get(element.tag, ()):
                if element.get(attribute) is not None:
                    self.links.append((element.sourceline, element.get(attribute).strip()))
            if element.tag == "meta" and element.get("content", "").startswith(("http://", "https://", "/")):
                self.links.append((element.sourceline, element.get("content").strip()))     # og:url, og:image
            if element.tag in SRCSET_TAGS and element.get("srcset"):
                self.links += [(element.sourceline, url) for url in srcset_urls(element.get("srcset"))]
            if element.get("style"):
                self.links += [(element.sourceline, url) for _, url in css_urls(element.get("style"))]
            if element.tag == "script" and element.get("type") == "application/ld+json" and site_url:
                self.links += [(element.sourceline + line - 1, url)
                               for line, url in site_urls_by_line(element.text or "", site_url)]
            if element.tag == "style" and element.text:
                self.links += [(element.sourceline + line, url) for line, url in css_urls(element.text)]


def srcset_urls(srcset):
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def css_urls(css):
    """[(line offset, URL)] of url() and @import in CSS text."""
    return [(css.count("\n", 0, match.start()), match.group(2) if match.group(2) is not None else match.group(4))
            for match in CSS_URL.finditer(css)]


def site_urls_by_line(text, site_url):
    """The site's absolute URLs in a data file (its addresses never hold a comma or a
    semicolon, which separate CSV cells and list items)."""
    pattern = re.compile(re.escape(site_url.rstrip("/")) + r"""(/[^\s"'<>&\\)\],;]*)?""")
    return [(text.count("\n", 0, match.start()) + 1, match.group(0)) for match in pattern.finditer(text)]


class Report:
    def __init__(self):
        self.broken = []                    # (file, line, link, reason)
        self.external = defaultdict(list)   # url: [(file, line)]
        self.internal_count = 0
        self.page_count = 0

    def lines(self, online_failures=None):
        out = [f"{where}:{line}: {reason} « {link} »" for where, line, link, reason in sorted(self.broken)]
        for url, reason in sorted((online_failures or {}).items()):
            where, line = self.external[url][0]
            out.append(f"{where}:{line}: lien externe en échec ({reason}) « {url} » (signalé, n'échoue pas)")
        hosts = {urlsplit(url).netloc for url in self.external}
        checked = ("vérifiés en ligne" if online_failures is not None
                   else "non vérifiés ; `invoke linkcheck --online` pour les vérifier")
        out.append(f"{self.page_count} pages, {self.internal_count} liens internes, "
                   f"{counted(len(self.broken), 'cassé')} ; "
                   f"{len(self.external)} liens externes vers {len(hosts)} sites ({checked}).")
        return out


def check_site(output, site_url=""):
    """Report of the internal links of the built site in `output` (a folder)."""
    output = Path(output)
    files = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    pages, report = {}, Report()

    def page(name):
        if name not in pages:
            pages[name] = Page(output / name, site_url)
        return pages[name]

    def follow(source, line, link):
        url = link
        if site_url and link.startswith(site_url.rstrip("/")):
            url = "/" + link[len(site_url.rstrip("/")):].lstrip("/")
        parts = urlsplit(urljoin(BASE + source, url))
        if parts.scheme in IGNORED_SCHEMES:
            return
        if parts.scheme not in ("http", "https"):
            report.broken.append((source, line, link, f"adresse {parts.scheme}: interdite"))
            return
        if parts.netloc != urlsplit(BASE).netloc:
            report.external[link].append((source, line))
            return
        report.internal_count += 1
        target = unquote(parts.path).lstrip("/")
        if target == "" or target.endswith("/"):
            target += "index.html"
        elif target not in files and f"{target}/index.html" in files:
            target += "/index.html"
        if target not in files:
            report.broken.append((source, line, link, f"lien cassé : {target} n'existe pas"))
        elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in page(target).ids:
            report.broken.append((source, line, link,
                                  f"ancre cassée : aucun id=\"{unquote(parts.fragment)}\" dans {target}"))

    for name in sorted(files):
        suffix = Path(name).suffix
        if suffix == ".html":
            report.page_count += 1
            for line, link in page(name).links:
                follow(name, line, link)
        elif suffix == ".css":
            text = (output / name).read_text(encoding="utf-8")
            for line, link in css_urls(text):
                follow(name, line + 1, link)
        elif suffix in DATA_SUFFIXES and site_url:
            text = (output / name).read_text(encoding="utf-8", errors="replace")
            if suffix == ".ics":        # lines folded at 75 octets
                text = re.sub(r"\r?\n[ \t]", "", text)
            for line, link in site_urls_by_line(text, site_url):
                follow(name, line, link)
    return report


def ask(url):
    """None if the external URL answers, else the reason."""
    headers = {"User-Agent": "Mozilla/5.0 (verification de liens)"}
    for method in ("HEAD", "GET"):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method=method, headers=headers),
                                        timeout=EXTERNAL_TIMEOUT):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue        # some servers refuse HEAD only
            return f"HTTP {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            return str(getattr(error, "reason", error))
    return None


def check_external(urls):
    """{url: reason} of the external URLs that do not answer."""
    urls = sorted(urls)
    with ThreadPoolExecutor(EXTERNAL_WORKERS) as pool:
        return {url: reason for url, reason in zip(urls, pool.map(ask, urls), strict=True) if reason}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("output", help="dossier du site construit (output/)")
    parser.add_argument("--site-url", default="", help="adresse publique du site : ses URL absolues sont internes")
    parser.add_argument("--online", action="store_true", help="vérifie aussi les liens externes (réseau)")
    args = parser.parse_args(argv)
    report = check_site(args.output, args.site_url)
    failures = check_external(report.external) if args.online else None
    print("\n".join(report.lines(failures)))
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())

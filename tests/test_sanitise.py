"""Untrusted contributions cannot put script on the site.

Classic XSS vectors go into Markdown bodies and into every kind of front
matter field; no page of the built site may carry an executable construct.
"""

import json
import re

import pytest

from conftest import build, page, write_content

BODY_VECTORS = [
    "<script>alert('xss1')</script>",
    "<svg onload=alert('xss3')><circle r=1 /></svg>",
    "[clic](javascript:alert('xss4'))",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzNScpPC9zY3JpcHQ+">données</a>',
    "<div style=\"background:url(javascript:alert('xss6'))\">fond</div>",
    "<p style=\"width: expression(alert('xss7'))\">ie</p>",
    "<iframe srcdoc=\"<script>alert('xss8')</script>\"></iframe>",
    "<a href=\"JaVaScRiPt:alert('xss9')\">casse</a>",
    "<a href=\"jav&#x09;ascript:alert('xss10')\">tab</a>",
    "<form><button formaction=\"javascript:alert('xss11')\">envoyer</button></form>",
    "<object data=\"javascript:alert('xss13')\"></object>",
    "<body onload=alert('xss14')>",
    "<a href=\" javascript:alert('xss16')\">espace</a>",
    "[chevrons](<javascript:alert('xss17')>)",
    "<details open ontoggle=alert('xss19')><summary>x</summary></details>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss20')\">",
    "<base href=\"javascript:alert('xss21')//\">",
    "<a href=\"//evil.example/x.js\" onmouseover=\"alert('xss22')\">relatif</a>",
    "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"vbscript:msgbox('xss25')\">vb</a>",
]
# Images that are no image file of the site: the check refuses them before any build.
IMAGE_VECTORS = [
    "<img src=x onerror=alert('xss2')>",
    "![image](javascript:alert('xss15'))",
    "![photo](photo.png){: onerror=\"alert('xss18')\" }",
    "<IMG SRC=\"javascript:alert('xss23');\">",
    # An unclosed <style> swallows what follows, as browsers would.
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss12')>",
]
FIELD_VECTOR = "\"><script>alert('champ')</script><img src=x onerror=alert('champ')>"

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background")
DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "base", "frame", "frameset", "applet")
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)


def is_site_own(tag):
    """The theme's own scripts, the search's libraries and the web form's Decap CMS (copied
    from node_modules), JSON-LD that is pure JSON, and <base> that only sets a target."""
    if tag.name == "script" and tag.get("type") == "application/ld+json":
        try:
            json.loads(tag.string or "")
        except ValueError:
            return False
        return len(tag.attrs) == 1
    if tag.name == "script":
        return (set(tag.attrs) <= {"src", "defer"} and not (tag.string or "").strip()
                and re.fullmatch(r"(\.\.?/|https://[^/]+/)*/?(theme/js/[a-z]+\.js"
                                 r"|recherche/lib/[a-z.]+-[0-9.]+\.min\.js)|decap-cms\.js", tag.get("src", ""))
                is not None)
    return tag.name == "base" and set(tag.attrs) == {"target"}


def executable_constructs(soup):
    """Everything in a page that a browser could run."""
    found = []
    for tag in soup.find_all(True):
        if tag.name in DANGEROUS_TAGS and not is_site_own(tag):
            found.append(f"<{tag.name}>")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            found.append("meta refresh")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on") or name.lower() == "srcdoc":
                found.append(f"{tag.name}[{name}]")
            if name.lower() in URL_ATTRIBUTES:
                cleaned = re.sub(r"[\x00-\x20]", "", value)
                if DANGEROUS_SCHEME.match(cleaned):
                    found.append(f"{tag.name}[{name}={value}]")
            if name.lower() == "style" and re.search(r"javascript:|expression\(|url\(", value, re.I):
                found.append(f"{tag.name}[style={value}]")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    body = "\n\n".join(f"Vecteur {n} : {vector}" for n, vector in enumerate(BODY_VECTORS, 1))
    quoted = FIELD_VECTOR.replace("\\", "\\\\").replace('"', '\\"')
    headers = {
        "actors/hostile.md": [f'title: "Acteur {quoted}"', "slug: hostile", "actor_type: association",
                              f'summary: "Résumé {quoted}"',
                              f'location: {{name: "Lieu {quoted}", address: "Rue {quoted}", '
                              f'city: "Ville {quoted}"}}'],
        "articles/hostile.md": [f'title: "Titre {quoted}"', "date: 2026-10-01",
                                f'authors: ["Auteur {quoted}"]', f'tags: ["tag {quoted}"]',
                                f'summary: "Résumé {quoted}"', "actors: [hostile]"],
        "events/hostile.md": [f'title: "Événement {quoted}"', "start: 2026-12-01 10:00",
                              f'location: {{name: "Lieu {quoted}", city: "Ville {quoted}"}}',
                              f'organizer: "Organisateur {quoted}"', f'price: "Prix {quoted}"',
                              f'accessibility: "Accès {quoted}"', f'event_type: "Type {quoted}"'],
        "resources/hostile.md": [f'title: "Ressource {quoted}"', "date: 2026-10-01",
                                 "resource_type: guide", f'license: "Licence {quoted}"',
                                 f'provider: "Fournisseur {quoted}"'],
    }
    files = {name: "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"
             for name, lines in headers.items()}
    content = write_content(tmp_path_factory.mktemp("content"), files)
    return build(content, tmp_path_factory.mktemp("output"))


def test_vectors_reach_the_pages_as_harmless_text(hostile_site):
    [article] = (hostile_site / "actualites").glob("titre-*/index.html")
    soup = page(hostile_site, str(article.relative_to(hostile_site)))
    assert soup.h1.get_text() == f"Titre {FIELD_VECTOR}"          # shown, as text
    assert len(BODY_VECTORS) + len(IMAGE_VECTORS) >= 25
    assert f"Vecteur {len(BODY_VECTORS)}" in soup.select_one(".prose").get_text()   # nothing swallowed


def test_no_page_carries_executable_script(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    findings = {str(path.relative_to(hostile_site)): executable_constructs(
        page(hostile_site, str(path.relative_to(hostile_site)))) for path in pages}
    assert {path: found for path, found in findings.items() if found} == {}


@pytest.mark.parametrize("vector", IMAGE_VECTORS)
def test_image_vectors_are_refused_by_the_check_and_harmless_anyway(tmp_path, capsys, vector):
    from bs4 import BeautifulSoup
    from content_model.check import main
    from content_model.markup import Renderer
    article = '---\ntitle: "X"\ndate: 2026-10-01\nauthors: ["A"]\n---\n' + vector + "\n"
    content = write_content(tmp_path / "content", {"articles/x.md": article})
    assert main([str(content)]) == 1
    assert "(texte)" in capsys.readouterr().out
    assert executable_constructs(BeautifulSoup(Renderer()(vector), "lxml")) == []


def test_the_detector_itself_catches_each_construct():
    from bs4 import BeautifulSoup
    samples = ['<script>1</script>', '<script src="theme/js/x.js">1</script>',
               '<script type="application/ld+json">{"a": 1}</script><script>1</script>',
               '<script src="https://evil.example/theme/js/x.js" onload="1"></script>',
               '<base href="https://evil.example/">', '<img src=x onerror=1>', '<a href=" java\tscript:1">',
               '<iframe srcdoc="x"></iframe>', '<p style="background:url(javascript:1)">',
               '<meta http-equiv="refresh" content="0">', '<a href="DATA:text/html,1">']
    for sample in samples:
        assert executable_constructs(BeautifulSoup(sample, "lxml")), sample

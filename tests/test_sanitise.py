"""Untrusted contributions cannot put script on the site.

Classic XSS vectors (OWASP filter-evasion style) go into Markdown bodies and
into every kind of front matter field: titles, summaries, tags, authors,
alt texts, places, organizers, URLs. No output may carry an executable
construct: HTML pages, feeds, JSON and GeoJSON, CSV, `.ics`, search index;
and opening the pages in Chromium runs none of them.
"""

import csv
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from lxml import etree

from conftest import build, image_bytes, page, serve, write_content
from engine.french import typographic

# Each vector calls alert('xssN') or logs "marqueur-xss" if it ever runs.
BODY_VECTORS = [
    "<script>alert('xss1')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<svg onload=alert('xss3')><circle r=1 /></svg>",
    "[clic](javascript:alert('xss4'))",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzNScpPC9zY3JpcHQ+">données</a>',
    "<div style=\"background:url(javascript:alert('xss6'))\">fond</div>",
    "<p style=\"width: expression(alert('xss7'))\">ie</p>",
    "<iframe srcdoc=\"<script>alert('xss8')</script>\"></iframe>",
    "<a href=\"JaVaScRiPt:alert('xss9')\">casse</a>",
    "<a href=\"jav&#x09;ascript:alert('xss10')\">tab</a>",
    "<form><button formaction=\"javascript:alert('xss11')\">envoyer</button></form>",
    "<object data=\"javascript:alert('xss12')\"></object>",
    "<body onload=alert('xss13')>",
    "<a href=\" javascript:alert('xss14')\">espace</a>",
    "[chevrons](<javascript:alert('xss15')>)",
    "<details open ontoggle=alert('xss16')><summary>x</summary></details>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss17')\">",
    "<base href=\"javascript:alert('xss18')//\">",
    "<a href=\"//evil.example/x.js\" onmouseover=\"alert('xss19')\">relatif</a>",
    "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"vbscript:msgbox('xss21')\">vb</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert('xss22')\">entités</a>",
    "<a href=\"&#x6A;avascript:alert('xss23')\">hexa</a>",
    "<a href=\"jav&#x0A;ascript:alert('xss24')\">retour</a>",
    "<a href=\"javascript&colon;alert('xss25')\">deux-points</a>",
    "<scr<script>ipt>alert('xss26')</scr</script>ipt>",
    "<<script>alert('xss27');//<</script>",
    "<svg><script>alert('xss28')</script></svg>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert('xss29')\">x</maction></math>",
    "<svg><a xlink:href=\"javascript:alert('xss30')\"><text x=\"0\" y=\"20\">clic</text></a></svg>",
    "<svg><animate onbegin=alert('xss31') attributeName=x dur=1s>",
    "<svg><set attributeName=\"href\" to=\"javascript:alert('xss32')\"/></svg>",
    "<input autofocus onfocus=alert('xss33')>",
    "<select autofocus onfocus=alert('xss34')></select>",
    "<textarea autofocus onfocus=alert('xss35')></textarea>",
    "<video><source onerror=\"alert('xss36')\"></video>",
    "<audio src=x onerror=alert('xss37')></audio>",
    "<marquee onstart=alert('xss38')>défile</marquee>",
    "<link rel=import href=\"data:text/html,<script>alert('xss39')</script>\">",
    "<style>@import 'javascript:alert(\"xss40\")';</style>",
    "<style>body{background:url(\"javascript:alert('xss41')\")}</style>",
    "<div style=\"behavior: url(xss42.htc)\">comportement</div>",
    "<a href=\"javascript:void(0)\" onclick=\"alert('xss43')\">clic</a>",
    "<table background=\"javascript:alert('xss44')\"><tr><td>x</td></tr></table>",
    "<frameset onload=alert('xss45')></frameset>",
    "<applet code=\"javascript:alert('xss46')\"></applet>",
    "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058alert('xss47')\">zéros</a>",
    "<a href=\"jav\tascript:alert('xss48')\">tabulation</a>",
    "<div onmouseover=\"console.log('marqueur-xss49')\">survol</div>",
    "<a href=\"javascript:alert(&quot;xss50&quot;)\">guillemets</a>",
    "<xss onafterscriptexecute=alert('xss51')>inconnu</xss>",
    "<template><script>alert('xss52')</script></template>",
    "[entité](javascript&#58;alert('xss53'))",
    "[référence][xss54]\n\n[xss54]: javascript:alert('xss54')",
    "<a href=\"java&#x0D;script:alert('xss55')\">cr</a>",
    "<svg><use href=\"data:image/svg+xml;base64,PHN2ZyBpZD0neCc+PC9zdmc+#x\"/></svg>",
    "<object type=\"text/x-scriptlet\" data=\"//evil.example/x57.sct\"></object>",
    "<a href=\"  &#14;  javascript:alert('xss58')\">contrôle</a>",
    "<noscript><p title=\"</noscript><script>console.log('marqueur-xss59')</script>\"></noscript>",
    "<svg><style><script>alert('xss60')</script></style></svg>",
    "<a href=\"javascript:/*--></title></style></textarea></script><svg/onload='alert(61)'>\">polyglotte</a>",
    "`<script>alert('xss62')</script>` et\n\n    <script>alert('xss62b')</script>",
    "![photo](photo.png){: onerror=\"alert('xss63')\" }",      # a real image, with an attribute list
    "<img dynsrc=\"javascript:alert('xss64')\" src=photo.png alt=x>",
]
# Images that are no image file of the site: the check refuses them before any build.
IMAGE_VECTORS = [
    "<img src=x onerror=alert('xss101')>",
    "![image](javascript:alert('xss102'))",
    "<IMG SRC=\"javascript:alert('xss104');\">",
    # An unclosed <style> swallows what follows, as browsers would.
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss105')>",
    "<img src=\"x` `<script>alert('xss106')</script>\"` `>",
]
# Text fields: shown as text everywhere, whatever they hold.
FIELD_VECTORS = [
    "\"><script>alert('f1')</script>",
    "'><img src=x onerror=alert('f2')>",
    "</title><script>alert('f3')</script>",
    "</script><script>alert('f4')</script>",           # out of JSON-LD
    "]]><script>alert('f5')</script><![CDATA[",        # out of a feed's CDATA
    "\" onmouseover=\"alert('f6')\" x=\"",
    "<svg/onload=alert('f7')>",
    "&lt;script&gt;alert('f8')&lt;/script&gt;",        # must stay this text, not become a tag
    "<!--<script>alert('f9')</script>-->",
    "javascript:alert('f10')",
    "\u2028\u2029</script><script>alert('f11')</script>",
    "Ligne\nDTSTART:19700101T000000Z\nATTACH:javascript:alert('f12')",   # iCalendar injection
]
# Spreadsheet formulas in an open-data CSV.
FORMULA_VECTORS = ["=HYPERLINK(\"https://evil.example\";\"clic\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
# URL fields: what is not http(s)/mailto is refused; what passes is only ever an attribute value.
URL_VECTORS = [
    "javascript:alert('u1')", "JaVaScRiPt:alert('u2')", " javascript:alert('u3')", "java\tscript:alert('u4')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgndTUnKTwvc2NyaXB0Pg==", "vbscript:msgbox('u6')",
    "//evil.example/u7", "https://", "javascript://%0aalert('u9')", "file:///etc/passwd",
]
ACCEPTED_URL_VECTORS = ["https://evil.example/\"onmouseover=\"alert('u11')\"", "mailto:x@example.org?body=<script>alert('u12')</script>",
                        "https://evil.example/?q=</script><script>alert('u13')</script>"]

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "dynsrc")
DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "base", "frame", "frameset", "applet", "style", "link")
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.I)
SITE_STYLESHEET = re.compile(r"(\.\.?/|https://[^/]+/)*/?(theme/css/site|theme/css/carte|theme/fonts/fonts|carte/apercu|formulaire|carte/lib/leaflet-[0-9.]+/(leaflet|MarkerCluster(\.Default)?))\.css")
# The one inline script of the theme (base.html): it tells the stylesheet that scripts run.
SCRIPTS_RUN = 'document.documentElement.classList.add("js")'
FEED_HTML = {"content", "summary", "description", "subtitle", "rights", "title"}


def one_line(text):
    """What a one-line field keeps of a text: line breaks are spaces (model.text)."""
    return " ".join(text.split())


def yaml_text(value):
    return json.dumps(value, ensure_ascii=False)      # JSON strings are YAML strings


def is_site_own(tag):
    """The theme's own scripts and stylesheet, the search's and the map's libraries, the web form's
    Decap CMS (copied from node_modules) and its formulaire.js with its settings as data, JSON-LD that is pure JSON, and <base> that only
    sets a target."""
    if tag.name == "script" and tag.get("type") == "application/ld+json":
        try:
            json.loads(tag.string or "")
        except ValueError:
            return False
        return len(tag.attrs) == 1
    if tag.name == "script" and not tag.attrs and tag.string == SCRIPTS_RUN:
        return True
    if tag.name == "script":
        return (set(tag.attrs) <= {"src", "defer", "fetchpriority", "data-form"} and not (tag.string or "").strip()
                and re.fullmatch(r"(\.\.?/|https://[^/]+/)*/?(theme/js/[a-z]+\.js"
                                 r"|recherche/lib/[a-z.]+-[0-9.]+\.min\.js|carte/lib/leaflet-[0-9.]+/leaflet(\.markercluster)?\.js)"
                                 r"|decap-cms\.js|formulaire\.js", tag.get("src", ""))
                is not None)
    if tag.name == "link":
        return tag.get("rel") != ["import"] and (
            tag.get("rel") != ["stylesheet"] or SITE_STYLESHEET.fullmatch(tag.get("href", "")) is not None)
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
                # As browsers read URLs (WHATWG URL standard): C0 controls and spaces trimmed,
                # tabs and line breaks removed anywhere.
                cleaned = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
                if DANGEROUS_SCHEME.match(cleaned):
                    found.append(f"{tag.name}[{name}={value}]")
            if name.lower() == "style" and re.search(r"javascript:|expression\(|url\(|behavior", value, re.I):
                found.append(f"{tag.name}[style={value}]")
    return found


def html_of(text):
    return BeautifulSoup(text, "lxml")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    body = "\n\n".join(f"Vecteur {n} : {vector}" for n, vector in enumerate(BODY_VECTORS, 1))
    files = {"images/photo.png": image_bytes(64, 48)}
    for n, vector in enumerate(FIELD_VECTORS, 1):
        text = yaml_text
        files[f"actors/hostile-{n}.md"] = "\n".join([
            "---", f"title: {text(f'Acteur {n} {vector}')}", f"slug: hostile-{n}", "actor_type: association",
            f"summary: {text(vector)}", f"website: {text(ACCEPTED_URL_VECTORS[n % 3])}",
            f"location: {{name: {text(vector)}, address: {text(vector)}, city: {text(f'Ville {vector}')}, "
            "lat: 43.6, lon: 1.44}", "---", f"Présentation {n}.\n"])
        files[f"articles/hostile-{n}.md"] = "\n".join([
            "---", f"title: {text(f'Titre {n} {vector}')}", f"slug: titre-{n}", "date: 2026-10-01",
            f"authors: [{text(f'Auteur {vector}')}]", f"tags: [{text(f'tag {vector}')}]",
            f"summary: {text(vector)}", f"actors: [hostile-{n}]", "image: photo.png",
            f"image_alt: {text(vector)}", "---",
            # An <img> in an alt text is an image of the body: the check refuses it (see below).
            f"![{vector.replace(']', '').replace('<img', '<imq')}](photo.png)", "",
            body if n == 1 else f"Texte {n}.", ""])
        files[f"events/hostile-{n}.md"] = "\n".join([
            "---", f"title: {text(f'Événement {n} {vector}')}", f"slug: evenement-{n}",
            f"start: 2026-12-{n:02d} 10:00",
            f"location: {{name: {text(vector)}, address: {text(vector)}, city: {text(f'Ville {vector}')}, "
            "postcode: \"31000\", lat: 43.6, lon: 1.44}",
            f"organizer: {text(FORMULA_VECTORS[n % 3] if n % 2 else vector)}", f"price: {text(vector)}",
            f"accessibility: {text(vector)}", f"event_type: {text(FORMULA_VECTORS[n % 3])}",
            f"registration: {text(ACCEPTED_URL_VECTORS[n % 3])}", f"tags: [{text(f'tag {vector}')}]",
            "---", f"Événement {n}.", ""])
        files[f"resources/hostile-{n}.md"] = "\n".join([
            "---", f"title: {text(f'Ressource {n} {vector}')}", f"slug: ressource-{n}", "date: 2026-10-01",
            "resource_type: guide", f"license: {text(vector)}", f"provider: {text(vector)}",
            f"url: {text(ACCEPTED_URL_VECTORS[n % 3])}", "---", f"Ressource {n}.", ""])
    content = write_content(tmp_path_factory.mktemp("content"), files)
    return build(content, tmp_path_factory.mktemp("output"))


def test_the_corpus_is_large_and_reaches_every_kind_of_field(hostile_site):
    assert len(BODY_VECTORS) + len(IMAGE_VECTORS) + len(FIELD_VECTORS) + len(FORMULA_VECTORS) \
        + len(URL_VECTORS) + len(ACCEPTED_URL_VECTORS) >= 90
    soup = page(hostile_site, "actualites/titre-1/")
    assert soup.h1.get_text() == typographic(f"Titre 1 {FIELD_VECTORS[0]}")          # shown, as text
    assert f"Vecteur {len(BODY_VECTORS)}" in soup.select_one(".prose").get_text()   # nothing swallowed
    soup = page(hostile_site, "actualites/titre-8/")
    assert soup.h1.get_text() == typographic(f"Titre 8 {FIELD_VECTORS[7]}")          # entities stay text
    # image_alt is text; in a Markdown body, entities are Markdown's (decoded, in an attribute).
    assert [img["alt"] for img in soup.select("img")] == [typographic(FIELD_VECTORS[7]), "<script>alert('f8')</script>"]


def test_no_page_carries_executable_script(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 100
    findings = {str(path.relative_to(hostile_site)): executable_constructs(html_of(path.read_bytes()))
                for path in pages}
    assert {path: found for path, found in findings.items() if found} == {}


def test_feeds_are_well_formed_and_their_html_runs_nothing(hostile_site):
    feeds = [path for path in hostile_site.rglob("*.xml") if path.name != "sitemap.xml"]
    assert len(feeds) > 10
    html_parts = 0
    for feed in feeds:
        tree = etree.parse(str(feed))       # well-formed: no CDATA or tag breakout
        for element in tree.iter():
            name = etree.QName(element).localname if isinstance(element.tag, str) else ""
            if name in FEED_HTML and element.text and (element.get("type") in ("html", "xhtml")
                                                       or name == "description"):
                html_parts += 1
                assert executable_constructs(html_of(element.text)) == [], (feed, name)
    assert html_parts > 50
    atom = etree.parse(str(hostile_site / "atom.xml"))
    titles = atom.xpath("//a:entry/a:title/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert typographic(f"Titre 5 {FIELD_VECTORS[4]}") in titles


def test_calendars_hold_only_their_events_with_the_titles_as_text(hostile_site):
    allowed = {"SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "URL", "DESCRIPTION", "LOCATION", "GEO",
               "STATUS", "CATEGORIES", "ORGANIZER", "SEQUENCE", "LAST-MODIFIED", "CREATED", "CLASS",
               "TRANSP", "RRULE", "RDATE", "X-ALT-DESC", "CONTACT", "ATTENDEE", "COMMENT"}
    calendar = Calendar.from_ical((hostile_site / "agenda.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == len(FIELD_VECTORS)
    for event in events:
        assert set(event) <= allowed - {"ATTACH"}
        assert not any(isinstance(value, str) and "alert(" in value for key, value in event.items()
                       if key not in ("SUMMARY", "DESCRIPTION", "LOCATION", "ORGANIZER", "CATEGORIES"))
    summaries = {str(event["SUMMARY"]) for event in events}
    assert one_line(typographic(f"Événement 12 {FIELD_VECTORS[11]}")) in summaries
    for ics in hostile_site.rglob("*.ics"):
        Calendar.from_ical(ics.read_bytes())


def test_data_exports_parse_and_keep_vectors_as_plain_values(hostile_site):
    for path in list(hostile_site.rglob("*.json")) + list(hostile_site.rglob("*.geojson")):
        json.loads(path.read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((hostile_site / "agenda" / "events.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(FIELD_VECTORS)
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
    assert {row["title"] for row in rows} == {one_line(typographic(f"Événement {n} {vector}"))
                                              for n, vector in enumerate(FIELD_VECTORS, 1)}
    assert {row["organizer"] for row in rows} >= {"'" + typographic(vector) for vector in FORMULA_VECTORS}


@pytest.mark.parametrize("vector", IMAGE_VECTORS)
def test_image_vectors_are_refused_by_the_check_and_harmless_anyway(tmp_path, capsys, vector):
    from content_model.check import main
    from content_model.markup import render
    article = '---\ntitle: "X"\ndate: 2026-10-01\nauthors: ["A"]\n---\n' + vector + "\n"
    content = write_content(tmp_path / "content", {"articles/x.md": article, "images/photo.png": image_bytes()})
    assert main([str(content)]) == 1
    assert "(texte)" in capsys.readouterr().out
    assert executable_constructs(html_of(render(vector))) == []


@pytest.mark.parametrize("vector", URL_VECTORS)
@pytest.mark.parametrize("folder, field", [("resources", "url"), ("events", "registration"),
                                           ("events", "online"), ("actors", "website")])
def test_url_vectors_are_refused_by_the_check_with_the_field_named(tmp_path, capsys, vector, folder, field):
    from content_model.check import main
    heads = {"resources": 'title: "R"\ndate: 2026-10-01\nresource_type: guide',
             "events": 'title: "E"\nstart: 2026-12-01 10:00\nlocation: {name: "Muséum", city: "Toulouse"}',
             "actors": 'title: "A"\nactor_type: musée'}
    text = f"---\n{heads[folder]}\n{field}: {yaml_text(vector)}\n---\nTexte.\n"
    content = write_content(tmp_path / "content", {f"{folder}/x.md": text})
    assert main([str(content)]) == 1
    out = capsys.readouterr().out
    assert f"{folder}/x.md:" in out and f": {field}: " in out and "adresse" in out


def test_the_detector_itself_catches_each_construct():
    samples = ['<script>1</script>', '<script src="theme/js/x.js">1</script>',
               '<script type="application/ld+json">{"a": 1}</script><script>1</script>',
               '<script type="application/ld+json">{"a": "</script><script>1</script>',
               '<script src="https://evil.example/theme/js/x.js" onload="1"></script>',
               '<base href="https://evil.example/">', '<img src=x onerror=1>', '<a href=" java\tscript:1">',
               '<iframe srcdoc="x"></iframe>', '<p style="background:url(javascript:1)">',
               '<meta http-equiv="refresh" content="0">', '<a href="DATA:text/html,1">',
               '<style>body{}</style>', '<link rel="stylesheet" href="https://evil.example/x.css">',
               '<svg><a xlink:href="javascript:1">x</a></svg>']
    for sample in samples:
        assert executable_constructs(html_of(sample)), sample
    assert executable_constructs(html_of('<link rel="stylesheet" href="../theme/css/site.css">'
                                         '<script src="../theme/js/agenda.js" defer></script>')) == []


MARKERS = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__xss.push(name + ":" + args.join(",")); };
}
"""


# Every page, in two halves that the suite's two workers open at once.
@pytest.mark.parametrize("half", [0, 1])
def test_browser_runs_no_vector_on_any_page_nor_in_search_and_agenda(chromium_browser, hostile_site, half):
    pages = sorted(str(path.relative_to(hostile_site)) for path in hostile_site.rglob("*.html")
                   if "admin" not in path.parts)[half::2]
    ran, dialogs = [], []
    with serve(hostile_site) as root:
        context = chromium_browser.new_context()
        context.add_init_script(MARKERS)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        # Fonts and pictures run nothing: not fetching them makes each page's load event come
        # at once (an image whose handler survived would still fire it, on the error).
        context.route(re.compile(r"\.(woff2|png|jpe?g|webp|svg)$"), lambda route: route.abort())
        browser_page = context.new_page()
        browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        browser_page.on("console", lambda message: "marqueur-xss" in message.text and ran.append(message.text))
        for path in pages:
            browser_page.goto(root + path, wait_until="load")
            browser_page.mouse.move(200, 300)          # hover handlers, if any survived
            ran += [f"{path}: {call}" for call in browser_page.evaluate("window.__xss")]
        if half == 0:
            # Search results and the agenda's filters build DOM from JSON: text only.
            browser_page.goto(root + "recherche/?q=titre", wait_until="load")
            browser_page.wait_for_function("document.querySelectorAll('[data-search-results] h2').length >= 10")
            titles = browser_page.locator("[data-search-results] h2").all_inner_texts()
            assert typographic(f"Titre 1 {FIELD_VECTORS[0]}") in titles and typographic(f"Titre 7 {FIELD_VECTORS[6]}") in titles
            browser_page.goto(root + "agenda/?tarif=payant", wait_until="load")
            browser_page.wait_for_function("document.querySelector('[data-agenda-count]').textContent.includes('correspond')")
            shown = browser_page.locator("[data-agenda-results]").inner_text()
            assert typographic(f"Événement 3 {FIELD_VECTORS[2]}") in shown
            ran += browser_page.evaluate("window.__xss")
    assert len(pages) > 50
    assert ran == [] and dialogs == []

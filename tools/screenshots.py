"""Full-page screenshots of every kind of page, light and dark, on a phone and a desktop
(`invoke screenshots`): what a designer looks at after changing the theme.

Serves a built site, opens each page in Debian's Chromium (Playwright) and writes
NAME-{phone,desktop}-{clair,sombre}.png into a folder outside the repository.
"""

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"telephone": {"width": 375, "height": 800}, "bureau": {"width": 1366, "height": 900}}
SCHEMES = {"clair": "light", "sombre": "dark"}
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await new Promise(resolve => setTimeout(resolve, 60));
  }
  scrollTo(0, 0);
}"""


def page_kinds(output):
    """{name: URL path} of one page of each kind the site has."""
    output = Path(output)

    def first(folder):
        pages = sorted(path.parent.name for path in (output / folder).glob("*/index.html")
                       if path.parent.name not in ("page", "archives", "departements", "villes", "thematiques",
                                                   "publics", "types", "statuts", "familles", "depuis-chez-soi",
                                                   "a-emprunter"))
        return f"{folder}/{pages[0]}/" if pages else None

    kinds = {"accueil": "", "actualites": "actualites/", "article": first("actualites"),
             "agenda": "agenda/", "evenement": first("evenements"), "ressources": "ressources/",
             "ressource": first("ressources"), "annonces": "annonces/", "annonce": first("annonces"),
             "dossier": first("dossiers"), "projets": "projets/", "projet": first("projets"),
             "acteurs": "acteurs/", "acteur": first("acteurs"), "communaute": first("communautes"),
             "thematiques": "thematiques/", "thematique": first("thematiques"), "carte": "carte/",
             "recherche": "recherche/?q=astronomie", "lettre": "lettre/", "page": "a-propos/", "404": "404.html",
             "guide-de-style": "guide-de-style/"}
    return {name: url for name, url in kinds.items()
            if url is not None and (output / url.split("?")[0]).exists() or url == ""}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def take(output, folder, only=None):
    from playwright.sync_api import sync_playwright
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_port}/"
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for scheme_name, scheme in SCHEMES.items():
                for viewport_name, viewport in VIEWPORTS.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, locale="fr-FR",
                                                  is_mobile=viewport_name == "telephone",
                                                  has_touch=viewport_name == "telephone")
                    # No map tiles from the network: the screenshots show the site, not OpenStreetMap.
                    context.route("https://**/*", lambda route: route.abort())
                    page = context.new_page()
                    for name, url in page_kinds(output).items():
                        if only and name not in only:
                            continue
                        page.goto(root + url, wait_until="networkidle")
                        # Down the page and back, as a reader scrolls: lazy pictures and the
                        # small maps load only when near the screen.
                        page.evaluate(SCROLL_THROUGH)
                        page.wait_for_load_state("networkidle")
                        path = folder / f"{name}-{viewport_name}-{scheme_name}.png"
                        page.screenshot(path=str(path), full_page=True)
                        written.append(path)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


if __name__ == "__main__":
    import sys
    print("\n".join(map(str, take(sys.argv[1], sys.argv[2], sys.argv[3:] or None))))

"""Settings this plugin adds, with their defaults; pelicanconf.py may override any.

Pelican's own settings (ARTICLE_URL, PAGINATION_PATTERNS…) stay in pelicanconf.py.
"""

import os
from functools import partial

from jinja2 import FileSystemBytecodeCache

from engine.cache import cache_key

TEMPLATE_TYPOGRAPHY = "engine.french.TemplateTypography"

DEFAULT_SETTINGS = {
    # Where each type's pages go; Pelican derives the names from the type (EVENT_URL…).
    **{f"{kind}_{suffix}": pattern
       for kind, folder in (("EVENT", "evenements"), ("RESOURCE", "ressources"), ("CALL", "annonces"),
                            ("DOSSIER", "dossiers"), ("ACTOR", "acteurs"), ("COMMUNITY", "communautes"),
                            ("PROJECT", "projets"))
       for suffix, pattern in (("URL", f"{folder}/{{slug}}/"),
                               ("SAVE_AS", f"{folder}/{{slug}}/index.html"),
                               ("LANG_URL", f"{folder}/{{slug}}/"),
                               ("LANG_SAVE_AS", f"{folder}/{{slug}}/index.html"))},
    # The paginated list of each type (the agenda and calls plugins write theirs).
    "ARTICLE_LIST_URL": "actualites/", "ARTICLE_LIST_SAVE_AS": "actualites/index.html",
    "RESOURCE_LIST_URL": "ressources/", "RESOURCE_LIST_SAVE_AS": "ressources/index.html",
    "ACTOR_LIST_URL": "acteurs/", "ACTOR_LIST_SAVE_AS": "acteurs/index.html",
    "DOSSIER_LIST_URL": "dossiers/", "DOSSIER_LIST_SAVE_AS": "dossiers/index.html",
    "PROJECT_LIST_URL": "projets/", "PROJECT_LIST_SAVE_AS": "projets/index.html",
    "COMMUNITY_LIST_URL": "communautes/", "COMMUNITY_LIST_SAVE_AS": "communautes/index.html",
    "AUTHORS_URL": "auteurs/",
    # A call whose deadline is this many days away or fewer is marked "Clôture bientôt".
    "CALL_CLOSING_SOON_DAYS": 7,
    # The moment the site treats as "now" (upcoming events, future-dated items):
    # None means the build's clock; set a date for reproducible builds and tests.
    "AGENDA_NOW": None,
    # Largest image accepted, in bytes and in pixels (width × height): a phone photo
    # is 3 to 12 MB and 12 to 50 megapixels; beyond, or a decompression bomb, is refused.
    "IMAGE_MAX_BYTES": 30_000_000,
    "IMAGE_MAX_PIXELS": 60_000_000,
    # Bodies rendered to HTML are kept here between builds (by hash); None: no cache.
    "CONTENT_CACHE_PATH": "",
    # Absolute address of the public site, for canonical URLs, Open Graph and the
    # sitemap; development builds keep relative links and still name the public site.
    "PUBLIC_SITEURL": "",
    # The theme's style guide (every component, theme/README.md): dev builds only; publishconf.py
    # sets None.
    "STYLE_GUIDE_URL": None,
    # The licence the site's open data (agenda exports, the map's places) is published under.
    "DATA_LICENSE": "Licence Ouverte / Open Licence 2.0 (Etalab)",
}


def configure(settings):
    if settings["CONTENT_CACHE_PATH"] == "":
        settings["CONTENT_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "contenus")
    # The theme's files (THEME_STATIC_PATHS) are copied by the site's writer, which skips those
    # copied as they are, not by Pelican's static generator, which copies them all each build.
    settings.setdefault("THEME_FILES", settings["THEME_STATIC_PATHS"])
    settings["THEME_STATIC_PATHS"] = []
    # The theme's own text gets French typography when a template is compiled (engine/french.py).
    jinja = settings["JINJA_ENVIRONMENT"]
    extensions = list(jinja.get("extensions", []))
    if TEMPLATE_TYPOGRAPHY not in extensions:
        extensions.append(TEMPLATE_TYPOGRAPHY)
    # Every build makes its environments anew: a template is never out of date during one,
    # and Jinja would otherwise stat its file at each include (16,000 times at N = 1000).
    jinja = {"auto_reload": False, **jinja, "extensions": extensions}
    if settings["CONTENT_CACHE_PATH"] and "bytecode_cache" not in jinja:
        # Every generator has its own Jinja environment and compiles the templates again:
        # compiled once, kept by the hash of their source, in a folder that changes with
        # what compiles them (Jinja, the typography extension).
        key = cache_key(code=["engine.french"], libraries=["jinja2", "babel"], settings={"extensions": extensions})
        folder = os.path.join(settings["CONTENT_CACHE_PATH"], f"gabarits-{key[:16]}")
        os.makedirs(folder, exist_ok=True)
        jinja["bytecode_cache"] = FileSystemBytecodeCache(folder)
    settings["JINJA_ENVIRONMENT"] = jinja
    public = (settings["PUBLIC_SITEURL"] or settings.get("SITEURL") or "").rstrip("/")
    settings["PUBLIC_SITEURL"] = public
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}),
                                 "absolute_url": partial(absolute_url, public)}


def absolute_url(public_siteurl, path):
    """"evenements/x/index.html" -> "https://site/evenements/x/"."""
    path = (path or "").removesuffix("index.html").lstrip("/")
    return f"{public_siteurl}/{path}"

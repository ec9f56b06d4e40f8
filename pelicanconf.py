"""Settings of the development build (`invoke build`); publishconf.py adds the public ones.

Pelican's own settings are here; each plugin's settings have their defaults in
plugins/NAME/settings.py and can be overridden here (see README, "Réglages").
"""

import os
import sys

# The plugins import the engine and the content model: their folder is importable
# whatever the order Pelican loads them in.
plugins_folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
if plugins_folder not in sys.path:
    sys.path.insert(0, plugins_folder)

SITENAME = "Sciences en partage"
SITESUBTITLE = "Le média participatif de la culture scientifique en Occitanie"
SITEDESCRIPTION = ("Actualités, agenda, ressources et acteurs de la culture scientifique "
                   "en Occitanie, écrits par celles et ceux qui la font.")
PUBLIC_SITEURL = "https://sciences-en-partage.example.org"
SITEURL = ""
RELATIVE_URLS = True          # the dev build works from any folder it is served from

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"

PLUGIN_PATHS = [plugins_folder]
PLUGINS = ["content_model", "fonts", "images", "agenda", "calls", "maps", "themes", "territories", "related",
           "digest", "directory", "network", "feeds", "search", "admin", "seo", "incremental"]

# Every type is read by the content_model plugin, not by Pelican's own generators.
ARTICLE_PATHS = []
PAGE_PATHS = []
# content/images/ is published by the images plugin: derivatives without metadata, never originals.
STATIC_PATHS = []
DIRECT_TEMPLATES = []
TAG_SAVE_AS = CATEGORY_SAVE_AS = ARCHIVES_SAVE_AS = ""
TAGS_SAVE_AS = CATEGORIES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""

# Feeds are written by the feeds plugin; Pelican's own writer stays off.
FEED_MAX_ITEMS = 30
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# French, readable URLs; drafts and future-dated items live under drafts/.
ARTICLE_URL = ARTICLE_LANG_URL = "actualites/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "actualites/{slug}/index.html"
PAGE_URL = PAGE_LANG_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{slug}/index.html"
DRAFT_URL = DRAFT_LANG_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = "drafts/{slug}/index.html"
AUTHOR_URL = "auteurs/{slug}/"
AUTHOR_SAVE_AS = "auteurs/{slug}/index.html"
AUTHORS_SAVE_AS = "auteurs/index.html"

# The map opens on Occitanie (south, west, north, east).
MAP_BOUNDS = (42.33, -0.33, 45.05, 4.85)

# Every component of the theme on one page (theme/README.md), in development builds only.
STYLE_GUIDE_URL = "guide-de-style/"

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"list": None, "author": None}
# A folder per page: "tag2" page 2 can never collide with a tag named "tag22".
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Titles, summaries and every field are escaped; bodies are sanitised HTML.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# Every build starts from an empty output: a deleted or renamed contribution leaves no page
# behind. What makes rebuilds fast is kept in cache/ (rendered bodies, image derivatives).
DELETE_OUTPUT_DIRECTORY = True

"""What search engines read: `sitemap.xml` (every published page, with its last
change) and `robots.txt` (which points to it and keeps drafts out).

Canonical URLs, Open Graph and Twitter-card tags are in the theme's base template;
the schema.org JSON-LD of each item is the content model's (structured_data.py).
"""

from engine import Keys, Plugin

from .generator import SeoGenerator

PLUGIN = Plugin(
    "seo", SeoGenerator, requires=("content_model",),
    needs=Keys(context=("published_items",), settings=("PUBLIC_SITEURL",)),
    uses=Keys(context=("index_urls",)))
register = PLUGIN.register

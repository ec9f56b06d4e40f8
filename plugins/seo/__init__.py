"""What search engines read: `sitemap.xml` (every published page, with its last
change), `robots.txt` (which points to it and keeps drafts out), and the
schema.org JSON-LD of calls (JobPosting or CreativeWork) and dossiers
(CollectionPage); the agenda plugin writes the events' own.

Canonical URLs, Open Graph and Twitter-card tags are in the theme's base template.
"""

from engine import Keys, Plugin

from .generator import SeoGenerator

PLUGIN = Plugin(
    "seo", SeoGenerator, requires=("content_model",),
    needs=Keys(context=("published_items", "calls", "dossiers"), settings=("PUBLIC_SITEURL",),
               attributes=("dossier_items", "organizer_actor")),
    uses=Keys(context=("index_urls",), attributes=("picture",)),
    provides=Keys(attributes=("json_ld",)))
register = PLUGIN.register

"""What search engines read: `sitemap.xml` (every published page, with its last
change), `robots.txt` (which points to it and keeps drafts out), and the
schema.org JSON-LD of calls (JobPosting or CreativeWork) and dossiers
(CollectionPage); the agenda plugin writes the events' own.

Canonical URLs, Open Graph and Twitter-card tags are in the theme's base template.
"""

from content_model.plugin import generator_plugin

from .generator import SeoGenerator

register = generator_plugin(SeoGenerator)

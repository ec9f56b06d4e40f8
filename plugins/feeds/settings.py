"""Settings of the feeds plugin, with their defaults; pelicanconf.py may override any.

Pelican's FEED_MAX_ITEMS (entries per feed, set in pelicanconf.py) and FEED_DOMAIN
keep their meaning.
"""

DEFAULT_SETTINGS = {
    # Absolute address feeds use for links and ids; None: PUBLIC_SITEURL.
    "FEED_DOMAIN": None,
    # The page listing every feed and calendar.
    "FEEDS_PAGE_URL": "flux/",
}


def configure(settings):
    settings["FEED_DOMAIN"] = (settings["FEED_DOMAIN"] or settings["PUBLIC_SITEURL"]).rstrip("/")

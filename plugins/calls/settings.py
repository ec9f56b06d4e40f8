"""Settings of the calls plugin, with their defaults; pelicanconf.py may override any.
How soon "closing soon" is, is the model's (CALL_CLOSING_SOON_DAYS)."""

DEFAULT_SETTINGS = {
    # The open calls; each call's own page is CALL_URL ("annonces/{slug}/").
    "CALLS_URL": "annonces/",
    # The closed calls.
    "CALLS_ARCHIVES_URL": "annonces/archives/",
}

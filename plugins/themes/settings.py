"""Settings of the themes plugin, with their defaults; pelicanconf.py may override any."""

DEFAULT_SETTINGS = {
    # Theme pages: /thematiques/SLUG/, with full lists under it (actualites/, ressources/…).
    "THEMES_URL": "thematiques/",
    # Tag pages: /tags/SLUG/, and the A–Z index /tags/.
    "TAGS_URL": "tags/",
    # How many items each section of a theme page shows before "voir tout".
    "THEME_SECTION_SIZE": 6,
    # Weights of the tag cloud: tags get a class tag-cloud--1 … tag-cloud--N by use.
    "TAG_CLOUD_STEPS": 5,
}

"""Settings of the digest plugin, with their defaults; pelicanconf.py may override any."""

DEFAULT_SETTINGS = {
    # The index of digests; each week's digest is DIGEST_URL + "AAAA-SS/".
    "DIGEST_URL": "lettre/",
    # Weeks of events a digest announces, from the Monday after its week.
    "DIGEST_EVENT_WEEKS": 2,
    # The width of images in the e-mail version (pixels; the e-mail is 600 wide).
    "DIGEST_EMAIL_IMAGE_WIDTH": 560,
}

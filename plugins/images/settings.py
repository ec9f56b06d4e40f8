"""Settings of the images plugin, with their defaults; pelicanconf.py may override any.

The limits of what a contribution may attach (IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS)
belong to the content model's checks: plugins/content_model/settings.py.
"""

import os

DEFAULT_SETTINGS = {
    # Widths (pixels) of the derivatives in srcset; never wider than the original. 720: a
    # phone's full-width picture (360 to 420 CSS pixels at a ratio of 1.75 to 2).
    "IMAGE_WIDTHS": (480, 720, 960, 1600),
    # Width of the image shown when a page is shared (Open Graph, Twitter card).
    "IMAGE_SOCIAL_WIDTH": 1200,
    # Encoder quality per format.
    "IMAGE_QUALITY": {"webp": 75, "jpeg": 82},     # webp 75: libwebp's default, a fifth lighter than 80
    # Where the published images go, under the output.
    "IMAGE_URL": "images/",
    # Derivatives kept between builds, by content hash; None: CACHE_PATH/images.
    "IMAGE_CACHE_PATH": None,
    # Processes encoding images; None: one per processor.
    "IMAGE_WORKERS": None,
}


def configure(settings):
    if settings["IMAGE_CACHE_PATH"] is None:
        settings["IMAGE_CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], "images")

"""Images with Pillow: every image content uses or content/images/ holds is published
as derivatives (IMAGE_WIDTHS, WebP and JPEG or PNG, never upscaled, a 1200-pixel
one for sharing), re-encoded without EXIF/XMP/IPTC, upright and in sRGB.
Pages show them with <picture>, srcset, sizes, width and height.

The checks (missing file, format, alt text, size limits, decompression bombs) are
the content model's (content_model/image_files.py). Derivatives are cached by
content hash (IMAGE_CACHE_PATH): an unchanged image is never encoded twice.
Settings: settings.py.
"""

from engine import Keys, Plugin

from .generator import ImagesGenerator
from .settings import DEFAULT_SETTINGS, configure

PLUGIN = Plugin(
    "images", ImagesGenerator, settings=DEFAULT_SETTINGS, configure=configure, requires=("content_model",),
    needs=Keys(context=("published_items", "drafts"),
               attributes=("image", "logo", "body_images", "url", "accent", "ctype", "dossier_items"),
               settings=("SITENAME",)),
    uses=Keys(settings=("FONTS", "FONTS_NODE_MODULES")),
    provides=Keys(context=("pictures", "image_report", "social_card"),
                  attributes=("picture", "logo_picture", "image_alt", "image_credit", "content", "social_card")))
register = PLUGIN.register

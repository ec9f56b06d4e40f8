"""Images with Pillow: every image content uses or content/images/ holds is published
as derivatives (IMAGE_WIDTHS, WebP and JPEG or PNG, never upscaled, a 1200-pixel
one for sharing), re-encoded without EXIF/XMP/IPTC, upright and in sRGB.
Pages show them with <picture>, srcset, sizes, width and height.

The checks (missing file, format, alt text, size limits, decompression bombs) are
the content model's (content_model/image_files.py). Derivatives are cached by
content hash (IMAGE_CACHE_PATH): an unchanged image is never encoded twice.
Settings: settings.py.
"""

from content_model.plugin import generator_plugin

from .generator import ImagesGenerator
from .settings import apply_defaults


register = generator_plugin(ImagesGenerator, apply_defaults)

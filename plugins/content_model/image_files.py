"""The image files contributions use: where they are, and whether they can be published.

Used by the `image` field, by the images written in bodies (`![texte](photo.jpg)`)
and for every file of content/images/, at check time and at build time alike.
"""

import os
import re
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from .kinds import Invalid
from .settings import DEFAULT_SETTINGS

# What browsers show and Pillow reads. No SVG: it can carry scripts run on the site's own domain.
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "AVIF"}
SMALLER = "réduisez-la (2000 pixels de large suffisent pour le site) et exportez-la en JPEG qualité 85"

# Images in a Markdown body: ![alt](src "title") and raw <img> tags, outside code.
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
HTML_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|`[^`\n]+`", re.M | re.S)
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)    # any scheme: not a file of the site
REMOTE = re.compile(r"^(https?:)?//", re.I)                 # an image of another site


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int = DEFAULT_SETTINGS["IMAGE_MAX_BYTES"]
    max_pixels: int = DEFAULT_SETTINGS["IMAGE_MAX_PIXELS"]

    @classmethod
    def from_settings(cls, settings):
        return cls(settings.get("IMAGE_MAX_BYTES", cls.max_bytes),
                   settings.get("IMAGE_MAX_PIXELS", cls.max_pixels))


def folder_files(content_path):
    """Every file of content/images/ (all published), sorted, hidden files and links
    (folder_links) excepted."""
    found = []
    for root, dirs, files in os.walk(os.path.join(content_path, "images")):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(root, name) for name in sorted(files)
                  if not name.startswith(".") and not os.path.islink(os.path.join(root, name))]
    return found


def folder_links(content_path):
    """Symbolic links in content/images/, to files or folders: refused (they may point anywhere)."""
    return sorted(path for path in (os.path.join(root, name) for root, dirs, files in
                                    os.walk(os.path.join(content_path, "images")) for name in dirs + files)
                  if os.path.islink(path))


def is_image_name(name):
    return name.lower().endswith(IMAGE_EXTENSIONS)


def resolve(value, path, content_path):
    """The content-relative path of an image named in a contribution at `path`:
    next to the contribution, else in content/images/."""
    if value.startswith(("/", "\\")) or "\\" in value or EXTERNAL.match(value):
        raise Invalid(f"« {value} » doit être un chemin relatif vers un fichier du dépôt",
                      "placez l'image dans content/images/ et écrivez son nom, par exemple "
                      "image: mon-image.jpg")
    if not is_image_name(value):
        raise Invalid(f"« {value} » n'est pas un format d'image accepté",
                      "exportez-la dans l'un de ces formats : " + ", ".join(IMAGE_EXTENSIONS))
    content = os.path.realpath(content_path)
    for candidate in candidates(value, path, content_path):
        real = os.path.realpath(candidate)
        if os.path.isfile(real) and real.startswith(content + os.sep):
            return os.path.relpath(real, content).replace(os.sep, "/")
    raise Invalid(f"le fichier « {value} » est introuvable",
                  "ajoutez l'image dans content/images/ (ou à côté du fichier) "
                  "et vérifiez l'orthographe du nom")


def candidates(value, path, content_path):
    """Where an image named `value` in the contribution at `path` is looked for, in order."""
    return os.path.join(os.path.dirname(path), value), os.path.join(content_path, "images", value)


def signature(path):
    """(size, date) of the file at `path` (links followed), None if there is none: what a
    document checked against an image depends on."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def publishable(value, ctx):
    """The content-relative path of an image named in a contribution, found and fit to publish.
    The places looked at are noted in ctx.images_seen, with their signature()."""
    if ctx.images_seen is not None:
        for candidate in candidates(value, ctx.path, ctx.content_path):
            ctx.images_seen[candidate] = signature(candidate)
    path = resolve(value, ctx.path, ctx.content_path)
    inspect(os.path.join(ctx.content_path, path), ctx.image_limits or ImageLimits())
    return path


def inspect(path, limits):
    """(width, height) of an image fit to publish, from its header; Invalid, in French, otherwise."""
    size = os.path.getsize(path)
    if size > limits.max_bytes:
        raise Invalid(f"l'image pèse {size / 1e6:.1f} Mo, au-delà de la limite de "
                      f"{limits.max_bytes / 1e6:.0f} Mo", SMALLER)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)   # judged below
            with Image.open(path) as image:
                width, height = image.size
                if width * height > limits.max_pixels:
                    raise Invalid(f"l'image fait {width} × {height} pixels "
                                  f"({width * height / 1e6:.0f} mégapixels), au-delà de la limite "
                                  f"de {limits.max_pixels / 1e6:.0f} mégapixels", SMALLER)
                if image.format not in IMAGE_FORMATS:
                    raise Invalid(f"le format {image.format} n'est pas accepté",
                                  "exportez l'image en JPEG, PNG ou WebP")
                # Pixels are decoded by the images plugin only (a damaged file fails there,
                # in French): decoding here would cost seconds per hundred photos, each build.
    except Image.DecompressionBombError:
        raise Invalid("l'image annonce un nombre de pixels démesuré : elle est refusée "
                      "(bombe de décompression possible)", "réexportez-la à une taille normale") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Invalid("le fichier n'est pas une image lisible (format inconnu ou fichier abîmé)",
                      "réexportez-la en JPEG ou PNG depuis votre logiciel photo") from None
    return width, height


def image_attributes(tag):
    """{"src": …, "alt": …} of an <img> tag, as written (entities not decoded)."""
    return {name.lower(): "".join(values)       # one of the three quotings matched
            for name, *values in HTML_ATTRIBUTE.findall(tag)}


def body_images(body):
    """[(line, alt or None, src)] of the images of a Markdown body, code excepted."""
    if "![" not in body and "<img" not in body.lower():     # most bodies: skip the regexes
        return []
    visible = CODE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), body)
    found = []
    for match in MARKDOWN_IMAGE.finditer(visible):
        found.append((match.start(), match.group(1), match.group(2)))
    for match in HTML_IMAGE.finditer(visible):
        attributes = image_attributes(match.group(0))
        found.append((match.start(), attributes.get("alt"), attributes.get("src", "")))
    return [(visible.count("\n", 0, start) + 1, alt, src) for start, alt, src in sorted(found)]

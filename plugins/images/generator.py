"""Finds every image the site publishes, makes what is missing from the cache,
gives items their pictures, and copies the files into the output."""

import hashlib
import json
import logging
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import unescape

from pelican.generators import Generator

from content_model.image_files import HTML_ATTRIBUTE, is_image_name

from . import derivatives

logger = logging.getLogger(__name__)

BODY_IMAGE = re.compile(r"<img\b[^>]*>")
# The body's images are shown in the text column (.prose, 42rem).
PROSE_SIZES = "(max-width: 44rem) 100vw, 42rem"


@dataclass
class Picture:
    """A published image: its files (URLs under the site root) and intrinsic size."""
    width: int
    height: int
    type: str                  # MIME type of the fallback files
    webp: list                 # [(width, url)]; empty for animations
    fallback: list             # [(width, url)]
    social: dict               # {url, width, height}

    @property
    def src(self):
        """The fallback for browsers without srcset: the variant nearest 960 pixels."""
        return min(self.fallback, key=lambda variant: abs(variant[0] - 960))[1]


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def settings_signature(settings):
    """Changing widths or qualities must not reuse derivatives made with the old ones."""
    chosen = [list(settings["IMAGE_WIDTHS"]), settings["IMAGE_SOCIAL_WIDTH"],
              sorted(settings["IMAGE_QUALITY"].items()), derivatives.__doc__]
    return hashlib.sha256(json.dumps(chosen).encode()).hexdigest()[:8]


def make_in_cache(job):
    """Worker: (source, folder, widths, social width, quality) -> info."""
    return derivatives.make(*job)


def published_name(source, content_digest, cached_name):
    """"images/nuit-des-etoiles.jpg" + "960.webp" -> "nuit-des-etoiles-3f2a1b9c-960.webp"."""
    stem = os.path.splitext(os.path.basename(source))[0]
    return f"{stem}-{content_digest[:8]}-{cached_name}"


class ImagesGenerator(Generator):

    def generate_context(self):
        items = self.context.get("published_items", []) + self.context.get("drafts", [])
        sources = {item.image for item in items if getattr(item, "image", None)}
        for item in items:
            sources.update(getattr(item, "body_images", {}).values())
        sources.update(self.image_folder_files())
        self.files = {}                     # published name -> cached file
        self.pictures = self.prepare(sorted(sources))
        self.context["pictures"] = self.pictures
        picture_macro = self.get_template("partials/picture").module.picture
        for item in items:
            item.picture = self.pictures.get(getattr(item, "image", None))
            if getattr(item, "body_images", None):
                item._content = self.with_pictures(item, picture_macro)

    def image_folder_files(self):
        folder = os.path.join(self.path, "images")
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if is_image_name(name):
                    yield os.path.relpath(os.path.join(root, name), self.path).replace(os.sep, "/")

    def prepare(self, sources):
        """{source path: Picture}; makes in worker processes what the cache lacks."""
        cache, url = self.settings["IMAGE_CACHE_PATH"], self.settings["IMAGE_URL"]
        signature = settings_signature(self.settings)
        found, missing = {}, []
        for source in sources:
            content_digest = digest(os.path.join(self.path, source))
            folder = os.path.join(cache, f"{content_digest[:24]}-{signature}")
            found[source] = (content_digest, folder)
            if not os.path.exists(os.path.join(folder, derivatives.INFO)):
                missing.append((os.path.join(self.path, source), folder, self.settings["IMAGE_WIDTHS"],
                                self.settings["IMAGE_SOCIAL_WIDTH"], self.settings["IMAGE_QUALITY"]))
        if len(missing) > 1:
            with ProcessPoolExecutor(self.settings["IMAGE_WORKERS"]) as pool:
                list(pool.map(make_in_cache, missing))
        elif missing:
            make_in_cache(missing[0])
        logger.info("Images : %d publiées, %d préparées, %d reprises du cache", len(sources),
                    len(missing), len(sources) - len(missing))
        self.context["image_report"] = {"made": len(missing), "reused": len(sources) - len(missing)}
        pictures = {}
        for source, (content_digest, folder) in found.items():
            with open(os.path.join(folder, derivatives.INFO), encoding="utf-8") as handle:
                info = json.load(handle)

            def publish(cached_name):
                name = published_name(source, content_digest, cached_name)
                self.files[name] = os.path.join(folder, cached_name)
                return url + name

            variants = info["variants"]
            pictures[source] = Picture(
                width=variants[-1]["width"], height=variants[-1]["height"], type=info["type"],
                webp=[(v["width"], publish(v["webp"])) for v in variants if v["webp"]],
                fallback=[(v["width"], publish(v["fallback"])) for v in variants],
                social={"url": publish(info["social"]["name"]), "width": info["social"]["width"],
                        "height": info["social"]["height"],
                        "bytes": os.path.getsize(os.path.join(folder, info["social"]["name"]))})
        return pictures

    def with_pictures(self, item, picture_macro):
        """The item's HTML with each body <img> as a <picture> of its derivatives."""
        # Bodies are shown on the item's own page and in feeds, which resolve from its URL.
        to_root = "../" * item.url.count("/")

        def replace(match):
            attributes = {name.lower(): unescape("".join(values))
                          for name, *values in HTML_ATTRIBUTE.findall(match.group(0))}
            picture = self.pictures.get(item.body_images.get(attributes.get("src")))
            if picture is None:
                return match.group(0)
            return str(picture_macro(picture, attributes.get("alt", ""), PROSE_SIZES, to_root))

        return BODY_IMAGE.sub(replace, item._content)

    def generate_output(self, writer):
        target = os.path.join(self.output_path, self.settings["IMAGE_URL"])
        os.makedirs(target, exist_ok=True)
        for name, cached in sorted(self.files.items()):
            published = os.path.join(target, name)
            if not os.path.exists(published) or os.path.getsize(published) != os.path.getsize(cached):
                shutil.copyfile(cached, published)
        # Other files of content/images/ (PDF…) are published as they are.
        folder = os.path.join(self.path, "images")
        for root, dirs, files in os.walk(folder):
            for name in files:
                if not is_image_name(name) and not name.startswith("."):
                    source = os.path.join(root, name)
                    published = os.path.join(target, os.path.relpath(source, folder))
                    os.makedirs(os.path.dirname(published), exist_ok=True)
                    shutil.copyfile(source, published)

"""Finds every image the site publishes, makes what is missing from the cache,
gives items their pictures, and copies the files into the output."""

import hashlib
import json
import logging
import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from html import unescape

from pelican.generators import Generator

from content_model.colours import GENERIC
from content_model.documents import display_path
from content_model.generator import ContentError
from content_model.image_files import folder_files, image_attributes, is_image_name
from engine.cache import cache_key
from engine.french import counted

from . import derivatives
from .social import SOCIAL_FOLDER, SocialCards, font_paths

logger = logging.getLogger(__name__)

BODY_IMAGE = re.compile(r"<img\b[^>]*>")
# The body's images are shown in the text column (.prose, 42rem).
PROSE_SIZES = "(max-width: 44rem) calc(100vw - 2rem), 42rem"


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


def derivatives_key(settings):
    """Derivatives made by other code, another Pillow or other widths or qualities are made again."""
    return cache_key(code=[derivatives.__name__], libraries=["pillow"], settings={
        "widths": list(settings["IMAGE_WIDTHS"]), "social": settings["IMAGE_SOCIAL_WIDTH"],
        "quality": settings["IMAGE_QUALITY"]})[:12]


def make_in_cache(job):
    """Worker: (source, folder, widths, social width, quality) -> None, or what went wrong."""
    try:
        derivatives.make(*job)
    except (OSError, SyntaxError, ValueError) as error:     # what Pillow raises on damaged files
        return f"{error.__class__.__name__}: {error}"
    return None


def published_name(source, content_digest, cached_name):
    """"images/nuit-des-etoiles.jpg" + "960.webp" -> "nuit-des-etoiles-3f2a1b9c-960.webp"."""
    stem = os.path.splitext(os.path.basename(source))[0]
    return f"{stem}-{content_digest[:8]}-{cached_name}"


class ImagesGenerator(Generator):

    def generate_context(self):
        items = self.context.get("published_items", []) + self.context.get("drafts", [])
        sources = {getattr(item, name) for item in items for name in ("image", "logo") if getattr(item, name, None)}
        for item in items:
            sources.update(getattr(item, "body_images", {}).values())
        sources.update(os.path.relpath(path, self.path).replace(os.sep, "/")
                       for path in filter(is_image_name, folder_files(self.path)))
        self.files = {}                     # published name -> cached file
        self.pictures = self.prepare(sorted(sources))
        self.context["pictures"] = self.pictures
        picture_macro = self.get_template("partials/picture").module.picture
        for item in items:
            item.picture = self.pictures.get(getattr(item, "image", None))
            item.logo_picture = self.pictures.get(getattr(item, "logo", None))
            if getattr(item, "body_images", None):
                item._content = self.with_pictures(item, picture_macro)
        for dossier in items:
            if dossier.ctype.name == "dossier" and dossier.picture is None:
                self.cover_from_items(dossier)
        # Pages without a picture are shared with the card of their type and thématique.
        self.cards = SocialCards(self.settings["IMAGE_CACHE_PATH"], self.settings["SITENAME"],
                                 font_paths(self.settings))
        shared = SOCIAL_FOLDER
        for item in items:
            item.social_card = None if item.picture else shared + self.cards.card(
                item.ctype.name, item.ctype.label, item.accent)
        self.context["social_card"] = shared + self.cards.card("", "", GENERIC)

    @staticmethod
    def cover_from_items(dossier):
        """A dossier without a cover of its own takes the first picture of its items, with
        that item's description and credit."""
        for item in getattr(dossier, "dossier_items", ()):
            if getattr(item, "picture", None):
                dossier.picture = item.picture
                dossier.image_alt, dossier.image_credit = item.image_alt, getattr(item, "image_credit", None)
                return

    def prepare(self, sources):
        """{source path: Picture}; makes in worker processes what the cache lacks."""
        cache = self.settings["IMAGE_CACHE_PATH"]
        signature = derivatives_key(self.settings)
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
                failures = list(pool.map(make_in_cache, missing))
        else:
            failures = [make_in_cache(job) for job in missing]
        damaged = [(job[0], failure) for job, failure in zip(missing, failures, strict=True) if failure]
        if damaged:
            raise ContentError(f"{counted(len(damaged), 'image illisible', 'images illisibles')} :\n" + "\n".join(
                f"{display_path(path)}: (image): l'image ne peut pas être décodée, fichier abîmé ou "
                f"tronqué ({failure}) — réexportez-la en JPEG ou PNG" for path, failure in damaged))
        logger.info("Images : %d publiées, %d préparées, %d reprises du cache", len(sources),
                    len(missing), len(sources) - len(missing))
        self.context["image_report"] = {"made": len(missing), "reused": len(sources) - len(missing)}
        pictures = {}
        for source, (content_digest, folder) in found.items():
            with open(os.path.join(folder, derivatives.INFO), encoding="utf-8") as handle:
                info = json.load(handle)
            publish = partial(self.publish, source, content_digest, folder)
            variants = info["variants"]
            pictures[source] = Picture(
                width=variants[-1]["width"], height=variants[-1]["height"], type=info["type"],
                webp=[(v["width"], publish(v["webp"])) for v in variants if v["webp"]],
                fallback=[(v["width"], publish(v["fallback"])) for v in variants],
                social={"url": publish(info["social"]["name"]), "width": info["social"]["width"],
                        "height": info["social"]["height"],
                        "bytes": os.path.getsize(os.path.join(folder, info["social"]["name"]))})
        return pictures

    def publish(self, source, content_digest, folder, cached_name):
        """The URL a cached derivative is published at; the file is copied there."""
        name = published_name(source, content_digest, cached_name)
        self.files[name] = os.path.join(folder, cached_name)
        return self.settings["IMAGE_URL"] + name

    def with_pictures(self, item, picture_macro):
        """The item's HTML with each body <img> as a <picture> of its derivatives."""
        # Bodies are shown on the item's own page and in feeds, which resolve from its URL.
        to_root = "../" * item.url.count("/")

        def replace(match):
            attributes = {name: unescape(value) for name, value in image_attributes(match.group(0)).items()}
            picture = self.pictures.get(item.body_images.get(attributes.get("src")))
            if picture is None:
                return match.group(0)
            return str(picture_macro(picture, attributes.get("alt", ""), PROSE_SIZES, to_root))

        return BODY_IMAGE.sub(replace, item._content)

    def generate_output(self, writer):
        url = self.settings["IMAGE_URL"]
        for name, (cached, _) in sorted(self.cards.made.items()):
            writer.write_data(SOCIAL_FOLDER + name, partial(self.cards.png, name), cached)
        for name, cached in sorted(self.files.items()):
            writer.copy_file(cached, url + name)
        # Other files of content/images/ (PDF…) are published as they are.
        folder = os.path.join(self.path, "images")
        for source in folder_files(self.path):
            if not is_image_name(source):
                writer.copy_file(source, url + os.path.relpath(source, folder).replace(os.sep, "/"))

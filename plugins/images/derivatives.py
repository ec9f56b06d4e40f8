"""One source image to its published files, with Pillow only (run in worker processes).

Every file written is re-encoded from pixels: no EXIF (GPS, camera, date), XMP
or IPTC survives. The EXIF orientation is applied first, and colours are
converted to sRGB, whose profile is embedded, so photos look the same everywhere.
"""

import io
import json
import math
import os
import struct

from PIL import Image, ImageCms, ImageOps, ImageSequence

from engine.cache import write_atomically

ORIENTATION = 0x0112
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def undated(profile):
    """An ICC profile's bytes dated 1 January 2000: LittleCMS stamps the profiles it makes with
    the time, and two builds of the same image would differ by it. (Its profile ID, a digest
    of the whole, is left unset by LittleCMS.)"""
    data = bytearray(profile.tobytes())
    data[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)      # ICC header: dateTimeNumber
    return bytes(data)


SRGB_BYTES = undated(SRGB)
# Pillow format -> (file extension, save options) of the fallback next to WebP.
FALLBACKS = {"JPEG": ("jpg", {"optimize": True, "progressive": True}), "PNG": ("png", {})}
INFO = "info.json"


def fallback_format(source_format, has_alpha):
    """The format next to WebP: JPEG for photos; PNG for PNG, GIF and anything transparent."""
    if source_format in ("PNG", "GIF") or has_alpha:
        return "PNG"
    return "JPEG"


def derivative_widths(width, widths):
    """The widths to make: never wider than the original."""
    return sorted({min(target, width) for target in widths})


def decoded(source, largest_width):
    """The image upright, in sRGB, RGB or RGBA; JPEGs are decoded at the smallest scale that
    still gives `largest_width` pixels (much faster for camera photos)."""
    with Image.open(source) as image:
        turned = image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
        shown_width = image.height if turned else image.width
        scale = min(1.0, largest_width / shown_width)
        image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        icc = image.info.get("icc_profile")
        source_format = image.format
        upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    mode = "RGBA" if has_alpha else "RGB"
    converted = None
    if icc:
        try:
            converted = ImageCms.profileToProfile(upright, ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                                  SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None        # a broken profile: keep the pixels as they are
    clean = converted or upright.convert(mode)
    clean.info = {}
    return clean, source_format, has_alpha


def save(image, path, pillow_format, quality):
    options = {"icc_profile": SRGB_BYTES}
    if pillow_format == "WEBP":
        # method 4 (libwebp's default): 6 % lighter than 2 for twice its time, a few
        # hundredths of a second per picture; 6 saves 6 % more for twice again.
        options.update(quality=quality["webp"], method=4)
    elif pillow_format == "JPEG":
        options.update(FALLBACKS["JPEG"][1], quality=quality["jpeg"])
    image.save(path, pillow_format, **options)


def resized(image, width):
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)


def animated_copy(source, folder):
    """Animations keep their frames and size, without metadata, and get no WebP variant."""
    with Image.open(source) as image:
        pillow_format = image.format
        frames = [frame.convert("RGBA") for frame in ImageSequence.Iterator(image)]
        durations = [frame.info.get("duration", 100) for frame in ImageSequence.Iterator(image)]
    extension = {"WEBP": "webp", "PNG": "png"}.get(pillow_format, "gif")
    name = f"{frames[0].width}.{extension}"
    frames[0].save(os.path.join(folder, name), pillow_format if extension != "gif" else "GIF",
                   save_all=True, append_images=frames[1:], duration=durations, loop=0)
    width, height = frames[0].size
    return {"width": width, "height": height, "type": f"image/{extension}",
            "variants": [{"width": width, "height": height, "webp": None, "fallback": name}],
            "social": {"name": name, "width": width, "height": height}}


def make(source, folder, widths, social_width, quality):
    """Write every derivative of `source` into `folder` (the cache), then its info.json:
    {width, height, type (of the fallback), variants: [{width, height, webp, fallback}],
    social: {name, width, height}}, file names relative to `folder`."""
    os.makedirs(folder, exist_ok=True)
    with Image.open(source) as probe:
        animated = getattr(probe, "is_animated", False)
    if animated:
        info = animated_copy(source, folder)
    else:
        image, source_format, has_alpha = decoded(source, max(*widths, social_width))
        fallback = fallback_format(source_format, has_alpha)
        extension = FALLBACKS[fallback][0]
        made, social_width = derivative_widths(image.width, widths), min(social_width, image.width)
        # Largest first, each from the one before: much less work than each from the original.
        by_width, larger = {}, image
        for width in sorted({*made, social_width}, reverse=True):
            larger = by_width[width] = resized(larger, width)
        variants = []
        for width in made:
            names = {"webp": f"{width}.webp", "fallback": f"{width}.{extension}"}
            save(by_width[width], os.path.join(folder, names["webp"]), "WEBP", quality)
            save(by_width[width], os.path.join(folder, names["fallback"]), fallback, quality)
            variants.append({"width": width, "height": by_width[width].height, **names})
        social = by_width[social_width]
        save(social, os.path.join(folder, f"partage.{extension}"), fallback, quality)
        info = {"width": image.width, "height": image.height,
                "type": "image/jpeg" if fallback == "JPEG" else "image/png", "variants": variants,
                "social": {"name": f"partage.{extension}", "width": social.width, "height": social.height}}
    # Written last: a folder with its info.json is complete.
    write_atomically(os.path.join(folder, INFO), json.dumps(info).encode())
    return info

"""The seed site's pictures, made once from the sample images that ship inside the
scikit-image wheel (each in the public domain or CC0, as its docstring in
skimage/data/_fetchers.py says), cropped to 16:9 and, for the grey ones, tinted in
the colour of their thématique with Pillow.

    pip download --no-deps scikit-image -d /tmp/ski && python tools/seed_pictures.py /tmp/ski/*.whl

writes content/images/NAME.jpg; the contributions name them with `image:` and credit them
with `image_credit:`. Run it again only to change a picture: the files are committed.
"""

import io
import sys
import zipfile
from pathlib import Path

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
# name -> (sample in skimage/data, its credit, a tint (dark, light) for grey samples or None)
# Portraits keep the top of the picture (the face) when cropped to 16:9.
TOP = {"astronaut.png"}
PICTURES = {
    "ciel-profond.jpg": ("hubble_deep_field.jpg", "NASA, ESA, télescope Hubble, domaine public", None),
    "lancement-fusee.jpg": ("rocket.jpg", "SpaceX, domaine public", None),
    "astronaute.jpg": ("astronaut.png", "NASA, domaine public", None),
    "tasse-cafe.jpg": ("coffee.png", "Rachel Michetti, CC0", None),
    "herbes-jardin.jpg": ("grass.png", "linolafett, CC0", ("#12361a", "#cfe8b0")),
    "gravier-sol.jpg": ("gravel.png", "CC0Textures, CC0", ("#3b2412", "#f0d9b5")),
    "cellule-microscope.jpg": ("cell.png", "Paul Müller et coll., CC0", ("#0b2340", "#bfe3f2")),
    "retine.jpg": ("retina.jpg", "Mikael Häggström, CC0", None),
}
CREDIT_PREFIX = "Image : "


def sixteen_nine(image, top=False):
    width, height = image.size
    target = min(height, width * 9 // 16)
    width = target * 16 // 9
    return ImageOps.fit(image, (width, target), method=Image.LANCZOS, centering=(0.5, 0.15 if top else 0.5))


def make(sample_bytes, tint, top=False):
    image = Image.open(io.BytesIO(sample_bytes))
    if tint:
        image = ImageOps.colorize(ImageOps.autocontrast(image.convert("L")), black=tint[0], white=tint[1])
    return sixteen_nine(image.convert("RGB"), top)


def main(wheel):
    with zipfile.ZipFile(wheel) as archive:
        for name, (sample, credit, tint) in PICTURES.items():
            picture = make(archive.read(f"skimage/data/{sample}"), tint, sample in TOP)
            picture.save(ROOT / "content/images" / name, "JPEG", quality=86, optimize=True, progressive=True)
            print(f"content/images/{name} {picture.size[0]}×{picture.size[1]} — {CREDIT_PREFIX}{credit}")


if __name__ == "__main__":
    main(sys.argv[1])

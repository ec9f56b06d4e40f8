"""The seed site's pictures, made once from the sample images that ship inside the
scikit-image wheel (each in the public domain or CC0, as its docstring in
skimage/data/_fetchers.py says), cropped to 16:9 and, for the grey ones, tinted in
the colour of their thématique with Pillow; and the logos of the seed's (invented)
actors, drawn here with the theme's typefaces.

    pip download --no-deps scikit-image -d /tmp/ski && python tools/seed_pictures.py /tmp/ski/*.whl

writes content/images/NAME.jpg and content/images/logos/NAME.png; the contributions name
them with `image:` (credited with `image_credit:`) and `logo:`. Run it again only to
change a picture: the files are committed.
"""

import io
import math
import sys
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

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


FONTS = ROOT / "node_modules" / "@fontsource"
SERIF = FONTS / "source-serif-4" / "files" / "source-serif-4-latin-700-normal.woff2"
SANS = FONTS / "source-sans-3" / "files" / "source-sans-3-latin-700-normal.woff2"
# actor slug -> (emblem, colour, the words of the logo: one or two lines)
LOGOS = {
    "planetarium-hypatie": ("star", "#1d3a8a", ("Planétarium", "Hypatie")),
    "museum-sciences-garonne": ("leaf", "#1e6b3a", ("Muséum", "de la Garonne")),
    "fusees-et-etoiles": ("rocket", "#b3261e", ("Fusées", "& Étoiles")),
    "laboratoire-ecologie-marine-sete": ("wave", "#00607a", ("Écologie marine", "Sète")),
    "mediatheque-grand-cahors": ("book", "#7a3e9d", ("Médiathèque", "du Grand Cahors")),
    "petits-curieux-occitanie": ("dots", "#c05600", ("Les Petits", "Curieux")),
}


def emblem(draw, kind, colour, box):
    """A plain shape in a 200-pixel box: what each invented actor is about."""
    x, y = box
    if kind == "star":
        draw.ellipse([x, y, x + 200, y + 200], fill=colour)
        points = []
        for i in range(10):
            radius = 80 if i % 2 == 0 else 34
            angle = math.pi / 2 + i * math.pi / 5
            points.append((x + 100 + radius * math.cos(angle), y + 100 - radius * math.sin(angle)))
        draw.polygon(points, fill="white")
    elif kind == "leaf":
        draw.ellipse([x + 20, y, x + 180, y + 200], fill=colour)
        draw.line([x + 100, y + 30, x + 100, y + 190], fill="white", width=10)
        for step in (70, 110, 150):
            draw.line([x + 100, y + step, x + 60, y + step - 30], fill="white", width=8)
            draw.line([x + 100, y + step, x + 140, y + step - 30], fill="white", width=8)
    elif kind == "rocket":
        draw.polygon([(x + 100, y), (x + 150, y + 70), (x + 150, y + 150), (x + 50, y + 150), (x + 50, y + 70)],
                     fill=colour)
        draw.polygon([(x + 50, y + 110), (x + 10, y + 190), (x + 50, y + 160)], fill=colour)
        draw.polygon([(x + 150, y + 110), (x + 190, y + 190), (x + 150, y + 160)], fill=colour)
        draw.ellipse([x + 78, y + 60, x + 122, y + 104], fill="white")
        draw.polygon([(x + 70, y + 160), (x + 130, y + 160), (x + 100, y + 200)], fill="#f2a33a")
    elif kind == "wave":
        draw.rounded_rectangle([x, y, x + 200, y + 200], radius=40, fill=colour)
        for row in (60, 105, 150):
            draw.arc([x + 20, y + row - 20, x + 100, y + row + 20], 180, 360, fill="white", width=10)
            draw.arc([x + 100, y + row - 20, x + 180, y + row + 20], 0, 180, fill="white", width=10)
    elif kind == "book":
        draw.rounded_rectangle([x, y + 20, x + 200, y + 180], radius=24, fill=colour)
        draw.line([x + 100, y + 40, x + 100, y + 165], fill="white", width=8)
        for row in (70, 100, 130):
            draw.line([x + 25, y + row, x + 85, y + row], fill="white", width=8)
            draw.line([x + 115, y + row, x + 175, y + row], fill="white", width=8)
    elif kind == "dots":
        for i, (dx, dy, r) in enumerate(((60, 60, 55), (145, 70, 40), (95, 145, 48))):
            draw.ellipse([x + dx - r, y + dy - r, x + dx + r, y + dy + r], fill=colour if i != 1 else "#f2a33a")


def logo(kind, colour, words):
    """A transparent PNG, 240 pixels high at most: the emblem and the name, in the site's typefaces."""
    image = Image.new("RGBA", (960, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    emblem(draw, kind, colour, (20, 20))
    first, second = ImageFont.truetype(str(SERIF), 64), ImageFont.truetype(str(SANS), 46)
    draw.text((250, 112), words[0], font=first, fill="#16191d", anchor="ls")
    draw.text((250, 178), words[1], font=second, fill=colour, anchor="ls")
    return image.crop(image.getbbox())


def main(wheel):
    with zipfile.ZipFile(wheel) as archive:
        for name, (sample, credit, tint) in PICTURES.items():
            picture = make(archive.read(f"skimage/data/{sample}"), tint, sample in TOP)
            picture.save(ROOT / "content/images" / name, "JPEG", quality=86, optimize=True, progressive=True)
            print(f"content/images/{name} {picture.size[0]}×{picture.size[1]} — {CREDIT_PREFIX}{credit}")
    (ROOT / "content/images/logos").mkdir(exist_ok=True)
    for slug, (kind, colour, words) in LOGOS.items():
        path = ROOT / "content/images/logos" / f"{slug}.png"
        logo(kind, colour, words).save(path, "PNG", optimize=True)
        print(f"{path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1])

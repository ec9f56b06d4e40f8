"""The site's icons, drawn with Pillow from the mark of theme/static/icons/favicon.svg:
favicon.ico, the Apple touch icon and the web manifest's icons, with the manifest itself."""

import functools
import io
import json
import math

from PIL import Image, ImageDraw

GOLD, INK = (255, 179, 71, 255), (0, 62, 77, 255)
ICONS = {"theme/icons/icon-192.png": 192, "theme/icons/icon-512.png": 512, "theme/icons/apple-touch-icon.png": 180}


def ellipse(scale, rx, ry, degrees=-25, centre=(16, 13.5), steps=240):
    """The points of favicon.svg's orbit ellipse (radii rx, ry, turned as its transform)."""
    turn = math.radians(degrees)
    cos, sin = math.cos(turn), math.sin(turn)
    points = []
    for step in range(steps):
        x, y = rx * math.cos(2 * math.pi * step / steps), ry * math.sin(2 * math.pi * step / steps)
        points.append(((centre[0] + x * cos - y * sin) * scale, (centre[1] + x * sin + y * cos) * scale))
    return points


@functools.cache
def drawn(side):
    """The mark on a transparent square of `side` pixels. The orbit is drawn as the two
    edges of its stroke, already turned: no rotation of the image."""
    scale = side / 32
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle([1 * scale, 1 * scale, 31 * scale, 26 * scale], radius=7 * scale, fill=GOLD)
    draw.polygon([(9 * scale, 25 * scale), (7 * scale, 31 * scale), (15 * scale, 25 * scale)], fill=GOLD)
    orbit = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    edges = ImageDraw.Draw(orbit)
    edges.polygon(ellipse(scale, 10 + 1.1, 4.2 + 1.1), fill=INK)       # stroke-width 2.2, centred
    edges.polygon(ellipse(scale, 10 - 1.1, 4.2 - 1.1), fill=(0, 0, 0, 0))
    canvas.alpha_composite(orbit)
    draw.ellipse([12.4 * scale, 9.9 * scale, 19.6 * scale, 17.1 * scale], fill=INK)
    return canvas


@functools.cache
def mark(size):
    """The mark on a transparent square of `size` pixels: drawn four times larger (twice for
    a large icon) and reduced by averaging, which smooths its edges (a tenth of the time a
    Lanczos reduction of one large drawing took)."""
    factor = max(2, min(4, 1024 // size))
    return drawn(size * factor).reduce(factor)


@functools.cache
def png(size, background=None):
    image = mark(size)
    if background:
        # A touch icon is shown on a tile: the mark on the site's colour, with a margin.
        tile = Image.new("RGBA", (size, size), background)
        inner = mark(round(size * 0.72))
        tile.alpha_composite(inner, (round(size * 0.14), round(size * 0.16)))
        image = tile
    out = io.BytesIO()
    # Two colours and their edges: a palette of 64 (alpha kept) weighs a third of full colour.
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG", optimize=True)
    return out.getvalue()


@functools.cache
def favicon():
    out = io.BytesIO()
    mark(64).save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def manifest(settings):
    return json.dumps({
        "name": settings["SITENAME"], "short_name": settings["SITENAME"], "lang": "fr",
        "description": settings.get("SITEDESCRIPTION", ""), "start_url": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#003e4d",
        "icons": [{"src": f"theme/icons/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": "any maskable" if size == 512 else "any"} for size in (192, 512)],
    }, ensure_ascii=False, indent=1) + "\n"


def write_site_icons(writer, settings):
    writer.write_data("favicon.ico", favicon, "favicon")
    for name, size in ICONS.items():
        writer.write_data(name, lambda size=size, name=name: png(size, INK if "apple" in name else None), name)
    writer.write_data("manifest.webmanifest", lambda: manifest(settings), settings["SITENAME"],
                      settings.get("SITEDESCRIPTION", ""))

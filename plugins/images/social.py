"""Open Graph cards for pages without a picture of their own: one 1200×630 PNG per type
and thématique in use (and one for the site), in the thématique's colour with the site's
name, drawn once with Pillow and kept in the cache by a key of this code and what it draws.
No card is drawn per item: a cold build of thousands of items draws a few dozen at most,
when the files are written (in the writer's processes, beside the pages)."""

import functools
import hashlib
import io
import os

from PIL import Image, ImageColor, ImageDraw, ImageFont

from content_model.site_icons import mark
from engine.cache import cache_key, write_atomically

SIZE = (1200, 630)
SOCIAL_FOLDER = "theme/partage/"      # beside the theme: images/ holds the contributions' pictures
MARGIN = 80
GOLD = (255, 179, 71)
TEXT_SHADES = 16        # white text over the card's colour: enough for smooth edges
SHADE_OF_COVERAGE = [round(value * (TEXT_SHADES - 1) / 255) for value in range(256)]
MARK_COLOURS = 32


def font_paths(settings):
    """{"text": …, "title": …}: the boldest weight of the first and last typefaces of FONTS."""
    fonts, modules = settings.get("FONTS") or (), settings.get("FONTS_NODE_MODULES") or ""
    if not fonts:
        return {}
    def path(entry):
        _, package, weights = entry
        return os.path.join(modules, "@fontsource", package, "files", f"{package}-latin-{max(weights)}-normal.woff2")
    return {"text": path(fonts[0]), "title": path(fonts[-1])}


def font(fonts, role, size):
    """The theme's own typeface (settings FONTS of the fonts plugin) if installed, else Pillow's."""
    return typeface(fonts.get(role), size)


@functools.cache
def typeface(path, size):
    """Loaded once per process: a woff2 file is decompressed each time it is opened."""
    if path and os.path.exists(path):
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def wrapped(draw, text, face, width, lines=3):
    out, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=face) <= width or not line:
            line = trial
        else:
            out.append(line)
            line = word
    out.append(line)
    return out[:lines]


@functools.cache
def site_mark():
    return mark(104)


def shades(colour, levels):
    """`levels` colours from `colour` to white, evenly."""
    return [tuple(round(part + (255 - part) * level / (levels - 1)) for part in colour) for level in range(levels)]


def draw_card(site_name, kind, label, colour, fonts):
    """The card drawn as a palette image (a third of the weight of full colour), without
    quantising one: the text's coverage, drawn in grey, picks one of TEXT_SHADES between
    the card's colour and white; the band and the mark (on the card's colour) have entries
    of their own. Indices are drawn in an "L" image, then read as a palette image."""
    background = ImageColor.getrgb(colour) if isinstance(colour, str) else tuple(colour)
    text = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(text)
    draw.text((MARGIN + 128, MARGIN + 40), site_name, font=font(fonts, "title", 54), fill=255, anchor="lm")
    y = 300
    if kind:
        draw.text((MARGIN, y), kind.upper(), font=font(fonts, "text", 34), fill=255)
        y += 62
    face = font(fonts, "title", 68)
    for line in wrapped(draw, label, face, SIZE[0] - 2 * MARGIN, lines=2):
        draw.text((MARGIN, y), line, font=face, fill=255)
        y += 80
    indices = text.point(SHADE_OF_COVERAGE)
    indices.paste(TEXT_SHADES, (0, SIZE[1] - 18, SIZE[0], SIZE[1]))
    logo = site_mark()
    tile = Image.new("RGB", logo.size, background)
    tile.paste(logo, (0, 0), logo)
    tile = tile.quantize(MARK_COLOURS, method=Image.Quantize.FASTOCTREE)
    first = TEXT_SHADES + 1
    indices.paste(Image.frombytes("L", tile.size, tile.tobytes()).point(lambda index: index + first),
                  (MARGIN, MARGIN - 10))
    card = Image.frombytes("P", SIZE, indices.tobytes())
    card.putpalette([part for rgb in shades(background, TEXT_SHADES) + [GOLD] for part in rgb]
                    + tile.getpalette()[:3 * MARK_COLOURS])
    out = io.BytesIO()
    card.save(out, "PNG")
    return out.getvalue()


def card_name(kind_name, theme_slug):
    return f"{kind_name or 'site'}-{theme_slug or 'site'}.png"


class SocialCards:
    """Cards by (type, theme): named when a page asks for them, drawn when written."""

    def __init__(self, cache_folder, site_name, fonts):
        self.site_name, self.fonts = site_name, fonts
        key = cache_key(code=[__name__, "content_model.site_icons"], libraries=["PIL"],
                        settings={"site": site_name, "fonts": sorted(fonts.items())})
        self.folder = os.path.join(cache_folder, f"cartes-{key[:16]}")
        self.made = {}          # file name -> (cached path, what draw_card draws)

    def card(self, kind_name, kind_label, theme):
        """The file name of the card of this type and theme (a dict with slug, label, color)."""
        name = card_name(kind_name, theme["slug"])
        if name not in self.made:
            label = theme["label"] or self.site_name
            digest = hashlib.sha256(f"{kind_label}|{label}|{theme['color']}".encode()).hexdigest()[:12]
            self.made[name] = os.path.join(self.folder, f"{digest}-{name}"), (kind_label, label, theme["color"])
        return name

    def png(self, name):
        """The card's PNG, from the cache or drawn (and kept there)."""
        path, (kind_label, label, colour) = self.made[name]
        if os.path.exists(path):
            with open(path, "rb") as cached:
                return cached.read()
        data = draw_card(self.site_name, kind_label, label, colour, self.fonts)
        os.makedirs(self.folder, exist_ok=True)
        write_atomically(path, data)
        return data

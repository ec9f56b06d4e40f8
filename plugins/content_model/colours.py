"""Each thématique's colour in two tones, both readable as text (WCAG AA, 4.5:1 and a margin):
one on the white page, one on the dark page of `prefers-color-scheme: dark`.

content/themes.yaml may give a theme its `color` ("#2e7d32"); the others take the
palette's, in their order. Either way the tones are computed, so any colour stays legible.
"""

import colorsys
import re

PAPER, NIGHT = "#ffffff", "#14171a"        # the theme's backgrounds (theme/static/css/site.css)
BRAND = "#00576b"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
PALETTE = ("#2e7d32", "#0b6e99", "#6b7d12", "#4b3fa8", "#b4235a", "#a14a00", "#00796b", "#c62828",
           "#7b3f99", "#8d5524", "#5c6b7a", "#c2185b", "#37598a")
AA = 4.6


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tone(colour, background):
    """`colour` made darker (on a light background) or lighter (on a dark one) until AA."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    step = -0.01 if luminance(background) > 0.5 else 0.01
    while contrast(as_hex(hue, lightness, saturation), background) < AA and 0 < lightness < 1:
        lightness = min(1, max(0, lightness + step))
    return as_hex(hue, lightness, saturation)


def as_hex(hue, lightness, saturation):
    return "#" + "".join(f"{round(value * 255):02x}" for value in colorsys.hls_to_rgb(hue, lightness, saturation))


def theme_tones(themes):
    """{slug: (light tone, dark tone)} for every theme, in the order of themes.yaml."""
    tones = {}
    for index, (slug, theme) in enumerate(themes.items()):
        colour = theme.get("color") if HEX.match(str(theme.get("color", ""))) else PALETTE[index % len(PALETTE)]
        tones[slug] = (tone(colour.lower(), PAPER), tone(colour.lower(), NIGHT))
    return tones


# The pictograms of theme/static/icons/themes.svg: a theme takes the one of its slug, or its
# `icon` from themes.yaml, or the flask of the sciences.
PICTOGRAMS = ("biologie", "terre-climat-oceans", "environnement-energie", "univers", "chimie-physique",
              "mathematiques", "numerique-ia", "sante", "sciences-humaines", "histoire-geographie-archeologie",
              "histoire-des-sciences", "arts-sciences", "technologie-industrie", "sciences")
GENERIC = {"slug": "", "label": "", "color": BRAND, "color_dark": tone(BRAND, NIGHT), "icon": "sciences"}


def with_tones(themes):
    """themes.yaml's themes, each with its two tones and its pictogram."""
    tones = theme_tones(themes)
    return {slug: {**theme, "color": tones[slug][0], "color_dark": tones[slug][1],
                   "icon": next(icon for icon in (theme.get("icon"), slug, "sciences") if icon in PICTOGRAMS)}
            for slug, theme in themes.items()}


def accent(theme_slugs, themes):
    """The colour and pictogram an item is drawn with: its first theme's, else the site's."""
    for slug in theme_slugs:
        if slug in themes:
            theme = themes[slug]
            return {key: theme[key] for key in ("slug", "label", "color", "color_dark", "icon")}
    return GENERIC

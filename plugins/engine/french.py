"""French as readers expect it (Lexique de l'Imprimerie nationale), from Babel's locale data.

One plural rule for every count, one number format, and one typography pass that
pages, feeds, e-mails and the descriptions of items all go through: no-break spaces
before `: ; ! ? »` and after `«`, narrow no-break spaces between groups of digits,
the typographic apostrophe. In HTML only text nodes change: never a tag, an
attribute, a URL, code or a script.
"""

import functools
import re

from babel import Locale
from babel.numbers import format_decimal
from jinja2.ext import Extension
from jinja2.lexer import Token

LOCALE = Locale("fr", "FR")
WEEKDAYS = tuple(LOCALE.days["format"]["wide"][day] for day in range(7))        # lundi … dimanche
MONTHS = tuple(LOCALE.months["format"]["wide"][month] for month in range(1, 13))
SHORT_MONTHS = tuple(LOCALE.months["format"]["abbreviated"][month] for month in range(1, 13))   # "déc."

NBSP = "\u00a0"           # before « : » and inside « … »
NNBSP = "\u202f"          # narrow: before ; ! ? and between groups of digits

SPACE_BEFORE = re.compile(r"[ \t\u00a0\u202f]+([;!?])")
SPACE_BEFORE_COLON = re.compile(r"[ \t\u00a0\u202f]+:(?=\s|$)")
OPENING_QUOTE = re.compile(r"«[ \t\u00a0\u202f]*")
CLOSING_QUOTE = re.compile(r"[ \t\u00a0\u202f]*»")
DIGIT_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])")
APOSTROPHE = re.compile(r"'|&#39;|&#x27;")
# A number and its unit stay together: "12 h", "15 h 30", "5 €", "20 %", "3 km".
UNIT_SPACE = re.compile(r"(?<=\d)[ \t](?=(?:h|min|km|m|cm|mm|kg|g|l|€|%|°C)(?![\w]))")
MINUTES_SPACE = re.compile(r"(?<=\d\u00a0h)[ \t](?=\d{2}(?!\d))")
DIGIT = re.compile(r"\d")
GROUP_SPACE = re.compile(r"[ \u00a0]")

# In HTML, the elements whose text is code stay as they are.
VERBATIM_ELEMENTS = {"script", "style", "code", "pre", "kbd", "samp", "textarea"}
TAG_NAME = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)")
# What the text pass leaves as it is: comments, code elements with their text, tags (each
# to its end, or to the end of the fragment when it has none).
UNTOUCHED = re.compile(r"<!--(?:.*?-->|.*)|<\s*(" + "|".join(sorted(VERBATIM_ELEMENTS))
                       + r")(?![a-zA-Z0-9-])(?:[^>]*>(?:.*?</\s*\1\s*>|.*)|.*)|<[^>]*(?:>|$)", re.S | re.I)


@functools.lru_cache(maxsize=4096)       # counts are few, and said on many pages
def plural_form(count):
    """"one" for 0 and 1, as French says it; "many" or "other" above."""
    return LOCALE.plural_form(abs(count))


@functools.lru_cache(maxsize=4096)
def number(value):
    """"180 000", "3,5": Babel's French grouping (a narrow no-break space) and decimal comma."""
    return format_decimal(value, locale=LOCALE)


def seconds(value):
    """"2,5": a duration in seconds to a tenth, as the build's reports write it."""
    return format_decimal(value, format="0.0", locale=LOCALE)


def short_month(moment):
    """"déc.", for date blocks."""
    return SHORT_MONTHS[moment.month - 1]


def counted(count, singular, plural=None):
    """"0 événement", "1 événement", "2 événements", "1 000 événements"."""
    return f"{number(count)} {agreed(count, singular, plural)}"


def agreed(count, singular, plural=None):
    """The word alone, agreeing with `count`; the plural defaults to the singular and an s."""
    if plural_form(count) == "one":
        return singular
    return plural or (singular if singular.endswith(("s", "x", "z")) else singular + "s")


def typographic(text):
    """Plain French text with its spaces, quotes and apostrophes set."""
    if not text:
        return text
    # Each rule only where its characters are: most pieces of text need none of them.
    if "'" in text or "&#" in text:
        text = APOSTROPHE.sub("’", text)
    if ";" in text or "!" in text or "?" in text:
        text = SPACE_BEFORE.sub(NNBSP + r"\1", text)
    if ":" in text:
        text = SPACE_BEFORE_COLON.sub(NBSP + ":", text)
    if "«" in text:
        text = OPENING_QUOTE.sub("«" + NBSP, text)
    if "»" in text:
        text = CLOSING_QUOTE.sub(NBSP + "»", text)
    if DIGIT.search(text):
        text = MINUTES_SPACE.sub(NBSP, UNIT_SPACE.sub(NBSP, text))
        text = DIGIT_GROUPS.sub(lambda match: GROUP_SPACE.sub(NNBSP, match.group()), text)
    return text


def typographic_html(fragment):
    """The same for HTML: only the text between tags changes (what typographic_markup
    does from its first state, in one regular expression: a body has hundreds of tags)."""
    if not fragment:
        return fragment
    out, position = [], 0
    for match in UNTOUCHED.finditer(fragment):
        out.append(typographic(fragment[position:match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(typographic(fragment[position:]))
    return "".join(out)


def typographic_markup(fragment, state):
    """`fragment` of HTML with its text set, from `state` (("text"|"tag"|"verbatim", element));
    returns the new text and the state at its end, so that the pieces of a template
    (cut by its {{ … }} and {% … %}) can be set one after the other."""
    out, position, (where, element) = [], 0, state
    while position < len(fragment):
        if where == "text":
            start = fragment.find("<", position)
            end = len(fragment) if start < 0 else start
            out.append(typographic(fragment[position:end]))
            position = end
            if start >= 0:
                if fragment.startswith("<!--", start):
                    close = fragment.find("-->", start)
                    close = len(fragment) if close < 0 else close + 3
                    out.append(fragment[start:close])
                    position = close
                    continue
                name = TAG_NAME.match(fragment, start)
                where, element = "tag", name.group(1).lower() if name else None
        elif where == "tag":
            close = fragment.find(">", position)
            end = len(fragment) if close < 0 else close + 1
            out.append(fragment[position:end])
            position = end
            if close >= 0:
                where = "verbatim" if element in VERBATIM_ELEMENTS else "text"
        else:
            close = re.compile(rf"</\s*{element}\s*>", re.I).search(fragment, position)
            end = len(fragment) if close is None else close.end()
            out.append(fragment[position:end])
            position = end
            if close is not None:
                where, element = "text", None
    return "".join(out), (where, element)


class TemplateTypography(Extension):
    """The theme's own text set once, when Jinja compiles a template: no cost per page."""

    def filter_stream(self, stream):
        state = ("text", None)
        for token in stream:
            if token.type == "data":
                value, state = typographic_markup(token.value, state)
                token = Token(token.lineno, "data", value)
            elif token.type == "string":          # labels written in expressions: "Dans l'agenda"
                token = Token(token.lineno, "string", typographic(token.value))
            yield token

"""The kinds of field a contribution has: how each value is written, read and checked.

A kind is a small declared object (in the spirit of MkDocs' config options): its
`parse(value, ctx)` returns the typed value or raises Invalid with a French message
and fix; `words` says in French what to write, for the docs; `widget(site)` is
the Decap CMS widget of the web form, given the site's choices (its thématiques and
items). What refers to other content is a Reference, the one place the check, the
build and the form learn where a slug must lead.
"""

import datetime as dt
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from engine.french import typographic

from .territories import DEPARTEMENTS, departement_code, departement_label

PARIS = ZoneInfo("Europe/Paris")
# Not allowed in XML 1.0 (feeds, pages): tab, line feed and carriage return are.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# French elisions become a dash: "l'eau" -> "l-eau", not "leau".
SLUG_SUBSTITUTIONS = [(r"['’]", "-"), *DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]]


class Invalid(Exception):
    """A field value breaks a rule. `where` names a part of it (".postcode", "[2]")."""

    def __init__(self, message, fix, where=""):
        super().__init__(message)
        self.message, self.fix, self.where = message, fix, where


@dataclass
class FieldContext:
    """What a parser needs to know about the file it reads."""
    path: str              # absolute path of the file
    content_path: str      # absolute path of content/
    image_limits: object = None    # image_files.ImageLimits
    images_seen: dict = None       # {path looked at for an image: its signature}, when noted


@functools.lru_cache(maxsize=65536)     # titles and labels are sorted by it, again and again
def fold(text):
    """Case-, accent- and separator-insensitive key: "Tout Public" == "tout-public"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_-]+", " ", text).strip()


@functools.cache     # tags repeat across thousands of items
def slug_from_title(title):
    return slugify(title, regex_subs=SLUG_SUBSTITUTIONS)


def as_written(value):
    """A value's text as the contributor wrote it (frontmatter.WrittenInt: "01000", not 512)."""
    return getattr(value, "written", None) or str(value)


# Spaces a word processor or a copy from a web page puts in a date, a time or a number.
# (frontmatter.py clears them around field names with the same two sets.)
ODD_SPACES, INVISIBLE = "\u00a0\u202f\u2007\u2009\u200a\u3000", "\u200b\u200c\u200d\u2060\ufeff"
ODD_SPACE, INVISIBLE_CHARACTER = re.compile(f"[{ODD_SPACES}]"), re.compile(f"[{INVISIBLE}]")


def plain_spaces(text):
    return " ".join(INVISIBLE_CHARACTER.sub("", ODD_SPACE.sub(" ", text)).split())


def as_paris(value):
    if value.tzinfo is None:
        return value.replace(tzinfo=PARIS)
    return value.astimezone(PARIS)


def start_of_day(value):
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=PARIS)


class Kind:
    """What every kind answers; `widget` is Decap's, without name, label and hint."""
    words = ""

    def parse(self, value, ctx):
        raise NotImplementedError

    def widget(self, site):
        return {"widget": "string"}

    def references(self, value):
        """[(where, slug or name, Reference)] of a parsed value: what it refers to."""
        return []

    @property
    def refers(self):
        """True if references() may find something (the check asks only those kinds)."""
        return type(self).references is not Kind.references


@dataclass(frozen=True)
class Text(Kind):
    max_length: int = 200
    typeset: bool = True      # French typography for what is shown; False for codes, names of values, URLs

    @property
    def words(self):
        return f"texte, {self.max_length} caractères au plus"

    def parse(self, value, ctx):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Invalid("doit être un texte", "écrivez le texte sur une ligne, entre guillemets")
        value = " ".join(as_written(value).split())      # one line: a line break could forge a field
        if CONTROL_CHARACTER.search(value):
            raise Invalid("contient un caractère de contrôle invisible",
                          "retapez le texte sans le copier-coller depuis un autre logiciel")
        if not value:
            raise Invalid("est vide", "écrivez une valeur ou supprimez la ligne")
        if len(value) > self.max_length:
            raise Invalid(f"fait {len(value)} caractères, au plus {self.max_length} sont permis",
                          "raccourcissez le texte")
        return typographic(value) if self.typeset else value

    def widget(self, site):
        return {"widget": "text" if self.max_length > 200 else "string"}


@dataclass(frozen=True)
class Slug(Kind):
    words = "identifiant : minuscules sans accent, chiffres et tirets"

    def parse(self, value, ctx):
        value = Text(100, typeset=False).parse(value, ctx)
        if not SLUG.match(value):
            raise Invalid(f"« {value} » n'est pas un slug valide",
                          f"utilisez seulement des minuscules sans accent, des chiffres et des "
                          f"tirets, par exemple « {slug_from_title(value) or 'mon-titre'} »")
        return value


@dataclass(frozen=True)
class Reference(Kind):
    """The slug of another contribution (`to`: a type's name, or None for any) or of a theme
    ("theme"). With `names`, a value not written like a slug is a plain name (an organizer
    that is no actor of the site); a value written like one must exist all the same."""
    to: str = None
    names: bool = False
    attribute: str = None          # where the build puts the item it leads to ("organizer_actor")

    @property
    def words(self):
        target = {None: "d'un contenu du site", "theme": "d'une thématique (content/themes.yaml)"}.get(
            self.to, f"{self.of_a} {self.to_label} du site")
        if self.names:
            return (f"identifiant {target}, ou un nom : une valeur écrite comme un identifiant (minuscules sans "
                    f"accent, chiffres et tirets seulement) doit être celui {self.of_a} {self.to_label} qui existe ; "
                    "un nom, avec ses majuscules ou ses espaces, reste un simple nom")
        return f"identifiant {target}"

    @property
    def of_a(self):
        """« d'un » or « d'une », as the type it leads to is named."""
        from .model import TYPES_BY_NAME
        return "d'une" if self.to in TYPES_BY_NAME and TYPES_BY_NAME[self.to].feminine else "d'un"

    @property
    def to_label(self):
        from .model import TYPES_BY_NAME  # the types are made of kinds
        return TYPES_BY_NAME[self.to].label if self.to in TYPES_BY_NAME else "contenu"

    def parse(self, value, ctx):
        if self.names:
            return Text(200).parse(value, ctx)
        if self.to == "theme":       # a label, « Santé » for sante: the check finds the theme
            return Text(100, typeset=False).parse(value, ctx)
        return Slug().parse(value, ctx)

    def is_slug(self, value):
        return not self.names or bool(SLUG.match(value))

    def references(self, value):
        return [("", value, self)] if value is not None and self.is_slug(value) else []

    def widget(self, site):
        if self.to == "theme":
            return {"widget": "select", "options": [{"label": theme["label"], "value": slug}
                                                    for slug, theme in site["themes"].items()]}
        if self.to is None:
            # Any type: Decap's relation reads one collection, so the build lists the site's items.
            return {"widget": "select", "options": [
                {"label": f"{item.title} ({item.ctype.label})", "value": item.slug} for item in site["items"]]}
        from .model import TYPES_BY_NAME
        target = TYPES_BY_NAME[self.to]
        return {"widget": "relation", "collection": target.folder, "search_fields": ["title"],
                "value_field": "{{slug}}", "display_fields": ["title"]}


def nth(index, noun):
    """« 1er mot-clé », « 1re séance », « 2e acteur »: an item of a list, as a person says it.
    `noun` is "mot-clé" or, when feminine, "f:séance"."""
    feminine, word = noun.startswith("f:"), noun.removeprefix("f:")
    return f"{index}{('re' if feminine else 'er') if index == 1 else 'e'} {word}"


@dataclass(frozen=True)
class ListOf(Kind):
    """A list, written [a, b] or "a, b"; repeats are dropped. `noun` names one of its items
    in messages (nth)."""
    item: Kind = Text(100)
    noun: str = "élément"

    @property
    def words(self):
        return f"liste : {self.item.words}"

    def parse(self, value, ctx):
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise Invalid("doit être une liste", "écrivez-la entre crochets : [\"a\", \"b\"]")
        items = []
        for index, item in enumerate(value):
            try:
                parsed = self.item.parse(item, ctx)
            except Invalid as error:
                raise Invalid(error.message, error.fix, f"[{index + 1}]") from None
            if parsed not in items:
                items.append(parsed)
        return items

    @property
    def refers(self):
        return self.item.refers

    def references(self, value):
        return [(f"[{index}]", slug, reference) for index, item in enumerate(value or (), start=1)
                for _, slug, reference in self.item.references(item)]

    def widget(self, site):
        inner = self.item.widget(site)
        if inner["widget"] in ("select", "relation"):
            return {**inner, "multiple": True}
        return {"widget": "list"}


@dataclass(frozen=True, eq=False)
class Choice(Kind):
    """One of `values`, matched insensitively; `aliases` maps other words to values;
    `labels`, the words the form shows for values that are codes ("scheduled": "Prévu")."""
    values: tuple = ()
    aliases: dict = field(default_factory=dict)
    labels: dict = field(default_factory=dict)

    @property
    def words(self):
        return "une valeur parmi : " + ", ".join(self.values)

    @functools.cached_property
    def known(self):
        known = {fold(value): value for value in self.values}
        known.update({fold(alias): value for alias, value in self.aliases.items()})
        return known

    def parse(self, value, ctx):
        value = Text(100, typeset=False).parse(value, ctx)
        key = fold(value)
        # "famille" for "familles", "scolaire" for "scolaires": the singular of a value is that value.
        for form in (key, key + "s", key.removesuffix("s")):
            if form in self.known:
                return self.known[form]
        guess = difflib.get_close_matches(key, list(self.known), n=1, cutoff=0.6)
        offer = f"voulez-vous dire « {self.known[guess[0]]} » ? " if guess else ""
        raise Invalid(f"« {value} » n'est pas une valeur possible",
                      offer + "choisissez parmi : " + ", ".join(self.values))

    def widget(self, site):
        return {"widget": "select", "options": [{"label": self.labels.get(value, value), "value": value}
                                                for value in self.values]}


DATE_TEXT = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# The day the fixes give as an example: next year's, so that a fix copied as it is is not
# an event already over.
FIX_DAY = f"{dt.date.today().year + 1}-10-12"
DATE_FIX = ("écrivez AAAA-MM-JJ, AAAA-MM-JJ HH:MM ou une date ISO 8601 avec décalage, "
            f"par exemple {FIX_DAY} 14:30")
# The French ways, read too: 12/01/2027, 12/01/2027 19:00, 2027-01-12 19h, 19h00, 19 h 30, « à 19 h ».
FRENCH_DATE = re.compile(r"^(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2}))"
                         r"(?:,?\s+(?:à\s+)?(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?)?$")


def iso_text(text):
    """A date written the French way as ISO text (2027-01-12 19:00), or None."""
    match = FRENCH_DATE.match(plain_spaces(text))
    if not match:
        return None
    day, month, year, iso_year, iso_month, iso_day, hour, minute = match.groups()
    date = f"{iso_year}-{iso_month}-{iso_day}" if iso_year else f"{year}-{int(month):02d}-{int(day):02d}"
    return date if hour is None else f"{date} {int(hour):02d}:{minute or '00'}"
DATETIME_WIDGET = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY",
                   "time_format": "HH:mm"}


@dataclass(frozen=True)
class Moment(Kind):
    """A date (all day) or an aware datetime in Europe/Paris."""
    words = "date `AAAA-MM-JJ`, ou date et heure `AAAA-MM-JJ HH:MM` (heure de Paris)"

    def parse(self, value, ctx):
        if isinstance(value, dt.datetime):
            return as_paris(value)
        if isinstance(value, dt.date):
            return value
        written = value
        if isinstance(value, str) and not DATE_TEXT.match(value.strip()):
            value = iso_text(value) or value
        if not isinstance(value, str) or not DATE_TEXT.match(value.strip()):
            raise Invalid(f"« {written} » n'est pas une date reconnue", DATE_FIX)
        value = value.strip()
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value)
            return as_paris(dt.datetime.fromisoformat(value))
        except ValueError:
            raise Invalid(f"« {written} » n'est pas une date qui existe", DATE_FIX) from None

    def widget(self, site):
        return dict(DATETIME_WIDGET)


@dataclass(frozen=True)
class Instant(Moment):
    """A publication date: a date alone means midnight in Paris."""

    def parse(self, value, ctx):
        return start_of_day(super().parse(value, ctx))


BOOLEANS = {"true": True, "oui": True, "yes": True, "vrai": True, "false": False, "non": False, "no": False,
            "faux": False}


@dataclass(frozen=True)
class Boolean(Kind):
    default: bool = False          # what the form starts from (absent means this)
    words = "`true` ou `false` (oui ou non)"

    def parse(self, value, ctx):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and fold(value) in BOOLEANS:
            return BOOLEANS[fold(value)]
        raise Invalid(f"« {value} » n'est ni oui ni non", "écrivez true ou false (oui ou non)")

    def widget(self, site):
        return {"widget": "boolean", "default": self.default}


@dataclass(frozen=True)
class Url(Kind):
    schemes: tuple = ("http", "https", "mailto")

    @property
    def words(self):
        return "adresse complète (" + ", ".join(f"`{scheme}:`" for scheme in self.schemes) + ")"

    def parse(self, value, ctx):
        value = Text(2000, typeset=False).parse(value, ctx)
        parts = urlsplit(value)
        allowed = " ou ".join(f"{scheme}:" for scheme in self.schemes)
        if parts.scheme.lower() not in self.schemes or re.search(r"\s", value):
            raise Invalid(f"« {value} » n'est pas une adresse web acceptée",
                          f"donnez une adresse complète commençant par {allowed}, "
                          "par exemple https://exemple.fr/page")
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            raise Invalid(f"« {value} » n'a pas de nom de domaine",
                          "écrivez l'adresse complète, par exemple https://exemple.fr/page")
        return value

    def widget(self, site):
        return {"widget": "string", "pattern": [
            "^(" + "|".join(self.schemes) + "):", "Une adresse complète, par exemple https://exemple.fr/page"]}


LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


@dataclass(frozen=True)
class Lang(Kind):
    words = "code de langue : `fr`, `en`, `oc`…"

    def parse(self, value, ctx):
        value = Text(10, typeset=False).parse(value, ctx)
        if not LANG.match(value):
            raise Invalid(f"« {value} » n'est pas un code de langue", "écrivez par exemple fr, en ou oc")
        return value


@dataclass(frozen=True)
class Image(Kind):
    """An image file fit to publish, relative to the contribution or to content/images/."""
    words = "nom d'une image (JPEG, PNG, WebP, GIF, AVIF) de `content/images/` ou posée à côté du fichier"

    def parse(self, value, ctx):
        from . import image_files  # it needs Invalid from here
        return image_files.publishable(Text(300, typeset=False).parse(value, ctx), ctx)

    def widget(self, site):
        return {"widget": "image", "choose_url": False}


@dataclass(frozen=True)
class Postcode(Kind):
    words = "code postal français, 5 chiffres entre guillemets"

    def parse(self, value, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            value = as_written(value)       # 01000 unquoted: "01000", never 512
        value = plain_spaces(Text(10, typeset=False).parse(value, ctx)).replace(" ", "")
        if departement_code(value) is None:
            raise Invalid(f"« {value} » n'est pas un code postal français",
                          "écrivez les 5 chiffres entre guillemets, par exemple \"31000\"")
        return value


@dataclass(frozen=True)
class Departement(Kind):
    """A French département by its code, as territory pages name it: 31, 2A, 974."""
    words = "numéro de département : `31`, `2A`, `974`"

    def parse(self, value, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            value = as_written(value)       # 09 unquoted stays "09"
        code = plain_spaces(Text(10, typeset=False).parse(value, ctx)).replace(" ", "").upper()
        code = code.zfill(2) if code.isdigit() else code
        if code not in DEPARTEMENTS:
            raise Invalid(f"« {value} » n'est pas un numéro de département",
                          "écrivez son numéro, par exemple 31 pour la Haute-Garonne, 2A pour la Corse-du-Sud")
        return code

    def widget(self, site):
        return {"widget": "select", "options": [{"label": departement_label(code), "value": code}
                                                for code in DEPARTEMENTS]}


@dataclass(frozen=True)
class Coordinate(Kind):
    limit: float = 90
    name: str = "latitude"

    @property
    def words(self):
        return f"nombre décimal entre -{self.limit} et {self.limit}"

    def parse(self, value, ctx):
        if isinstance(value, str):
            value = plain_spaces(value).replace(",", ".", 1) if value.count(",") == 1 and "." not in value \
                else plain_spaces(value)        # 43,6134: the French decimal comma
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or not -self.limit <= number <= self.limit:
            raise Invalid(f"« {value} » n'est pas une {self.name} valide",
                          f"écrivez un nombre décimal entre -{self.limit} et {self.limit}, "
                          "par exemple 43.6045")
        return number

    def widget(self, site):
        return {"widget": "number", "value_type": "float"}


@dataclass(frozen=True)
class Part:
    """A part of a structured field (a place's city)."""
    name: str
    kind: Kind
    label: str
    required: bool = False


PLACE_PARTS = (
    Part("name", Text(200), "Nom du lieu", required=True),
    Part("address", Text(300), "Adresse"),
    Part("postcode", Postcode(), "Code postal"),
    Part("city", Text(100), "Ville", required=True),
    Part("lat", Coordinate(90, "latitude"), "Latitude"),
    Part("lon", Coordinate(180, "longitude"), "Longitude"),
)
LOCATION_EXAMPLE = ('{name: "Muséum", address: "35 allées Jules Guesde", postcode: "31000", city: "Toulouse", '
                    'lat: 43.594, lon: 1.449}')


def decimal_commas(place):
    """["lat: 43,6134", …]: {lat: 43,6134} read by YAML as lat: 43 and a sub-field "6134"."""
    pairs = list(place.items())
    return [f"{name}: {whole},{key}" for (name, whole), (key, raw) in zip(pairs, pairs[1:], strict=False)
            if isinstance(whole, int) and not isinstance(whole, bool) and str(key).isdigit() and raw is None]


@dataclass(frozen=True)
class Location(Kind):
    parts: tuple = PLACE_PARTS

    @property
    def words(self):
        return "lieu, champ par champ : " + ", ".join(
            f"`{part.name}` ({part.label.lower()}{', obligatoire' if part.required else ''})" for part in self.parts)

    def parse(self, value, ctx):
        parts = {part.name: part for part in self.parts}
        if not isinstance(value, dict):
            raise Invalid("doit décrire le lieu champ par champ (" + ", ".join(parts) + ")",
                          f"par exemple location: {LOCATION_EXAMPLE}")
        split = decimal_commas(value)
        if split:
            raise Invalid(f"« {', '.join(split)} » : entre accolades, la virgule sépare les sous-champs",
                          "écrivez les nombres avec un point, " + ", ".join(text.replace(",", ".") for text in split),
                          "." + split[0].split(":")[0])
        place = {}
        for key, raw in value.items():
            if key not in parts:
                raise Invalid(f"sous-champ inconnu « {key} »", "les sous-champs possibles sont " + ", ".join(parts),
                              f".{key}")
            if raw is None or raw == "":
                continue
            try:
                place[key] = parts[key].kind.parse(raw, ctx)
            except Invalid as error:
                raise Invalid(error.message, error.fix, f".{key}") from None
        for part in self.parts:
            if part.required and part.name not in place:
                raise Invalid("sous-champ obligatoire manquant",
                              f"ajoutez {part.name} au lieu, location: {LOCATION_EXAMPLE}", f".{part.name}")
        if ("lat" in place) != ("lon" in place):
            missing = "lon" if "lat" in place else "lat"
            raise Invalid("latitude et longitude vont ensemble", f"ajoutez {missing}", f".{missing}")
        if "postcode" in place:
            place["departement"] = departement_code(place["postcode"])
            place["departement_label"] = departement_label(place["departement"])
        return place

    def widget(self, site):
        return {"widget": "object", "fields": [
            {"name": part.name, "label": part.label, "required": part.required, **part.kind.widget(site)}
            for part in self.parts]}


def event_span(start, end, where=""):
    """{start, end, all_day}: aware datetimes; all-day spans keep `end` as their last day."""
    all_day = not isinstance(start, dt.datetime)
    if end is not None and all_day != (not isinstance(end, dt.datetime)):
        raise Invalid("le début et la fin doivent être tous deux des dates, ou tous deux des dates "
                      "avec heure", "ajoutez l'heure aux deux, ou retirez-la des deux", where)
    start, end = start_of_day(start), start_of_day(end) if end is not None else None
    if end is not None and end < start:
        raise Invalid("la fin est avant le début", "corrigez la date de fin (end)", where)
    return {"start": start, "end": end, "all_day": all_day}


SESSION_EXAMPLE = f"{{start: {FIX_DAY} 14:00, end: {FIX_DAY} 17:00}}"


@dataclass(frozen=True)
class Sessions(Kind):
    words = "liste de séances, chacune `{start: …, end: …}` (la fin est facultative)"
    noun = "f:séance"

    def parse(self, value, ctx):
        if not isinstance(value, list) or not value:
            raise Invalid("doit être une liste de séances", f"écrivez par exemple sessions: [{SESSION_EXAMPLE}]")
        parsed = []
        for index, item in enumerate(value, start=1):
            where = f"[{index}]"
            if not isinstance(item, dict) or "start" not in item:
                raise Invalid("chaque séance doit avoir un début (start) et une fin (end) facultative",
                              f"écrivez {SESSION_EXAMPLE}", where)
            try:
                start = Moment().parse(item["start"], ctx)
                end = Moment().parse(item["end"], ctx) if item.get("end") is not None else None
            except Invalid as error:
                raise Invalid(error.message, error.fix, where) from None
            parsed.append(event_span(start, end, where))
        return sorted(parsed, key=lambda session: session["start"])

    def widget(self, site):
        return {"widget": "list", "fields": [{"name": "start", "label": "Début", **DATETIME_WIDGET},
                                             {"name": "end", "label": "Fin", "required": False, **DATETIME_WIDGET}]}

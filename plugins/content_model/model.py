"""The content model: the types of contribution, their fields, how each is read.

One table of fields per type, read by the reader, the check, the templates
and the docs. Adding a field is one line in `COMMON_FIELDS` or a type's table.
Every message speaks French to the contributor and says how to fix the input.
"""

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from .territories import departement_code, departement_label

PARIS = ZoneInfo("Europe/Paris")


class Invalid(Exception):
    """A field value breaks a rule. `where` names a part of it (".postcode")."""

    def __init__(self, message, fix, where=""):
        super().__init__(message)
        self.message, self.fix, self.where = message, fix, where


@dataclass(frozen=True)
class Field:
    name: str
    parse: object          # (value, FieldContext) -> typed value, or raise Invalid
    label: str             # French, for forms and docs
    example: str           # a valid YAML line, shown in fixes and templates
    required: bool = False


@dataclass(frozen=True)
class ContentType:
    name: str              # "event": also the Pelican content class's setting prefix
    folder: str            # folder under content/
    label: str             # French singular, lower case
    plural: str            # French plural, lower case
    section: str           # French name of its section on the site
    fields: dict
    rules: tuple = ()      # whole-item rules: (fields, ctx) -> [(field, Invalid)]

    def __fingerprint__(self):
        # The model is code, part of every build's key (plugins/incremental): its name says it.
        return self.name


@dataclass
class FieldContext:
    """What a parser needs to know about the file it reads."""
    path: str              # absolute path of the file
    content_path: str      # absolute path of content/
    image_limits: object = None    # image_files.ImageLimits


@functools.lru_cache(maxsize=65536)     # titles and labels are sorted by it, again and again
def fold(text):
    """Case-, accent- and separator-insensitive key: "Tout Public" == "tout-public"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\s_-]+", " ", text).strip()


# French elisions become a dash: "l'eau" -> "l-eau", not "leau".
SLUG_SUBSTITUTIONS = [(r"['’]", "-"), *DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]]


@functools.lru_cache(maxsize=None)     # tags repeat across thousands of items
def slug_from_title(title):
    return slugify(title, regex_subs=SLUG_SUBSTITUTIONS)


# --- Field parsers --------------------------------------------------------

# Not allowed in XML 1.0 (feeds, pages): tab, line feed and carriage return are.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(max_length=200):
    def parse(value, ctx):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Invalid("doit être un texte", "écrivez le texte sur une ligne, entre guillemets")
        value = " ".join(str(value).split())      # one line: a line break could forge a field
        if CONTROL_CHARACTER.search(value):
            raise Invalid("contient un caractère de contrôle invisible",
                          "retapez le texte sans le copier-coller depuis un autre logiciel")
        if not value:
            raise Invalid("est vide", "écrivez une valeur ou supprimez la ligne")
        if len(value) > max_length:
            raise Invalid(f"fait {len(value)} caractères, au plus {max_length} sont permis",
                          "raccourcissez le texte")
        return value
    parse.max_length = max_length    # what the web form (plugins/admin) needs to know
    return parse


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(value, ctx):
    value = text(100)(value, ctx)
    if not SLUG.match(value):
        raise Invalid(f"« {value} » n'est pas un slug valide",
                      f"utilisez seulement des minuscules sans accent, des chiffres et des "
                      f"tirets, par exemple « {slug_from_title(value) or 'mon-titre'} »")
    return value


def text_list(item_parse=text(100)):
    def parse(value, ctx):
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise Invalid("doit être une liste", "écrivez-la entre crochets : [\"a\", \"b\"]")
        items = []
        for index, item in enumerate(value):
            try:
                parsed = item_parse(item, ctx)
            except Invalid as error:
                raise Invalid(error.message, error.fix, f"[{index + 1}]") from None
            if parsed not in items:
                items.append(parsed)
        return items
    parse.item = item_parse
    return parse


DATE_TEXT = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
DATE_FIX = ("écrivez AAAA-MM-JJ, AAAA-MM-JJ HH:MM ou une date ISO 8601 avec décalage, "
            "par exemple 2024-10-12 14:30")


def moment(value, ctx):
    """A date (all day) or an aware datetime in Europe/Paris."""
    if isinstance(value, dt.datetime):
        return as_paris(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not DATE_TEXT.match(value.strip()):
        raise Invalid(f"« {value} » n'est pas une date reconnue", DATE_FIX)
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return as_paris(dt.datetime.fromisoformat(value))
    except ValueError:
        raise Invalid(f"« {value} » n'est pas une date qui existe", DATE_FIX) from None


def as_paris(value):
    if value.tzinfo is None:
        return value.replace(tzinfo=PARIS)
    return value.astimezone(PARIS)


def start_of_day(value):
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, tzinfo=PARIS)


def instant(value, ctx):
    """A publication date: dates alone mean midnight in Paris."""
    return start_of_day(moment(value, ctx))


BOOLEANS = {"true": True, "oui": True, "yes": True, "false": False, "non": False, "no": False}


def boolean(value, ctx):
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in BOOLEANS:
        return BOOLEANS[value.strip().lower()]
    raise Invalid(f"« {value} » n'est ni vrai ni faux", "écrivez true ou false")


def url(schemes=("http", "https", "mailto")):
    def parse(value, ctx):
        value = text(2000)(value, ctx)
        parts = urlsplit(value)
        allowed = " ou ".join(f"{scheme}:" for scheme in schemes)
        if parts.scheme.lower() not in schemes or re.search(r"\s", value):
            raise Invalid(f"« {value} » n'est pas une adresse web acceptée",
                          f"donnez une adresse complète commençant par {allowed}, "
                          "par exemple https://exemple.fr/page")
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            raise Invalid(f"« {value} » n'a pas de nom de domaine",
                          "écrivez l'adresse complète, par exemple https://exemple.fr/page")
        return value
    parse.schemes = schemes
    return parse


def choice(values, aliases=None):
    """One of `values`, matched insensitively; `aliases` maps other words to values."""
    known = {fold(value): value for value in values}
    known.update({fold(alias): value for alias, value in (aliases or {}).items()})

    def parse(value, ctx):
        value = text(100)(value, ctx)
        if fold(value) not in known:
            raise Invalid(f"« {value} » n'est pas une valeur possible",
                          "choisissez parmi : " + ", ".join(values))
        return known[fold(value)]
    parse.options = values
    return parse


LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


def lang(value, ctx):
    value = text(10)(value, ctx)
    if not LANG.match(value):
        raise Invalid(f"« {value} » n'est pas un code de langue", "écrivez par exemple fr, en ou oc")
    return value


def image(value, ctx):
    """An image file fit to publish, relative to the contribution or to content/images/."""
    from . import image_files      # it needs Invalid from here
    return image_files.publishable(text(300)(value, ctx), ctx)


def postcode(value, ctx):
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10000:
        value = str(value)
    value = text(10)(value, ctx)
    if departement_code(value) is None:
        raise Invalid(f"« {value} » n'est pas un code postal français",
                      "écrivez les 5 chiffres entre guillemets, par exemple \"31000\"")
    return value


def coordinate(limit, name):
    def parse(value, ctx):
        try:
            number = float(value) if not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or not -limit <= number <= limit:
            raise Invalid(f"« {value} » n'est pas une {name} valide",
                          f"écrivez un nombre décimal entre -{limit} et {limit}, "
                          "par exemple 43.6045")
        return number
    return parse


LOCATION_FIELDS = {
    "name": (text(200), True),
    "address": (text(300), False),
    "postcode": (postcode, False),
    "city": (text(100), True),
    "lat": (coordinate(90, "latitude"), False),
    "lon": (coordinate(180, "longitude"), False),
}
LOCATION_EXAMPLE = ('location: {name: "Muséum", address: "35 allées Jules Guesde", '
                    'postcode: "31000", city: "Toulouse", lat: 43.594, lon: 1.449}')


def location(value, ctx):
    if not isinstance(value, dict):
        raise Invalid("doit décrire le lieu champ par champ (name, address, postcode, city, lat, lon)",
                      f"par exemple {LOCATION_EXAMPLE}")
    place = {}
    for key, raw in value.items():
        if key not in LOCATION_FIELDS:
            raise Invalid(f"sous-champ inconnu « {key} »",
                          "les sous-champs possibles sont " + ", ".join(LOCATION_FIELDS), f".{key}")
        if raw is None or raw == "":
            continue
        try:
            place[key] = LOCATION_FIELDS[key][0](raw, ctx)
        except Invalid as error:
            raise Invalid(error.message, error.fix, f".{key}") from None
    for key, (_, required) in LOCATION_FIELDS.items():
        if required and key not in place:
            raise Invalid("sous-champ obligatoire manquant", f"ajoutez {key} au lieu, {LOCATION_EXAMPLE}",
                          f".{key}")
    if ("lat" in place) != ("lon" in place):
        missing = "lon" if "lat" in place else "lat"
        raise Invalid("latitude et longitude vont ensemble", f"ajoutez {missing}", f".{missing}")
    if "postcode" in place:
        place["departement"] = departement_code(place["postcode"])
        place["departement_label"] = departement_label(place["departement"])
    return place


def sessions(value, ctx):
    if not isinstance(value, list) or not value:
        raise Invalid("doit être une liste de séances",
                      "écrivez par exemple sessions: [{start: 2024-10-12 14:00, end: 2024-10-12 17:00}]")
    parsed = []
    for index, item in enumerate(value, start=1):
        where = f"[{index}]"
        if not isinstance(item, dict) or "start" not in item:
            raise Invalid("chaque séance doit avoir un début (start) et une fin (end) facultative",
                          "écrivez {start: 2024-10-12 14:00, end: 2024-10-12 17:00}", where)
        try:
            start = moment(item["start"], ctx)
            end = moment(item["end"], ctx) if item.get("end") is not None else None
        except Invalid as error:
            raise Invalid(error.message, error.fix, where) from None
        parsed.append(event_span(start, end, where))
    return sorted(parsed, key=lambda session: session["start"])


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


# --- Vocabularies ------------------------------------------------------------

AUDIENCES = ("tout-public", "familles", "scolaires", "jeunes", "adultes", "professionnels")
AUDIENCE_LABELS = {"tout-public": "Tout public", "familles": "Familles", "scolaires": "Scolaires",
                   "jeunes": "Jeunes", "adultes": "Adultes", "professionnels": "Professionnels"}
EVENT_STATUSES = ("scheduled", "cancelled", "postponed", "full")
EVENT_STATUS_ALIASES = {"prévu": "scheduled", "annulé": "cancelled", "reporté": "postponed",
                        "complet": "full"}
EVENT_STATUS_LABELS = {"scheduled": "Prévu", "cancelled": "Annulé", "postponed": "Reporté",
                       "full": "Complet"}
EVENT_TYPES = ("atelier", "conférence", "exposition", "visite", "festival", "spectacle",
               "portes ouvertes", "café des sciences", "projection")
RESOURCE_TYPES = ("vidéo", "podcast", "exposition", "kit pédagogique", "jeu", "guide",
                  "site web", "autre")
CALL_TYPES = ("appel à projets", "AMI", "emploi", "stage", "bénévolat", "concours", "formation",
              "autre")
CALL_TYPE_ALIASES = {"appel à manifestation d'intérêt": "AMI", "offre d'emploi": "emploi",
                     "volontariat": "bénévolat"}
# schema.org types of a call: job offers are read by job search engines.
JOB_CALL_TYPES = ("emploi", "stage")
ACTOR_TYPES = ("musée", "centre de sciences", "association", "laboratoire", "université",
               "collectivité", "entreprise", "médiathèque", "autre")


FREE_WORDS = ("gratuit", "entree libre", "entree gratuite", "acces libre")
ZERO_PRICE = re.compile(r"0+(?:[.,]0+)?\s*(?:€|eur|euros?)?")


def price_is_free(price):
    """"Gratuit", "Entrée libre et gratuite", "0 €" are free; "Prix libre", "0,50 €" are not."""
    folded = fold(price or "")
    return folded.startswith(FREE_WORDS) or bool(ZERO_PRICE.fullmatch(folded))


# --- Whole-item rules --------------------------------------------------------

def image_needs_alt(fields, ctx):
    if "image" in fields and "image_alt" not in fields:
        yield "image_alt", Invalid("obligatoire quand une image est donnée",
                                   "décrivez l'image en une phrase pour les personnes qui ne "
                                   "la voient pas : image_alt: \"…\"")


def event_dates(fields, ctx):
    """Derive start/end/all_day; with sessions they span all the sessions."""
    span = None
    if "sessions" in fields:
        first, last = fields["sessions"][0], fields["sessions"][-1]
        span = {"start": first["start"], "end": last["end"] or last["start"],
                "all_day": all(session["all_day"] for session in fields["sessions"])}
    elif "start" in fields:
        try:
            span = event_span(fields["start"], fields.get("end"))
        except Invalid as error:  # both ways to fail are about `end`
            yield "end", error
            return
    else:
        yield "start", Invalid("champ obligatoire manquant",
                               "ajoutez le début : start: 2024-10-12 14:00 (ou une date seule "
                               "pour toute la journée)")
        return
    fields.update(span)


def deadline_instant(deadline):
    """The instant a call closes: a date alone means at the end of that day, in Paris."""
    if isinstance(deadline, dt.datetime):
        return deadline
    return start_of_day(deadline + dt.timedelta(days=1))


def call_deadline(fields, ctx):
    if "deadline" in fields and "date" in fields and deadline_instant(fields["deadline"]) <= fields["date"]:
        yield "deadline", Invalid("la date limite est avant la date de publication",
                                  "corrigez la date limite (deadline) ou la date de publication (date)")


def event_place(fields, ctx):
    if "location" not in fields and "online" not in fields:
        yield "location", Invalid("un lieu est obligatoire, sauf pour un événement en ligne",
                                  f"ajoutez le lieu ({LOCATION_EXAMPLE}) ou le lien de "
                                  "l'événement en ligne : online: https://…")


# --- Types ---------------------------------------------------------------------

def fields_of(*specs, required=()):
    """A type's field table: `required` marks fields required for this type."""
    table = {}
    for spec in specs:
        if spec.name in required:
            spec = Field(spec.name, spec.parse, spec.label, spec.example, required=True)
        table[spec.name] = spec
    return table


COMMON_FIELDS = (
    Field("title", text(200), "Titre", 'title: "Nuit des étoiles au planétarium"', required=True),
    Field("slug", slug, "Identifiant d'URL", "slug: nuit-des-etoiles-2024"),
    Field("summary", text(400), "Résumé", 'summary: "Une phrase ou deux qui donnent envie de lire."'),
    Field("date", instant, "Date de publication", "date: 2024-10-12 09:00"),
    Field("updated", instant, "Mise à jour", "updated: 2024-10-14"),
    Field("tags", text_list(), "Mots-clés", 'tags: ["astronomie", "sciences participatives"]'),
    Field("themes", text_list(slug), "Thématiques", "themes: [univers]"),
    Field("authors", text_list(text(100)), "Auteurs et autrices", 'authors: ["Prénom Nom"]'),
    Field("actors", text_list(slug), "Acteurs liés", "actors: [museum-de-toulouse]"),
    Field("image", image, "Image", "image: nuit-des-etoiles.jpg"),
    Field("image_alt", text(300), "Description de l'image", 'image_alt: "Un télescope sous la voie lactée"'),
    Field("draft", boolean, "Brouillon", "draft: true"),
    Field("search", boolean, "Dans la recherche du site", "search: false"),
    Field("lang", lang, "Langue", "lang: fr"),
)
AUDIENCE = Field("audience", text_list(choice(AUDIENCES)), "Public", "audience: [tout-public, familles]")
LOCATION = Field("location", location, "Lieu", LOCATION_EXAMPLE)

ARTICLE = ContentType("article", "articles", "actualité", "actualités", "Actualités",
                      fields_of(*COMMON_FIELDS, required=("date", "authors")),
                      rules=(image_needs_alt,))
EVENT = ContentType("event", "events", "événement", "événements", "Agenda", fields_of(
    *COMMON_FIELDS,
    Field("start", moment, "Début", "start: 2024-10-12 14:00"),
    Field("end", moment, "Fin", "end: 2024-10-12 17:00"),
    Field("sessions", sessions, "Séances", "sessions: [{start: 2024-10-12 14:00, end: 2024-10-12 16:00}]"),
    LOCATION,
    Field("online", url(("http", "https")), "Lien de l'événement en ligne", "online: https://exemple.fr/direct"),
    Field("organizer", text(200), "Organisateur", "organizer: museum-de-toulouse"),
    Field("event_type", text(100), "Type d'événement", "event_type: atelier"),
    AUDIENCE,
    Field("price", text(100), "Tarif", 'price: "Gratuit"'),
    Field("registration", url(), "Inscription", "registration: https://exemple.fr/inscription"),
    Field("status", choice(EVENT_STATUSES, EVENT_STATUS_ALIASES), "Statut", "status: scheduled"),
    Field("accessibility", text(500), "Accessibilité", 'accessibility: "Accessible en fauteuil roulant"'),
), rules=(image_needs_alt, event_dates, event_place))
RESOURCE = ContentType("resource", "resources", "ressource", "ressources", "Ressources", fields_of(
    *COMMON_FIELDS,
    Field("resource_type", choice(RESOURCE_TYPES), "Type de ressource", "resource_type: vidéo"),
    Field("url", url(), "Lien vers la ressource", "url: https://exemple.fr/ressource"),
    AUDIENCE,
    Field("license", text(100), "Licence", 'license: "CC BY-SA 4.0"'),
    Field("provider", text(200), "Fournie par", "provider: museum-de-toulouse"),
    Field("loan", boolean, "Peut être empruntée", "loan: true"),
    required=("date", "resource_type")), rules=(image_needs_alt,))
ACTOR = ContentType("actor", "actors", "acteur", "acteurs", "Acteurs", fields_of(
    *COMMON_FIELDS,
    Field("actor_type", choice(ACTOR_TYPES), "Type de structure", "actor_type: musée"),
    LOCATION,
    Field("website", url(), "Site web", "website: https://exemple.fr"),
    required=("actor_type",)), rules=(image_needs_alt,))
CALL = ContentType("call", "calls", "annonce", "annonces", "Annonces", fields_of(
    *COMMON_FIELDS,
    Field("call_type", choice(CALL_TYPES, CALL_TYPE_ALIASES), "Type d'annonce", "call_type: appel à projets"),
    Field("deadline", moment, "Date limite", "deadline: 2024-11-30 12:00"),
    Field("organizer", text(200), "Proposée par", "organizer: museum-de-toulouse"),
    Field("url", url(), "Pour candidater", "url: https://exemple.fr/candidater"),
    AUDIENCE,
    required=("date", "call_type", "deadline")), rules=(image_needs_alt, call_deadline))
DOSSIER = ContentType("dossier", "dossiers", "dossier", "dossiers", "Dossiers", fields_of(
    *COMMON_FIELDS,
    Field("items", text_list(slug), "Contenus du dossier, dans l'ordre",
          "items: [nuit-des-etoiles-2024, le-ciel-a-l-oeil-nu]"),
    required=("date", "items")), rules=(image_needs_alt,))
PAGE = ContentType("page", "pages", "page", "pages", "Pages", fields_of(*COMMON_FIELDS),
                   rules=(image_needs_alt,))

TYPES = (ARTICLE, EVENT, RESOURCE, CALL, DOSSIER, ACTOR, PAGE)
TYPES_BY_FOLDER = {ctype.folder: ctype for ctype in TYPES}
TYPES_BY_NAME = {ctype.name: ctype for ctype in TYPES}

# First path segments the site itself uses: a page slug must not take them.
RESERVED_SLUGS = frozenset({
    "actualites", "agenda", "evenements", "ressources", "acteurs", "auteurs", "thematiques",
    "tags", "territoires", "flux", "recherche", "carte", "lettre", "annonces", "dossiers",
    "drafts", "theme", "images", "feeds", "admin", "index", "404", "sitemap", "robots",
})

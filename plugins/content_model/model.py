"""The content model: the types of contribution and their fields, in the order a person
fills them in.

The one source every part of the site reads: the check and the build (documents.py),
`invoke new` (scaffold.py), the web form (plugins/admin), the docs (docs.py,
`invoke docs`) and the other plugins. A field is its name, its kind (kinds.py: how
it is written and read, and what it refers to), its French label, a help sentence in
plain French, an example and whether it is required. Adding a field is one line in a
type's table. Every message speaks French to the contributor and says how to fix it.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from .kinds import (  # noqa: F401
    FIX_DAY,
    LOCATION_EXAMPLE,
    PARIS,
    PLACE_PARTS,
    SLUG,
    Boolean,
    Choice,
    Departement,
    FieldContext,
    Image,
    Instant,
    Invalid,
    Lang,
    ListOf,
    Location,
    Moment,
    Reference,
    Sessions,
    Slug,
    Text,
    Url,
    as_paris,
    event_span,
    fold,
    slug_from_title,
    start_of_day,
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: object           # a Kind (kinds.py)
    label: str             # French, for forms and docs
    help: str              # a sentence in plain French: what to write, for whom
    example: str           # a valid YAML value, shown in fixes, templates and docs
    required: bool = False
    expected: bool = False  # not required alone, but asked for by a rule most files meet
    rule: str = ""         # when a rule requires it, in French, for the docs
    form_help: str = ""    # the web form's sentence, where `help` speaks of files and identifiers

    def parse(self, value, ctx):
        return self.kind.parse(value, ctx)

    @property
    def form_hint(self):
        return self.form_help or self.help

    @property
    def example_line(self):
        return f"{self.name}: {self.example}"

    def but(self, **changes):
        """The same field with other label, help, example or requirement (for one type)."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class ContentType:
    name: str              # "event": also the Pelican content class's setting prefix
    folder: str            # folder under content/
    label: str             # French singular, lower case
    plural: str            # French plural, lower case
    section: str           # French name of its section on the site
    fields: dict           # name -> Field, in the order a person fills them in
    rules: tuple = ()      # whole-item rules: (fields, ctx) -> [(field, Invalid)]
    summary: str = ""      # what it is, in a French sentence, for the docs
    feminine: bool = False

    @property
    def indefinite(self):
        """"un" or "une"."""
        return "une" if self.feminine else "un"

    @property
    def none(self):
        """"aucun" or "aucune"."""
        return "aucune" if self.feminine else "aucun"

    def __fingerprint__(self):
        # The model is code, part of every build's key (plugins/incremental): its name says it.
        return self.name


# --- Vocabularies ------------------------------------------------------------

AUDIENCES = ("tout-public", "familles", "scolaires", "jeunes", "adultes", "professionnels")
AUDIENCE_LABELS = {"tout-public": "Tout public", "familles": "Familles", "scolaires": "Scolaires",
                   "jeunes": "Jeunes", "adultes": "Adultes", "professionnels": "Professionnels"}
# Other words for them: "grand public", "ados"; a value's singular is read as the value too.
AUDIENCE_ALIASES = {"grand public": "tout-public", "tous publics": "tout-public", "public familial": "familles",
                    "ados": "jeunes", "adolescents": "jeunes", "pros": "professionnels"}
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
                     "volontariat": "bénévolat", "bénévole": "bénévolat", "bénévoles": "bénévolat"}
# schema.org types of a call: job offers are read by job search engines.
JOB_CALL_TYPES = ("emploi", "stage")
ACTOR_TYPES = ("musée", "centre de sciences", "association", "laboratoire", "université",
               "collectivité", "entreprise", "médiathèque", "autre")
# The families of a regional network's survey of its actors (Ocim, 2018); each type is in
# one, which `actor_family` may settle otherwise (an association for the environment).
ACTOR_FAMILIES = ("CSTI muséale", "CSTI non muséale", "enseignement supérieur et recherche", "collectivités",
                  "valorisation technologique et entreprises", "environnement", "culturel hors CSTI",
                  "Éducation nationale", "autres")
ACTOR_FAMILY_ALIASES = {"musée": "CSTI muséale", "musées": "CSTI muséale", "recherche": "enseignement supérieur et "
                        "recherche", "ESR": "enseignement supérieur et recherche", "collectivité": "collectivités",
                        "entreprise": "valorisation technologique et entreprises", "éducation": "Éducation nationale",
                        "culture": "culturel hors CSTI", "autre": "autres"}
FAMILY_OF_TYPE = {"musée": "CSTI muséale", "centre de sciences": "CSTI non muséale",
                  "association": "CSTI non muséale", "laboratoire": "enseignement supérieur et recherche",
                  "université": "enseignement supérieur et recherche", "collectivité": "collectivités",
                  "entreprise": "valorisation technologique et entreprises", "médiathèque": "culturel hors CSTI",
                  "autre": "autres"}

# A project's status: PPSR-Core's projectStatus, in French (the exports map them back).
PROJECT_STATUSES = ("en projet", "en cours", "actif par périodes", "en pause", "terminé", "abandonné")
PROJECT_STATUS_ALIASES = {"à venir": "en projet", "pas encore commencé": "en projet", "actif": "en cours",
                          "périodique": "actif par périodes", "fini": "terminé", "achevé": "terminé",
                          "arrêté": "abandonné"}
# Statuses in which one can take part: the project must then say how.
OPEN_PROJECT_STATUSES = ("en cours", "actif par périodes")
PROJECT_KINDS = ("sciences participatives", "atelier", "exposition", "formation", "média/podcast",
                 "événement récurrent", "concours", "autre")
PROJECT_KIND_ALIASES = {"science participative": "sciences participatives", "science citoyenne":
                        "sciences participatives", "sciences citoyennes": "sciences participatives",
                        "podcast": "média/podcast", "média": "média/podcast", "émission": "média/podcast"}
DIFFICULTIES = ("facile", "moyen", "difficile")
# The roles a partner line may end with (« Région Occitanie, financeur »), and the role each means.
PARTNER_ROLES = {"financeur": "financeur", "financeuse": "financeur", "mécène": "financeur",
                 "partenaire": "partenaire", "collaborateur": "collaborateur", "collaboratrice": "collaborateur"}


def partner(line):
    """« Région Occitanie, financeur » -> ("Région Occitanie", "financeur"); a line without a
    known role is a name alone: (line, None)."""
    name, _, role = line.rpartition(",")
    role = PARTNER_ROLES.get(role.strip().lower())
    return (name.strip(), role) if name.strip() and role else (line.strip(), None)
FREE_WORDS = ("gratuit", "entree libre", "entree gratuite", "acces libre")
ZERO_PRICE = re.compile(r"0+(?:[.,]0+)?\s*(?:€|eur|euros?)?")


def price_is_free(price):
    """"Gratuit", "Entrée libre et gratuite", "0 €" are free; "Prix libre", "0,50 €" are not."""
    folded = fold(price or "")
    return folded.startswith(FREE_WORDS) or bool(ZERO_PRICE.fullmatch(folded))


# --- Whole-item rules --------------------------------------------------------
# Each says the fields it reads: when one of them is already wrong, the rule says nothing
# (one message per mistake: a bad postcode is not also « un lieu est obligatoire »).

def reads(*names):
    def mark(rule):
        rule.reads = names
        return rule
    return mark


@reads("image", "image_alt")
def image_needs_alt(fields, ctx):
    if "image" in fields and "image_alt" not in fields:
        yield "image_alt", Invalid("obligatoire quand une image est donnée",
                                   "décrivez l'image en une phrase pour les personnes qui ne "
                                   "la voient pas : image_alt: \"…\"")


@reads("start", "end", "sessions")
def event_dates(fields, ctx):
    """Derive start/end/all_day; with sessions they span all the sessions, and a start or
    an end written beside them must say the same (else which one would the page show?)."""
    span = None
    if "sessions" in fields:
        sessions = fields["sessions"]
        first, last = sessions[0], sessions[-1]
        span = {"start": first["start"], "end": last["end"] or last["start"],
                "all_day": all(session["all_day"] for session in sessions)}
        yield from dates_beside_sessions(fields, sessions)
    elif "start" in fields:
        try:
            span = event_span(fields["start"], fields.get("end"))
        except Invalid as error:  # both ways to fail are about `end`
            yield "end", error
            return
    else:
        yield "start", Invalid("champ obligatoire manquant",
                               f"ajoutez le début : start: {FIX_DAY} 14:00 (ou une date seule "
                               "pour toute la journée)")
        return
    fields.update(span)


def moment_text(moment, all_day=False):
    """A start or an end as a contribution writes it: 2026-10-12, or 2026-10-12 14:00."""
    if all_day:
        return moment.date().isoformat()
    if isinstance(moment, dt.datetime):
        return moment.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def dates_beside_sessions(fields, sessions):
    """`start` (and `end`) with `sessions`: accepted when they are the sessions' span; a start
    that is no session is a session left out, and the fix writes it."""
    first, last = sessions[0], sessions[-1]
    start, end = fields.get("start"), fields.get("end")
    if start is not None and start_of_day(start) != start_of_day(first["start"]):
        if all(start_of_day(start) != start_of_day(session["start"]) for session in sessions):
            same_day = end is not None and start_of_day(end).date() == start_of_day(start).date()
            session = f"{{start: {moment_text(start)}" + (f", end: {moment_text(end)}" if same_day else "") + "}"
            yield "start", Invalid(f"le début ({moment_text(start)}) n'est aucune des séances : cette date serait "
                                   "perdue", f"ajoutez-la aux séances, sessions: [{session}, …], puis retirez "
                                   "start et end (les séances les remplacent)")
        else:
            yield "start", Invalid(f"le début ({moment_text(start)}) n'est pas celui de la première séance "
                                   f"({moment_text(first['start'], first['all_day'])})",
                                   "retirez start et end : les séances donnent le début et la fin de l'événement")
        return
    last_end = last["end"] or last["start"]
    if end is not None and start_of_day(end) != start_of_day(last_end):
        yield "end", Invalid(f"la fin ({moment_text(end)}) n'est pas celle de la dernière séance "
                             f"({moment_text(last_end, last['all_day'])})",
                             "retirez start et end : les séances donnent le début et la fin de l'événement ; "
                             "ou ajoutez la séance qui finit à cette date")


def deadline_instant(deadline):
    """The instant a call closes: a date alone means at the end of that day, in Paris."""
    if isinstance(deadline, dt.datetime):
        return deadline
    return start_of_day(deadline + dt.timedelta(days=1))


@reads("deadline", "date")
def call_deadline(fields, ctx):
    if "deadline" in fields and "date" in fields and deadline_instant(fields["deadline"]) <= fields["date"]:
        yield "deadline", Invalid("la date limite est avant la date de publication",
                                  "corrigez la date limite (deadline) ou la date de publication (date)")


LOAN_FIELDS = ("loan_conditions", "loan_duration", "loan_deposit", "loan_audience", "loan_contact")


@reads("loan", *LOAN_FIELDS)
def loan_details(fields, ctx):
    """How a resource is lent says nothing of a resource that is not: loan: true is asked for."""
    given = [name for name in LOAN_FIELDS if name in fields]
    if given and not fields.get("loan"):
        yield given[0], Invalid("des conditions de prêt pour une ressource qui n'est pas à emprunter",
                                "ajoutez loan: true pour qu'elle soit dans le catalogue des outils à emprunter, "
                                "ou retirez " + ", ".join(given))


@reads("project_status", "participation", "participation_url")
def project_participation(fields, ctx):
    if fields.get("project_status") in OPEN_PROJECT_STATUSES and not (fields.get("participation")
                                                                        or fields.get("participation_url")):
        yield "participation", Invalid(f"le projet est « {fields['project_status']} » : dites comment y participer",
                                       'ajoutez participation: "Ce que fait un participant, et comment '
                                       'commencer" ou le lien où s\'inscrire : participation_url: https://…')


@reads("location", "online")
def event_place(fields, ctx):
    if "location" not in fields and "online" not in fields:
        yield "location", Invalid("un lieu est obligatoire, sauf pour un événement en ligne",
                                  f"ajoutez le lieu (location: {LOCATION_EXAMPLE}) ou le lien de "
                                  "l'événement en ligne : online: https://…")


# --- Fields -------------------------------------------------------------------

TITLE = Field("title", Text(200), "Titre", "Le titre tel que la page l'affichera, 200 caractères au plus.",
              '"Nuit des étoiles au planétarium"', required=True)
SUMMARY = Field("summary", Text(400), "Résumé",
                "Une phrase ou deux qui donnent envie de lire, 400 caractères au plus ; sans résumé, le premier "
                "paragraphe du texte en tient lieu.", '"Une phrase ou deux qui donnent envie de lire."')
IMAGE = Field("image", Image(), "Image", "Une photo ou une illustration déposée dans content/images/, par son nom "
              "de fichier ; vous devez avoir le droit de la publier.", "nuit-des-etoiles.jpg",
              form_help="Une photo ou une illustration (JPEG, PNG ou WebP) que vous avez le droit de publier.")
IMAGE_ALT = Field("image_alt", Text(300), "Description de l'image",
                  "Ce que montre l'image, en une phrase, pour les personnes qui ne la voient pas.",
                  '"Un télescope sous la voie lactée"', rule="quand `image` est donnée",
                  form_help="Obligatoire avec une image : ce qu'elle montre, en une phrase, pour les personnes "
                            "qui ne la voient pas.")
IMAGE_CREDIT = Field("image_credit", Text(200), "Crédit de l'image",
                     "Qui a fait l'image, et sous quelle licence : elle est écrite sous l'image.",
                     '"Photo : Ada Lovelace, CC BY 4.0"',
                     form_help="Obligatoire avec une image : qui l'a faite, et sous quelle licence (« Photo : Ada "
                               "Lovelace, CC BY 4.0 ») ; il est écrit sous l'image.")
FEATURED = Field("featured", Boolean(False), "À la une",
                 "Oui : l'actualité devient le grand récit de l'accueil (la plus récente, s'il y en a plusieurs) ; "
                 "sans elle, c'est la dernière actualité illustrée.", "true")
TAGS = Field("tags", ListOf(Text(100), "mot-clé"), "Mots-clés",
             "Quelques mots libres qui disent le sujet : ils mènent aux pages des mots-clés et rattachent le "
             "contenu à ses thématiques.", '["astronomie", "sciences participatives"]')
THEMES = Field("themes", ListOf(Reference("theme"), "f:thématique"), "Thématiques",
               "Les thématiques du site, par leur identifiant (liste dans content/themes.yaml) ; sans elles, "
               "celles de vos mots-clés.", "[univers]",
               form_help="Les thématiques du site dont parle le contenu ; sans elles, celles de vos mots-clés.")
ACTORS = Field("actors", ListOf(Reference("actor", attribute="linked_actors"), "acteur"), "Acteurs liés",
               "Les acteurs du site dont parle le contenu, par leur identifiant : il paraît sur leur page.",
               "[museum-de-toulouse]",
               form_help="Les acteurs du site dont parle le contenu : il paraît sur leur page.")
AUTHORS = Field("authors", ListOf(Text(100), "nom"), "Auteurs et autrices",
                "Les noms des personnes qui signent le texte.",
                '["Prénom Nom"]')
DATE = Field("date", Instant(), "Date de publication",
             "Le jour, et l'heure si besoin, où le contenu paraît ; une date à venir le garde hors des listes "
             "jusque-là.", "2026-10-12 09:00")
UPDATED = Field("updated", Instant(), "Mise à jour", "Le jour d'une mise à jour importante, dit sous le titre.",
                "2026-10-14")
SLUG_FIELD = Field("slug", Slug(), "Identifiant d'URL",
                   "La fin de l'adresse de la page, tirée du titre si vous ne l'écrivez pas ; unique sur tout le site.",
                   "nuit-des-etoiles-2026")
DRAFT = Field("draft", Boolean(), "Brouillon",
              "Oui : la page est construite sous /drafts/ pour la relire, mais n'est listée nulle part.", "true")
SEARCH = Field("search", Boolean(default=True), "Dans la recherche du site",
               "Non : le contenu reste publié mais la recherche du site ne le montre pas (mentions légales…).",
               "false")
LANG_FIELD = Field("lang", Lang(), "Langue", "La langue du texte, si ce n'est pas le français.", "fr")
AUDIENCE = Field("audience", ListOf(Choice(AUDIENCES, AUDIENCE_ALIASES, AUDIENCE_LABELS), "public"), "Public",
                 "À qui il s'adresse : une ou plusieurs valeurs.",
                 "[tout-public, familles]")
LOCATION = Field("location", Location(), "Lieu",
                 "Où cela se passe : le nom du lieu, son adresse, son code postal et sa ville ; sa latitude et sa "
                 "longitude le placent sur la carte.", LOCATION_EXAMPLE)
ORGANIZER = Field("organizer", Reference("actor", names=True, attribute="organizer_actor"), "Organisé par",
                  "Qui l'organise : l'identifiant d'un acteur du site (son nom devient un lien vers sa page), ou un "
                  "nom écrit avec ses majuscules.", "museum-de-toulouse",
                  form_help="Qui l'organise, parmi les acteurs du site : son nom devient un lien vers sa page. "
                            "S'il n'y est pas encore, nommez-le dans le texte.")
PROPOSED_BY = ("Qui la propose, parmi les acteurs du site : son nom devient un lien vers sa page. S'il n'y est "
               "pas encore, nommez-le dans le texte.")
COMMUNITIES = Field("communities", ListOf(Reference("community", attribute="community_list"), "f:communauté"),
                    "Communautés", "Les communautés du site dont le contenu fait partie, par leur identifiant : il "
                    "paraît sur leur page.", "[sciences-participatives]",
                    form_help="Les communautés du site dont le contenu fait partie : il paraît sur leur page.")
# What every type ends with: how it is filed and published.
FILING = (TAGS, THEMES, ACTORS, COMMUNITIES)
PUBLISHING = (UPDATED, SLUG_FIELD, DRAFT, SEARCH, LANG_FIELD)


def fields_of(*fields, required=()):
    """A type's field table, in the order given; `required` marks fields required for it."""
    return {field.name: field.but(required=True) if field.name in required else field for field in fields}


# --- Types ---------------------------------------------------------------------

ARTICLE = ContentType("article", "articles", "actualité", "actualités", "Actualités", fields_of(
    TITLE, SUMMARY, AUTHORS, DATE, IMAGE, IMAGE_ALT, IMAGE_CREDIT, FEATURED, *FILING, *PUBLISHING,
    required=("date", "authors")), rules=(image_needs_alt,),
    summary="Une nouvelle de la culture scientifique : une découverte, un projet, un retour sur un événement.",
    feminine=True)
EVENT = ContentType("event", "events", "événement", "événements", "Agenda", fields_of(
    TITLE,
    Field("start", Moment(), "Début", "Quand l'événement commence : la date, et l'heure si elle est connue ; une "
          "date seule veut dire toute la journée.", "2026-10-12 14:00", expected=True, rule="sauf avec `sessions`",
          form_help="Quand l'événement commence. À remplir, sauf pour un événement en plusieurs séances "
                    "(plus bas)."),
    Field("end", Moment(), "Fin", "Quand il finit, écrit comme le début ; jamais avant lui.", "2026-10-12 17:00",
          expected=True, form_help="Quand il finit ; jamais avant le début."),
    Field("sessions", Sessions(), "Séances", "Pour un événement en plusieurs dates : chaque séance avec son "
          "début et sa fin, à la place de start et end.",
          "[{start: 2026-10-12 14:00, end: 2026-10-12 16:00}, {start: 2026-10-19 14:00, end: 2026-10-19 16:00}]",
          form_help="Pour un événement en plusieurs dates : chaque séance avec son début et sa fin ; laissez alors "
                    "Début et Fin vides."),
    LOCATION.but(expected=True, rule="sauf avec `online`",
                 form_help=LOCATION.help + " À remplir, sauf pour un événement en ligne."),
    Field("online", Url(("http", "https")), "Lien de l'événement en ligne",
          "Pour un événement en ligne : l'adresse où le suivre, à la place du lieu.", "https://exemple.fr/direct"),
    SUMMARY,
    Field("event_type", Text(100), "Type d'événement",
          "Atelier, conférence, exposition, visite, festival, spectacle, portes ouvertes, café des sciences, "
          "projection…", "atelier"),
    ORGANIZER, AUDIENCE,
    Field("price", Text(100), "Tarif", "Ce qu'il coûte, en clair : « Gratuit », « 5 € », « 5 €, gratuit pour les "
          "moins de 12 ans ».", '"Gratuit"'),
    Field("registration", Url(), "Inscription", "L'adresse où s'inscrire ou réserver.",
          "https://exemple.fr/inscription"),
    Field("status", Choice(EVENT_STATUSES, EVENT_STATUS_ALIASES, EVENT_STATUS_LABELS), "Statut",
          "Prévu s'il n'est rien dit ; annulé, reporté ou complet se voient sur la page, dans l'agenda et les "
          "calendriers (prévu, annulé, reporté, complet s'écrivent aussi en français).", "scheduled",
          form_help="Prévu s'il n'est rien dit ; annulé, reporté ou complet se voient sur la page, dans l'agenda "
                    "et les calendriers."),
    Field("accessibility", Text(500), "Accessibilité",
          "Ce qui est prévu pour les personnes handicapées : accès en fauteuil, boucle magnétique, LSF…",
          '"Accessible en fauteuil roulant"'),
    IMAGE, IMAGE_ALT, IMAGE_CREDIT, *FILING, DATE, AUTHORS, *PUBLISHING),
    rules=(image_needs_alt, event_dates, event_place),
    summary="Un rendez-vous : conférence, atelier, exposition, visite, festival… en un lieu ou en ligne, "
            "en une date ou en plusieurs séances.")
RESOURCE = ContentType("resource", "resources", "ressource", "ressources", "Ressources", fields_of(
    TITLE,
    Field("resource_type", Choice(RESOURCE_TYPES), "Type de ressource", "Ce qu'est la ressource.", "vidéo"),
    Field("url", Url(), "Lien vers la ressource", "L'adresse où la voir, l'écouter ou la télécharger.",
          "https://exemple.fr/ressource"),
    SUMMARY, AUTHORS, DATE, AUDIENCE,
    Field("license", Text(100), "Licence", "Ce qu'on a le droit d'en faire : « CC BY-SA 4.0 », « Tous droits "
          "réservés ».", '"CC BY-SA 4.0"'),
    ORGANIZER.but(name="provider", kind=Reference("actor", names=True, attribute="provider_actor"),
                  label="Proposée par", help="Qui la propose : l'identifiant d'un acteur du site (son nom devient "
                  "un lien vers sa page), ou un nom écrit avec ses majuscules.", form_help=PROPOSED_BY),
    Field("loan", Boolean(), "Peut être empruntée", "Oui : on peut l'emprunter (malle, exposition, kit…).", "true"),
    Field("loan_conditions", Text(500), "Conditions de prêt", "À quelles conditions on l'emprunte : convention, "
          "transport, formation à l'outil…", '"Convention de prêt ; retrait et retour au muséum"'),
    Field("loan_duration", Text(100), "Durée du prêt", "Combien de temps on peut la garder.", '"Trois semaines"'),
    Field("loan_deposit", Text(100), "Caution ou coût", "Ce que le prêt coûte ou la caution demandée.",
          '"Gratuit, caution de 200 €"'),
    Field("loan_audience", Text(200), "Prêtée à", "À qui on la prête : écoles, médiathèques, associations…",
          '"Écoles, médiathèques et associations de la région"'),
    Field("loan_contact", Text(200), "Pour l'emprunter", "Qui contacter pour l'emprunter, par son rôle ou une "
          "adresse de rôle.", '"Le service des publics : prets@exemple.fr"'),
    IMAGE, IMAGE_ALT, IMAGE_CREDIT, *FILING, *PUBLISHING,
    required=("date", "resource_type")), rules=(image_needs_alt, loan_details),
    summary="Ce qui sert à apprendre ou à faire apprendre : vidéo, podcast, exposition, kit, jeu, guide…",
    feminine=True)
CALL = ContentType("call", "calls", "annonce", "annonces", "Annonces", fields_of(
    TITLE,
    Field("call_type", Choice(CALL_TYPES, CALL_TYPE_ALIASES), "Type d'annonce", "Ce que propose l'annonce.",
          "appel à projets"),
    Field("deadline", Moment(), "Date limite", "Jusqu'à quand on peut répondre ; une date seule veut dire "
          "jusqu'à la fin de ce jour, heure de Paris.", "2026-11-30 12:00"),
    Field("url", Url(), "Pour candidater", "L'adresse où répondre à l'annonce.", "https://exemple.fr/candidater"),
    SUMMARY,
    ORGANIZER.but(label="Proposée par", help="Qui la propose : l'identifiant d'un acteur du site (son nom devient "
                  "un lien vers sa page), ou un nom écrit avec ses majuscules.", form_help=PROPOSED_BY),
    AUDIENCE, DATE, IMAGE, IMAGE_ALT, IMAGE_CREDIT, *FILING, AUTHORS, *PUBLISHING,
    required=("date", "call_type", "deadline")), rules=(image_needs_alt, call_deadline),
    summary="Un appel à projets, un emploi, un stage, un concours, un appel à bénévoles… avec sa date limite.",
    feminine=True)
DOSSIER = ContentType("dossier", "dossiers", "dossier", "dossiers", "Dossiers", fields_of(
    TITLE, SUMMARY,
    Field("items", ListOf(Reference(), "contenu"), "Contenus du dossier, dans l'ordre",
          "Les contenus du site que le dossier réunit, par leur identifiant, dans l'ordre où les lire.",
          "[nuit-des-etoiles-2026, le-ciel-a-l-oeil-nu]",
          form_help="Les contenus du site que le dossier réunit, dans l'ordre où les lire."),
    AUTHORS, DATE,
    IMAGE.but(label="Couverture", help="L'image de couverture du dossier, déposée dans content/images/ ; sans "
              "elle, la couverture est la première image de ses contenus, dans leur ordre.",
              form_help="L'image de couverture du dossier ; sans elle, la couverture est la première image de ses "
                        "contenus."),
    IMAGE_ALT, IMAGE_CREDIT, *FILING, *PUBLISHING,
    required=("date", "items")), rules=(image_needs_alt,),
    summary="Une sélection commentée de contenus du site sur un sujet, dans l'ordre où les lire.")
ACTOR = ContentType("actor", "actors", "acteur", "acteurs", "Acteurs", fields_of(
    TITLE.but(help="Le nom de la structure, tel qu'elle l'écrit.", example='"Muséum de Toulouse"'),
    Field("actor_type", Choice(ACTOR_TYPES), "Type de structure", "Ce qu'est la structure.", "musée"),
    Field("actor_family", Choice(ACTOR_FAMILIES, ACTOR_FAMILY_ALIASES), "Famille",
          "La famille d'acteurs de la culture scientifique, si ce n'est pas celle de son type (une association "
          "d'éducation à l'environnement : environnement) ; sinon, celle de son type.", '"environnement"'),
    LOCATION.but(help="L'adresse de la structure : nom, adresse, code postal, ville ; sa latitude et sa longitude "
                 "la placent sur la carte."),
    Field("website", Url(), "Site web", "L'adresse de son site.", "https://exemple.fr"),
    Field("logo", Image(), "Logo", "Le logo de la structure, déposé dans content/images/ (un PNG à fond "
          "transparent, de préférence) : il paraît à côté de son nom, sur sa page et dans l'annuaire.",
          "museum-de-toulouse-logo.png",
          form_help="Le logo de la structure (un PNG à fond transparent, de préférence) : il paraît à côté de son "
                    "nom, sur sa page et dans l'annuaire."),
    SUMMARY, IMAGE, IMAGE_ALT, IMAGE_CREDIT, *FILING, DATE, AUTHORS, *PUBLISHING,
    required=("actor_type",)), rules=(image_needs_alt,),
    summary="La fiche d'une structure de la culture scientifique : musée, association, laboratoire, "
            "université, collectivité…")
PROJECT = ContentType("project", "projects", "projet", "projets", "Projets", fields_of(
    TITLE.but(help="Le nom du projet.", example='"Compter les pollinisateurs de son jardin"'),
    Field("project_kind", Choice(PROJECT_KINDS, PROJECT_KIND_ALIASES), "Type d'initiative",
          "Ce qu'est l'initiative : sciences participatives, atelier, exposition, formation, média ou podcast, "
          "événement récurrent, concours, autre.", "sciences participatives"),
    Field("project_status", Choice(PROJECT_STATUSES, PROJECT_STATUS_ALIASES), "Statut",
          "Où en est le projet : en projet, en cours, actif par périodes, en pause, terminé ou abandonné.",
          "en projet"),
    SUMMARY,
    Field("aim", Text(500), "Objectif", "Ce que le projet cherche à savoir ou à faire, en une ou deux phrases.",
          '"Suivre l\'évolution des pollinisateurs dans les jardins de la région."'),
    Field("start", Instant(), "Début", "Quand le projet a commencé ou commencera.", "2025-03-01"),
    Field("end", Instant(), "Fin", "Quand il finit, s'il a une fin.", "2027-10-31"),
    Field("duration", Text(100), "Durée", "Sa durée en clair s'il n'a pas de date de fin : « chaque printemps », "
          "« trois ans ».", '"Chaque printemps, depuis 2019"'),
    ACTORS.but(label="Porté par", help="Les acteurs du site qui portent le projet, par leur identifiant : il "
               "paraît sur leur page.", form_help="Les acteurs du site qui portent le projet : il paraît sur "
               "leur page."),
    Field("partners", ListOf(Text(200), "partenaire"), "Partenaires et financeurs",
          "Les autres structures et leur rôle : « Région Occitanie, financeur », « Université, partenaire ».",
          '["Région Occitanie, financeur"]'),
    AUDIENCE,
    Field("participation", Text(500), "Comment participer",
          "Ce que fait un participant et comment commencer ; à donner quand le projet est en cours.",
          '"Observez un massif fleuri pendant 20 minutes et notez les insectes."'),
    Field("participation_url", Url(("http", "https")), "Pour participer", "L'adresse où s'inscrire ou commencer.",
          "https://exemple.fr/participer"),
    Field("task", Text(300), "Tâche", "Ce qu'on fait concrètement : observer, photographier, mesurer, "
          "classer…", '"Observer et photographier"'),
    Field("difficulty", Choice(DIFFICULTIES), "Difficulté", "Facile, moyen ou difficile.", "facile"),
    Field("equipment", Text(300), "Matériel", "Ce qu'il faut avoir : un téléphone, une loupe, rien…",
          '"Un téléphone avec appareil photo"'),
    Field("from_home", Boolean(), "Depuis chez soi", "Oui : on peut participer depuis chez soi ou son jardin.",
          "true"),
    Field("fees", Text(100), "Coût", "Ce que coûte la participation : « Gratuit », « 10 € le kit ».",
          '"Gratuit"'),
    Field("contact", Text(200), "Contact", "Qui contacter, par son rôle : « La coordination du projet ».",
          '"La coordination du projet"'),
    Field("contact_email", Url(("mailto",)), "Adresse de contact",
          "Une adresse de rôle, jamais une adresse personnelle sans l'accord de la personne.",
          "mailto:projet@exemple.fr"),
    Field("funding", Text(300), "Financement", "Qui finance, et comment : « Appel à projets régional 2026 ».",
          '"Appel à projets régional 2026"'),
    LOCATION.but(help="Où le projet se passe, s'il a un lieu : nom, adresse, code postal, ville ; sa latitude et "
                 "sa longitude le placent sur la carte."),
    Field("territory", ListOf(Departement(), "département"), "Territoire",
          "Les départements où il se passe, par leur numéro.", "[31, 34]",
          form_help="Les départements où il se passe."),
    IMAGE, IMAGE_ALT, IMAGE_CREDIT, TAGS, THEMES, COMMUNITIES, DATE, AUTHORS, *PUBLISHING,
    required=("project_kind", "project_status", "date")), rules=(image_needs_alt, project_participation),
    summary="Un projet de sciences participatives ou une initiative de médiation : atelier, exposition, "
            "formation, podcast, concours… avec son statut et la façon d'y prendre part.")
COMMUNITY = ContentType("community", "communities", "communauté", "communautés", "Communautés", fields_of(
    TITLE.but(help="Le nom de la communauté, tel que ses membres l'écrivent.",
              example='"Sciences participatives en Occitanie"'),
    SUMMARY,
    Field("members", ListOf(Reference("actor", attribute="member_actors"), "membre"), "Membres",
          "Les acteurs du site qui en font partie, par leur identifiant : la communauté paraît sur leur page.",
          "[museum-de-toulouse]",
          form_help="Les acteurs du site qui en font partie : la communauté paraît sur leur page."),
    Field("moderators", ListOf(Text(200), "personne"), "Animation",
          "Qui l'anime : pour chaque personne, son nom et son rôle.", '["Léa Bernard, coordinatrice"]'),
    Field("territory", ListOf(Departement(), "département"), "Territoire",
          "Les départements où elle agit, par leur numéro.", "[31, 34]",
          form_help="Les départements où elle agit."),
    IMAGE, IMAGE_ALT, IMAGE_CREDIT, TAGS, THEMES, DATE, AUTHORS, *PUBLISHING), rules=(image_needs_alt,),
    summary="Un réseau ou un groupe qui rassemble ses actualités, ses événements, ses annonces, ses ressources "
            "et ses membres : « Sciences participatives », « Fête de la science en Isère »…",
    feminine=True)
PAGE = ContentType("page", "pages", "page", "pages", "Pages", fields_of(
    TITLE, SUMMARY, IMAGE, IMAGE_ALT, IMAGE_CREDIT, *FILING, DATE, AUTHORS, *PUBLISHING), rules=(image_needs_alt,),
    summary="Une page fixe du site : à propos, contribuer, charte…", feminine=True)

TYPES = (ARTICLE, EVENT, RESOURCE, CALL, DOSSIER, PROJECT, ACTOR, COMMUNITY, PAGE)
TYPES_BY_FOLDER = {ctype.folder: ctype for ctype in TYPES}
TYPES_BY_NAME = {ctype.name: ctype for ctype in TYPES}


def reference_of(kind):
    """The Reference a field's kind is, or holds in a list; else None."""
    inner = kind.item if isinstance(kind, ListOf) else kind
    return inner if isinstance(inner, Reference) else None


# Where the build puts what references lead to: attribute -> (field, a list?, target type).
RESOLVED = {reference_of(spec.kind).attribute: (name, isinstance(spec.kind, ListOf), reference_of(spec.kind).to)
            for ctype in TYPES for name, spec in ctype.fields.items()
            if reference_of(spec.kind) and reference_of(spec.kind).attribute}
# Fields written as lists: a Pelican-style header ("Tags: a, b") splits them on commas.
LIST_FIELDS = frozenset(name for ctype in TYPES for name, spec in ctype.fields.items()
                        if isinstance(spec.kind, ListOf))

# Names a header may write, at the top or inside a place or a session: what frontmatter.py
# may set right when a word processor has put odd spaces, quotes or colons around them.
FIELD_NAMES = frozenset([name for ctype in TYPES for name in ctype.fields]
                        + [part.name for part in PLACE_PARTS] + ["start", "end"])
# Fields of free text, on one line: a value with « : » in it is read as text.
TEXT_FIELDS = frozenset(name for name in FIELD_NAMES if all(
    type(ctype.fields[name].kind) is Text for ctype in TYPES if name in ctype.fields)
    and any(name in ctype.fields for ctype in TYPES))

# First path segments the site itself uses: a page slug must not take them.
RESERVED_SLUGS = frozenset({
    "actualites", "agenda", "evenements", "ressources", "acteurs", "auteurs", "thematiques",
    "tags", "territoires", "flux", "recherche", "carte", "lettre", "annonces", "dossiers",
    "drafts", "theme", "images", "feeds", "admin", "index", "404", "sitemap", "robots", "communautes",
    "projets",
    "guide-de-style",
})

"""Lists a reader can sift without any script: resources by type, audience and "à emprunter",
actors by family, type and département, projects by status, kind, thématique, audience,
département, family of their carriers and "depuis chez soi". Each value of each way has its own plain page, under the
type's list (/ressources/types/kit-pedagogique/), never one page per combination; the list
and those pages show every way with its values and counts."""

from dataclasses import dataclass

from engine.french import counted, typographic

from .describe import capitalised
from .model import (
    ACTOR_FAMILIES,
    ACTOR_TYPES,
    AUDIENCE_LABELS,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    RESOURCE_TYPES,
    fold,
    slug_from_title,
)
from .territories import departement_label, item_departements


def resource_types(item, themes):
    yield slug_from_title(item.resource_type), capitalised(item.resource_type)


def audiences(item, themes):
    for audience in getattr(item, "audience", ()):
        yield audience, AUDIENCE_LABELS[audience]


def on_loan(item, themes):
    if getattr(item, "loan", False):
        yield "oui", "À emprunter"


def project_statuses(item, themes):
    yield slug_from_title(item.project_status), capitalised(item.project_status)


def project_kinds(item, themes):
    yield slug_from_title(item.project_kind), capitalised(item.project_kind)


def from_home(item, themes):
    if getattr(item, "from_home", False):
        yield "oui", "Depuis chez soi"


def project_departements(item, themes):
    """Its place's département, or those it names."""
    for code in item_departements(item):
        yield code.lower(), departement_label(code)


def item_themes(item, themes):
    for slug in item.theme_slugs:
        yield slug, themes[slug]["label"]


def carrier_families(item, themes):
    """The families of the actors who carry it."""
    for family in dict.fromkeys(actor.family for actor in item.linked_actors):
        yield slug_from_title(family), capitalised(family)


def provider_departements(item, themes):
    """The département of the actor who provides it (where one goes to borrow it)."""
    code = ((getattr(getattr(item, "provider_actor", None), "location", None)) or {}).get("departement")
    if code:
        yield code.lower(), departement_label(code)


def actor_types(item, themes):
    yield slug_from_title(item.actor_type), capitalised(item.actor_type)


def actor_families(item, themes):
    yield slug_from_title(item.family), capitalised(item.family)


def departements(item, themes):
    code = (getattr(item, "location", None) or {}).get("departement")
    if code:
        yield code.lower(), departement_label(code)


@dataclass(frozen=True)
class Way:
    folder: str        # under the list: /ressources/types/…
    label: str         # "Par type"
    values_of: object  # (item, themes) -> [(slug, label)]
    single: bool = False   # one value only: its page is the folder itself (/ressources/a-emprunter/)
    order: tuple = ()      # the model's values, in its order ("autre" last); else by label

    def sort_key(self, slug, label):
        slugs = [slug_from_title(value) for value in self.order]
        return (slugs.index(slug) if slug in slugs else len(slugs), fold(label), slug)


SIFTS = {
    "resources": (Way("types", "Par type", resource_types, order=RESOURCE_TYPES),
                  Way("publics", "Par public", audiences),
                  Way("a-emprunter", "À emprunter", on_loan, single=True)),
    "actors": (Way("familles", "Par famille", actor_families, order=ACTOR_FAMILIES),
               Way("types", "Par type", actor_types, order=ACTOR_TYPES),
               Way("departements", "Par département", departements)),
    "projects": (Way("statuts", "Par statut", project_statuses, order=PROJECT_STATUSES),
                 Way("types", "Par type d’initiative", project_kinds, order=PROJECT_KINDS),
                 Way("thematiques", "Par thématique", item_themes), Way("publics", "Par public", audiences),
                 Way("departements", "Par département", project_departements),
                 Way("porteurs", "Par famille du porteur", carrier_families),
                 Way("depuis-chez-soi", "Depuis chez soi", from_home, single=True)),
}


# The catalogue of what can be borrowed (/ressources/a-emprunter/) is sifted in its turn.
LOAN_WAYS = (Way("types", "Par type", resource_types, order=RESOURCE_TYPES), Way("publics", "Par public", audiences),
             Way("departements", "Département du prêteur", provider_departements))


def sift_folders(type_name):
    """The folders a type's sifted list takes under its own (a slug must not take them)."""
    return {way.folder for way in SIFTS.get({"resource": "resources", "actor": "actors",
                                             "project": "projects"}.get(type_name), ())}


def sift_pages(list_page, items, ways, themes):
    """The pages of every value of every way, and the navigation they and the list share:
    [(way label, [{label, url, count, count_text}])]."""
    pages, navigation = [], []
    for way in ways:
        groups = {}
        for item in items:
            for slug, label in way.values_of(item, themes):
                groups.setdefault(slug, (label, []))[1].append(item)
        links = []
        for slug, (label, members) in sorted(groups.items(), key=lambda entry: way.sort_key(entry[0], entry[1][0])):
            url = f"{list_page['url']}{way.folder}/" + ("" if way.single else f"{slug}/")
            links.append({"label": label, "url": url, "count": len(members),
                          "count_text": counted(len(members), members[0].ctype.label, members[0].ctype.plural)})
            shown = label if way.folder == "departements" or way.single else label.lower()
            title = typographic(f"{list_page['title']} : {shown}")
            pages.append({**list_page, "url": url, "save_as": f"{url}index.html", "items": members,
                          "title": title, "sifted": True, "sift_root": list_page["url"]})
        if links:
            navigation.append((way.label, links))
    for page in pages + [list_page]:
        page["sift"] = navigation
    return pages

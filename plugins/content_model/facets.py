"""The ways to filter the agenda: by département, city, theme, audience, event type.

One table, read by the static filter pages, their calendars and embeds, and the
client-side filter on /agenda/.
"""

from dataclasses import dataclass, field

from content_model.model import AUDIENCE_LABELS, fold, slug_from_title


def departements(event, themes):
    place = getattr(event, "location", None) or {}
    if "departement" in place:
        yield place["departement"].lower(), place["departement_label"]


def cities(event, themes):
    # "Saint-Denis" is in 93 and in 974: the département keeps cities apart.
    place = getattr(event, "location", None) or {}
    if "city" in place:
        code = place.get("departement")
        slug = slug_from_title(place["city"])
        if code:
            yield f"{slug}-{code.lower()}", f"{place['city']} ({code})"
        else:
            yield slug, place["city"]


def event_themes(event, themes):
    for slug in event.theme_slugs:
        yield slug, themes[slug]["label"]


def audiences(event, themes):
    for audience in getattr(event, "audience", ()):
        yield audience, AUDIENCE_LABELS[audience]


def event_types(event, themes):
    if getattr(event, "event_type", None):
        yield slug_from_title(event.event_type), event.event_type[:1].upper() + event.event_type[1:]


@dataclass(frozen=True)
class Facet:
    key: str          # the filter's name in the client-side filter's data
    folder: str       # its folder under the agenda: /agenda/departements/31/
    label: str        # "Département"
    index_title: str  # title of the page listing its values
    values_of: object  # (event, themes) -> [(slug, label)]


FACETS = (
    Facet("departement", "departements", "Département", "L’agenda par département", departements),
    Facet("ville", "villes", "Ville", "L’agenda par ville", cities),
    Facet("theme", "thematiques", "Thématique", "L’agenda par thématique", event_themes),
    Facet("public", "publics", "Public", "L’agenda par public", audiences),
    Facet("type", "types", "Type d’événement", "L’agenda par type d’événement", event_types),
)


@dataclass
class FacetValue:
    facet: Facet
    slug: str
    label: str
    events: list = field(default_factory=list)     # every event, by start
    upcoming: list = field(default_factory=list)   # ongoing and upcoming, agenda order


@dataclass(frozen=True)
class FacetLink:
    """What pages show of a value: its link and how many events are to come."""
    slug: str
    label: str
    url: str
    upcoming_count: int

    @classmethod
    def of(cls, value):
        return cls(value.slug, value.label, value.url, len(value.upcoming))


def facet_values(events, upcoming, themes):
    """{facet key: [FacetValue, by label]}: a value exists once any event, past or
    not, has it, so filter pages and their calendars keep their address."""
    found = {facet.key: {} for facet in FACETS}
    upcoming_ids = {id(event) for event in upcoming}
    for event in events:
        for facet in FACETS:
            for slug, label in facet.values_of(event, themes):
                value = found[facet.key].setdefault(slug, FacetValue(facet, slug, label))
                value.events.append(event)
    order = {id(event): position for position, event in enumerate(upcoming)}
    for values in found.values():
        for value in values.values():
            value.upcoming = sorted((e for e in value.events if id(e) in upcoming_ids),
                                    key=lambda e: order[id(e)])
    return {key: sorted(values.values(), key=lambda value: (fold(value.label), value.slug))
            for key, values in found.items()}


def event_facets(event, themes):
    """{facet key: [slugs]} of one event, for the client-side filter's data."""
    return {facet.key: [slug for slug, _ in facet.values_of(event, themes)] for facet in FACETS}

"""The theme vocabulary (content/themes.yaml) and how tags are compared.

Tags are compared by their slug, so case, accents, spaces and punctuation do
not matter ("Intelligence  Artificielle" = "intelligence-artificielle"), and
through the synonyms of themes.yaml ("IA" = "intelligence artificielle").
One concept has one slug, one page and one label: the vocabulary's, else the
spelling contributors use most.
"""

from collections import Counter
from dataclasses import dataclass

from engine.french import typographic

from .model import slug_from_title


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str

    def __fingerprint__(self):
        """What it shows (plugins/incremental): a build fingerprints tens of thousands."""
        return [self.slug, self.label]


def tag_entries(theme):
    """[(canonical tag, [synonyms])] of a theme: a tag is "name" or {name: [synonyms]}."""
    for entry in theme.get("tags") or ():
        if isinstance(entry, dict):
            yield from ((str(name), [str(s) for s in synonyms or ()]) for name, synonyms in entry.items())
        else:
            yield str(entry), []


def most_used(spellings):
    """The most frequent spelling of a Counter; ties go to the alphabetical first."""
    return min(spellings, key=lambda spelling: (-spellings[spelling], spelling))


class Vocabulary:

    def __init__(self, themes):
        self.themes = themes                  # {slug: {slug, label, description, tags}}
        self.labels = {}                      # tag slug -> vocabulary label
        self.synonyms = {}                    # synonym slug -> canonical tag slug
        self.theme_of = {}                    # tag, theme label or theme slug -> theme slug
        for slug, theme in themes.items():
            self.theme_of.setdefault(slug_from_title(slug), slug)
            self.theme_of.setdefault(slug_from_title(theme["label"]), slug)
            for name, synonyms in tag_entries(theme):
                canonical = slug_from_title(name)
                self.labels.setdefault(canonical, typographic(name))
                self.theme_of.setdefault(canonical, slug)
                for synonym in synonyms:
                    self.synonyms.setdefault(slug_from_title(synonym), canonical)

    def tag_slug(self, text):
        slug = slug_from_title(text)
        return self.synonyms.get(slug, slug)

    def item_themes(self, fields):
        """An item's theme slugs: its explicit `themes`, then those its tags map to."""
        found = list(fields.get("themes", ()))
        for tag in fields.get("tags", ()):
            theme = self.theme_of.get(self.tag_slug(tag))
            if theme and theme not in found:
                found.append(theme)
        return found

    def site_tags(self, tag_lists):
        """{tag slug: Tag} for every tag used; labels from the vocabulary, else the
        most used spelling (ties: alphabetical), so the choice is deterministic."""
        spellings = {}
        for tags in tag_lists:
            for text in tags:
                spellings.setdefault(self.tag_slug(text), Counter())[text] += 1
        return {slug: Tag(slug, self.labels.get(slug) or most_used(counts))
                for slug, counts in spellings.items() if slug}

    def item_tags(self, texts, site_tags):
        """An item's tags, canonical and without repeats."""
        return [site_tags[slug] for slug in dict.fromkeys(filter(None, map(self.tag_slug, texts)))]

    def orphans(self, tag_slugs):
        """Tags that belong to no theme."""
        return sorted(slug for slug in tag_slugs if slug not in self.theme_of)

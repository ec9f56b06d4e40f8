"""Theme pages, tag pages and their indexes.

Reads the content model's context: published items with their canonical
`tag_list` and `theme_slugs`, the `themes` vocabulary, and, when the agenda
plugin runs, the address of each theme's agenda page.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter

from pelican.generators import Generator

from content_model.generator import write_list
from content_model.model import fold
from engine.french import typographic

# (context key, folder under a theme, section title, what a theme page shows of it)
SECTIONS = (
    ("articles", "actualites", "Actualités", "Dernières actualités"),
    ("upcoming_events", "agenda", "Agenda", "Prochains événements"),
    ("resources", "ressources", "Ressources", "Ressources"),
    ("open_calls", "annonces", "Annonces", "Annonces ouvertes"),
    ("dossiers", "dossiers", "Dossiers", "Dossiers"),
    ("projects", "projets", "Projets", "Projets"),
    ("actors", "acteurs", "Acteurs", "Acteurs"),
)


@dataclass
class Subject:
    """A theme or a tag, with what it gathers."""
    slug: str
    label: str
    url: str
    description: str = ""
    items: dict = field(default_factory=lambda: defaultdict(list))   # context key -> items
    all_items: list = field(default_factory=list)    # every type: newest_then_undated

    @property
    def count(self):
        return len(self.all_items)


def newest_then_undated(items):
    """Mixed types: dated items newest first (by date then slug, as newest_first: the feeds
    take them in this order), then undated ones (actors) by title."""
    dated = [item for item in items if getattr(item, "date", None)]
    undated = [item for item in items if not getattr(item, "date", None)]
    return (sorted(dated, key=attrgetter("date", "slug"), reverse=True)
            + sorted(undated, key=lambda item: (fold(item.title), item.slug)))


def gather(subjects, context, mixed, keys_of):
    """Fill each subject with the published items `keys_of(item)` names, per type, and
    all of them in the order of `mixed` (newest_then_undated)."""
    for key, *_ in SECTIONS:
        for item in context[key]:
            for slug in keys_of(item):
                subjects[slug].items[key].append(item)
    for item in mixed:
        for slug in dict.fromkeys(keys_of(item)):
            subjects[slug].all_items.append(item)


def cloud_weights(tags, steps):
    """1…steps by the logarithm of use: a few very common tags do not flatten the rest."""
    if not tags:
        return {}
    low, high = math.log(min(t.count for t in tags)), math.log(max(t.count for t in tags))
    spread = (high - low) or 1
    return {tag.slug: 1 + round((math.log(tag.count) - low) / spread * (steps - 1)) for tag in tags}


def alphabet(tags):
    """[(letter, tags)] in A–Z order, accents folded ("Écologie" under E)."""
    letters = defaultdict(list)
    for tag in sorted(tags, key=lambda tag: (fold(tag.label), tag.slug)):
        first = fold(tag.label)[:1].upper()
        letters[first if first.isalpha() else "#"].append(tag)
    return sorted(letters.items())


class ThemesGenerator(Generator):

    def generate_context(self):
        context, settings = self.context, self.settings
        themes_url, tags_url = settings["THEMES_URL"], settings["TAGS_URL"]
        self.themes = {slug: Subject(slug, theme["label"], f"{themes_url}{slug}/",
                                     theme.get("description", ""))
                       for slug, theme in context["themes"].items()}
        mixed = newest_then_undated(context["articles"] + context["events"] + context["resources"]
                                    + context["calls"] + context["dossiers"] + context["projects"]
                                    + context["actors"])
        gather(self.themes, context, mixed, lambda item: item.theme_slugs)
        tags = {}
        for item in context["published_items"]:
            for tag in item.tag_list:
                tags.setdefault(tag.slug, Subject(tag.slug, tag.label, f"{tags_url}{tag.slug}/"))
        gather(tags, context, mixed, lambda item: [tag.slug for tag in item.tag_list])
        self.tags = sorted((tag for tag in tags.values() if tag.all_items),
                           key=lambda tag: (fold(tag.label), tag.slug))
        weights = cloud_weights(self.tags, settings["TAG_CLOUD_STEPS"])
        for tag in self.tags:
            tag.weight = weights[tag.slug]
        agenda_pages = {value.slug: value.url for value in
                        context.get("agenda", {}).get("values", {}).get("theme", ())}
        for theme in self.themes.values():
            theme.sections = [
                {"title": title, "items": theme.items[key][:settings["THEME_SECTION_SIZE"]],
                 "count": len(theme.items[key]),
                 "url": agenda_pages.get(theme.slug) if key == "upcoming_events"
                 else f"{theme.url}{folder}/", "key": key, "folder": folder, "list_title": list_title}
                for key, folder, list_title, title in SECTIONS]
        context["theme_pages"] = self.themes
        # What an item's page shows of its themes (not their items: see plugins/incremental).
        context["theme_links"] = {slug: {"label": theme.label, "url": theme.url}
                                  for slug, theme in self.themes.items()}
        context["tag_pages"] = {tag.slug: tag for tag in self.tags}
        self.lists = [
            dict(url=section["url"], save_as=section["url"] + "index.html",
                 items=theme.items[section["key"]], title=f"{section['list_title']} — {theme.label}",
                 section="theme", empty="Rien pour le moment.")
            for theme in self.themes.values() for section in theme.sections
            if section["key"] != "upcoming_events"]
        self.lists += [dict(url=tag.url, save_as=tag.url + "index.html",
                            items=tag.all_items, title=typographic(f"Mot-clé : {tag.label}"),
                            section="tag", empty="", mixed=True) for tag in self.tags]
        context.setdefault("index_urls", []).extend(
            [themes_url, tags_url] + [theme.url for theme in self.themes.values()]
            + [page["url"] for page in self.lists])

    def generate_output(self, writer):
        write = partial(writer.write_file, context=self.context,
                        relative_urls=self.settings["RELATIVE_URLS"])
        for theme in self.themes.values():
            write(theme.url + "index.html", self.get_template("theme"), page_url=theme.url, theme=theme,
                  section="theme")
        write(self.settings["THEMES_URL"] + "index.html", self.get_template("themes"),
              page_url=self.settings["THEMES_URL"], section="theme")
        for page in self.lists:
            write_list(write, self.get_template("list"), page)
        write(self.settings["TAGS_URL"] + "index.html", self.get_template("tags"),
              page_url=self.settings["TAGS_URL"], tags=self.tags, letters=alphabet(self.tags), section="tag")

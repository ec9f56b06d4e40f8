"""The Pelican generator of every contribution type.

Reads and checks content/ once (the same functions as `invoke check`), stops
the build with every error listed if any, then writes each item's page, a
paginated list per type, author pages, the home page and the 404 page.
"""

import datetime as dt
import fnmatch
import html
import logging
import os
import subprocess
import time
from collections import Counter, defaultdict
from functools import partial
from operator import attrgetter

from pelican.generators import Generator
from pelican.urlwrappers import Author

from engine import SiteError
from engine.cache import Cache, cache_key
from engine.french import counted

from .colours import accent
from .describe import summary_parts
from .documents import (
    check_references,
    display_path,
    kept_digests,
    read_site,
    site_problems,
)
from .frontmatter import load_yaml_cache, save_yaml_cache
from .image_files import HTML_IMAGE, ImageLimits, image_attributes
from .items import Item, make_item, next_change, parse_now
from .markup import render
from .model import OPEN_PROJECT_STATUSES, PARIS, RESOLVED, TYPES, fold
from .sifting import LOAN_WAYS, SIFTS, sift_pages
from .site_icons import write_site_icons
from .vocabulary import Vocabulary, most_used

logger = logging.getLogger(__name__)

HOME_COUNTS = {"articles": 6, "events": 6, "resources": 4, "open_calls": 3, "dossiers": 3}
# Documents read again since the documents' cache was written, past which it is written again.
UNSAVED_DOCUMENTS = 20
# The style guide shows a card of the first item of each of these types.
STYLE_GUIDE_SAMPLES = ("article", "event", "resource", "call", "dossier", "actor")
# Paginated lists: (settings prefix, context key, title, nav section, text when empty).
LISTS = (
    ("ARTICLE_LIST", "articles", "Actualités", "article", "Aucune actualité pour le moment."),
    ("RESOURCE_LIST", "resources", "Ressources", "resource", "Aucune ressource pour le moment."),
    ("ACTOR_LIST", "actors", "Acteurs de la culture scientifique", "actor",
     "Aucun acteur pour le moment."),
    ("DOSSIER_LIST", "dossiers", "Dossiers", "dossier", "Aucun dossier pour le moment."),
    ("PROJECT_LIST", "projects", "Projets et initiatives", "project", "Aucun projet pour le moment."),
    ("COMMUNITY_LIST", "communities", "Communautés", "community", "Aucune communauté pour le moment."),
)


# What this generator adds to the context, for the other plugins and the templates.
CONTEXT_KEYS = ("now", "published_items", "articles", "events", "upcoming_events", "past_events", "resources",
                "calls", "open_calls", "closed_calls", "dossiers", "projects", "actors", "communities", "pages",
                "drafts", "themes",
                "vocabulary", "authors", "index_urls")


class ContentError(SiteError):
    """Contributions break the model; the message lists every problem."""


def newest_first(items):
    return sorted(items, key=attrgetter("date", "slug"), reverse=True)


def by_start(items):
    return sorted(items, key=attrgetter("start", "slug"))


def by_title(items):
    return sorted(items, key=lambda item: (fold(item.title), item.slug))


def first_commit_dates(path):
    """{source path: date of the commit that added it}, from one `git log`; {} outside git."""
    try:
        log = subprocess.run(
            ["git", "log", "--relative", "--diff-filter=A", "--format=%x00%aI", "--name-only",
             "--", "."], cwd=path, capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates = {}
    for commit in log.split("\0")[1:]:   # newest first: the oldest addition wins
        date, *names = commit.strip().split("\n")
        added = dt.datetime.fromisoformat(date).astimezone(PARIS)
        dates.update((name, added) for name in names if name)
    return dates


class SiteGenerator(Generator):

    def generate_context(self):
        documents = self.read_checked_documents()
        now = parse_now(self.settings.get("AGENDA_NOW"))
        needs_git = any("date" not in document.fields for document in documents)
        first_commits = first_commit_dates(self.path) if needs_git else {}
        self.items = self.made_items(documents, now, first_commits)
        vocabulary = Vocabulary(self.context["themes"])
        tags = vocabulary.site_tags(document.fields.get("tags", ()) for document in documents)
        for item, document in zip(self.items, documents, strict=True):
            item.theme_slugs = vocabulary.item_themes(document.fields)
            item.accent = accent(item.theme_slugs, self.context["themes"])
            item.tag_list = vocabulary.item_tags(document.fields.get("tags", ()), tags)
            self.add_source_path(item)
            self.add_static_links(item)
        if not self.site_build.provides("attributes", "picture"):
            leave_out_body_images(self.items)
        published = [item for item in self.items if item.status == "published"]
        self.drafts = [item for item in self.items if item.status == "draft"]
        by_type = defaultdict(list)
        for item in published:
            by_type[item.ctype.name].append(item)
        events = by_start(by_type["event"])
        calls = sorted(by_type["call"], key=lambda call: (call.deadline_at, call.slug))
        self.context.update(
            now=now,
            published_items=published,
            articles=newest_first(by_type["article"]),
            events=events,
            # Ongoing and upcoming, by their next occurrence (next session of a series).
            upcoming_events=sorted((event for event in events if not event.is_past),
                                   key=lambda event: (event.next_start, event.slug)),
            past_events=[event for event in reversed(events) if event.is_past],
            resources=newest_first(by_type["resource"]),
            # By deadline; open ones by deadline, closed ones the most recently closed first.
            calls=calls,
            open_calls=[call for call in calls if not call.is_closed],
            closed_calls=[call for call in reversed(calls) if call.is_closed],
            dossiers=newest_first(by_type["dossier"]),
            actors=by_title(by_type["actor"]),
            communities=by_title(by_type["community"]),
            # Those one can take part in first (en cours, actif par périodes), then by title.
            projects=sorted(by_type["project"], key=lambda project: (
                project.project_status not in OPEN_PROJECT_STATUSES, fold(project.title), project.slug)),
            pages=by_title(by_type["page"]),
            drafts=self.drafts,
        )
        self.context["vocabulary"] = vocabulary
        self.context["authors"] = authors_index(self.context, self.settings)
        link_references(self.items, published)
        link_actors(self.context)
        link_dossiers(published, self.context["dossiers"])
        link_communities(self.context)
        for item in self.items:          # once all is linked (a dossier counts its items)
            item.summary_parts = summary_parts(item)
        self.lists = self.list_pages()
        self.context.setdefault("index_urls", []).extend(
            ["", self.settings["AUTHORS_URL"]] + [page["url"] for page in self.lists])
        counts = [counted(len(by_type[ctype.name]), ctype.label, ctype.plural) for ctype in TYPES]
        self.site_build.report(", ".join(counts) + f", {counted(len(self.drafts), 'brouillon', 'brouillons')} "
                               "ou à paraître")

    def add_static_links(self, content):
        # Pelican's, for the bodies that may hold a {static} or |static| link at all: its
        # expression on every body took a tenth of a rebuild before its first page.
        if b"{" in content._html or b"|" in content._html:
            super().add_static_links(content)

    def made_items(self, documents, now, first_commits):
        """An item per document. With the dev server's memory (build.memory), the item of a
        file whose bytes, images and date from git are those of an earlier build is that
        build's item as make_item left it, until `now` reaches the next instant it depends
        on (next_change): making 5,250 items took a third of a rebuild before its first page."""
        memory = self.site_build.memory
        if memory is None:
            return [make_item(document, self.settings, self.context, now, first_commits) for document in documents]
        earlier, kept, items = memory.get("items", {}), {}, []
        for document in documents:
            key = (document.path, document.digest, tuple(sorted(document.images.items())),
                   first_commits.get(document.source_path))
            since, until, attributes = earlier.get(key) or (None, None, None)
            if document.digest is not None and since is not None and since <= now < until:
                item = Item.__new__(Item)
                vars(item).update(copied(attributes), settings=self.settings, _context=self.context)
            else:
                item = make_item(document, self.settings, self.context, now, first_commits)
                since, until = now, next_change([item], now)
                made = kept_attributes(vars(item))
                attributes = copied(made), made[1]
            if document.digest is not None:
                kept[key] = since, until, attributes
            items.append(item)
        memory["items"] = kept          # only this build's: an edited file's earlier item goes
        return items

    def read_checked_documents(self):
        image_limits = ImageLimits.from_settings(self.settings)
        themes, problems = site_problems(self.path, image_limits)
        cache = self.settings["CONTENT_CACHE_PATH"]
        memory = self.site_build.memory
        load_yaml_cache(cache)
        documents_cache = Cache(cache, "documents.pickle", cache_key(
            code=["content_model", "engine.french"], libraries=["pyyaml", "pillow", "cmarkgfm", "nh3", "babel"],
            settings={"content": os.path.abspath(self.path), "cwd": os.getcwd(), "limits": vars(image_limits)}))
        if memory is not None and memory.get("documents", (None,))[0] != documents_cache.key:
            memory["documents"] = documents_cache.key, {}       # thawed documents, under the same key
        kept = memory["documents"][1] if memory is not None else None
        # The dev server reads and writes the cache file once, then keeps its documents
        # thawed only (not the file's copy too): the next command line reads again what
        # was saved meanwhile, found by digest.
        uses_file = not kept
        known = documents_cache.load({}, keep=False) if uses_file else {}
        before = set(known)
        digests_cache = Cache(cache, "empreintes.pickle", documents_cache.key)
        digests = digests_cache.load({})
        earlier_digests = dict(digests)
        def frozen_ready():
            # A few files read again (an edit) are read again at the next build, rather than
            # the whole cache written again for them (60 MB at N = 5000).
            unsaved = set(known) ^ before
            if uses_file and unsaved and (not before or len(unsaved) > UNSAVED_DOCUMENTS):
                documents_cache.save(known, keep=False)
            known.clear()       # (the frozen documents, before they are thawed)

        documents = read_site(self.path, image_limits, known, kept, digests, render, frozen_ready)
        digests = kept_digests(digests, time.time_ns())
        if digests != earlier_digests:
            digests_cache.save(digests)
        save_yaml_cache(cache)
        check_references(documents, themes)
        for document in documents:
            problems.extend(document.problems)
        for problem in problems:
            if problem.severity != "error":
                logger.warning("%s", problem)
        errors = [str(problem) for problem in problems if problem.severity == "error"]
        if errors:
            raise ContentError(f"{counted(len(errors), 'erreur')} dans les contributions :\n"
                               + "\n".join(errors))
        self.context["themes"] = themes
        return documents

    def list_pages(self):
        """The paginated lists the site shows, each placed by its URL settings."""
        lists = [dict(url=self.settings[f"{prefix}_URL"], save_as=self.settings[f"{prefix}_SAVE_AS"],
                      items=self.context[key], title=title, section=section, empty=empty, key=key)
                 for prefix, key, title, section, empty in LISTS]
        # Resources, projects and actors can be sifted: one plain page per value (sifting.py);
        # the catalogue of what can be borrowed, in its turn.
        themes = self.context["themes"]
        sifted = [page for list_page in lists if list_page["key"] in SIFTS
                  for page in sift_pages(list_page, list_page["items"], SIFTS[list_page["key"]], themes)]
        catalogue = [page for page in sifted if page["key"] == "resources" and page["url"].endswith("/a-emprunter/")]
        for page in catalogue:
            page["title"] = "Le catalogue des outils à emprunter"
            page["catalogue"] = True
        return lists + sifted + [page for loan_page in catalogue
                                 for page in sift_pages(loan_page, loan_page["items"], LOAN_WAYS, themes)]

    def generate_output(self, writer):
        write = partial(writer.write_file, context=self.context,
                        relative_urls=self.settings["RELATIVE_URLS"])
        for item in self.items:
            write(item.save_as, self.get_template(item.template), item=item, page_url=item.url,
                  section=item.ctype.name)
        for page in self.lists:
            write_list(write, self.get_template("list"), page)
        for author, items in self.context["authors"]:
            write(author.save_as, self.get_template("author"), paginated={"items": items},
                  template_name="author", url=author.url, page_url=author.url, author=author,
                  section="author")
        write(self.settings["AUTHORS_SAVE_AS"], self.get_template("authors"), section="author")
        write_site_icons(writer, self.settings)
        copy_theme_files(writer, self.settings)
        if self.settings["STYLE_GUIDE_URL"]:
            # The first item of each type, passed alone: the guide depends on them, not on every item.
            first = {}
            for item in self.context["published_items"]:
                first.setdefault(item.ctype.name, item)
            samples = {name: first[name] for name in STYLE_GUIDE_SAMPLES if name in first}
            write(self.settings["STYLE_GUIDE_URL"] + "index.html", self.get_template("styleguide"),
                  section="styleguide", noindex=True, page_url=self.settings["STYLE_GUIDE_URL"], samples=samples)
        home = {key: self.context[key][:count] for key, count in HOME_COUNTS.items()}
        home["events"] = self.context["upcoming_events"][:HOME_COUNTS["events"]]
        home["feature"] = feature = home_feature(self.context["articles"])
        home["articles"] = [item for item in self.context["articles"] if item is not feature][:HOME_COUNTS["articles"]]
        write("index.html", self.get_template("index"), home=home, section="home")
        # Served for any missing path, so its links cannot be relative.
        writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False,
                          noindex=True)


def copy_theme_files(writer, settings):
    """The files of the theme's THEME_FILES folders (as Pelican's THEME_STATIC_PATHS: "static")
    under THEME_STATIC_DIR, through the writer: a file copied as it is is not copied again."""
    for path in settings["THEME_FILES"]:
        source = os.path.join(settings["THEME"], path)
        for folder, dirs, files in os.walk(source):
            dirs.sort()
            for name in sorted(files):
                if not any(fnmatch.fnmatch(name, pattern) for pattern in settings["IGNORE_FILES"]):
                    relative = os.path.relpath(os.path.join(folder, name), source).replace(os.sep, "/")
                    writer.copy_file(os.path.join(folder, name), f"{settings['THEME_STATIC_DIR']}/{relative}")


# What an item holds of its build: not kept (the earlier build's context holds all its items).
PER_BUILD = {"settings", "_context"}


def kept_attributes(attributes):
    """An item's attributes as the next build may reuse them (copied): those not of its
    build, and the names of those that are lists, dicts or sets."""
    attributes = {name: value for name, value in attributes.items() if name not in PER_BUILD}
    return attributes, tuple(name for name, value in attributes.items() if isinstance(value, (list, dict, set)))


def copied(kept):
    """The attributes of kept_attributes() with a copy of each list, dict and set: what a
    build adds to them never reaches the item kept for the next."""
    attributes, containers = kept
    attributes = attributes.copy()
    for name in containers:
        attributes[name] = attributes[name].copy()
    return attributes


def home_feature(articles):
    """The home page's large story: the newest `featured: true` article, else the newest
    with a picture, else the newest."""
    return (next((item for item in articles if getattr(item, "featured", False)), None)
            or next((item for item in articles if getattr(item, "picture", None)), None)
            or (articles[0] if articles else None))


def leave_out_body_images(items):
    """Without a plugin that publishes images (images), the images of bodies would be broken
    links: they are left out, and the build says how many."""
    count = 0

    def unless_published(match):
        nonlocal count
        if html.unescape(image_attributes(match.group(0)).get("src", "")) not in item.body_images:
            return match.group(0)
        count += 1
        return ""

    for item in items:
        if item.body_images:
            item._content = HTML_IMAGE.sub(unless_published, item._content)
    if count:
        logger.warning("Images : aucune extension ne publie les images (« images » n'est pas dans PLUGINS) : "
                       "%s du texte laissée%s de côté", counted(count, "image"), "" if count < 2 else "s")


def write_list(write, template, page):
    """A paginated list (a dict as list_pages() makes); its template gets the items page
    by page, and the rest of the dict as `list_page`."""
    write(page["save_as"], template, paginated={"items": page["items"]}, template_name="list",
          url=page["url"], page_url=page["url"], section=page["section"],
          list_page={key: value for key, value in page.items() if key != "items"})


def authors_index(context, settings):
    """[(Author, their articles and resources, newest first)], by name.

    Names that differ only by case or accents are one author (same slug), shown
    with the spelling used most; every byline then uses that spelling.
    """
    works, spellings = defaultdict(list), defaultdict(Counter)
    items = context["articles"] + context["resources"]
    for item in items:
        for author in getattr(item, "authors", ()):
            works[author.slug].append(item)
            spellings[author.slug][author.name] += 1
    authors = {slug: Author(most_used(names), settings) for slug, names in spellings.items()}
    for item in items:
        if getattr(item, "authors", None):
            item.authors = [authors[author.slug] for author in item.authors]
    return sorted(((authors[slug], newest_first(works[slug])) for slug in works),
                  key=lambda pair: fold(pair[0].name))


# What an actor's page lists: its related items of each kind, from the context.
ACTOR_RELATED = {"events": "events", "articles": "articles", "resources": "resources", "calls": "open_calls",
                 "projects": "projects"}


def link_references(items, published):
    """Each reference of the model (model.RESOLVED) resolved to the published item it leads
    to, on every item (None or [] when there is none); each actor gets its related items."""
    targets = defaultdict(dict)
    for item in published:
        targets[item.ctype.name][item.slug] = item
    for item in items:
        for attribute, (name, is_list, to) in RESOLVED.items():
            value, found = getattr(item, name, None), targets[to]
            setattr(item, attribute, [found[slug] for slug in value or () if slug in found] if is_list
                    else found.get(value))


def link_actors(context):
    """What an actor's page lists: the items that refer to it, by kind."""
    for actor in context["actors"]:
        actor.related = {key: [] for key in ACTOR_RELATED}
    for key, context_key in ACTOR_RELATED.items():
        for item in context[context_key]:
            related = set()
            for attribute, (_, is_list, to) in RESOLVED.items():
                if to == "actor":
                    related.update(getattr(item, attribute) if is_list else [getattr(item, attribute)])
            for actor in sorted(filter(None, related), key=lambda actor: actor.slug):
                actor.related[key].append(item)


# What a community's page shows of the items that joined it: (heading, context key).
COMMUNITY_SECTIONS = (("Dernières actualités", "articles"), ("Prochains événements", "upcoming_events"),
                      ("Annonces ouvertes", "open_calls"), ("Projets", "projects"), ("Ressources", "resources"),
                      ("Dossiers", "dossiers"))


def link_communities(context):
    """Each community's members (the actors it names and those that joined it), the items
    that joined it, by kind and all together (its feed), its upcoming events (its calendar);
    each actor's communities."""
    joined = defaultdict(lambda: defaultdict(list))
    for key in ("published_items", *(key for _, key in COMMUNITY_SECTIONS)):
        for item in context[key]:
            for community in getattr(item, "community_list", ()):
                joined[community.slug][key].append(item)
    for actor in context["actors"]:
        actor.in_communities = []
    for community in context["communities"]:
        found = joined[community.slug]
        community.community_members = by_title(dict.fromkeys(
            community.member_actors + [item for item in found["published_items"] if item.ctype.name == "actor"]))
        for actor in community.community_members:
            actor.in_communities.append(community)
        community.community_items = newest_first(item for item in found["published_items"]
                                                 if item.ctype.name != "actor")
        community.community_sections = [(title, found[key]) for title, key in COMMUNITY_SECTIONS]
        community.community_events = found["upcoming_events"]


def link_dossiers(published, dossiers):
    """Each dossier's items in its order, and each item's dossiers. The check made sure
    every slug exists; one not published yet (draft, future date) waits, and says so."""
    by_slug = {item.slug: item for item in published}
    for item in published:
        item.in_dossiers = []
    for dossier in dossiers:
        dossier.dossier_items = []
        for slug in dossier.item_slugs:
            if slug in by_slug:
                dossier.dossier_items.append(by_slug[slug])
                by_slug[slug].in_dossiers.append(dossier)
            else:
                logger.warning("%s: items: « %s » n'est pas encore publié, le dossier le montrera "
                               "quand il le sera", display_path(dossier.source_path), slug)
        dossier.item_count = len(dossier.dossier_items)

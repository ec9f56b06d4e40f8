"""On every article, event and resource page: up to RELATED_COUNT items that
share the most tags and themes with it (a shared tag counts 2, a shared theme 1;
ties go to the most recent), and the previous and next item of its type.

No pass over every pair of items: an inverted index maps each tag and theme
to its items, and only the RELATED_WINDOW items nearest in date in each of
those lists are scored, so the work grows linearly with the site (exact for
tags and themes with fewer items than the window).
"""

import bisect
import heapq
import operator
from collections import Counter, defaultdict

from pelican.generators import Generator

from content_model.generator import newest_first
from engine import Keys, Plugin
from engine.cache import Cache, cache_key

DEFAULT_SETTINGS = {"RELATED_COUNT": 4, "RELATED_WINDOW": 100}
TAG_WEIGHT, THEME_WEIGHT = 2, 1


def related_keys(item):
    return ([(("tag", tag.slug), TAG_WEIGHT) for tag in item.tag_list]
            + [(("theme", slug), THEME_WEIGHT) for slug in item.theme_slugs])


def related_ranks(keys, count, window, earlier=None):
    """For each item (by rank, newest first, given its related_keys), the ranks of its related items.

    earlier: (keys, ranks) of an earlier build with as many items. An item's ranks depend
    only on the lists of items of its own keys: the ranks of items none of whose keys
    gained or lost an item are kept as they were (exact; a new tag on one item recomputes
    the items that have that tag, not the 5,000 others)."""
    postings = defaultdict(list)              # key -> ranks of its items, ascending
    for own, item_keys in enumerate(keys):
        for key, _ in item_keys:
            postings[key].append(own)
    if earlier is not None and len(earlier[0]) == len(keys):
        earlier_keys, related = earlier[0], list(earlier[1])
        moved = {key for old, new in zip(earlier_keys, keys, strict=True) if old != new
                 for key, _ in set(old) ^ set(new)}      # the keys whose list of items changed
        todo = [own for own, item_keys in enumerate(keys) if any(key in moved for key, _ in item_keys)]
    else:
        related, todo = [None] * len(keys), range(len(keys))
    for own in todo:
        scores = Counter()
        for key, weight in keys[own]:
            ranks = postings[key]
            middle = bisect.bisect_left(ranks, own)
            nearest = ranks[max(0, middle - window // 2): middle + window // 2 + 1]
            for _ in range(weight):         # Counter.update counts in C
                scores.update(nearest)
        scores.pop(own, None)
        # Highest score first, then the newest: (-score, rank) tuples compare in C.
        related[own] = [other for _, other in heapq.nsmallest(
            count, zip(map(operator.neg, scores.values()), scores, strict=True))]
    return related


def cached_related_ranks(keys, count, window, cache_path):
    """related_ranks(), kept in cache_path with the keys it was made from: the same keys
    give the same ranks, other keys of as many items update them (nor this plugin's code,
    nor its settings, may change: the cache's key)."""
    cache = Cache(cache_path, "contenus-lies.pickle", cache_key(code=[__name__], settings={"count": count,
                                                                                          "window": window}))
    stored = cache.load({})
    if stored.get("keys") == keys:
        return stored["ranks"]
    ranks = related_ranks(keys, count, window, (stored["keys"], stored["ranks"]) if "keys" in stored else None)
    cache.save({"keys": keys, "ranks": ranks})
    return ranks


def related_items(items, count, window, cache_path=None):
    """{id(item): [related items]}; `items` newest first."""
    keys = [related_keys(item) for item in items]
    ranks = cached_related_ranks(keys, count, window, cache_path)
    return {id(item): [items[other] for other in others] for item, others in zip(items, ranks, strict=True)}


def link_neighbours(items):
    """previous_item / next_item along a list in reading order."""
    for before, after in zip(items, items[1:], strict=False):
        before.next_item, after.previous_item = after, before


class RelatedGenerator(Generator):

    def generate_context(self):
        context = self.context
        items = newest_first(context["articles"] + context["events"] + context["resources"])
        related = related_items(items, self.settings["RELATED_COUNT"], self.settings["RELATED_WINDOW"],
                                self.settings.get("CONTENT_CACHE_PATH"))
        for item in items:
            item.related_items = related[id(item)]
            item.previous_item = item.next_item = None
        # Oldest to newest; events by start.
        for ordered in (context["articles"][::-1], context["events"], context["resources"][::-1]):
            link_neighbours(ordered)

    def generate_output(self, writer):
        pass


NEIGHBOURS = ("related_items", "previous_item", "next_item")
PLUGIN = Plugin(
    "related", RelatedGenerator, settings=DEFAULT_SETTINGS, requires=("content_model",),
    needs=Keys(context=("articles", "events", "resources"), attributes=("tag_list", "theme_slugs")),
    provides=Keys(attributes=NEIGHBOURS), page_links=NEIGHBOURS)
register = PLUGIN.register

"""Settings of the search plugin, with their defaults; pelicanconf.py may override any."""

import os

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_SETTINGS = {
    # The search page; the index files go to its `index/` folder.
    "SEARCH_URL": "recherche/",
    # Indexed fields and their lunr boosts, in this order.
    "SEARCH_FIELDS": (("title", 10), ("tags", 5), ("headings", 3), ("summary", 2), ("body", 1)),
    # Words of each body that go into the index: the lead carries the subject,
    # and every word more grows the download of each query.
    "SEARCH_BODY_WORDS": 150,
    # Target size of an index shard (bytes of JSON); a query loads a shard per word.
    "SEARCH_SHARD_BYTES": 24_000,
    # Documents per file of the result store (what a result shows): small files,
    # as the ten results on screen are anywhere in the store.
    "SEARCH_STORE_CHUNK": 5,
    # Where `npm ci` put lunr and lunr-languages (see package.json).
    "SEARCH_NODE_MODULES": os.path.join(REPOSITORY, "node_modules"),
}

"""The search index: scored as lunr.py scores an index, then cut into files a browser
loads only as a query needs them.

Files, all JSON, under SEARCH_URL/index/ (names carry a hash of their content,
so a browser never mixes two builds; only `manifest.json` is fetched fresh):

- `manifest.json`: fields, the first term of each shard, the store's name, the
  types and themes, and each document's type and themes (for facet counts).
- `t-*.json`, the shards: the index's terms cut in alphabetical ranges of about
  SEARCH_SHARD_BYTES. A shard holds, for each of its terms and each field, the
  documents that have it with lunr's score: {"terms": [[term, {field number:
  [document gap, score × 1000, …]}]]}. That is lunr's own inverted index and
  document vectors restricted to those terms, so a query loads one shard per
  word, and `lunr_index_data` (or search.js) rebuilds a lunr index from them
  that scores exactly as the whole one.
- `d-HASH-N.json`, the store: what a result shows ([title, url, dates or place,
  summary] per document), SEARCH_STORE_CHUNK documents per file (document d is
  in file d // chunk), loaded for the results on screen only.
"""

import hashlib
from collections import Counter, defaultdict

import orjson
from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf

SCORE_SCALE = 1000      # lunr rounds scores to 3 decimals
# Scores are divided by the number of documents and the fields' average lengths: exact,
# one more word in a title would move every title's score a little (half the shards at
# N=5000). Rounded to these significant digits, an edit rewrites only the shards of the
# terms it changes (mostly), and the index still depends on the content alone.
COUNT_DIGITS, LENGTH_DIGITS = 3, 4
# The metadata of every (term, field, document): none is kept, so one shared empty dict
# rather than millions (lunr only reads them).
NO_METADATA = {}


class TermsBuilder(Builder):
    """lunr.py's Builder, fed with terms already analysed (french.py).

    Builder.add tokenizes every field again and deep-copies metadata for each
    token, which took most of the build at N=5000; add_terms fills the same
    structures from the terms, and postings() scores them as lunr's build() does.
    """

    def add_terms(self, doc_ref, terms_by_field):
        self._documents[doc_ref] = {}
        self.document_count += 1
        for field_name in self._fields:
            terms = terms_by_field[field_name]
            field_ref = str(FieldRef(doc_ref, field_name))
            self.field_term_frequencies[field_ref] = frequencies = Counter(terms)
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = self.inverted_index[term] = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                posting[field_name][doc_ref] = NO_METADATA

    def normalizers(self):
        """What every score is divided by: the number of documents and each field's average
        length in terms, rounded (COUNT_DIGITS, LENGTH_DIGITS)."""
        self._calculate_average_field_lengths()
        return {"documents": int(significant(self.document_count, COUNT_DIGITS)),
                "average": {name: significant(self.average_field_length[name], LENGTH_DIGITS)
                            for name in self._fields}}

    def postings(self, normalizers):
        """{term: {field number: [(document id, score × 1000)], sorted by id}}: the scores
        lunr's build() gives its field vectors (the same expression, the same rounding, the
        same Idf), with `normalizers` in place of the documents' own, without making the
        vectors or the token set, which the shards do not keep."""
        average = normalizers["average"]
        number = {name: position for position, name in enumerate(self._fields)}
        idf = {term: Idf(posting, normalizers["documents"]) for term, posting in self.inverted_index.items()}
        postings = defaultdict(lambda: defaultdict(list))
        for field_ref, frequencies in self.field_term_frequencies.items():
            if not frequencies:       # (a field empty everywhere has an average length of 0)
                continue
            field, document = field_ref.split("/", 1)
            field_boost = self._fields[field].boost
            length_norm = self._k1 * (1 - self._b + self._b * (self.field_lengths[field_ref] / average[field]))
            for term, tf in frequencies.items():
                postings[term][number[field]].append((int(document), scaled_score(idf[term], tf, length_norm,
                                                                                    field_boost)))
        return {term: {field: sorted(pairs) for field, pairs in sorted(by_field.items())}
                for term, by_field in postings.items()}


K1, B = Builder()._k1, Builder()._b       # lunr's BM25 constants


def scaled_score(idf, tf, length_norm, field_boost):
    """lunr's score of a term in a field, rounded as lunr rounds it, × SCORE_SCALE."""
    score = idf * ((K1 + 1) * tf) / (length_norm + tf)
    score *= field_boost       # (and by the document's boost: there is none)
    return round(round(score, 3) * SCORE_SCALE)


def significant(value, digits):
    """value to `digits` significant digits (Python's correctly rounded format)."""
    return float(f"{value:.{digits}g}")


def index_postings(documents, fields, make_terms):
    """documents: [{"fields": {name: text}}], ids are their positions: (their postings, the
    state an update starts from: see updated_postings)."""
    builder = TermsBuilder()
    for name, boost in fields:
        builder.field(name, boost=boost)
    for number, document in enumerate(documents):
        builder.add_terms(str(number), {name: make_terms(document["fields"].get(name, ""))
                                        for name, _ in fields})
    normalizers = builder.normalizers()
    number = {name: position for position, (name, _) in enumerate(fields)}
    counts = defaultdict(lambda: defaultdict(list))
    lengths = {name: [0] * len(documents) for name, _ in fields}
    for field_ref, frequencies in builder.field_term_frequencies.items():
        field, document = field_ref.split("/", 1)
        lengths[field][int(document)] = builder.field_lengths[field_ref]
        for term, tf in frequencies.items():
            counts[term][number[field]] += (int(document), tf)
    state = {"fields": tuple(fields), "texts": [document["fields"] for document in documents],
             "normalizers": normalizers, "lengths": lengths,
             "counts": {term: dict(by_field) for term, by_field in counts.items()}}
    return builder.postings(normalizers), state


def updated_postings(documents, fields, make_terms, earlier):
    """The postings of `documents` from those of the last index (earlier: its state, as
    index_postings made it), or None when it cannot be updated: another number of documents
    (ids would move), other fields, or normalizers that changed (every score would). Only
    the terms an edited document had or has are scored again, from each document's count
    of the term and length, as TermsBuilder.postings scores them: (postings of those terms,
    the terms gone, the state of this index)."""
    texts = [document["fields"] for document in documents]
    if earlier is None or earlier["fields"] != tuple(fields) or len(earlier["texts"]) != len(texts):
        return None
    edited = [number for number, (old, new) in enumerate(zip(earlier["texts"], texts, strict=True)) if old != new]
    if len(edited) > max(10, len(texts) // 20):
        return None          # most of the index anyway: made anew
    names = [name for name, _ in fields]
    lengths = {name: list(values) for name, values in earlier["lengths"].items()}
    # The terms whose scores change: those whose count in a field of an edited document
    # changed, and all those of a field whose length changed (that document's scores for
    # them do). Any other term keeps its documents, counts, lengths and so its scores.
    touched, frequencies = set(), {}
    for number in edited:
        frequencies[number] = []
        for name in names:
            before = Counter(make_terms(earlier["texts"][number].get(name, "")))
            after = Counter(make_terms(texts[number].get(name, "")))
            frequencies[number].append(after)
            lengths[name][number] = sum(after.values())
            if lengths[name][number] != earlier["lengths"][name][number]:
                touched.update(before, after)
            else:
                touched.update(term for term in before.keys() | after.keys() if before[term] != after[term])
    averages = {name: significant(sum(values) / len(texts), LENGTH_DIGITS) for name, values in lengths.items()}
    if averages != earlier["normalizers"]["average"]:
        return None
    counts = dict(earlier["counts"])
    gone, postings = set(), {}
    total = earlier["normalizers"]["documents"]
    for term in sorted(touched):
        by_field = {}
        for position in range(len(names)):
            flat = counts.get(term, {}).get(position, ())
            pairs = dict(zip(flat[0::2], flat[1::2], strict=True))
            for number in edited:
                pairs.pop(number, None)
                if term in frequencies[number][position]:
                    pairs[number] = frequencies[number][position][term]
            if pairs:
                by_field[position] = sorted(pairs.items())
        if not by_field:
            counts.pop(term, None)
            gone.add(term)
            continue
        counts[term] = {position: [value for pair in pairs for value in pair] for position, pairs in by_field.items()}
        idf = Idf({position: dict(pairs) for position, pairs in by_field.items()}, total)
        postings[term] = {}
        for position, pairs in by_field.items():
            name, boost = fields[position]
            average = averages[name]
            postings[term][position] = [
                (number, scaled_score(idf, tf, K1 * (1 - B + B * (lengths[name][number] / average)), boost))
                for number, tf in pairs]
    state = {**earlier, "texts": texts, "lengths": lengths, "counts": counts}
    return postings, gone, state


def encode_term(term, by_field):
    encoded = {}
    for number, pairs in by_field.items():
        flat, previous = [], 0
        for document, score in pairs:
            flat += [document - previous, score]
            previous = document
        encoded[str(number)] = flat
    return [term, encoded]


def shards(entries, target_bytes):
    """[(first term, shard JSON)] from {term: its encoded entry's JSON}: alphabetical ranges
    of about target_bytes. A shard is {"terms": [entry, …]}, written as orjson writes it."""
    cut, current, size = [], [], 0
    for term in sorted(entries):
        entry = entries[term]
        if current and size + len(entry) > target_bytes:
            cut.append(current)
            current, size = [], 0
        current.append((term, entry))
        size += len(entry)
    if current:
        cut.append(current)
    return [(terms[0][0], '{"terms":[' + ",".join(entry for _, entry in terms) + "]}") for terms in cut]


def lunr_index_data(fields, shard_terms):
    """lunr's serialised index (lunr.Index.load) from the terms of shards, in order."""
    inverted_index, vectors = [], defaultdict(list)
    for term_index, (term, encoded) in enumerate(shard_terms):
        posting = {"_index": term_index, **{field: {} for field in fields}}
        for number, flat in encoded.items():
            field, document = fields[int(number)], 0
            for position in range(0, len(flat), 2):
                document += flat[position]
                posting[field][str(document)] = {}
                vectors[f"{field}/{document}"] += [term_index, flat[position + 1] / SCORE_SCALE]
        inverted_index.append([term, posting])
    return {"version": __TARGET_JS_VERSION__, "fields": list(fields),
            "fieldVectors": [[ref, elements] for ref, elements in vectors.items()],
            "invertedIndex": inverted_index, "pipeline": []}


def compact_json(data):
    """JSON without spaces, as json.dumps(ensure_ascii=False, separators=(",", ":")) writes
    it, by orjson: five times faster on the index's 15,000 terms at N=5000."""
    return orjson.dumps(data).decode("utf-8")


STORE_DIGITS = 8       # of a store file's digest in its name (the number makes names unique)


def hashed_name(prefix, text):
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json"


def index_files(documents, settings, make_terms, types, themes, inputs_key=None, earlier=None):
    """{file name: JSON text} of the whole index; documents as made by the generator.

    types: [(name, section, label)], themes: [(slug, label)], in the order facets list them.
    inputs_key, the digest of all that, goes in the manifest: a build whose inputs have
    the same digest keeps the files as they are.

    earlier: a dict where the last call left its state (the documents' texts, each term's
    counts and encoded entry), replaced by this call's: a few documents edited in place
    score again only their terms (updated_postings). The files are those a new index
    makes (tests/test_search.py).
    """
    fields = settings["SEARCH_FIELDS"]
    field_names = [name for name, _ in fields]
    earlier = {} if earlier is None else earlier
    update = updated_postings(documents, fields, make_terms, earlier.get("postings")) if documents else None
    if update is not None:
        postings, gone, state = update
        entries = {term: entry for term, entry in earlier["entries"].items() if term not in gone}
    else:
        earlier.clear()     # the last state is of no use: not beside the new one (200 MB at N = 20,000)
        # lunr divides by the number of documents: a site with none searchable has no terms.
        postings, state = index_postings(documents, fields, make_terms) if documents else ({}, None)
        entries = {}
    entries.update((term, compact_json(encode_term(term, by_field))) for term, by_field in postings.items())
    earlier.clear()
    earlier.update(postings=state, entries=entries)
    files, shard_list = {}, []
    for first_term, text in shards(entries, settings["SEARCH_SHARD_BYTES"]):
        name = hashed_name("t", text)
        files[name] = text
        shard_list.append([first_term, name])
    chunk = settings["SEARCH_STORE_CHUNK"]
    store = [compact_json([document["shown"] for document in documents[start:start + chunk]])
             for start in range(0, len(documents), chunk)]
    # Each store file is named by its number and its own digest: an edit renames the one
    # file its document is in, not the thousand others (that a host and browsers keep).
    digests = []
    for number, text in enumerate(store):
        digests.append(hashlib.sha256(text.encode("utf-8")).hexdigest()[:STORE_DIGITS])
        files[store_name(number, digests[-1])] = text
    files["manifest.json"] = compact_json({
        "version": 1,
        "inputs": inputs_key,
        "fields": field_names,
        "shards": shard_list,
        "store": {"chunk": chunk, "digits": STORE_DIGITS, "digests": "".join(digests)},
        "types": [list(entry) for entry in types],
        "themes": [list(entry) for entry in themes],
        "theme_digits": theme_digits(themes),
        "documents": document_facets(documents, types, themes),
        # {document number: when it is over (seconds since 1970)}, events and calls only.
        "ends": {str(number): document["ends"] for number, document in enumerate(documents)
                 if document.get("ends")},
    })
    return files


def store_name(number, digest):
    return f"d-{number}-{digest}.json"


def document_facets(documents, types, themes):
    """Each document's type and themes for facet counts, in few bytes:
    "0ab,2,1c": one base-36 digit for the type, then each theme's number in
    base 36 on `width` digits (manifest "theme_digits"), documents separated by commas."""
    type_number = {entry[0]: number for number, entry in enumerate(types)}
    theme_number = {slug: number for number, (slug, _) in enumerate(themes)}
    return ",".join(
        base36(type_number[document["type"]], 1)
        + "".join(base36(theme_number[slug], theme_digits(themes)) for slug in document["themes"])
        for document in documents)


def theme_digits(themes):
    return 1 if len(themes) <= 36 else 2


def base36(number, width):
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
    return digits

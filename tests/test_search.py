"""Search: the index files a build writes, what lunr.py finds in them, and the
search page in a real browser (typing, facets, accents, no result)."""

import json
import random
import sys
from pathlib import Path

import pytest
from lunr.builder import Builder
from lunr.index import Index

import search.generator
import search.index
from conftest import ROOT, SHARED, build, page, plugins_without, require_shared, serve, write_content
from search.french import french_pipeline, read_lunr_french, term_maker
from search.index import TermsBuilder, index_files, lunr_index_data

NODE_MODULES = ROOT / "node_modules"

THEMES = """\
- slug: biologie
  label: Biologie et sciences du vivant
  tags: [oiseaux, insectes]
- slug: environnement
  label: Environnement et écologie
  tags: [écologie urbaine, eau]
"""


def doc(title, date="2026-10-01", body="Texte.", **fields):
    lines = [f'title: "{title}"', f"date: {date}"] + [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


def article(title, date="2026-10-01", body="Texte.", **fields):
    return doc(title, date, body, authors='["Léa Bernard"]', **fields)


TOULOUSE = '{name: "Muséum", postcode: "31000", city: "Toulouse"}'
FILES = {
    "themes.yaml": THEMES,
    "articles/musees.md": article("Les musées de Toulouse rouvrent leurs galeries", "2026-10-02",
                                  "Les visiteurs retrouvent les collections.\n\n## Horaires d'hiver\n\nTous les jours."),
    "articles/ecologie.md": article("L’écologie urbaine s’invite au jardin", "2026-10-03",
                                    "Des **potagers** partagés au cœur des quartiers.", tags='["écologie urbaine"]'),
    "articles/oiseaux.md": article("Compter les oiseaux des jardins", "2026-10-04",
                                   "Un comptage participatif à Toulouse, chaque hiver.", tags="[oiseaux]"),
    "articles/cache.md": article("Article caché de la recherche", body="Le mot zéphyrin n'est qu'ici.",
                                 search="false"),
    "articles/brouillon.md": article("Brouillon sur les galaxies", draft="true"),
    "events/nuit.md": doc("Nuit des oiseaux nocturnes", "2026-10-05", "Écoute des chouettes à Toulouse.",
                          start="2026-12-05 20:00", end="2026-12-05 23:00", location=TOULOUSE,
                          tags="[oiseaux]", event_type="visite"),
    "resources/kit.md": doc("Kit pédagogique sur les insectes", "2026-09-01", "Fiches et loupes.",
                            resource_type="kit pédagogique", tags="[insectes]"),
    "actors/museum.md": doc("Muséum de Toulouse", "2026-01-01", "Sciences naturelles à Toulouse.",
                            actor_type="musée", location=TOULOUSE),
    "pages/a-propos.md": doc("À propos", body="Qui nous sommes."),
}
INDEXED_TITLES = {
    "Les musées de Toulouse rouvrent leurs galeries", "L’écologie urbaine s’invite au jardin",
    "Compter les oiseaux des jardins", "Nuit des oiseaux nocturnes", "Kit pédagogique sur les insectes",
    "Muséum de Toulouse", "À propos",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = write_content(tmp_path_factory.mktemp("search-content"), FILES)
    return build(content, tmp_path_factory.mktemp("search-output"))


def index_folder(output):
    return Path(output) / "recherche" / "index"


def manifest(output):
    return json.loads((index_folder(output) / "manifest.json").read_text(encoding="utf-8"))


def store_rows(output):
    data = manifest(output)
    store, count = data["store"], len(data["documents"].split(","))
    rows = []
    for number in range((count + store["chunk"] - 1) // store["chunk"]):
        digest = store["digests"][number * store["digits"]:(number + 1) * store["digits"]]
        path = index_folder(output) / f"d-{number}-{digest}.json"
        rows += json.loads(path.read_text(encoding="utf-8"))
    return rows


def shard_terms(output):
    return [entry for _, name in manifest(output)["shards"]
            for entry in json.loads((index_folder(output) / name).read_text(encoding="utf-8"))["terms"]]


def lunr_index(output):
    return Index.load(lunr_index_data(manifest(output)["fields"], shard_terms(output)))


@pytest.fixture(scope="module")
def terms():
    return term_maker(str(NODE_MODULES))


def found_titles(output, query):
    rows = store_rows(output)
    return [rows[int(result["ref"])][0] for result in lunr_index(output).search(query)]


def test_index_holds_each_published_document_once_and_no_draft_or_excluded_one(site):
    data = manifest(site)
    rows = store_rows(site)
    assert sorted(row[0] for row in rows) == sorted(INDEXED_TITLES)
    assert len(data["documents"].split(",")) == len(rows)
    every_term = {term for term, _ in shard_terms(site)}
    assert "zephyrin" not in every_term and "galax" not in every_term
    assert sorted(every_term) == [term for term, _ in shard_terms(site)]
    # What a result shows: its address, and dates and place for an event.
    by_title = {row[0]: row for row in rows}
    assert by_title["Nuit des oiseaux nocturnes"][1] == "evenements/nuit-des-oiseaux-nocturnes/"
    assert "samedi 5 décembre 2026, 20\u00a0h – 23\u00a0h" in by_title["Nuit des oiseaux nocturnes"][2]
    assert "Toulouse" in by_title["Nuit des oiseaux nocturnes"][2]
    assert (Path(site) / by_title["Muséum de Toulouse"][1] / "index.html").exists()


def test_lunr_py_finds_a_document_by_a_stemmed_word_of_its_title(site, terms):
    assert terms("Musées") == ["muse"]
    assert found_titles(site, "muse")[0] == "Les musées de Toulouse rouvrent leurs galeries"
    # Accents do not count, on either side.
    assert terms("ecologie") == terms("Écologie") == ["ecolog"]
    assert found_titles(site, "ecolog")[0] == "L’écologie urbaine s’invite au jardin"
    # Headings, bodies, tags and places are indexed too.
    assert set(found_titles(site, terms("hiver")[0])) == {
        "Les musées de Toulouse rouvrent leurs galeries", "Compter les oiseaux des jardins"}
    assert set(found_titles(site, "+oiseau +toulous")) == {
        "Compter les oiseaux des jardins", "Nuit des oiseaux nocturnes"}


def test_shards_score_exactly_as_one_whole_index(tmp_path, terms):
    content = write_content(tmp_path / "content", FILES)
    whole = build(content, tmp_path / "whole", SEARCH_SHARD_BYTES=10**9)
    cut = build(content, tmp_path / "cut", SEARCH_SHARD_BYTES=200)
    assert len(manifest(whole)["shards"]) == 1 and len(manifest(cut)["shards"]) > 5
    for word in ("oiseaux", "Toulouse", "jardin", "collections"):
        query = terms(word)[0]
        assert [(r["ref"], r["score"]) for r in lunr_index(whole).search(query)] == \
               [(r["ref"], r["score"]) for r in lunr_index(cut).search(query)]


def test_terms_builder_makes_the_index_lunr_builder_makes(terms):
    texts = ["Les musées rouvrent", "L'écologie des jardins, l'hiver", "Oiseaux d'hiver : 2024 !"]
    pipeline = french_pipeline(*read_lunr_french(str(NODE_MODULES)))
    by_lunr = Builder()
    by_lunr.pipeline.add(*pipeline._stack)
    ours = TermsBuilder()
    for builder in (by_lunr, ours):
        builder.field("title", boost=10)
        builder.field("body")
    for number, text in enumerate(texts):
        # lunr's own tokenizer does not split on apostrophes: give it words split as ours are.
        split = " ".join(word for word in text.replace("'", " ").split())
        by_lunr.add({"id": str(number), "title": split, "body": split.upper()})
        ours.add_terms(str(number), {"title": terms(text), "body": terms(text.upper())})
    assert by_lunr.build().serialize() == ours.build().serialize()
    # The postings the shards hold are the scores of lunr's field vectors, to the last digit.
    index = by_lunr.build()
    term_of = {posting["_index"]: term for term, posting in index.inverted_index.items()}
    expected = {}
    for field_ref, vector in sorted(index.field_vectors.items()):
        field, document = field_ref.split("/")
        for position in range(0, len(vector.elements), 2):
            by_field = expected.setdefault(term_of[vector.elements[position]], {})
            by_field.setdefault(["title", "body"].index(field), []).append(
                (int(document), round(vector.elements[position + 1] * 1000)))
    assert ours.postings(exact_normalizers(ours)) == {
        term: {field: sorted(pairs) for field, pairs in sorted(by_field.items())} for term, by_field in expected.items()}
    assert len(expected) > 5


def exact_normalizers(builder):
    builder._calculate_average_field_lengths()
    return {"documents": builder.document_count, "average": dict(builder.average_field_length)}


ARTICLES_ONLY = [("article", "Actualités", "Actualité")]


def word_documents(count, words, body_words, seed):
    """(the words, the random source, count articles of a 5-word title and a body of
    body_words words drawn from `words` made-up words), and index settings for them."""
    vocabulary = [f"mot{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(words)]
    pick = random.Random(seed)
    documents = [{"type": "article", "themes": [], "ends": None, "shown": [f"Titre {n}", f"actualites/{n}/", "", ""],
                  "fields": {"title": " ".join(pick.sample(vocabulary, 5)),
                             "body": " ".join(pick.choices(vocabulary, k=body_words))}}
                 for n in range(count)]
    return vocabulary, pick, documents


def index_settings(shard_bytes):
    return {"SEARCH_FIELDS": (("title", 10), ("body", 1)), "SEARCH_SHARD_BYTES": shard_bytes,
            "SEARCH_STORE_CHUNK": 100}


def test_an_edit_rewrites_only_the_shards_of_the_terms_it_changes_and_scores_stay_lunrs(terms, monkeypatch):
    _, _, documents = word_documents(2500, 300, 20, seed=7)
    settings, types = index_settings(20_000), ARTICLES_ONLY
    edited = [dict(document, fields=dict(document["fields"])) for document in documents]
    edited[3]["fields"]["title"] += " nouveaumot"       # one word more: every title's score moves a little

    def new_shards():
        before = index_files(documents, settings, terms, types, [], "avant")
        after = index_files(edited, settings, terms, types, [], "apres")
        return {name for name in after if name.startswith("t-") and name not in before}, after

    new, after = new_shards()
    shards = json.loads(after["manifest.json"])["shards"]
    # A title shown differently in the results: only the store file of its document is renamed.
    edited[3]["shown"] = ["Titre 3, revu", *edited[3]["shown"][1:]]
    before, again = index_files(documents, settings, terms, types, [], "avant"), index_files(
        edited, settings, terms, types, [], "apres")
    assert {name for name in again if name.startswith("d-") and name not in before} == {
        name for name in again if name.startswith("d-0-")}
    assert len([name for name in again if name.startswith("d-")]) == 25
    # Rewritten: the shards of the edited title's terms (its length changed), no other.
    holding = {name for _, name in shards if set(terms(edited[3]["fields"]["title"]))
               & {term for term, _ in json.loads(after[name])["terms"]}}
    assert new == holding and len(new) <= 6 < len(shards), (new, holding)
    # With the exact average, every title's scores move: nearly every shard is rewritten.
    monkeypatch.setattr(search.index, "LENGTH_DIGITS", 17)
    assert len(new_shards()[0]) > len(shards) * 0.9
    monkeypatch.undo()
    # The scores are lunr's, with the averages rounded to 4 significant digits: at most 0.003 off.
    builder = TermsBuilder()
    for name, boost in settings["SEARCH_FIELDS"]:
        builder.field(name, boost=boost)
    for number, document in enumerate(edited):
        builder.add_terms(str(number), {name: terms(text) for name, text in document["fields"].items()})
    exact, rounded = builder.postings(exact_normalizers(builder)), builder.postings(builder.normalizers())
    assert exact.keys() == rounded.keys()
    gaps = [abs(score - other) for term in exact for field in exact[term]
            for (_, score), (_, other) in zip(exact[term][field], rounded[term][field], strict=True)]
    assert max(gaps) <= 3 and len(gaps) > 50_000


def test_an_index_updated_from_the_last_one_is_the_index_made_anew(terms, monkeypatch):
    """A few documents edited in place: only their terms are scored again (updated_postings),
    and every file is the one a whole new index gives, byte for byte."""
    words, pick, documents = word_documents(400, 200, 30, seed=11)
    settings, types = index_settings(4_000), ARTICLES_ONLY
    made_anew = []
    whole = search.index.index_postings
    monkeypatch.setattr(search.index, "index_postings", lambda *args: made_anew.append(1) or whole(*args))
    state = {}
    assert index_files(documents, settings, terms, types, [], "0", state) == index_files(
        documents, settings, terms, types, [], "0")
    for step in range(8):
        documents = [dict(document, fields=dict(document["fields"])) for document in documents]
        for number in pick.sample(range(len(documents)), pick.randint(1, 4)):
            fields = documents[number]["fields"]
            if step % 2:     # a word swapped in a title, a body rewritten: the averages stay
                fields["title"] = fields["title"].replace(fields["title"].split()[0], pick.choice(words), 1)
                fields["body"] = " ".join(pick.choices(words, k=30))
            else:            # a word only this document has, another one gone from everywhere
                fields["body"] = fields["body"].replace(fields["body"].split()[0], f"unique{step}", 1)
        made_anew.clear()
        assert index_files(documents, settings, terms, types, [], str(step), state) == index_files(
            documents, settings, terms, types, [], str(step))
        assert len(made_anew) == 1      # the whole index the assertion compares with, not the update
    # A body's first word said again in place of another it has: its length stays, two counts
    # move (only their terms are scored again, the others keep their entries).
    body = documents[3]["fields"]["body"].split()
    documents[3] = dict(documents[3], fields={**documents[3]["fields"], "body": " ".join([body[0], body[0], *body[2:]])})
    made_anew.clear()
    assert index_files(documents, settings, terms, types, [], "8b", state) == index_files(
        documents, settings, terms, types, [], "8b")
    assert len(made_anew) == 1
    # A title one word shorter moves the titles' average: every score moves, made anew.
    documents[7] = dict(documents[7], fields={**documents[7]["fields"], "title": "motaa motab motac motad"})
    made_anew.clear()
    assert index_files(documents, settings, terms, types, [], "9", state) == index_files(
        documents, settings, terms, types, [], "9")
    assert len(made_anew) == 2
    # A document more moves the ids after it: made anew too.
    made_anew.clear()
    index_files(documents + documents[:1], settings, terms, types, [], "10", state)
    assert len(made_anew) == 1


def test_search_page_without_javascript_points_to_the_indexes(site):
    search = page(site, "recherche/")
    form = search.select_one("main form[role=search]")
    assert form["action"].endswith("recherche/") and form.select_one("input[name=q]")
    assert "JavaScript" in search.find("noscript").get_text()
    links = {a["href"].split("/")[-2] for a in search.select("[data-search-browse] a")}
    assert {"thematiques", "tags", "agenda", "actualites", "territoires"} <= links
    for script in search.select("script[src]"):
        assert (Path(site) / "recherche" / script["src"]).resolve().exists(), script["src"]


def test_every_page_has_the_search_box_in_its_header(site):
    for url in ("", "actualites/", "evenements/nuit-des-oiseaux-nocturnes/", "a-propos/"):
        form = page(site, url).select_one("header form[role=search]")
        assert form and form["action"].endswith("recherche/") and form["method"] == "get"
        assert form.select_one("input[name=q]")["id"] == "recherche-site"
        assert page(site, url).find("label", attrs={"for": "recherche-site"})


def test_search_can_be_turned_off(tmp_path):
    output = build(write_content(tmp_path / "content", FILES), tmp_path / "out", PLUGINS=plugins_without("search"))
    assert not (output / "recherche").exists()
    assert not page(output, "").select("form[role=search]")


def test_missing_browser_libraries_stop_the_build_with_a_french_fix(tmp_path):
    with pytest.raises(Exception) as error:
        build(write_content(tmp_path / "content", FILES), tmp_path / "out",
              SEARCH_NODE_MODULES=str(tmp_path / "absent"))
    assert "invoke setup" in str(error.value) and "lunr.fr.js" in str(error.value)


def test_search_field_must_be_true_or_false(tmp_path, capsys):
    from content_model.check import main
    content = write_content(tmp_path / "content", {"articles/x.md": article("X", search="peut-être")})
    assert main([str(content)]) == 1
    message = capsys.readouterr().out
    assert "x.md" in message and "search" in message and "true" in message.lower()


def test_output_is_the_same_twice(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    first, second = build(content, tmp_path / "a"), build(content, tmp_path / "b")
    names = sorted(path.name for path in index_folder(first).iterdir())
    assert names == sorted(path.name for path in index_folder(second).iterdir())
    for name in names:
        assert (index_folder(first) / name).read_bytes() == (index_folder(second) / name).read_bytes()



def test_a_rebuild_updates_the_index_in_a_fork_and_its_failure_stops_the_build(tmp_path, monkeypatch, terms):
    """With the last index's state in the cache, the command line's rebuild makes the index
    in a fork of itself: the edit is found, and a fork that fails fails the build."""
    content = write_content(tmp_path / "content", FILES)
    cache = tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "CONTENT_CACHE_PATH": str(cache / "contenus"),
                "IMAGE_CACHE_PATH": str(cache / "images")}
    output = build(content, tmp_path / "out", **settings)
    assert (cache / "contenus" / search.generator.STATE_FILE).exists()
    write_content(content, {"articles/oiseaux.md": article("Les chauves-souris du clocher", "2026-10-04")})
    build(content, output, **settings)
    assert found_titles(output, terms("clocher")[0]) == ["Les chauves-souris du clocher"]
    assert found_titles(output, terms("jardins")[0]) == ["L’écologie urbaine s’invite au jardin"]

    def broken(*args):
        raise RuntimeError("index cassé")
    monkeypatch.setattr(search.generator, "build_index", broken)
    write_content(content, {"articles/oiseaux.md": article("Les chauves-souris du grenier", "2026-10-04")})
    with pytest.raises(RuntimeError, match="L'index de recherche n'a pas pu être fait"):
        build(content, output, **settings)


# --- In the browser -------------------------------------------------------------

def open_search(browser, root, query=""):
    browser_page = browser.new_page()
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.goto(root + "recherche/" + (f"?q={query}" if query else ""))
    browser_page.wait_for_selector("[data-search][data-ready]")
    return browser_page, errors


def type_query(browser_page, text):
    box = browser_page.locator("#recherche-mots")
    box.fill("")
    box.press_sequentially(text, delay=20)
    browser_page.wait_for_function(
        "text => document.querySelector('[data-search-status]').textContent.includes(text)",
        arg=f"«\u00a0{text}\u00a0»")


def result_titles(browser_page):
    return browser_page.locator("[data-search-results] h2").all_inner_texts()


def test_browser_typing_shows_the_expected_result_first_with_highlights(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_search(chromium_browser, root)
        type_query(browser_page, "musées")
        assert result_titles(browser_page)[0] == "Les musées de Toulouse rouvrent leurs galeries"
        assert browser_page.locator("[data-search-results] li").first.locator("mark").all_inner_texts() == ["musées"]
        # The word being typed matches as a prefix; the address keeps the query.
        type_query(browser_page, "noctu")
        assert result_titles(browser_page) == ["Nuit des oiseaux nocturnes"]
        assert "q=noctu" in browser_page.url
        link = browser_page.locator("[data-search-results] a").first
        assert link.get_attribute("href").endswith("/evenements/nuit-des-oiseaux-nocturnes/")
        assert errors == []


def test_browser_facets_narrow_the_results_with_counts(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_search(chromium_browser, root)
        type_query(browser_page, "Toulouse")
        assert len(result_titles(browser_page)) == 4
        facets = browser_page.locator("[data-search-facets]")
        assert facets.get_by_label("Agenda (1)").count() == 1
        assert facets.get_by_label("Actualités (2)").count() == 1
        facets.get_by_label("Agenda (1)").check()
        browser_page.wait_for_function(
            "document.querySelector('[data-search-status]').textContent.startsWith('1 résultat sur 4')")
        assert result_titles(browser_page) == ["Nuit des oiseaux nocturnes"]
        assert "type=event" in browser_page.url
        # Theme counts follow the type chosen.
        assert facets.get_by_label("Biologie et sciences du vivant (1)").count() == 1
        assert errors == []


def test_browser_accents_and_case_do_not_matter(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_search(chromium_browser, root)
        found = []
        for query in ("écologie", "ecologie", "ECOLOGIE", "Écologie urbaine"):
            type_query(browser_page, query)
            found.append(result_titles(browser_page))
        assert found[0] == ["L’écologie urbaine s’invite au jardin"]
        assert all(titles == found[0] for titles in found)
        assert errors == []


def test_browser_no_result_says_so_and_offers_the_indexes(chromium_browser, site):
    with serve(site) as root:
        browser_page, errors = open_search(chromium_browser, root)
        type_query(browser_page, "oiseaux galaxies")        # both words must match: none does
        status = browser_page.locator("[data-search-status]").inner_text()
        assert status.startswith("Aucun résultat pour «\u00a0oiseaux galaxies\u00a0»")
        assert result_titles(browser_page) == []
        assert browser_page.locator("[data-search-browse]").is_visible()
        type_query(browser_page, "zéphyrin")               # only in a `search: false` article
        assert browser_page.locator("[data-search-status]").inner_text().startswith("Aucun résultat")
        assert errors == []


def test_browser_site_with_nothing_searchable_answers_no_result(chromium_browser, tmp_path):
    # lunr cannot build an index of no document: the build writes one without terms.
    content = write_content(tmp_path / "content", {"articles/seul.md": article("Seul article", search="false")})
    output = build(content, tmp_path / "out")
    assert manifest(output)["shards"] == [] and not manifest(output)["documents"]
    with serve(output) as root:
        browser_page, errors = open_search(chromium_browser, root)
        type_query(browser_page, "seul")
        assert browser_page.locator("[data-search-status]").inner_text().startswith("Aucun résultat")
        assert errors == []


def test_browser_header_box_leads_to_results(chromium_browser, site):
    with serve(site) as root:
        browser_page = chromium_browser.new_page()
        browser_page.goto(root + "actualites/")
        browser_page.fill("#recherche-site", "oiseaux")
        browser_page.press("#recherche-site", "Enter")
        browser_page.wait_for_url("**/recherche/?q=oiseaux")
        browser_page.wait_for_function(
            "document.querySelector('[data-search-status]').textContent.startsWith('2 résultats')")
        assert set(result_titles(browser_page)) == {"Compter les oiseaux des jardins", "Nuit des oiseaux nocturnes"}


def test_browser_turns_words_into_the_index_terms(chromium_browser, site, terms):
    """The page's lunr-languages pipeline and the index's lunr.py one agree, word for word."""
    require_shared()
    sys.path.insert(0, str(SHARED / "bench"))
    import gen_corpus
    words = sorted({word for group in (gen_corpus.NOUNS, gen_corpus.ADJECTIVES, gen_corpus.VERBS,
                                       gen_corpus.ADVERBS, gen_corpus.TAGS, gen_corpus.PLACES,
                                       gen_corpus.HEADINGS, gen_corpus.CONNECTORS, gen_corpus.AUTHORS)
                    for phrase in group for word in phrase.replace("'", " ").replace("-", " ").split()})
    words += ["Œuvres", "cœur", "naïve", "Noël", "COP28", "2024", "l'écologie", "aujourd'hui", "ÉTÉ"]
    with serve(site) as root:
        browser_page, _ = open_search(chromium_browser, root)
        in_browser = browser_page.evaluate("words => words.map(w => window.siteSearch.terms(w))", words)
    assert len(words) > 350
    assert dict(zip(words, in_browser, strict=True)) == {word: terms(word) for word in words}

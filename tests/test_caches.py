"""The caches (plugins/engine/cache.py): a cached thing is read back only under the key it
was made with (the source of the code that made it, its libraries, the settings it
read), files are written whole or not at all, and a damaged cache is only a slower build."""

import importlib
import sys

from conftest import FIXED_NOW, build, contribution, image_bytes, page, write_content
from engine.cache import Cache, cache_key


def test_a_key_follows_the_code_its_libraries_and_settings(tmp_path, monkeypatch):
    package = tmp_path / "fabrique"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "recette.py").write_text("TEMPS = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    first = cache_key(code=["fabrique"], libraries=["pillow"], settings={"largeur": 960})
    assert first == cache_key(code=["fabrique"], libraries=["pillow"], settings={"largeur": 960})
    assert first != cache_key(code=["fabrique"], libraries=["pillow"], settings={"largeur": 480})
    assert first != cache_key(code=["fabrique"], libraries=["pillow", "markdown"], settings={"largeur": 960})
    (package / "recette.py").write_text("TEMPS = 2\n", encoding="utf-8")       # a module of the package
    assert first != cache_key(code=["fabrique"], libraries=["pillow"], settings={"largeur": 960})
    sys.modules.pop("fabrique", None)


def test_a_cache_is_read_only_under_its_key_and_written_whole(tmp_path):
    Cache(tmp_path, "entetes.pickle", "clé-1").save({"a": 1})
    assert Cache(tmp_path, "entetes.pickle", "clé-1").load() == {"a": 1}
    assert Cache(tmp_path, "entetes.pickle", "clé-2").load({}) == {}
    assert [path.name for path in tmp_path.iterdir()] == ["entetes.pickle"]     # no temporary file left
    (tmp_path / "entetes.pickle").write_bytes(b"\x80\x04tronqu")               # a build cut off by hand
    assert Cache(tmp_path, "entetes.pickle", "clé-1").load("rien") == "rien"
    Cache(None, "entetes.pickle", "clé-1").save({"a": 1})                       # no cache folder: nothing
    assert Cache(None, "entetes.pickle", "clé-1").load("rien") == "rien"


FILES = {
    "themes.yaml": "- slug: univers\n  label: Univers\n  tags: [astronomie]\n",
    "images/ciel.png": image_bytes(64, 48),
    "articles/ciel.md": contribution("Le ciel", "2026-10-01", authors='["A"]', tags="[astronomie]",
                                     image="ciel.png", image_alt='"Le ciel"'),
    "articles/lune.md": contribution("La Lune", "2026-10-02", authors='["A"]', tags="[astronomie]"),
}


def test_damaged_caches_only_cost_time_and_new_settings_make_images_again(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    cache = tmp_path / "cache"
    first = build(content, tmp_path / "un", CACHE_PATH=str(cache), AGENDA_NOW=FIXED_NOW)
    cached = sorted(path for path in (cache / "contenus").iterdir() if path.suffix == ".pickle")
    assert [path.name for path in cached] == [
        "contenus-lies.pickle", "documents.pickle", "entetes.pickle", "index.pickle",
        "recherche-textes.pickle", "termes.pickle"]
    for path in cached:
        path.write_bytes(path.read_bytes()[:20])
    second = build(content, tmp_path / "deux", CACHE_PATH=str(cache), AGENDA_NOW=FIXED_NOW)
    assert (first / "actualites/le-ciel/index.html").read_bytes() == (second / "actualites/le-ciel/index.html").read_bytes()
    assert page(second, "actualites/la-lune/").select_one(".related-items a").get_text() == "Le ciel"
    images = sorted(path.name for path in (cache / "images").iterdir())
    build(content, tmp_path / "trois", CACHE_PATH=str(cache), IMAGE_QUALITY={"webp": 60, "jpeg": 70})
    assert len(sorted(path.name for path in (cache / "images").iterdir())) == len(images) + 1


def test_documents_read_before_are_reused_only_while_their_bytes_and_the_images_stay_the_same(tmp_path):
    """The parsed and checked documents are kept between builds (documents.pickle): an edit,
    an image that appears, or a slug taken twice are seen at the next build all the same."""
    content = write_content(tmp_path / "content", {
        **FILES, "articles/lune.md": contribution("La Lune", "2026-10-02", authors='["A"]', tags="[astronomie]",
                                                  image="lune.png", image_alt='"La Lune"')})
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "AGENDA_NOW": FIXED_NOW}
    try:
        build(content, tmp_path / "site", **settings)
        raise AssertionError("lune.png manque : la construction devait échouer")
    except Exception as error:        # noqa: BLE001 - the content error, whatever wraps it
        assert "lune.png" in str(error) and "introuvable" in str(error)
    (content / "images/lune.png").write_bytes(image_bytes(64, 48))            # the image alone is added
    site = build(content, tmp_path / "site", **settings)
    assert page(site, "actualites/la-lune/").select_one("main img")["alt"] == "La Lune"
    lune = content / "articles/lune.md"
    lune.write_text(lune.read_text(encoding="utf-8").replace("La Lune", "La Lune rousse", 1), encoding="utf-8")
    site = build(content, tmp_path / "site", **settings)
    assert page(site, "actualites/la-lune-rousse/").h1.get_text() == "La Lune rousse"
    (content / "articles/ciel-bis.md").write_text((content / "articles/ciel.md").read_text(encoding="utf-8"),
                                                  encoding="utf-8")
    for _ in range(2):                # the slug taken twice, said once, at each build
        try:
            build(content, tmp_path / "site", **settings)
            raise AssertionError("le slug est pris deux fois : la construction devait échouer")
        except Exception as error:    # noqa: BLE001
            assert str(error).count("est déjà pris") == 1, str(error)


def test_an_image_added_or_replaced_reads_again_only_the_documents_that_look_for_it(tmp_path, monkeypatch):
    """A document is checked against the images it names (found, within the limits): it is
    read again when one of the places it looked at changes, and only then."""
    import content_model.documents
    content = write_content(tmp_path / "content", FILES)
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "AGENDA_NOW": FIXED_NOW, "IMAGE_MAX_PIXELS": 10_000}
    build(content, tmp_path / "site", **settings)
    read = []
    read_document = content_model.documents.read_document
    monkeypatch.setattr(content_model.documents, "read_document",
                        lambda path, *args: read.append(path.rsplit("/", 1)[1]) or read_document(path, *args))
    (content / "images/soleil.png").write_bytes(image_bytes(32, 32))        # named by no one
    build(content, tmp_path / "site", **settings)
    assert read == []
    (content / "images/ciel.png").write_bytes(image_bytes(80, 60))           # named by ciel.md
    site = build(content, tmp_path / "site", **settings)
    assert read == ["ciel.md"]
    assert page(site, "actualites/le-ciel/").select_one("main img")["width"] == "80"
    read.clear()
    (content / "images/ciel.png").write_bytes(image_bytes(200, 150))         # now beyond the limit
    try:
        build(content, tmp_path / "site", **settings)
        raise AssertionError("ciel.png dépasse la limite : la construction devait échouer")
    except Exception as error:        # noqa: BLE001 - the content error, whatever wraps it
        assert "articles/ciel.md" in str(error) and "mégapixels" in str(error), str(error)
    assert read == ["ciel.md"]

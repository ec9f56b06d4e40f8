"""A rebuild after changes (with the caches of the earlier build, into the same
output) gives exactly the files a clean full build gives, byte for byte."""

import io
from pathlib import Path

from PIL import Image

from conftest import build, write_content

THEMES = "- slug: biologie\n  label: Biologie\n  tags: [oiseaux]\n"
TOULOUSE = '{name: "Muséum", postcode: "31000", city: "Toulouse"}'


def photo(color):
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 700), color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def article(title, body, tags="[oiseaux]", **fields):
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return (f'---\ntitle: "{title}"\ndate: 2026-10-0{len(title) % 9 + 1}\nauthors: ["Léa Bernard"]\n'
            f"tags: {tags}\n{extra}---\n{body}\n")


FILES = {
    "themes.yaml": THEMES,
    "images/heron.jpg": photo((90, 120, 160)),
    "articles/heron.md": article("Le héron cendré revient", "Au bord de la Garonne.\n\n![Un héron](heron.jpg)",
                                 image="heron.jpg", image_alt='"Un héron sur une patte"'),
    "articles/mesanges.md": article("Compter les mésanges", "Un comptage participatif."),
    "articles/a-renommer.md": article("Les martinets", "Ils volent sans se poser."),
    "events/sortie.md": ('---\ntitle: "Sortie ornithologique"\nstart: 2026-12-05 09:00\nend: 2026-12-05 12:00\n'
                         f"location: {TOULOUSE}\ntags: [oiseaux]\n---\nJumelles fournies.\n"),
    "resources/guide.md": ('---\ntitle: "Guide des oiseaux des jardins"\ndate: 2026-09-01\n'
                           "resource_type: guide\ntags: [oiseaux]\n---\nÀ imprimer.\n"),
    "actors/lpo.md": f'---\ntitle: "Ligue des oiseaux"\nactor_type: association\nlocation: {TOULOUSE}\n---\nTexte.\n',
}


def tree(folder):
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(Path(folder).rglob("*")) if path.is_file()}


def test_rebuild_after_edits_additions_deletions_and_renames_equals_a_full_build(tmp_path):
    content = write_content(tmp_path / "content", FILES)
    output, cache = tmp_path / "output", tmp_path / "cache"
    settings = {"CONTENT_CACHE_PATH": str(cache / "contenus"), "IMAGE_CACHE_PATH": str(cache / "images")}
    build(content, output, **settings)
    before = tree(output)
    # A contributor's day: an edit, a new event, a deletion, a rename, a replaced photo.
    write_content(content, {
        "articles/mesanges.md": article("Compter les mésanges bleues", "Un comptage participatif, **samedi**."),
        "events/conference.md": ('---\ntitle: "Conférence sur les migrations"\nstart: 2026-12-10 18:30\n'
                                 f"location: {TOULOUSE}\ntags: [oiseaux]\n---\nEntrée libre.\n"),
        "images/heron.jpg": photo((160, 120, 90)),
    })
    (content / "resources" / "guide.md").unlink()
    (content / "articles" / "a-renommer.md").rename(content / "articles" / "martinets.md")
    build(content, output, **settings)
    incremental = tree(output)
    full = tree(build(content, tmp_path / "full", CONTENT_CACHE_PATH=str(tmp_path / "fresh" / "contenus"),
                      IMAGE_CACHE_PATH=str(tmp_path / "fresh" / "images")))
    assert incremental.keys() == full.keys()
    assert [name for name in full if incremental[name] != full[name]] == []
    # The changes really happened, and the caches were really used.
    assert incremental != before
    assert "ressources/guide-des-oiseaux-des-jardins/index.html" in before
    assert "ressources/guide-des-oiseaux-des-jardins/index.html" not in incremental
    assert "evenements/conference-sur-les-migrations/index.html" in incremental
    assert any("bleues" in name for name in incremental)
    assert (cache / "contenus" / "markdown.json").exists() and any((cache / "images").iterdir())

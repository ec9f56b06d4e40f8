"""Broken and hostile files, as anyone can send them in a pull request.

Each broken file gets a French error naming the file and the field (or is
accepted when harmless: a BOM, CRLF line endings, a very long line), from the
check and from the build alike, in one run that reports them all: never a
traceback, never a hang. Nothing is read from or written to outside content/
and the output folder: slugs, URL-like fields, image paths, actor references
and symbolic links are all kept in.
"""

import subprocess
import sys

import pytest

from conftest import ROOT, build, image_bytes, page, write_content

ARTICLE = '---\ntitle: "{title}"\ndate: 2026-10-01\nauthors: ["Ada"]\n{extra}---\nTexte de l\'article.\n'


def article(title="Un article", extra="", body=None):
    text = ARTICLE.format(title=title, extra=extra)
    return text if body is None else text.replace("Texte de l'article.\n", body)


def billion_laughs():
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    return article(extra="\n".join(lines) + "\ntags: *l9\n")


# file -> (bytes, (line, field, words of the message)); a BOM, CRLF and long lines pass.
BROKEN = {
    "articles/latin1.md": (article("Café").encode("latin-1"), (2, "(fichier)", "pas encodé en UTF-8")),
    "articles/binaire.md": (image_bytes(), (1, "(fichier)", "pas encodé en UTF-8")),
    "articles/vide.md": (b"", (1, "(fichier)", "le fichier est vide")),
    "articles/blancs.md": (b" \n\n\t\n", (1, "(fichier)", "le fichier est vide")),
    "articles/non-ferme.md": (b'---\ntitle: "X"\ndate: 2026-10-01\n', (1, "(en-tête)", "jamais fermé")),
    "articles/liste.md": (b"---\n- title\n- date\n---\nTexte.\n", (2, "(en-tête)", "suite de champs")),
    "articles/bombe.md": (billion_laughs().encode(), (5, "(en-tête)", "ancres et alias YAML")),
    "articles/tabulations.md": (b'---\ntitle: "X"\n\tdate: 2026-10-01\n---\nTexte.\n',
                                (3, "(en-tête)", "commence par une tabulation")),
    "articles/doublon.md": (article(extra='title: "Encore"\n').encode(), (5, "title", "écrit deux fois")),
    "articles/enorme.md": (article().encode() + b"x" * 50_000_000, (1, "(fichier)", "50 Mo")),
    "articles/controle.md": (article(body="Un caractère \x07 caché.\n").encode(),
                             (6, "(fichier)", "caractère de contrôle invisible (U+0007)")),
    "articles/titre-echappe.md": (article(title="Titre \\x1b[31m").encode(), (2, "title", "caractère de contrôle")),
    "articles/cle-nombre.md": (b"---\n1: x\ntitle: X\n---\nTexte.\n", (2, "(en-tête)", "nom de champ invalide")),
    "articles/titre-liste.md": (b"---\ntitle: [a, b]\ndate: 2026-10-01\nauthors: [Ada]\n---\nTexte.\n",
                                (2, "title", "doit être un texte")),
    "articles/titre-enorme.md": (article(title="x" * 100_000).encode(), (2, "title", "au plus 200")),
    "events/lieu-liste.md": (b'---\ntitle: "E"\nstart: 2026-12-01 10:00\nlocation: [1, 2]\n---\nTexte.\n',
                             (4, "location", "")),
    "events/date-folle.md": (b'---\ntitle: "E"\nstart: 2026-13-45 99:99\nlocation: {name: M, city: Albi}\n---\nx\n',
                             (3, "start", "date")),
}
HARMLESS = {
    "articles/bom.md": ("\ufeff" + article("Avec BOM")).encode(),
    "articles/crlf.md": article("Fins de ligne Windows").replace("\n", "\r\n").encode(),
    "articles/cr.md": article("Fins de ligne Mac").replace("\n", "\r").encode(),
    "articles/longue-ligne.md": article("Une ligne très longue", body="mot " * 250_000 + "\n").encode(),
    "articles/titre-plie.md": article("Titre\\nsur deux lignes").encode(),
}


def run(*command, cwd):
    """A command line, with a time limit: a hang fails the test instead of the CI."""
    return subprocess.run([sys.executable, *command], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def broken_content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    return write_content(folder / "content", {**{name: data for name, (data, _) in BROKEN.items()}, **HARMLESS})


def assert_each_file_named(output):
    for name, (_, (line, field, words)) in BROKEN.items():
        expected = f"content/{name}:{line}: {field}: "
        matching = [text for text in output.splitlines() if text.startswith(expected)]
        assert matching and words in matching[0], (name, expected, output[-3000:])
    for name in HARMLESS:
        assert f"content/{name}:" not in output, output
    assert "Traceback" not in output


def test_the_check_names_every_broken_file_in_one_run_and_accepts_the_harmless_ones(broken_content):
    result = run("-m", "invoke", "--search-root", str(ROOT), "check", "--content", "content",
                 cwd=broken_content.parent)
    assert result.returncode == 1
    assert_each_file_named(result.stdout + result.stderr)
    assert f"dans {len(BROKEN)} fichiers" in result.stdout


def test_the_build_stops_with_the_same_french_list_and_no_traceback(broken_content):
    result = run("-m", "pelican", "content", "-o", "sortie", "-s", str(ROOT / "pelicanconf.py"),
                 "-e", f'THEME="{ROOT / "theme"}"', f'PLUGIN_PATHS=["{ROOT / "plugins"}"]',
                 'INCREMENTAL_STATE_PATH="etat.json"', 'CACHE_PATH="cache"',
                 cwd=broken_content.parent)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "erreurs dans les contributions" in output
    assert_each_file_named(" ".join(output.split()).replace(" content/", "\ncontent/"))


def test_harmless_oddities_are_built_as_ordinary_articles(tmp_path):
    output = build(write_content(tmp_path / "content", HARMLESS), tmp_path / "output")
    titles = {page(output, f"actualites/{slug}/").h1.get_text() for slug in
              ("avec-bom", "fins-de-ligne-windows", "fins-de-ligne-mac", "une-ligne-tres-longue",
               "titre-sur-deux-lignes")}
    assert titles == {"Avec BOM", "Fins de ligne Windows", "Fins de ligne Mac", "Une ligne très longue",
                      "Titre sur deux lignes"}
    assert page(output, "actualites/une-ligne-tres-longue/").select_one(".prose").get_text().count("mot") == 250_000


# --- Paths ------------------------------------------------------------------

def check_output(content, capsys):
    from content_model.check import main
    code = main([str(content)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("slug", ["../../etc", "/etc/passwd", "%2e%2e%2fetc", "..\\..\\etc", "a/b", "C:\\x",
                                  ".", "..", "x/../../y", "\u2215etc"])
def test_slugs_that_could_leave_their_folder_are_refused(tmp_path, capsys, slug):
    content = write_content(tmp_path / "content", {"articles/x.md": article(extra=f"slug: {slug!r}\n")})
    code, out = check_output(content, capsys)
    assert code == 1 and "content/articles/x.md:5: slug: " in out.replace(str(tmp_path) + "/", ""), out


@pytest.mark.parametrize("value", ["../../outside.png", "../../../outside.png", "%2e%2e/%2e%2e/outside.png",
                                   "..\\..\\outside.png", "/tmp/outside.png", "images/../../outside.png",
                                   "C:\\outside.png", "file:///tmp/outside.png", "\\\\serveur\\outside.png"])
def test_image_paths_outside_content_are_refused(tmp_path, capsys, value):
    (tmp_path / "outside.png").write_bytes(image_bytes())
    content = write_content(tmp_path / "content", {
        "articles/x.md": article(extra=f"image: {value!r}\nimage_alt: \"Une image\"\n",
                                 body=f"![Une image]({value})\n")})
    code, out = check_output(content, capsys)
    assert code == 1
    assert ": image: " in out and ": (texte): " in out, out


def test_symbolic_links_are_refused_whatever_they_point_to(tmp_path, capsys):
    outside = write_content(tmp_path / "ailleurs", {"article.md": article("Venu d'ailleurs"),
                                                    "photo.png": image_bytes(),
                                                    "dossier/autre.md": article("Autre")})
    content = write_content(tmp_path / "content", {"articles/ici.md": article("Ici")})
    (content / "articles" / "lien.md").symlink_to(outside / "article.md")
    (content / "articles" / "dossier").symlink_to(outside / "dossier")
    (content / "images").mkdir()
    (content / "images" / "photo.png").symlink_to(outside / "photo.png")
    (content / "images" / "galerie").symlink_to(outside)
    code, out = check_output(content, capsys)
    assert code == 1
    for name in ("articles/lien.md", "articles/dossier", "images/photo.png", "images/galerie"):
        assert [line for line in out.splitlines() if f"content/{name}:" in line and "lien symbolique" in line], name
    assert "Venu d'ailleurs" not in out


def test_fields_pelican_would_obey_are_ignored_and_nothing_lands_outside_the_output(tmp_path):
    hostile = {
        # Pelican's own header form, with the metadata Pelican itself would use to place a page.
        "articles/natif.md": "Title: Natif\nDate: 2026-10-01\nAuthor: Ada\nSlug: natif\n"
                             "Save_as: ../../evade.html\nUrl: ../../evade.html\nTemplate: ../../../etc/passwd\n"
                             "Status: published\n\nTexte.\n",
        "articles/yaml.md": article("En YAML", extra="save_as: ../../evade2.html\nurl: ../evade2/\n"
                                                     "tags: [\"../../etc\", \"..\\\\..\\\\win\", \"%2e%2e\"]\n"),
        "events/e.md": '---\ntitle: "E"\nstart: 2026-12-01 10:00\nlocation: {name: "../../../etc", '
                       'city: "../../x"}\norganizer: "../../etc/passwd"\n---\nTexte.\n',
    }
    content = write_content(tmp_path / "content", hostile)
    output = build(content, tmp_path / "output")
    written = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()}
    elsewhere = {name for name in written if not name.startswith(("content/", "output/"))}
    assert elsewhere <= {"output.build-state.json"}, elsewhere
    assert not [name for name in written if "evade" in name]
    assert page(output, "actualites/natif/").h1.get_text() == "Natif"
    assert page(output, "actualites/en-yaml/").h1.get_text() == "En YAML"
    tags = sorted(path.name for path in (output / "tags").iterdir() if path.is_dir())
    assert tags == sorted({"etc", "win", "2e2e"}), tags


def test_theme_slugs_are_checked_like_any_slug(tmp_path, capsys):
    content = write_content(tmp_path / "content", {
        "themes.yaml": "- slug: ../../evade\n  label: Évasion\n",
        "articles/x.md": article()})
    code, out = check_output(content, capsys)
    assert code == 1 and "themes.yaml:1: slug: « ../../evade » n'est pas un slug valide" in out

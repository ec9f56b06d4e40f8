"""The plugin contract (plugins/engine): every plugin but the content model can be left
out, and the site builds without what it adds, with no link left to it; the order of
PLUGINS changes nothing; a plugin that lacks what it needs is refused at start, before
any work, with a French message naming the plugin and what is missing."""

import subprocess
import sys
import textwrap

import pytest
from pelican import Pelican

from conftest import FIXED_NOW, ROOT, build, contribution, plugins_without, site_settings, write_content
from engine import ContractError
from link_check import main as link_check

PLUGINS = plugins_without()
# What each plugin adds that a reader would look for first: gone when it is left out.
ITS_FILES = {
    "images": "images", "agenda": "agenda/index.html", "calls": "annonces/index.html",
    "maps": "carte/index.html", "themes": "thematiques/index.html", "territories": "territoires/index.html",
    "digest": "lettre/index.html", "feeds": "flux/index.html", "search": "recherche/index.html",
    "admin": "admin/index.html", "seo": "sitemap.xml", "fonts": "theme/fonts/fonts.css",
    "directory": "projets/projets.json",
}
# Plugins that refuse to start without another: (left out) -> the plugins named in the refusal.
# None today: each reads what the others add only when they are there.
EXPECTED_REFUSALS = {}


def tree(output):
    return {str(path.relative_to(output)): path.read_bytes() for path in sorted(output.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    return build(ROOT / "content", tmp_path_factory.mktemp("complet") / "sortie")


@pytest.mark.slow
@pytest.mark.parametrize("left_out", [name for name in PLUGINS if name != "content_model"])
def test_each_plugin_can_be_left_out_and_leaves_no_link_behind(left_out, full_site, tmp_path):
    assert left_out in PLUGINS
    if left_out in EXPECTED_REFUSALS:
        with pytest.raises(ContractError) as refusal:
            build(ROOT / "content", tmp_path / "sortie", PLUGINS=plugins_without(left_out))
        assert all(f"« {name} »" in str(refusal.value) for name in EXPECTED_REFUSALS[left_out])
        return
    output = build(ROOT / "content", tmp_path / "sortie", PLUGINS=plugins_without(left_out))
    files = tree(output)
    assert len(files) > 100 and "index.html" in files
    if left_out in ITS_FILES:
        assert (full_site / ITS_FILES[left_out]).exists() and not (output / ITS_FILES[left_out]).exists()
    if left_out == "related":
        article = "actualites/fete-de-la-science-2026-180-000-visiteurs-en-occitanie/index.html"
        assert "a-voir-aussi" in (full_site / article).read_text() and "a-voir-aussi" not in files[article].decode()
    assert set(files) <= set(tree(full_site))
    assert link_check([str(output), "--site-url", "https://sciences-en-partage.example.org"]) == 0


@pytest.mark.slow
def test_the_order_of_plugins_changes_nothing(full_site, tmp_path):
    reversed_order = [PLUGINS[0], *reversed(PLUGINS[1:])]
    output = build(ROOT / "content", tmp_path / "sortie", PLUGINS=reversed_order)
    expected, built = tree(full_site), tree(output)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def test_without_the_content_model_every_plugin_refuses_before_any_work(tmp_path):
    with pytest.raises(ContractError) as refusal:
        Pelican(site_settings(ROOT / "content", tmp_path / "sortie", PLUGINS=plugins_without("content_model")))
    message = str(refusal.value)
    for name in PLUGINS[1:]:
        assert f"« {name} » ne fonctionne pas sans l'extension « content_model », absente de PLUGINS" in message
    assert "ajoutez « content_model » à PLUGINS" in message
    assert not (tmp_path / "sortie").exists()


def write_plugin(folder, name, declaration, code=""):
    """A plugin package (Python keeps each module it imports: one name per test)."""
    package = folder / name
    package.mkdir(parents=True)
    source = ["from engine import Keys, Plugin", "from pelican.generators import Generator",
              textwrap.dedent(code), f"PLUGIN = Plugin({declaration})", "register = PLUGIN.register", ""]
    (package / "__init__.py").write_text("\n".join(source), encoding="utf-8")
    return folder


def extra_plugin_settings(tmp_path, name, declaration, code="", **override):
    """The site's plugins and one more, over two articles."""
    folder = write_plugin(tmp_path / "extensions", name, declaration, code)
    content = write_content(tmp_path / "contenu", {f"articles/{slug}.md": contribution(slug, "2026-10-01", authors="[A]")
                                                   for slug in ("un", "deux")})
    return site_settings(content, tmp_path / "sortie", PLUGIN_PATHS=[str(ROOT / "plugins"), str(folder)],
                         PLUGINS=[*PLUGINS, name], **override)


def test_a_plugin_reading_what_a_left_out_one_provides_names_it(tmp_path):
    settings = extra_plugin_settings(tmp_path, "programme", '"programme", needs=Keys(context=("agenda",), settings=("MAP_URL",))')
    settings["PLUGINS"] = [name for name in settings["PLUGINS"] if name not in ("agenda", "maps")]
    with pytest.raises(ContractError) as refusal:
        Pelican(settings)
    message = str(refusal.value)
    assert ("« programme » lit la clé de contexte « agenda », que fournit l'extension « agenda », absente de "
            "PLUGINS : ajoutez « agenda » à PLUGINS (pelicanconf.py), ou retirez « programme »") in message
    assert "« programme » lit le réglage « MAP_URL », que fournit l'extension « maps »" in message


def test_a_need_nobody_provides_is_refused(tmp_path):
    with pytest.raises(ContractError) as refusal:
        Pelican(extra_plugin_settings(tmp_path, "programme_du_jour", '"programme_du_jour", '
                                      'needs=Keys(attributes=("programme",))'))
    assert "« programme_du_jour » lit l'attribut de contenu « programme », qu'aucune extension ne fournit" \
        in str(refusal.value)


def test_plugins_that_need_each_other_in_a_circle_are_refused(tmp_path):
    folder = write_plugin(tmp_path / "extensions", "poule", '"poule", needs=Keys(context=("oeuf",)), provides=Keys(context=("poule",))')
    write_plugin(folder, "oeuf", '"oeuf", needs=Keys(context=("poule",)), provides=Keys(context=("oeuf",))')
    settings = site_settings(ROOT / "content", tmp_path / "sortie", PLUGIN_PATHS=[str(ROOT / "plugins"), str(folder)],
                             PLUGINS=[*PLUGINS, "poule", "oeuf"])
    with pytest.raises(ContractError) as refusal:
        Pelican(settings)
    assert "« oeuf », « poule » dépendent les unes des autres en cercle" in str(refusal.value)


UNDECLARED = """
class Stamps(Generator):
    def generate_context(self):
        for item in self.context["articles"]:
            item.tampon = "vu"
        self.context["tampons"] = len(self.context["articles"])
"""


def test_a_plugin_adding_what_it_does_not_declare_stops_the_build(tmp_path):
    settings = extra_plugin_settings(tmp_path, "tampons", '"tampons", Stamps, needs=Keys(context=("articles",))',
                                     UNDECLARED)
    with pytest.raises(ContractError) as refusal:
        Pelican(settings).run()
    message = str(refusal.value)
    assert "L'extension « tampons » ne fait pas ce que déclare son PLUGIN" in message
    assert "la clé de contexte « tampons », ajoutée sans être déclarée" in message
    assert "l'attribut « tampon » posé sur articles/deux.md sans être déclaré" in message
    declared = extra_plugin_settings(tmp_path / "bis", "tampons_declares", '"tampons_declares", Stamps, '
                                     'needs=Keys(context=("articles",)), '
                                     'provides=Keys(context=("tampons",), attributes=("tampon",))', UNDECLARED)
    Pelican(declared).run()


@pytest.mark.slow
def test_the_command_line_refuses_in_french_without_a_traceback(tmp_path):
    plugins = ", ".join(f'"{name}"' for name in plugins_without("content_model"))
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(tmp_path / "sortie"), "-s",
         str(ROOT / "pelicanconf.py"), "-e", f"PLUGINS=[{plugins}]"],
        capture_output=True, text=True, timeout=120)
    out = " ".join((result.stdout + result.stderr).split())     # Pelican's log wraps lines
    assert result.returncode == 1
    assert "ne fonctionne pas sans l'extension « content_model »" in out
    assert "Traceback" not in out and "File \"" not in out
    assert not (tmp_path / "sortie").exists()


@pytest.mark.slow
def test_the_last_line_of_a_build_says_what_was_built(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(tmp_path / "sortie"), "-s",
         str(ROOT / "pelicanconf.py"), "-e", f'INCREMENTAL_STATE_PATH="{tmp_path / "etat.json"}"',
         f'CACHE_PATH="{tmp_path / "cache"}"', f'AGENDA_NOW="{FIXED_NOW}"'],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith(f"Site construit dans {tmp_path / 'sortie'} en ")
    assert "12 actualités" in last and "14 événements" in last and "fichiers dans le site" in last
    assert "Processed" not in result.stdout

"""`invoke new-site FOLDER`: a new site of the network, which uses this engine without copying
it. A site is its content/ and a few settings (name, region, public address, map); its
pelicanconf.py loads the engine's and says only those, its tasks.py gives the engine's tasks
(invoke --list), its workflow publishes it every night after fetching its network's sources.
The engine is found at the relative path written in both files (a git submodule `moteur/`
in a repository of its own, or the engine's repository around `sites/NAME/`), or at $MOTEUR.
"""

import os
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))

from content_model.kinds import fold  # noqa: E402
from content_model.territories import FRANCE_BOUNDS, REGION_BOUNDS  # noqa: E402

ENGINE = Path(__file__).resolve().parent.parent
SEED_PAGES = ("a-propos.md", "charte.md", "contribuer.md")

PELICANCONF = '''"""Réglages du site « {name} », fait avec le moteur Sciences en partage.

Le moteur donne tous les réglages (son pelicanconf.py et ceux de ses plugins) ; ce fichier
ne dit que ce qui est propre au site. Le moteur est au chemin ci-dessous, ou à $MOTEUR.
"""

import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.abspath(os.environ.get("MOTEUR") or os.path.join(HERE, {engine!r}))
_spec = importlib.util.spec_from_file_location("moteur_pelicanconf", os.path.join(ENGINE, "pelicanconf.py"))
_engine = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_engine)
globals().update({{key: value for key, value in vars(_engine).items() if key.isupper()}})
THEME = os.path.join(ENGINE, "theme")

SITENAME = {name!r}
SITESUBTITLE = {subtitle!r}
SITEDESCRIPTION = {description!r}
PUBLIC_SITEURL = {url!r}
# The map opens on the region (south, west, north, east).
MAP_BOUNDS = {bounds!r}
# The repository the web form (/admin/) opens its pull requests on.
ADMIN_REPO = {repo!r}
'''

PUBLISHCONF = '''"""Réglages de la construction publique (`invoke publish`) : adresses absolues."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLIC_SITEURL  # noqa: F405
RELATIVE_URLS = False
STYLE_GUIDE_URL = None
DELETE_OUTPUT_DIRECTORY = True
'''

TASKS = '''"""Les tâches du moteur (`invoke --list`), pour ce site : le moteur lit les réglages,
le contenu et la sortie de ce dossier."""

import os
import runpy

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["SITE"] = HERE
ENGINE = os.path.abspath(os.environ.get("MOTEUR") or os.path.join(HERE, {engine!r}))
globals().update({{name: value for name, value in runpy.run_path(os.path.join(ENGINE, "tasks.py")).items()
                  if not name.startswith("_")}})
'''

NETWORK = '''# Les sites frères et autres sources d'événements que ce site rassemble sur /reseau/
# (format : CONTRIBUTING.md du moteur, « Le réseau »). Une entrée par source :
#
# - name: "Échosciences Grenoble"
#   region: "Auvergne-Rhône-Alpes"
#   url: "https://grenoble.example.org/"
'''

GITIGNORE = "output/\ncache/\ndonnees-reseau/\n__pycache__/\n*.pyc\napercu/\n"

README = '''# {name}

Le site de la culture scientifique en {region}, fait avec le moteur
[Sciences en partage]({engine_url}) : ce dépôt n'a que son contenu (`content/`) et ses
réglages (`pelicanconf.py`) ; le moteur est dans `{engine}`. Pour un dépôt neuf :

```sh
git init && git submodule add https://github.com/sciences-en-partage/site moteur
```

puis, sur GitHub, « Settings › Pages › Source : GitHub Actions » : `.github/workflows/publication.yml`
publie le site à chaque envoi sur `main` et chaque nuit (les sources de `content/network.yaml`
d'abord ; une clé OpenAgenda dans le secret `OPENAGENDA_KEY` si un agenda en demande une).

```sh
pip install -e {engine} && invoke setup build serve
```

construit le site et le sert sur <http://localhost:8000>. `invoke --list` donne toutes les
tâches du moteur (vérifier une contribution, le formulaire, la lettre…) ; elles lisent ce
dossier. Pour contribuer : `{engine}/CONTRIBUTING.md`.
'''


def workflow(engine):
    """The site's nightly publication: fetch its network's sources, then build and publish."""
    engine = engine.rstrip("/")
    return f'''# Publication de ce site, à chaque changement et chaque nuit : les sources du réseau
# (content/network.yaml) sont relues d'abord ; leurs dernières bonnes copies sont gardées
# d'une exécution à l'autre (elles ne se refont pas depuis le dépôt).
name: Publication

on:
  push:
    branches: [main]
  schedule:
    - cron: "5 23 * * *"
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4.2.2
        with:
          fetch-depth: 0
          submodules: true
      - uses: actions/setup-python@v5.6.0
        with:
          python-version: "3.11"
      - uses: actions/setup-node@v4.4.0
        with:
          node-version: "20"
      - name: Installation
        run: pip install -e {engine} && invoke setup
      - name: Copies des sources du réseau
        uses: actions/cache@v4.2.3
        with:
          path: donnees-reseau
          key: reseau-${{{{ github.run_id }}}}
          restore-keys: reseau-
      - name: Sources du réseau
        run: invoke network-fetch
        env:
          OPENAGENDA_KEY: ${{{{ secrets.OPENAGENDA_KEY }}}}
      - name: Construction du site public
        run: invoke publish
      - uses: actions/upload-pages-artifact@v3.0.1
        with:
          path: output/

  deploy:
    needs: build
    runs-on: ubuntu-24.04
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4.0.5
'''


def region_named(region):
    """The region as the engine spells it (accents and case free), or None for a national site."""
    if region is None or fold(region) in ("france", "national", "nationale"):
        return None
    for known in REGION_BOUNDS:
        if fold(known) == fold(region):
            return known
    raise ValueError(f"« {region} » n'est pas une région : choisissez parmi " + ", ".join(REGION_BOUNDS)
                     + ", ou « France » pour un site national")


def create_site(folder, name, region, url, repo=None, engine=None, submodule=False):
    """Writes a new site in `folder` (which must not exist or be empty); returns its path.
    submodule: the site finds the engine in its own `moteur/` (a git submodule of its repository)."""
    folder = Path(folder).resolve()
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} existe déjà et n'est pas vide : choisissez un dossier neuf")
    if not re.match(r"^https?://[^\s/]+", url or ""):
        raise ValueError(f"« {url} » n'est pas l'adresse publique d'un site : écrivez https://…")
    region = region_named(region)
    engine_path = Path(engine).resolve() if engine else ENGINE
    if not (engine_path / "pelicanconf.py").exists() or not (engine_path / "plugins").is_dir():
        raise ValueError(f"{engine_path} n'est pas le moteur (pas de pelicanconf.py ni de plugins/)")
    relative = "moteur" if submodule else os.path.relpath(engine_path, folder)
    where = f"en {region}" if region else "en France"
    values = {
        "name": name, "engine": relative, "url": url.rstrip("/"), "region": region or "France",
        "subtitle": f"Le média participatif de la culture scientifique {where}",
        "description": (f"Actualités, agenda, ressources et acteurs de la culture scientifique {where}, "
                        "écrits par celles et ceux qui la font."),
        "bounds": REGION_BOUNDS[region] if region else FRANCE_BOUNDS,
        "repo": repo or f"sciences-en-partage/{fold(name).replace(' ', '-')}",
        "engine_url": "https://github.com/sciences-en-partage/site",
    }
    content = folder / "content"
    (content / "pages").mkdir(parents=True, exist_ok=True)
    shutil.copy(ENGINE / "content" / "themes.yaml", content / "themes.yaml")
    for page in SEED_PAGES:
        text = (ENGINE / "content" / "pages" / page).read_text(encoding="utf-8")
        text = text.replace("Sciences en partage", name).replace("en Occitanie", where)
        (content / "pages" / page).write_text(text, encoding="utf-8")
    (content / "network.yaml").write_text(NETWORK, encoding="utf-8")
    for kind in ("articles", "events", "resources", "actors", "images"):
        (content / kind).mkdir(exist_ok=True)
        (content / kind / ".gitkeep").write_text("", encoding="utf-8")
    (folder / "pelicanconf.py").write_text(PELICANCONF.format(**values), encoding="utf-8")
    (folder / "publishconf.py").write_text(PUBLISHCONF, encoding="utf-8")
    (folder / "tasks.py").write_text(TASKS.format(**values), encoding="utf-8")
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (folder / "README.md").write_text(README.format(**values), encoding="utf-8")
    if submodule:       # a repository of its own (in the engine's, reseau.yml builds sites/NAME/)
        (folder / ".github" / "workflows").mkdir(parents=True, exist_ok=True)
        (folder / ".github" / "workflows" / "publication.yml").write_text(
            workflow(relative), encoding="utf-8")
    return folder

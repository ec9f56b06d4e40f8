"""Tasks of the site (`invoke --list`), after Pelican's quickstart tasks.py.

  invoke setup [--tests]     npm libraries (unless installed already); with --tests, chromium, Java, feed validator
  invoke new TYPE "Titre"    a new contribution with every field, to fill in
  invoke check               check every contribution, without building
  invoke network-fetch       fetch the sources of content/network.yaml into the network's store
  invoke new-site FOLDER     a new site of the network (its content and settings), using this engine
  invoke build               check, then build the site into output/
  invoke serve               serve output/ at http://localhost:8000
  invoke livereload          rebuild on every change and reload the browser
  invoke cms                 the web form on this machine: decap-server (local git) and the site, live
  invoke publish             check, then build with publishconf.py (absolute URLs)
  invoke digest [--week AAAA-SS]  build, then write that week's digest as an e-mail (.eml)
  invoke linkcheck [--online] build, then check every internal link, image and anchor of output/
  invoke feedcheck           build the public site, then validate every feed (W3C validator, offline)
  invoke docs [--check]      write the docs' tables of types and fields from the model
  invoke screenshots         build, then screenshot every kind of page (phone, desktop, light, dark)
  invoke lighthouse          build, then Lighthouse on each kind of page: 100 everywhere, no layout shift
  invoke clean               delete output/ and the cache
  invoke test [--quick]      run the whole test suite (--quick: no browser, no slow test, under a minute)
  invoke bench [--large]     this site against vanilla Pelican, N=1000 and 5000 (and 20000)
  invoke bench-search        search index build time and first-query download, N=1000 and 5000
  invoke bench-images        200 camera photos: images processing time, cold and warm cache
  invoke bench-check         invoke check on a fresh clone with the N=1000 corpus and 3 errors
"""

import functools
import hashlib
import logging
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

ROOT = os.path.dirname(os.path.abspath(__file__))
# The site the tasks work on: this repository's, or another site of the network that uses this
# engine (its tasks.py sets SITE to its folder: tools/new_site.py).
SITE = os.path.abspath(os.environ.get("SITE") or ROOT)
sys.path.insert(0, os.path.join(ROOT, "plugins"))

from content_model.check import main as check_main  # noqa: E402
from content_model.scaffold import TYPE_WORDS, new_contribution  # noqa: E402

SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(os.path.join(SITE, SETTINGS_FILE_BASE))}
CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    "content": SETTINGS["PATH"],
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    "host": "localhost",
    "port": 8000,
}
BROWSER_PACKAGES = {"/usr/bin/chromium": "chromium", "/usr/bin/java": "default-jre-headless"}


def npm_install(c, folder):
    """`npm ci` in `folder`, unless its node_modules is already what its package-lock.json says."""
    lock = Path(folder, "package-lock.json").read_bytes()
    stamp = Path(folder, "node_modules", ".installe-depuis")
    if stamp.exists() and stamp.read_text(encoding="utf-8") == hashlib.sha256(lock).hexdigest():
        return
    with c.cd(folder):
        c.run("npm ci --no-audit --no-fund --loglevel=error")
    stamp.write_text(hashlib.sha256(lock).hexdigest(), encoding="utf-8")


@task(help={"tests": "aussi les outils de test : Chromium et Java de Debian, le validateur de flux du W3C"})
def setup(c, tests=False):
    """Install the npm libraries (unless node_modules is already what package-lock.json says);
    with --tests, Debian's chromium and Java and the W3C feed validator too."""
    npm_install(c, ROOT)
    if tests:
        missing = [pkg for path, pkg in BROWSER_PACKAGES.items() if not os.path.exists(path)]
        if missing:
            sudo = "" if os.geteuid() == 0 else "sudo "
            c.run(f"{sudo}apt-get update -q && {sudo}apt-get install -y -q {' '.join(missing)}")
        from feed_check import VALIDATOR, install
        if os.path.isdir(VALIDATOR):
            install()
        else:
            print(f"Validateur de flux absent ({VALIDATOR}) : invoke feedcheck et ses tests ne pourront pas tourner.")


@task(optional=["changed_only"],
      help={"changed_only": "révision git (ex. origin/main ; sans valeur, le départ de la branche) : seulement "
                            "les fichiers modifiés depuis, et les règles entre fichiers partout",
            "github": "annotations GitHub Actions en plus (automatique dans GitHub Actions)"})
def check(c, content=None, changed_only=None, github=False):
    """Check every contribution; print each problem in French; fail if any error."""
    args = [content or os.path.join(SITE, CONFIG["content"])]
    if changed_only is True:
        args.append("--changed-only")
    elif changed_only:
        args += ["--changed-only", changed_only]
    if github or os.environ.get("GITHUB_ACTIONS") == "true":
        args.append("--github")
    code = check_main(args, SETTINGS)
    if code:
        raise Exit(code=code)


@task(help={"content": "dossier du contenu (content/ par défaut)",
            "data": "dossier des copies (NETWORK_DATA_PATH, par défaut donnees-reseau/ à côté du contenu)",
            "local": "accepte des sources sur le réseau local ou cette machine (tests, intranet)"})
def network_fetch(c, content=None, data=None, local=False):
    """Fetch what each source of content/network.yaml publishes into the network's store."""
    from network.fetch import main as fetch_main
    settings = {**SETTINGS, **({"NETWORK_ALLOW_PRIVATE_ADDRESSES": True} if local else {})}
    code = fetch_main(content or os.path.join(SITE, CONFIG["content"]), settings, data)
    if code:
        raise Exit(code=code)


@task(help={"folder": "le dossier du nouveau site (neuf ; sites/NOM dans ce dépôt, ou un dépôt à lui)",
            "name": "son nom, entre guillemets", "region": "sa région (« France » pour un site national)",
            "url": "son adresse publique (https://…)",
            "repo": "le dépôt GitHub où son formulaire ouvre ses pull requests",
            "submodule": "le site trouvera le moteur dans son propre moteur/ (sous-module git de son dépôt)"})
def new_site(c, folder, name, region, url, repo=None, submodule=False):
    """A new site of the network that uses this engine without copying it (tools/new_site.py)."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    from new_site import create_site
    try:
        made = create_site(folder, name, region, url, repo, submodule=submodule)
    except ValueError as error:
        raise Exit(f"invoke new-site : {error}", code=1) from None
    print(f"Site « {name} » écrit dans {made} : son contenu dans content/, ses réglages dans pelicanconf.py. "
          f"Depuis ce dossier : invoke build serve.")


@task(help={"kind": TYPE_WORDS, "title": "le titre, entre guillemets",
            "content": "dossier des contenus (content/ par défaut)"})
def new(c, kind, title, content=None):
    """Write a new contribution with every field of its type, ready to fill in."""
    try:
        path = new_contribution(content or os.path.join(SITE, CONFIG["content"]), kind, title)
    except ValueError as error:
        raise Exit(f"invoke new : {error}", code=1) from None
    print(f"Créé : {os.path.relpath(path)}\nRemplissez les champs vides, puis lancez `invoke check`.")


@task(help={"check": "ne réécrit rien : échoue si un fichier n'est plus à jour"})
def docs(c, check=False):
    """Write the parts of CONTRIBUTING.md, the PR template and the README that describe the model."""
    from content_model.docs import stale_files
    stale = stale_files(Path(ROOT), write=not check)
    for name in stale:
        print(f"{name} : {'pas à jour, lancez `invoke docs`' if check else 'réécrit'}")
    if check and stale:
        raise Exit(code=1)
    if not stale:
        print("La documentation du modèle est à jour.")


@task
def clean(c):
    """Remove the generated site and the cache."""
    for folder in (CONFIG["deploy_path"], "cache"):
        shutil.rmtree(os.path.join(SITE, folder), ignore_errors=True)


@task(pre=[check])
def build(c):
    """Build the development site into output/."""
    pelican_run(f"-s {CONFIG['settings_base']}")


@task(pre=[check])
def publish(c):
    """Build the public site (absolute URLs on the real domain)."""
    pelican_run(f"-s {CONFIG['settings_publish']}")


@task(help={"output": "dossier de l'aperçu (apercu/ par défaut)"})
def preview(c, output="apercu"):
    """The pull request's site, to open unzipped from the disk (links end in index.html); built
    without the files the check refuses, named in a banner on every page (then exit 1)."""
    from preview import main as preview_main

    def build_site(content, folder):
        pelican_run(f"{content} -s {CONFIG['settings_base']} -o {folder} --delete-output-directory")

    code = preview_main([os.path.join(SITE, CONFIG["content"]), os.path.join(SITE, output)], build_site)
    if code:
        raise Exit(code=code)


SCREENSHOTS = os.path.join(tempfile.gettempdir(), "captures-sciences-en-partage")


@task(pre=[build], help={"folder": f"où écrire les captures, hors du dépôt ({SCREENSHOTS})",
                         "only": "noms de pages, séparés par des virgules (accueil,agenda…)"})
def screenshots(c, folder=SCREENSHOTS, only=""):
    """Build, then take full-page screenshots of every kind of page, phone and desktop, light and dark."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    from screenshots import take
    written = take(os.path.join(SITE, CONFIG["deploy_path"]), folder, [name for name in only.split(",") if name])
    print(f"{len(written)} captures dans {folder}")


@task(help={"runs": "mesures par page (la médiane compte ; la meilleure pour la performance)",
            "only": "noms de pages, séparés par des virgules "
                    "(accueil, article, evenement, agenda, acteur, thematique, carte, recherche)"})
def lighthouse(c, runs=3, only=""):
    """Build the site (map tiles served locally), then Lighthouse on each kind of page a reader
    lands on: 100 in its four categories and no layout shift, or a non-zero exit."""
    npm_install(c, os.path.join(ROOT, "tools", "lighthouse"))
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import lighthouse as audit
    check(c)
    output = os.path.join(tempfile.gettempdir(), "sciences-en-partage-lighthouse")
    pelican_run(f"-s {CONFIG['settings_base']} -o {output} -e 'MAP_TILE_URL=\"{audit.TILE_URL}\"'")
    code = audit.main([output, "--runs", str(runs), *[name for name in only.split(",") if name]])
    if code:
        raise Exit(code=code)


@task(pre=[build], help={"online": "vérifie aussi les liens externes (réseau) ; ils ne font jamais échouer"})
def linkcheck(c, online=False):
    """Build, then check every internal link, image and anchor of output/ (external ones listed)."""
    from link_check import main
    args = [os.path.join(SITE, CONFIG["deploy_path"]), "--site-url", SETTINGS["PUBLIC_SITEURL"]]
    code = main(args + (["--online"] if online else []))
    if code:
        raise Exit(code=code)


@task(pre=[publish])
def feedcheck(c):
    """Build the public site, then run every feed through the W3C feed validator (offline)."""
    from feed_check import main
    code = main([os.path.join(SITE, CONFIG["deploy_path"]), "--site-url", SETTINGS["PUBLIC_SITEURL"]])
    if code:
        raise Exit(code=code)


@task(pre=[build], help={"week": "la semaine, AAAA-SS (par défaut : celle d'AGENDA_NOW, sinon la semaine en cours)"})
def digest(c, week=None):
    """Build, then write the week's digest as an e-mail (.eml: HTML and plain text) ready to send."""
    from digest.mail import week_of, write_email
    try:
        path = write_email(os.path.join(SITE, CONFIG["deploy_path"]), SETTINGS.get("DIGEST_URL", "lettre/"),
                           week or week_of(SETTINGS.get("AGENDA_NOW")))
    except FileNotFoundError as error:
        raise Exit(f"invoke digest : {error}", code=1) from None
    print(f"Lettre prête à envoyer : {os.path.relpath(path)} (et email.html, email.txt à côté)")


@task
def serve(c):
    """Serve output/ at http://localhost:8000."""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(os.path.join(SITE, CONFIG["deploy_path"]),
                                   (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler)
    sys.stderr.write(f"Site servi sur http://{CONFIG['host']}:{CONFIG['port']} (Ctrl-C pour arrêter)\n")
    server.serve_forever()


@task
def livereload(c):
    """Build, serve at http://localhost:8000, rebuild and reload on every save (tools/live)."""
    serve_live()


def serve_live(before_restart=None):
    from pelican.log import init as init_logging
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import live
    os.chdir(SITE)
    init_logging(level=logging.WARNING)
    site = live.LiveSite(os.path.join(SITE, CONFIG["settings_base"]),
                         report=functools.partial(print, file=sys.stderr, flush=True))
    live.serve(site, CONFIG["host"], CONFIG["port"], before_restart=before_restart)


@task
def cms(c):
    """Try the web form on one's own machine: Decap's local backend (decap-server, in git mode:
    each form saved is a cms/… branch of this repository, as online each is a pull request)
    and the site at http://localhost:8000, rebuilt on every change; the form is at /admin/."""
    import subprocess
    from urllib.parse import urlsplit

    from admin.settings import DEFAULT_SETTINGS
    npm_install(c, ROOT)
    port = urlsplit(SETTINGS.get("ADMIN_LOCAL_BACKEND", DEFAULT_SETTINGS["ADMIN_LOCAL_BACKEND"])).port
    server = subprocess.Popen(
        ["node", os.path.join(ROOT, "node_modules", "decap-server", "dist", "index.js")],
        env={**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": SITE, "PORT": str(port)})
    sys.stderr.write(f"Formulaire : http://{CONFIG['host']}:{CONFIG['port']}/admin/ (« Se connecter » suffit ici ; "
                     "chaque contenu enregistré est une branche cms/… de ce dépôt)\n")
    try:
        serve_live(before_restart=server.terminate)     # the restarted task starts it again
    finally:
        server.terminate()


@task(help={"quick": "sans les tests navigateur ni les tests lents : moins d'une minute",
            "args": "arguments de plus pour pytest, entre guillemets"})
def test(c, quick=False, args=""):
    """Run the whole test suite (pytest), or with --quick the tests that take no browser and no big build."""
    selection = '-m "not browser and not slow" ' if quick else ""
    # One worker per processor (pytest-xdist); a module's tests share their built sites.
    workers = f"-n {os.cpu_count()} --dist loadgroup " if (os.cpu_count() or 1) > 1 else ""
    with c.cd(ROOT):
        c.run(f"{sys.executable} -m pytest {workers}{selection}{args}", pty=False)


@task(help={"large": "ajoute N=20000", "repeats": "constructions par mesure (la meilleure compte)",
            "sizes": "tailles de corpus, séparées par des virgules"})
def bench(c, large=False, repeats=3, sizes="1000,5000"):
    """This site against vanilla Pelican on the same corpus: cold, warm, each kind of edit on the
    command line and at the dev server; tables and JSON."""
    sys.path[:0] = [os.path.join(ROOT, "tests")]
    from benchmarks.build import main
    main([int(size) for size in sizes.split(",")] + ([20000] if large else []), int(repeats))


@task
def bench_search(c, sizes="1000,5000"):
    """Search at N documents: index build time, first-query download (headless Chromium)."""
    sys.path[:0] = [os.path.join(ROOT, "tests")]
    from benchmarks.search import main
    main([int(size) for size in sizes.split(",")])


@task(help={"size": "documents de chacun des trois sites"})
def bench_network(c, size=1000):
    """A hub gathering three sister sites built from the bench corpus: fetch and build times."""
    sys.path[:0] = [os.path.join(ROOT, "tests")]
    from benchmarks.network import main
    main(int(size))


@task
def bench_images(c, count=200):
    """Build a site of COUNT 4000×3000 photos twice: processing time cold, then warm."""
    sys.path[:0] = [os.path.join(ROOT, "tests")]
    from benchmarks.images import main
    main(int(count))


@task
def bench_check(c, size=1000):
    """Time `invoke check` on a fresh clone: seed content, N corpus files, three errors in two files."""
    sys.path[:0] = [os.path.join(ROOT, "tests")]
    from benchmarks.check import main
    main(int(size))


def pelican_run(cmd):
    """Run Pelican in this process, from the site's folder; logged errors are fatal."""
    args = shlex.split(f"{cmd} {os.environ.get('PELICAN_EXTRA_ARGS', '')}") + ["--fatal", "errors"]
    cwd = os.getcwd()
    os.chdir(SITE)
    try:
        pelican_main(args)
    finally:
        os.chdir(cwd)

"""`invoke preview`: the site of a pull request as its contributor can open it, unzipped on
their own disk: every link to a page ends in index.html, so that it opens from the file
(the search, which reads its index over the network, says it needs a server).

When the check refuses files, the preview is still built, without them, and every page
says which ones are missing; the command then exits 1, so that the pull request stays red.

    python -m preview CONTENT OUTPUT [--settings pelicanconf.py]
"""

import argparse
import html
import os
import re
import shutil
import sys
import tempfile

from content_model.documents import check_site
from content_model.model import TYPES
from engine.french import counted

TYPE_FOLDERS = {ctype.folder for ctype in TYPES}      # what may be left out: contributions, not themes.yaml

# A link to a page of the site: relative, ending in "/" (before any query or fragment).
PAGE_LINK = re.compile(r'(<(?:a|form)\b[^>]*?\b(?:href|action)=")((?:\.{1,2}/|[\w-])[^":?#]*/|\./|\.\./)([?#][^"]*)?"')
BODY = re.compile(r"(<body\b[^>]*>)")


def file_links(text):
    """The page's links to pages as links to their index.html."""
    return PAGE_LINK.sub(lambda match: f'{match.group(1)}{match.group(2)}index.html{match.group(3) or ""}"', text)


def banner(refused):
    names = ", ".join(html.escape(name) for name in refused)
    return (f'<p class="banner banner--preview" role="status">Aperçu de la proposition sans '
            f'{counted(len(refused), "fichier refusé", "fichiers refusés")} par la vérification\u00a0: {names}. '
            f"Corrigez-{'le' if len(refused) == 1 else 'les'} (le détail de la vérification dit comment) pour "
            f"{'le' if len(refused) == 1 else 'les'} voir ici.</p>")


def refused_files(content):
    """The files of `content` the check refuses (paths relative to it), found again after
    each removal: a file that named a refused one may be refused in its turn."""
    refused = []
    for _ in range(10):
        _, problems = check_site(content)
        found = sorted({os.path.relpath(os.path.abspath(problem.path), content) for problem in problems
                        if problem.severity == "error"} - set(refused))
        if not found:
            return refused
        for name in found:
            if not os.path.isfile(os.path.join(content, name)) or name.split(os.sep)[0] not in TYPE_FOLDERS:
                raise SystemExit(f"Aperçu impossible : {name} est refusé et le site ne peut pas s'en passer ; "
                                 "corrigez-le d'abord (invoke check)")
            os.remove(os.path.join(content, name))
        refused += found
    return refused


def finish(output, refused):
    """Links to index.html and, if files were refused, the banner, on every page."""
    top = banner([name.replace(os.sep, "/") for name in refused]) if refused else ""
    for folder, _, files in os.walk(output):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    text = file_links(handle.read())
                if top:
                    text = BODY.sub(lambda match: match.group(1) + top, text, count=1)
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)


def build_preview(content, output, build):
    """Copies content/, leaves out what the check refuses, builds with `build(content, output)`,
    then finishes the pages. Returns the files left out."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "content")
        shutil.copytree(content, copy, symlinks=True)
        refused = refused_files(copy)
        build(copy, output)
    finish(output, refused)
    return refused


def main(argv=None, build=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("output")
    args = parser.parse_args(argv)
    refused = build_preview(os.path.abspath(args.content), os.path.abspath(args.output), build)
    if refused:
        left_out = counted(len(refused), "fichier refusé", "fichiers refusés")
        print(f"Aperçu construit dans {args.output} sans {left_out} : {', '.join(refused)}", file=sys.stderr)
        return 1
    print(f"Aperçu construit dans {args.output} : ouvrez index.html depuis le dossier, sans serveur.")
    return 0

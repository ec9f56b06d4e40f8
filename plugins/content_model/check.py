"""`invoke check`: validate every contribution without building the site.

Prints one line per problem, `path:line: field: what is wrong — how to fix it`,
errors first, then a French summary; exits 1 when there is any error.
"""

import argparse
import sys

from .documents import check_site
from .image_files import ImageLimits


def plural(count, word):
    return f"{count} {word}{'s' if count > 1 else ''}"


def report(documents, problems, out=None):
    out = out or sys.stdout
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in errors + warnings:
        print(problem, file=out)
    files = len({p.path for p in errors})
    summary = (f"{plural(len(errors), 'erreur')} dans {plural(files, 'fichier')}, "
               f"{plural(len(warnings), 'avertissement')} ; {plural(len(documents), 'fichier')} vérifié"
               f"{'s' if len(documents) > 1 else ''}.")
    print(("Contributions à corriger : " if errors else "Tout est en ordre : ") + summary, file=out)
    return 1 if errors else 0


def main(argv=None, settings=None):
    """settings: the site's (pelicanconf.py), for the image limits; defaults otherwise."""
    parser = argparse.ArgumentParser(description="Vérifie les contributions du dossier content/.")
    parser.add_argument("content", nargs="?", default="content", help="dossier des contenus")
    args = parser.parse_args(argv)
    documents, problems = check_site(args.content, ImageLimits.from_settings(settings or {}))
    return report(documents, problems)


if __name__ == "__main__":
    sys.exit(main())

"""`invoke check`: validate every contribution without building the site.

Prints one line per problem, `path:line: field: what is wrong — how to fix it`,
errors first, then a French summary; exits 1 when there is any error.
--github also prints each problem as a GitHub Actions annotation, shown on the
line of the pull request; --changed-only [BASE] shows only the problems of files
changed since BASE (by default, where the branch left the main one), and those of
the rules across files wherever they are: a renamed slug breaks references elsewhere.
"""

import argparse
import os
import subprocess
import sys

from engine.french import counted

from . import french_dates
from .describe import event_end
from .documents import Problem, check_site
from .image_files import ImageLimits
from .items import parse_now
from .model import deadline_instant


def escape_data(text):
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text):
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem):
    """The GitHub Actions workflow command that shows `problem` on its file and line."""
    level = "error" if problem.severity == "error" else "warning"
    where = f"file={escape_property(problem.path)}"
    if problem.line:
        where += f",line={problem.line}"
    return (f"::{level} {where},title={escape_property(problem.field)}::"
            f"{escape_data(f'{problem.message} — {problem.fix}')}")


def changed_files(content, base):
    """Absolute paths of the files under `content` changed since the git revision `base`."""
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True,
                         text=True, check=True).stdout.strip()
    names = subprocess.run(["git", "diff", "--name-only", "--diff-filter=d", f"{base}...HEAD", "--",
                            os.path.abspath(content)], cwd=top, capture_output=True, text=True,
                           check=True).stdout.split()
    untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--full-name",
                                "--", os.path.abspath(content)], cwd=top, capture_output=True,
                               text=True, check=True).stdout.split()
    return {os.path.join(top, name) for name in names + untracked}


def over_at_submission(documents, now):
    """Warnings for what is sent already over: an event that has ended, a call that has closed
    (with --changed-only: what a pull request brings, not the site's archives)."""
    found = []
    for document in documents:
        fields, name = document.fields, document.ctype.name
        if document.has_errors:
            continue
        if name == "event" and "start" in fields and event_end(fields["start"], fields.get("end"),
                                                                 fields["all_day"]) <= now:
            found.append(Problem(document.display_path, document.header.line_of("start") or
                                 document.header.line_of("sessions"), "start",
                                 f"cet événement est déjà passé ({french_dates.long_date(fields['start'])}) : il ne "
                                 "paraîtra que dans les archives de l'agenda", "vérifiez l'année et les dates ; pour "
                                 "raconter un événement passé, écrivez plutôt une actualité", severity="warning"))
        if name == "call" and "deadline" in fields and deadline_instant(fields["deadline"]) <= now:
            found.append(Problem(document.display_path, document.header.line_of("deadline"), "deadline",
                                 "la date limite est déjà passée : l'annonce paraîtra « Clôturée »",
                                 "vérifiez la date limite (deadline)", severity="warning"))
    return found


def merge_base(content):
    """Where this branch left the main one: origin/main if fetched, else main."""
    for branch in ("origin/main", "main", "origin/master", "master"):
        found = subprocess.run(["git", "merge-base", "HEAD", branch], cwd=content, capture_output=True, text=True)
        if found.returncode == 0:
            return found.stdout.strip()
    raise OSError("aucune branche main ni origin/main")


def report(documents, problems, out=None, github=False):
    out = out or sys.stdout
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in errors + warnings:
        print(problem, file=out)
        if github:
            print(annotation(problem), file=out)
    files = len({p.path for p in errors})
    checked = counted(len(documents), "fichier vérifié", "fichiers vérifiés")
    summary = (f"{counted(len(errors), 'erreur')} dans {counted(files, 'fichier')}, "
               f"{counted(len(warnings), 'avertissement')} ; {checked}.")
    print(("Contributions à corriger : " if errors else "Tout est en ordre : ") + summary, file=out)
    return 1 if errors else 0


def main(argv=None, settings=None):
    """settings: the site's (pelicanconf.py), for the image limits; defaults otherwise."""
    parser = argparse.ArgumentParser(description="Vérifie les contributions du dossier content/.")
    parser.add_argument("content", nargs="?", default="content", help="dossier des contenus")
    parser.add_argument("--github", action="store_true",
                        help="écrit aussi chaque problème comme annotation GitHub Actions")
    parser.add_argument("--changed-only", metavar="BASE", nargs="?", const="",
                        help="ne montre que les problèmes des fichiers modifiés depuis BASE (git ; par défaut, "
                             "depuis le point de départ de la branche), et ceux des règles entre fichiers")
    args = parser.parse_args(argv)
    documents, problems = check_site(args.content, ImageLimits.from_settings(settings or {}))
    if args.changed_only is not None:
        try:
            base = args.changed_only or merge_base(args.content)
            changed = changed_files(args.content, base)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"--changed-only : impossible de comparer avec « {args.changed_only or 'main'} » ({error}) ; "
                  "vérifiez que c'est une révision git connue (git fetch origin main)", file=sys.stderr)
            return 2
        documents = [d for d in documents if d.path in changed]
        problems = [p for p in problems if p.across or os.path.abspath(p.path) in changed]
        problems += over_at_submission(documents, parse_now((settings or {}).get("AGENDA_NOW")))
    return report(documents, problems, github=args.github)


if __name__ == "__main__":
    sys.exit(main())

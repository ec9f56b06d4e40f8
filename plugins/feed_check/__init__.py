"""`invoke feedcheck`: every Atom and RSS feed of a built site through the W3C Feed
Validation Service's own code, run offline (../shared/tools/feedvalidator, beside the
repository; its venv is made by `invoke setup --tests`, or here when it is missing).

A tool, not a Pelican plugin. Prints the validator's line per feed and the messages of
those with errors; exit code 1 if any feed has an error (warnings are reported, and
allowed, as on validator.w3.org/feed).
"""

import argparse
import os
import subprocess
import sys

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VALIDATOR = os.path.join(os.path.dirname(REPOSITORY), "shared", "tools", "feedvalidator")
VENV = os.environ.get("FEEDVALIDATOR_VENV", "/tmp/feedvalidator-venv")


class FeedCheckError(Exception):
    pass


def feed_files(output):
    """The site's feeds: every .xml file but the sitemap."""
    return sorted(os.path.join(root, name) for root, _, names in os.walk(output) for name in names
                  if name.endswith(".xml") and name != "sitemap.xml")


def install(venv=VENV):
    """The validator's venv, made if missing (its few dependencies come from PyPI)."""
    if not os.path.isdir(VALIDATOR):
        raise FeedCheckError(f"Le validateur de flux est introuvable ({VALIDATOR}) : le dossier ../shared doit "
                             "être à côté du dépôt.")
    if not os.path.exists(os.path.join(venv, "bin", "python")):
        subprocess.run(["bash", os.path.join(VALIDATOR, "install.sh"), venv], check=True, capture_output=True,
                       timeout=600)
    return venv


def validate(output, site_url, level="A", venv=VENV):
    """(exit code, report) of the validator over every feed of `output`, published under
    `site_url`; the feeds are shared out among one validator per processor."""
    feeds = feed_files(output)
    if not feeds:
        raise FeedCheckError(f"Aucun flux dans {output} : construisez d'abord le site public (invoke publish).")
    environment = {**os.environ, "FEEDVALIDATOR_VENV": install(venv)}
    shares = min(os.cpu_count() or 1, len(feeds))
    runs = [subprocess.Popen(["bash", os.path.join(VALIDATOR, "validate_feed.sh"), "-l", level, "-r", output,
                              site_url.rstrip("/") + "/", *feeds[number::shares]],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
             for number in range(shares)]
    reports = [run.communicate(timeout=600)[0] for run in runs]
    return max(run.returncode for run in runs), "".join(reports)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Valide chaque flux du site construit (validateur du W3C).")
    parser.add_argument("output", help="dossier du site construit avec les réglages publics")
    parser.add_argument("--site-url", required=True, help="adresse publique du site (PUBLIC_SITEURL)")
    args = parser.parse_args(argv)
    try:
        code, report = validate(args.output, args.site_url)
    except FeedCheckError as error:
        print(error, file=sys.stderr)
        return 2
    print(report, end="")
    count = len(feed_files(args.output))
    print(f"{count} flux validés : " + ("aucune erreur." if code == 0 else "des erreurs, voir plus haut."))
    return code

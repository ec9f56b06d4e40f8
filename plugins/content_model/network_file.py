"""content/network.yaml: the sister sites and other sources of events a site gathers
(plugins/network). One entry each, checked like every contribution: a French problem with
its line, field and fix. The check, the build, `invoke network-fetch` and the docs read it.

    - name: "Échosciences Grenoble"
      region: "Auvergne-Rhône-Alpes"
      url: "https://grenoble.example.org/"
"""

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

from .frontmatter import SafeLoader
from .kinds import slug_from_title

NETWORK_FILE = "network.yaml"

# type -> what it is, for messages and docs.
SOURCE_TYPES = {
    "site": "un site du réseau fait avec ce moteur (ses exports : événements, projets, acteurs, actualités)",
    "ical": "un calendrier public au format iCalendar (.ics), celui d'un muséum ou d'une université",
    "openagenda": "l'export public JSON d'un agenda OpenAgenda (https://openagenda.com/agendas/NUMÉRO/events.json)",
}

# field -> (required, help)
SOURCE_FIELDS = {
    "name": (True, "le nom de la source, tel que les pages le montrent"),
    "region": (True, "sa région, l'un des filtres de l'agenda du réseau"),
    "url": (True, "pour un site : son adresse publique (https://…/) ; sinon l'adresse du calendrier ou de l'export"),
    "type": (False, "site (par défaut), ical ou openagenda"),
    "page": (False, "la page publique de la source, pour un calendrier ou un agenda OpenAgenda "
                    "(les liens de ses événements partent de là quand l'export n'en donne pas)"),
}

SAFE_URL = re.compile(r"^https?://[^\s<>\"'\\\x00-\x1f\x7f]+$", re.I)


@dataclass(frozen=True)
class Source:
    name: str
    region: str
    url: str
    type: str = "site"
    page: str = None
    line: int = 1

    @property
    def slug(self):
        return slug_from_title(self.name)

    @property
    def host(self):
        return urlsplit(self.url).netloc.lower()


@dataclass(frozen=True)
class NetworkProblem:
    line: int
    field: str
    message: str
    fix: str


def is_web_address(text):
    """An absolute http(s) address with a host, nothing a browser would run or misread."""
    if not isinstance(text, str) or not SAFE_URL.match(text):
        return False
    parts = urlsplit(text)
    return bool(parts.hostname)


def read_network(content_path):
    """([Source], [NetworkProblem]) of content/network.yaml; no file: no source."""
    path = os.path.join(content_path, NETWORK_FILE)
    if not os.path.exists(path):
        return [], []
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        root = yaml.compose(text, Loader=SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        return [], [NetworkProblem(mark.line + 1 if mark else 1, "(fichier)", "le fichier n'est pas du YAML valide",
                                   "vérifiez l'indentation et les guillemets")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [NetworkProblem(root.start_mark.line + 1, "(fichier)", "le fichier doit être une liste de sources",
                                   "écrivez une entrée par source : « - name: … » puis region et url")]
    sources, problems, names = [], [], {}
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(NetworkProblem(line, "(entrée)", "cette entrée n'est pas une source",
                                           "écrivez « - name: … », puis region et url en dessous"))
            continue
        entry, lines = {}, {}
        for key, value in node.value:
            field_line = key.start_mark.line + 1
            if key.value not in SOURCE_FIELDS:
                problems.append(NetworkProblem(field_line, key.value, "ce champ n'existe pas",
                                               "champs possibles : " + ", ".join(SOURCE_FIELDS)))
                continue
            if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
                problems.append(NetworkProblem(field_line, key.value, "la valeur doit être un texte",
                                               f"écrivez {key.value}: \"…\" ({SOURCE_FIELDS[key.value][1]})"))
                continue
            entry[key.value], lines[key.value] = value.value.strip(), field_line
        missing = [name for name, (required, _) in SOURCE_FIELDS.items()
                   if required and name not in entry and name not in lines]
        for name in missing:
            problems.append(NetworkProblem(line, name, "ce champ est obligatoire",
                                           f"ajoutez {name}: \"…\" ({SOURCE_FIELDS[name][1]})"))
        kind = entry.get("type", "site")
        if kind not in SOURCE_TYPES:
            problems.append(NetworkProblem(lines["type"], "type", f"« {kind} » n'est pas un type de source",
                                           "écrivez site, ical ou openagenda"))
            continue
        for name in ("url", "page"):
            if name in entry and not is_web_address(entry[name]):
                problems.append(NetworkProblem(lines[name], name, f"« {entry[name]} » n'est pas une adresse web",
                                               "écrivez une adresse complète qui commence par https://"))
                missing.append(name)
        if missing:
            continue
        url = entry["url"]
        if kind == "site" and not url.endswith("/"):
            url += "/"          # a site's base: its exports are below it
        source = Source(entry["name"], entry["region"], url, kind, entry.get("page"), line)
        if not source.slug or source.slug in names:       # one folder of copies per slug
            problems.append(NetworkProblem(lines["name"], "name", f"le nom « {source.name} » est déjà pris"
                                           if source.slug else "ce nom ne donne pas d'identifiant",
                                           "donnez à chaque source un nom à elle, avec des lettres"))
            continue
        names[source.slug] = source
        sources.append(source)
    return sources, problems

"""Split a contribution into its header and its Markdown body.

Two header forms are read: YAML front matter between `---` lines (the
contribution format) and Pelican's native `Key: value` lines, so files
written for plain Pelican keep working.
"""

import hashlib
import pickle
import re
from dataclasses import dataclass, field

import yaml

from engine.cache import Cache, cache_key

from .model import LIST_FIELDS


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe loader; an impossible date ("2026-13-01") stays text for the field's
    own French message instead of stopping the whole read."""


def timestamp_or_text(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)

# YAML headers already parsed: {digest of the YAML: pickled values}. Building the values
# takes most of reading a site; a build loads this from its cache folder and saves it.
parsed_yaml = {}
used_yaml = set()


def parse_yaml(source):
    key = hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()
    if key not in parsed_yaml:
        parsed_yaml[key] = pickle.dumps(yaml.load(source, Loader=SafeLoader))
    used_yaml.add(key)
    return pickle.loads(parsed_yaml[key])      # fresh values: callers may change them


def headers_cache(folder):
    """The cache of parsed headers in `folder`: its key covers this module and PyYAML."""
    return Cache(folder, "entetes.pickle", cache_key(code=[__name__], libraries=["pyyaml"]))


def load_yaml_cache(folder):
    parsed_yaml.update(headers_cache(folder).load({}))
    used_yaml.clear()


def save_yaml_cache(folder):
    """Keeps the headers this build read (removed contributions leave the cache)."""
    headers_cache(folder).save({key: parsed_yaml[key] for key in sorted(used_yaml)})

YAML_FENCE = "---"
YAML_END_FENCES = ("---", "...")
NATIVE_LINE = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")
TOP_LEVEL_KEY = re.compile(r"^([^\s#:][^:#]*?)\s*:(\s|$)")
NESTED_KEY = re.compile(r"^\s+(?:-\s+)?([^\s#:][^:#]*?)\s*:(\s|$)")


class HeaderError(Exception):
    """The header cannot be read at all; carries the line it fails on."""

    def __init__(self, line, message, fix):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass
class Header:
    values: dict
    body: str
    first_line: int = 1                       # line of the first header line
    body_line: int = 1                        # line where the body starts
    key_lines: dict = field(default_factory=dict)
    duplicate_keys: list = field(default_factory=list)   # [(key, line)]
    lines: list = field(default_factory=list)

    def line_of(self, name):
        """Line of a field ("location.postcode" looks inside the block)."""
        top, _, sub = name.partition(".")
        top = top.split("[")[0]
        line = self.key_lines.get(top)
        if line is None or not sub:
            return line
        for offset, text in enumerate(self.lines[line - self.first_line + 1:], start=1):
            if text and not text[0].isspace():
                break
            match = NESTED_KEY.match(text)
            if match and match.group(1) == sub:
                return line + offset
        return line


def normalise_text(raw):
    """Drop a BOM and turn CRLF/CR into LF: both harmless, both common."""
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_header(text):
    """Parse the header of a normalised text; raise HeaderError if unreadable."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == YAML_FENCE:
        return read_yaml_header(lines)
    return read_native_header(lines)


def read_yaml_header(lines):
    end = next((number for number, line in enumerate(lines[1:], start=1) if line.rstrip() in YAML_END_FENCES), None)
    if end is None:
        raise HeaderError(1, "l'en-tête YAML ouvert par « --- » n'est jamais fermé",
                          "ajoutez une ligne « --- » seule après le dernier champ")
    header_lines = lines[1:end]
    source = "\n".join(header_lines)
    refuse_aliases(source)
    try:
        values = parse_yaml(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = 2 + mark.line if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise HeaderError(
            line, f"YAML invalide ({problem})",
            "vérifiez l'indentation (des espaces, pas de tabulations) et mettez entre "
            "guillemets les valeurs qui contiennent « : » ou commencent par un caractère spécial",
        ) from None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise HeaderError(2, "l'en-tête YAML doit être une suite de champs « nom: valeur »",
                          "écrivez un champ par ligne, par exemple « title: \"Mon titre\" »")
    bad_keys = [key for key in values if not isinstance(key, str)]
    if bad_keys:
        raise HeaderError(2, f"nom de champ invalide : {bad_keys[0]!r}",
                          "les noms de champs sont des mots comme « title » ou « date »")
    header = Header(values=values, body="\n".join(lines[end + 1:]), first_line=2,
                    body_line=end + 2, lines=header_lines)
    index_keys(header, TOP_LEVEL_KEY)
    return header


def refuse_aliases(source):
    """YAML anchors and aliases (& and *) are no use in a header, and nested aliases can
    stand for billions of values ("billion laughs"): refused before any value is built."""
    if "&" not in source and "*" not in source:
        return
    try:
        for token in yaml.scan(source, Loader=SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise HeaderError(token.start_mark.line + 2, "les ancres et alias YAML (« & » et « * » "
                                  "devant un nom) ne sont pas acceptés",
                                  "écrivez chaque valeur en entier, ou mettez le texte entre guillemets")
    except yaml.YAMLError:
        pass        # parse_yaml reports it, with its line


def read_native_header(lines):
    values, header_lines = {}, []
    for line in lines:
        match = NATIVE_LINE.match(line)
        if not match:
            break
        header_lines.append(line)
    header = Header(values=values, body="\n".join(lines[len(header_lines):]),
                    first_line=1, body_line=len(header_lines) + 1, lines=header_lines)
    index_keys(header, NATIVE_LINE)
    for line in header_lines:
        key, value = NATIVE_LINE.match(line).groups()
        key = key.lower()
        values[key] = split_list(value) if key in LIST_FIELDS else value.strip()
    if "author" in values and "authors" not in values:
        values["authors"] = split_list(values.pop("author"))
        header.key_lines["authors"] = header.key_lines.get("author")
    return header


def split_list(value):
    return [part.strip() for part in value.split(",") if part.strip()]


def index_keys(header, pattern):
    for number, line in enumerate(header.lines, start=header.first_line):
        match = pattern.match(line)
        if not match:
            continue
        key = match.group(1).strip().lower() if pattern is NATIVE_LINE else match.group(1).strip()
        if key in header.key_lines:
            header.duplicate_keys.append((key, number))
        else:
            header.key_lines[key] = number

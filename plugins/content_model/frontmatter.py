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

from .kinds import INVISIBLE, ODD_SPACES
from .model import FIELD_NAMES, LIST_FIELDS, TEXT_FIELDS


class SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe loader; an impossible date ("2026-13-01") stays text for the field's
    own French message instead of stopping the whole read."""


def timestamp_or_text(loader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp_or_text)


class WrittenInt(int):
    """A whole number that remembers how it was written: a postcode 01000 is "01000", not
    the 512 YAML 1.1 reads in it (an octal number)."""

    def __new__(cls, value, written):
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __reduce__(self):
        return WrittenInt, (int(self), self.written)


def written_int(loader, node):
    return WrittenInt(loader.construct_yaml_int(node), node.value)


SafeLoader.add_constructor("tag:yaml.org,2002:int", written_int)

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


def used_headers():
    """The parsed headers read since forget_headers(): a worker process sends them back."""
    return {key: parsed_yaml[key] for key in used_yaml}


def forget_headers():
    used_yaml.clear()


def remember_headers(headers):
    parsed_yaml.update(headers)
    used_yaml.update(headers)


def headers_cache(folder):
    """The cache of parsed headers in `folder`: its key covers this module and PyYAML."""
    return Cache(folder, "entetes.pickle", cache_key(code=[__name__], libraries=["pyyaml"]))


def load_yaml_cache(folder):
    parsed_yaml.update(headers_cache(folder).load({}))
    forget_headers()


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


# What a word processor slips around a field's name: odd spaces, invisible characters, curly
# quotes, a full-width colon; and a value wrapped in curly quotes where YAML wants straight ones.
NAME_LINE = re.compile(rf"^( *)([{ODD_SPACES}{INVISIBLE}“”‘’\"'«» ]*)([A-Za-z_][\w-]*)"
                       rf"([{ODD_SPACES}{INVISIBLE}“”‘’\"'«» ]*)[:：]([ \t{ODD_SPACES}]*)(.*)$")
CURLY_WRAPPED = re.compile(r"^[“«]\s*(.*?)\s*[”»]$")


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clean_line(line):
    """A header line as YAML must read it. Only the lines of fields the model knows, and
    for values, only those of one-line text fields: free text keeps its characters."""
    match = NAME_LINE.match(line)
    if not match or match.group(3) not in FIELD_NAMES:
        return line
    indent, _, name, _, _, value = match.groups()
    value = value.rstrip()
    if not indent and name in TEXT_FIELDS and value and value[0] not in "\"'|>[{&*!":
        wrapped = CURLY_WRAPPED.match(value)
        if wrapped or re.search(r":(\s|$)| #", value):
            # « Café : l'eau » or “Café”: the text, as a quoted string.
            value = quoted(wrapped.group(1) if wrapped else value)
    return f"{indent}{name}: {value}" if value else f"{indent}{name}:"


def refuse_tabs(header_lines):
    for number, line in enumerate(header_lines, start=2):
        if line[:len(line) - len(line.lstrip())].count("\t"):
            raise HeaderError(number, "cette ligne commence par une tabulation : YAML n'accepte que des "
                              "espaces pour décaler une ligne", "remplacez la tabulation par deux espaces")


def explain(error, header_lines):
    """A YAML syntax error in French, at the line where the mistake is."""
    problem = getattr(error, "problem", None) or ""
    context = getattr(error, "context", None) or ""
    mark, opened = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    line = mark.line if mark else 0
    text = header_lines[line] if line < len(header_lines) else ""
    if "quoted scalar" in context and "end of stream" in problem:
        return HeaderError(2 + opened.line, "un guillemet ouvert sur cette ligne n'est jamais fermé",
                           "fermez la valeur par le même guillemet droit (\") que celui qui l'ouvre")
    if "escape character" in problem:
        return HeaderError(2 + line, "une barre oblique inverse (\\) entre guillemets doubles est lue comme un "
                           "code spécial", "doublez-la (\\\\) ou mettez la valeur entre guillemets simples (')")
    if "flow sequence" in context or "flow mapping" in context:
        close = "]" if "sequence" in context else "}"
        return HeaderError(2 + opened.line,
                           f"une liste ou un bloc ouvert sur cette ligne n'est pas fermé par « {close} »",
                           f"fermez-le par « {close} » sur la même ligne, et mettez entre guillemets droits les "
                           "valeurs qui contiennent une virgule ou « : »")
    if "simple key" in context:
        return HeaderError(2 + opened.line, "cette ligne n'a pas la forme « nom: valeur »",
                           "écrivez le nom du champ, deux-points, une espace, puis la valeur")
    if "mapping values are not allowed" in problem:
        if text[:1].isspace():
            return HeaderError(2 + line, "cette ligne est décalée (des espaces au début) alors que le champ "
                               "au-dessus n'attend pas de sous-champs", "retirez les espaces du début de la ligne")
        name, _, value = text.partition(":")
        return HeaderError(2 + line, "la valeur contient « : », que YAML lit comme un nouveau champ",
                           f"mettez-la entre guillemets droits : {name.strip()}: {quoted(value.strip())}")
    if "block end" in problem or "expected key" in problem or "indentation" in problem:
        return HeaderError(2 + line, "le décalage de cette ligne ne suit pas celui des lignes au-dessus",
                           "alignez les sous-champs d'un même champ avec le même nombre d'espaces")
    if "cannot start any token" in problem:
        character = problem.split("'")[1] if "'" in problem else "?"
        return HeaderError(2 + line, f"le caractère « {character} » ne peut pas commencer une valeur",
                           "mettez la valeur entre guillemets droits")
    return HeaderError(2 + line, "l'en-tête ne peut pas être lu à partir de cette ligne",
                       "comparez-la à un modèle de CONTRIBUTING.md (nom: valeur, une espace après les "
                       "deux-points, les textes entre guillemets droits)")


def read_yaml_header(lines):
    end = next((number for number, line in enumerate(lines[1:], start=1) if line.rstrip() in YAML_END_FENCES), None)
    if end is None:
        raise HeaderError(1, "l'en-tête YAML ouvert par « --- » n'est jamais fermé",
                          "ajoutez une ligne « --- » seule après le dernier champ")
    refuse_tabs(lines[1:end])
    header_lines = [clean_line(line) for line in lines[1:end]]
    source = "\n".join(header_lines)
    refuse_aliases(source)
    try:
        values = parse_yaml(source)
    except yaml.YAMLError as error:
        raise explain(error, header_lines) from None
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

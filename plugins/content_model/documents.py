"""Read every contribution of a content folder and check it against the model.

`read_site` returns one Document per file, each with its typed fields and its
problems; `check_references` adds the rules that span files (unique slugs,
known actors and themes). The check command and the build both use these two
functions, so they can never disagree.
"""

import copy
import difflib
import multiprocessing
import os
import pickle
import re
import stat
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat

import yaml

from engine.cache import bytes_digest, file_digest, settled
from engine.french import typographic

from .colours import with_tones
from .frontmatter import (
    HeaderError,
    SafeLoader,
    forget_headers,
    normalise_text,
    read_header,
    refuse_aliases,
    remember_headers,
    used_headers,
)
from .image_files import (
    REMOTE,
    ImageLimits,
    body_images,
    folder_files,
    folder_links,
    inspect,
    is_image_name,
    publishable,
    signature,
)
from .kinds import CONTROL_CHARACTER, PLACE_PARTS, SLUG, FieldContext, Invalid, fold, nth, slug_from_title
from .model import RESERVED_SLUGS, TYPES, TYPES_BY_FOLDER, TYPES_BY_NAME
from .network_file import NETWORK_FILE, read_network
from .sifting import sift_folders
from .vocabulary import tag_entries

MARKDOWN_EXTENSIONS = (".md", ".markdown")
MAX_FILE_BYTES = 2_000_000
# From this many files to read (a body rendered here leaks 40 KB: markup), worker processes
# read them, READ_CHUNK files per task.
READ_IN_WORKERS, READ_CHUNK = 50, 25
THEMES_FILE = "themes.yaml"
SYMBOLIC_LINK = ("c'est un lien symbolique : le site ne publie que les fichiers du dépôt, pas ce vers "
                 "quoi un lien pointe", "remplacez le lien par le fichier lui-même")


@dataclass
class Problem:
    path: str
    line: int | None
    field: str
    message: str
    fix: str
    severity: str = "error"
    across: bool = False       # a rule across files (slugs, references): shown whatever changed

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else "avertissement : "
        return f"{where}: {self.field}: {prefix}{self.message} — {self.fix}"


@dataclass
class Document:
    ctype: object
    path: str                  # absolute
    source_path: str           # relative to content/, with "/"
    display_path: str          # as shown in messages
    fields: dict = field(default_factory=dict)
    body: str = ""             # its Markdown, while it is read (frozen, it has only its html)
    # Its body's HTML in UTF-8, as the item keeps it (items.Item): a French text is a str of
    # two bytes a character (’ and narrow no-break spaces are beyond Latin-1), and pickling a
    # str keeps its UTF-8 beside it for as long as it lives.
    html: bytes = b""
    header: object = None
    problems: list = field(default_factory=list)
    body_images: dict = field(default_factory=dict)    # src in the body -> path under content/
    digest: str = None         # of the file's bytes, when read_site had it
    images: dict = field(default_factory=dict)         # {path looked at for an image: signature}

    def problem(self, field_name, message, fix, severity="error", line=None, across=False):
        if line is None and self.header is not None:
            line = self.header.line_of(field_name)
        self.problems.append(Problem(self.display_path, line, plain_name(self.ctype, field_name), message, fix,
                                     severity, across))

    @property
    def slug(self):
        return self.fields.get("slug")

    @property
    def has_errors(self):
        return any(problem.severity == "error" for problem in self.problems)


ITEM = re.compile(r"^(\w+)\[(\d+)\]$")
# The parts of a place and of a session, as messages name them.
PART_WORDS = {**{part.name: part.label.lower() for part in PLACE_PARTS}, "start": "début", "end": "fin"}


def plain_name(ctype, name):
    """A field as messages name it: « tags, 2e mot-clé » rather than tags[2], « location,
    code postal » rather than location.postcode."""
    base, _, part = name.partition(".")
    match = ITEM.match(base)
    spec = ctype.fields.get(match.group(1) if match else base) if ctype else None
    if spec is None:
        return name
    words = f"{match.group(1)}, {nth(int(match.group(2)), getattr(spec.kind, 'noun', 'élément'))}" if match else base
    return f"{words}, {PART_WORDS.get(part, part)}" if part else words


def display_path(path):
    """Paths relative to the working folder when inside it, as CI annotations need."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def content_files(content_path):
    """Every Markdown file under content/, sorted, paired with its type or None; also
    symbolic links to folders, which os.walk does not enter, so read_document reports them."""
    found = []
    for folder, dirs, files in os.walk(content_path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        top = os.path.relpath(folder, content_path).split(os.sep)[0]      # "." for content/ itself
        linked = [name for name in dirs if os.path.islink(os.path.join(folder, name))
                  and top != "images"]   # see folder_links
        for name in sorted(linked + [name for name in files if name.lower().endswith(MARKDOWN_EXTENSIONS)
                                     and not name.startswith(".")]):
            found.append((os.path.join(folder, name), TYPES_BY_FOLDER.get(name if top == "." else top)))
    return found


def stray_files(content_path):
    """Files in a contribution folder that no reader publishes (a .docx, a .txt): each named,
    never ignored in silence."""
    problems = []
    for ctype in TYPES:
        top = os.path.join(content_path, ctype.folder)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.lower().endswith(MARKDOWN_EXTENSIONS) or is_image_name(name):
                    continue
                stem, article = os.path.splitext(name)[0], "d'une" if ctype.feminine else "d'un"
                problems.append(Problem(
                    display_path(os.path.join(folder, name)), None, "(fichier)",
                    "ce fichier n'est pas une contribution en Markdown (.md) : il ne serait pas publié",
                    f"copiez son texte dans un fichier « {slug_from_title(stem) or 'contribution'}.md » sous "
                    f"l'en-tête {article} {ctype.label} (`invoke new {slug_from_title(ctype.label)} "
                    "\"Titre\"` en écrit un), puis supprimez celui-ci"))
    return problems


def site_problems(content_path, image_limits=None):
    """The themes, the problems of content/ as a whole: themes.yaml, network.yaml, images, stray files."""
    themes, problems = load_themes(content_path)
    return themes, (problems + network_problems(content_path) + image_folder_problems(content_path, image_limits)
                    + stray_files(content_path))


def network_problems(content_path):
    shown = display_path(os.path.join(content_path, NETWORK_FILE))
    return [Problem(shown, problem.line, problem.field, problem.message, problem.fix, across=True)
            for problem in read_network(content_path)[1]]


def read_site(content_path, image_limits=None, known=None, kept=None, digests=None, render=None, frozen_ready=None):
    """Documents for every file; with `render` (markup.render), those without errors have
    their HTML, made where they are read (the check needs none).

    known: {(source path, digest of its bytes): frozen document} of an earlier read of the
    same content/ (see the content_model generator's cache), reused as read_document left
    them while the images they looked for are as they were; this read's entries replace
    them, and frozen_ready() is called then, before any is thawed (the cache is written and
    let go: a build never holds every document twice). kept: {the same keys: documents},
    thawed by an earlier read of this process (the dev server), likewise. digests: {path:
    ((size, date), digest of its bytes)} of an earlier read (file_key)."""
    content_path = os.path.abspath(content_path)
    image_limits = image_limits or ImageLimits()
    entries, read, pending, seen, signatures = [], {}, [], set(), {}

    def images_as_they_were(images):
        return all((signatures[path] if path in signatures else signatures.setdefault(path, signature(path)))
                   == earlier for path, earlier in images.items())

    for path, ctype in content_files(content_path):
        key = file_key(path, content_path, digests) if known is not None and ctype is not None else None
        if key is not None and kept is not None and key in kept and images_as_they_were(kept[key].images):
            entries.append(copy_of(kept[key]))
            if key in known:
                read[key] = known[key]
        elif key is not None and key in known and images_as_they_were(known[key][0]):
            read[key] = known[key]
            entries.append((known[key], ctype, key))
        else:
            pending.append((len(entries), path, ctype, key))
            entries.append(None)
        seen.add(key)
    jobs = [(path, ctype and ctype.name, key and key[1]) for _, path, ctype, key in pending]
    for (index, _, ctype, key), data in zip(pending, read_frozen(jobs, content_path, image_limits, render),
                                            strict=True):
        entries[index] = data, ctype, key
        if key is not None:
            read[key] = data
    if known is not None:
        known.clear()
        known.update(read)
    del read
    if frozen_ready is not None:
        frozen_ready()
    for index, entry in enumerate(entries):     # each frozen document let go once thawed
        if isinstance(entry, tuple):
            data, ctype, key = entry
            entries[index] = thawed(data, ctype)
            if kept is not None and key is not None:
                kept[key], entries[index] = entries[index], copy_of(entries[index])
    if kept is not None:
        for key in set(kept) - seen:
            del kept[key]
    return entries


def read_frozen(jobs, content_path, image_limits, render=None):
    """[(path, type name or None, digest of its bytes or None)] -> [frozen document]: many
    are read in worker processes (forks, over every processor), as a first build reads
    thousands and reading their headers, checking their fields and rendering their bodies
    is most of its start (cmarkgfm never frees the tree it parses, 40 KB a body: a worker's
    ends with it)."""
    if len(jobs) < READ_IN_WORKERS or (os.cpu_count() or 1) < 2:
        return [read_one(job, content_path, image_limits, render) for job in jobs]
    chunks = [jobs[start:start + READ_CHUNK] for start in range(0, len(jobs), READ_CHUNK)]
    made = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(os.cpu_count(), len(chunks)), mp_context=context) as pool:
        for documents, headers in pool.map(read_chunk, chunks, repeat(content_path), repeat(image_limits),
                                           repeat(render)):
            made += documents
            remember_headers(headers)
    return made


def read_chunk(jobs, content_path, image_limits, render=None):
    """Worker: frozen documents, and the parsed headers they used (for the build's cache)."""
    forget_headers()
    documents = [read_one(job, content_path, image_limits, render) for job in jobs]
    return documents, used_headers()


def read_one(job, content_path, image_limits, render=None):
    path, type_name, digest = job
    document = read_document(path, TYPES_BY_NAME.get(type_name), content_path, image_limits)
    document.digest = digest
    if render is not None and not document.has_errors:
        document.html = render(document.body).encode("utf-8", "surrogatepass")
    return frozen(document)


def file_key(path, content_path, digests=None):
    """(source path, digest of the file's bytes), or None for what read_document refuses
    before reading (a link, a file too big, one that cannot be read). The digest is read
    once per size and date in a process (the dev server reads only the files saved), and
    taken from `digests` (an earlier build's, kept_digests) when they are the same; a file
    saved in the last seconds is always read."""
    try:
        found = os.lstat(path)          # one call: a link is refused, so it is the file's own
        if stat.S_ISLNK(found.st_mode) or found.st_size > MAX_FILE_BYTES:
            return None
        signature = found.st_size, found.st_mtime_ns
        earlier = digests.get(path) if digests is not None else None
        if not settled(found.st_mtime_ns):       # a save that may not be the last of its tick
            digest = bytes_digest(path)
        elif earlier is not None and earlier[0] == signature:
            digest = earlier[1]
        else:
            digest = file_digest(path, *signature)
        if digests is not None:
            digests[path] = signature, digest
        return path[len(content_path):], digest
    except OSError:
        return None


def kept_digests(digests, now_ns):
    """The digests a later build may trust by size and date alone (engine.cache.settled)."""
    return {path: entry for path, entry in digests.items() if settled(entry[0][1], now_ns)}


def frozen(document):
    """A document as (the images it looked for, bytes), the bytes without what only reading
    it needs: its type (a module-level model object, found by name), its Markdown (it has
    its HTML), its header's values, body and lines (its fields say them again; the checks
    across files name top-level fields, whose lines it keeps). The images are apart:
    whether it is still good is seen without thawing it."""
    header = document.header and replace(document.header, values={}, body="", lines=[])
    return document.images, pickle.dumps({**vars(document), "ctype": None, "header": header, "body": ""},
                                         protocol=pickle.HIGHEST_PROTOCOL)


def thawed(frozen_document, ctype):
    """A fresh copy of a frozen document, so that a build may add problems to it."""
    return Document(**{**pickle.loads(frozen_document[1]), "ctype": ctype})


def copy_of(document):
    """A document a build may add problems and its HTML to, leaving `document` as it was."""
    made = copy.copy(document)
    made.problems = list(document.problems)
    return made


def read_document(path, ctype, content_path, image_limits=None):
    source_path = os.path.relpath(path, content_path).replace(os.sep, "/")
    document = Document(ctype, path, source_path, display_path(path))
    if os.path.islink(path):
        document.problem("(fichier)", *SYMBOLIC_LINK, line=1)
        return document
    if ctype is None:
        folders = ", ".join(f"content/{t.folder}/" for t in TYPES)
        document.problem("(fichier)", "ce fichier n'est dans aucun dossier de contribution, il ne "
                         "serait pas publié", f"déplacez-le dans l'un des dossiers {folders}", line=1)
        return document
    text = read_text(document)
    if text is None:
        return document
    if not text.strip():
        document.problem("(fichier)", "le fichier est vide", "écrivez l'en-tête et le texte (voir les "
                         "modèles de CONTRIBUTING.md) ou supprimez le fichier", line=1)
        return document
    control = CONTROL_CHARACTER.search(text)
    if control:
        document.problem("(fichier)", f"le fichier contient un caractère de contrôle invisible "
                         f"(U+{ord(control.group()):04X}), que les flux et les pages ne peuvent pas porter",
                         "retapez la ligne dans votre éditeur, sans copier-coller depuis un autre logiciel",
                         line=text.count("\n", 0, control.start()) + 1)
        return document
    try:
        document.header = read_header(text)
    except HeaderError as error:
        document.problem("(en-tête)", error.message, error.fix, line=error.line)
        return document
    document.body = document.header.body
    for key, line in document.header.duplicate_keys:
        document.problem(key, "ce champ est écrit deux fois", "gardez une seule ligne pour ce champ",
                         line=line)
    ctx = FieldContext(path, content_path, image_limits or ImageLimits(), document.images)
    validate_fields(document, ctx)
    check_body_images(document, ctx)
    return document


def read_text(document):
    try:
        size = os.path.getsize(document.path)
        if size > MAX_FILE_BYTES:
            document.problem("(fichier)", f"le fichier fait {size // 1_000_000} Mo, c'est trop pour "
                             "une contribution", "gardez le texte seul et mettez les images ou "
                             "documents lourds dans content/images/", line=1)
            return None
        with open(document.path, "rb") as handle:
            raw = handle.read()
        return normalise_text(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        document.problem("(fichier)", "le fichier n'est pas encodé en UTF-8",
                         "réenregistrez-le en UTF-8 depuis votre éditeur", line=line)
    except OSError as error:
        document.problem("(fichier)", f"le fichier ne peut pas être lu ({error.strerror})",
                         "vérifiez qu'il existe et qu'il est lisible", line=1)
    return None


def validate_fields(document, ctx):
    ctype, values, fields = document.ctype, document.header.values, document.fields
    for name, value in values.items():
        spec = ctype.fields.get(name)
        if spec is None:
            guess = difflib.get_close_matches(name, ctype.fields, n=1)
            hint = f"voulez-vous dire « {guess[0]} » ?" if guess else \
                "les champs possibles sont " + ", ".join(ctype.fields)
            document.problem(name, f"champ inconnu pour {ctype.indefinite} {ctype.label}, il est ignoré", hint,
                             severity="warning")
            continue
        if value is None or value == "" or value == []:
            continue
        try:
            fields[name] = spec.parse(value, ctx)
        except Invalid as error:
            document.problem(name + error.where, error.message, error.fix)
    for spec in ctype.fields.values():
        if spec.required and spec.name not in fields and not field_failed(document, spec.name):
            line = document.header.line_of(spec.name) or 1
            document.problem(spec.name, "champ obligatoire manquant" if spec.name not in values
                             else "champ obligatoire vide", f"ajoutez par exemple « {spec.example_line} »",
                             line=line)
    for rule in ctype.rules:
        if any(field_failed(document, name) for name in rule.reads):
            continue                # one message per mistake: no follow-up of a field already wrong
        for name, error in rule(fields, ctx):
            # The field's line; when it is missing, the line of what the rule read (a project's
            # status), else the header's first.
            lines = (document.header.line_of(field) for field in (name + error.where, *rule.reads))
            document.problem(name + error.where, error.message, error.fix, line=next(filter(None, lines), 1))
    if "title" in fields and "slug" not in fields:
        fields["slug"] = slug_from_title(fields["title"])


def check_body_images(document, ctx):
    """Images of the body: alt text, file found and fit to publish; kept for the images plugin."""
    for line, alt, src in body_images(document.body):
        line += document.header.body_line - 1
        if not (alt or "").strip():
            document.problem("(texte)", f"l'image « {src} » n'a pas de texte alternatif",
                             "décrivez-la entre les crochets : ![Ce que montre l'image](" + src + ")",
                             line=line)
        if REMOTE.match(src):
            document.problem("(texte)", f"l'image « {src} » est chargée depuis un autre site : elle "
                             "n'est ni optimisée ni débarrassée de ses métadonnées",
                             "téléchargez-la dans content/images/ (si sa licence le permet)",
                             severity="warning", line=line)
            continue
        try:
            path = publishable(src, ctx)
        except Invalid as error:
            document.problem("(texte)", error.message, error.fix, line=line)
        else:
            document.body_images[src] = path


def image_folder_problems(content_path, image_limits=None):
    """Every image of content/images/ is published: each must be fit to."""
    problems = []
    for path in folder_links(content_path):
        problems.append(Problem(display_path(path), None, "(image)", *SYMBOLIC_LINK))
    for path in filter(is_image_name, folder_files(content_path)):
        try:
            inspect(path, image_limits or ImageLimits())
        except Invalid as error:
            problems.append(Problem(display_path(path), None, "(image)", error.message, error.fix))
    return problems


def field_failed(document, name):
    return any(re.split(r"[.,\[]", problem.field)[0] == name for problem in document.problems)


def load_themes(content_path):
    """Theme slugs declared in content/themes.yaml, and the problems of that file."""
    path = os.path.join(content_path, THEMES_FILE)
    shown = display_path(path)
    if not os.path.exists(path):
        return {}, []
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        refuse_aliases(text)
        themes = yaml.load(text, Loader=SafeLoader)
    except HeaderError as error:
        return {}, [Problem(shown, error.line - 1, "(fichier)", error.message, error.fix)]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(shown, mark.line + 1 if mark else 1, "(fichier)",
                            "le fichier des thématiques n'est pas du YAML valide",
                            "vérifiez l'indentation et les guillemets")]
    if not isinstance(themes, list) or not all(
            isinstance(theme, dict) and isinstance(theme.get("slug"), str)
            and isinstance(theme.get("label"), str) for theme in themes):
        return {}, [Problem(shown, 1, "(fichier)", "chaque thématique doit avoir un slug et un label",
                            "écrivez une liste de « - slug: …\\n  label: … »")]
    lines = text.splitlines()
    for theme in themes:
        if not SLUG.match(theme["slug"]):
            return {}, [Problem(shown, next((number for number, line in enumerate(lines, 1)
                                             if theme["slug"] in line), 1), "slug",
                                f"« {theme['slug']} » n'est pas un slug valide",
                                "utilisez seulement des minuscules sans accent, des chiffres et des tirets")]
    shown_themes = {theme["slug"]: {**theme, **{key: typographic(theme[key]) for key in ("label", "description")
                                                 if isinstance(theme.get(key), str)}} for theme in themes}
    return with_tones(shown_themes), vocabulary_problems(themes, shown, lines)


def vocabulary_problems(themes, shown, lines):
    """Tag lists that are not lists, and tags or synonyms claimed by two themes."""
    def line_of(word):
        return next((number for number, line in enumerate(lines, 1) if word in line), 1)

    problems, owner = [], {}
    for theme in themes:
        tags = theme.get("tags") or []
        well_formed = isinstance(tags, list) and all(
            isinstance(tag, (str, int)) or (isinstance(tag, dict) and all(
                isinstance(synonyms, list) for synonyms in tag.values())) for tag in tags)
        if not well_formed:
            problems.append(Problem(shown, line_of(f"slug: {theme['slug']}"), f"{theme['slug']}.tags",
                                    "doit être une liste de mots-clés",
                                    "écrivez tags: [mot, autre mot] ; un mot avec ses synonymes "
                                    "s'écrit - intelligence artificielle: [IA]"))
            theme["tags"] = []
            continue
        for name, synonyms in tag_entries(theme):
            for word in (name, *synonyms):
                slug = slug_from_title(word)
                if owner.get(slug, theme["slug"]) != theme["slug"]:
                    problems.append(Problem(
                        shown, line_of(word), f"{theme['slug']}.tags",
                        f"le mot-clé « {word} » est déjà rattaché à la thématique « {owner[slug]} »",
                        "un mot-clé ne va que dans une thématique : retirez-le de l'une des deux"))
                owner.setdefault(slug, theme["slug"])
    return problems


def check_references(documents, themes):
    """Rules that span files: unique slugs, known actors, themes and dossier items."""
    owners = {}
    for document in documents:
        slug = document.slug
        if slug is None:
            continue
        if slug in owners:
            document.problem("slug", f"le slug « {slug} » est déjà pris par {owners[slug].display_path}",
                             "choisissez un autre titre ou ajoutez un champ slug différent",
                             line=document.header.line_of("slug") or document.header.line_of("title"), across=True)
        else:
            owners[slug] = document
        if document.ctype.name == "page" and slug in RESERVED_SLUGS:
            document.problem("slug", f"« {slug} » est réservé à une rubrique du site",
                             "choisissez un autre slug pour cette page",
                             line=document.header.line_of("slug") or document.header.line_of("title"))
        if slug in sift_folders(document.ctype.name):
            document.problem("slug", f"« {slug} » est le nom d'un tri de la liste des {document.ctype.plural}",
                             "choisissez un autre slug",
                             line=document.header.line_of("slug") or document.header.line_of("title"))
    targets = {"theme": themes, None: owners, **{ctype.name: set() for ctype in TYPES}}
    for slug, owner in owners.items():
        targets[owner.ctype.name].add(slug)
    theme_words = {key: slug for slug, theme in themes.items()
                   for key in (fold(slug), fold(theme["label"]), fold(slug_from_title(theme["label"])))}
    referring = {ctype.name: {name: spec.kind for name, spec in ctype.fields.items() if spec.kind.refers}
                 for ctype in TYPES}
    for document in documents:
        if not document.fields:             # (a file of no type has none)
            continue
        kinds = referring[document.ctype.name]
        for name, value in document.fields.items():
            kind = kinds.get(name)           # (derived fields refer to nothing)
            if kind is None:
                continue
            if isinstance(value, list) and getattr(getattr(kind, "item", None), "to", "") == "theme":
                # A theme by its label, its accents or capitals: « Santé et médecine » is sante.
                value[:] = list(dict.fromkeys(theme_words.get(fold(item), item) for item in value))
            for where, slug, reference in kind.references(value):
                reference_problem(document, f"{name}{where}", slug, reference, targets[reference.to])


def reference_problem(document, where, slug, reference, known):
    """A slug that leads nowhere, or back to its own file (a dossier listing itself)."""
    if reference.to is None and slug == document.slug:
        document.problem(where, f"{document.ctype.indefinite} {document.ctype.label} ne peut pas se lister "
                         "lui-même", f"retirez « {slug} » de {where.split('[')[0]}", across=True)
    elif slug not in known:
        if reference.to == "theme":
            message, folder = f"la thématique « {slug} » n'existe pas", "content/themes.yaml"
        elif reference.to is None:
            message, folder = f"aucune contribution n'a le slug « {slug} »", "content/"
        else:
            target = TYPES_BY_NAME[reference.to]
            message, folder = f"{target.none} {target.label} n'a le slug « {slug} »", f"content/{target.folder}/"
        fix = suggestion(slug_from_title(slug) if reference.to == "theme" else slug, known, folder)
        if reference.names:
            fix += (f" ; si ce n'est pas {TYPES_BY_NAME[reference.to].indefinite} {reference.to_label} du site, "
                    "écrivez son nom avec ses majuscules et ses espaces")
        document.problem(where, message, fix, across=True)


def suggestion(value, known, where):
    guess = difflib.get_close_matches(value, sorted(known), n=1) or sorted(
        (slug for slug in known if value and (value in slug or slug in value)), key=len)[:1]     # a renamed slug
    if guess:
        return f"voulez-vous dire « {guess[0]} » ? (liste dans {where})"
    return f"utilisez un slug qui existe dans {where}, ou créez-le"


def check_site(content_path, image_limits=None):
    """All documents, every problem found: what `invoke check` runs."""
    content_path = os.path.abspath(content_path)
    themes, problems = site_problems(content_path, image_limits)
    documents = read_site(content_path, image_limits=image_limits)
    check_references(documents, themes)
    for document in documents:
        problems.extend(document.problems)
    return documents, problems

"""`invoke docs`: the parts of the docs that describe the model, written from it.

CONTRIBUTING.md (the types, every field of each), the pull request template (what a
contribution can be) and the README (the types) hold, between a pair of markers

    <!-- invoke docs: NAME -->
    …
    <!-- /invoke docs -->

text that only `invoke docs` writes; a test fails when the committed text differs
from what it would write, so the docs cannot drift from the model.
"""

import re

from .model import TYPES

START = "<!-- invoke docs: {} -->"
END = "<!-- /invoke docs -->"


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def types_table():
    """What a contribution can be: folder, type, section of the site, what it is."""
    lines = ["| dossier | type | rubrique du site | ce que c'est |", "|---|---|---|---|"]
    lines += [f"| `content/{ctype.folder}/` | {ctype.label} | {ctype.section} | {cell(ctype.summary)} |"
              for ctype in TYPES]
    return "\n".join(lines)


def common_fields():
    """Fields every type has, in the order of the first type."""
    names = [name for name in TYPES[0].fields if all(name in ctype.fields for ctype in TYPES)]
    return [TYPES[0].fields[name] for name in names]


def requirement(name):
    """Who requires a common field: "oui", "non", or the types that do."""
    requiring = [ctype for ctype in TYPES if ctype.fields[name].required]
    if len(requiring) == len(TYPES):
        return "oui"
    if requiring:
        return "pour les " + ", ".join(ctype.plural for ctype in requiring)
    rule = next((ctype.fields[name].rule for ctype in TYPES if ctype.fields[name].rule), "")
    return rule or "non"


def what_to_write(spec):
    words = spec.kind.words[:1].upper() + spec.kind.words[1:]
    return cell(f"{spec.help} *{words}{'' if words.endswith(('.', '…')) else '.'}* Exemple : `{spec.example_line}`")


def fields_tables():
    """The common fields, then each type's own, in the order a person fills them in."""
    common = {spec.name: spec for spec in common_fields()}
    lines = ["### Les champs de tous les types", "",
             "| champ | obligatoire | ce qu'il faut écrire |", "|---|---|---|"]
    lines += [f"| `{spec.name}` | {requirement(spec.name)} | {what_to_write(spec)} |" for spec in common_fields()]
    for ctype in TYPES:
        # A type's own fields, and the common ones it says otherwise (an actor's title…);
        # who requires a common field is said in the common table.
        own = [spec for spec in ctype.fields.values() if spec.name not in common
               or spec.but(required=common[spec.name].required) != common[spec.name]]
        lines += ["", f"### {ctype.label[:1].upper() + ctype.label[1:]} (`content/{ctype.folder}/`)", "",
                  ctype.summary + " " + ("Ses champs, en plus des champs de tous les types :" if own
                                         else "Les champs de tous les types, sans autre.")]
        if own:
            lines += ["", "| champ | obligatoire | ce qu'il faut écrire |", "|---|---|---|"]
            lines += [f"| `{spec.name}` | {'oui' if spec.required else spec.rule or 'non'} | {what_to_write(spec)} |"
                      for spec in own]
    return "\n".join(lines)


def pull_request_choices():
    """The pull request template's boxes: one per type, and a correction."""
    return "\n".join([f"- [ ] {ctype.indefinite} {ctype.label}" for ctype in TYPES] + ["- [ ] une correction"])


def types_list():
    """The README's list of types: their folder, name and required fields."""
    lines = ["| type | dossier | champs obligatoires |", "|---|---|---|"]
    lines += [f"| {ctype.label} | `content/{ctype.folder}/` | "
              + ", ".join(f"`{spec.name}`" + (f" ({spec.rule})" if spec.rule else "")
                          for spec in ctype.fields.values() if spec.required or spec.rule) + " |"
              for ctype in TYPES]
    return "\n".join(lines)


# File (from the repository's root) -> {marker name: what writes its text}.
GENERATED = {
    "CONTRIBUTING.md": {"types": types_table, "fields": fields_tables},
    ".github/PULL_REQUEST_TEMPLATE.md": {"types": pull_request_choices},
    "README.md": {"types": types_list},
}


def rewritten(text, parts, path="le fichier"):
    """`text` with each marked part written anew; ValueError if a marker is missing."""
    for name, make in parts.items():
        pattern = re.compile(re.escape(START.format(name)) + r"\n.*?" + re.escape(END), re.S)
        if not pattern.search(text):
            raise ValueError(f"{path} n'a pas les repères {START.format(name)} … {END}")
        block = f"{START.format(name)}\n{make()}\n{END}"
        text = pattern.sub(lambda match, block=block: block, text, count=1)
    return text


def stale_files(root, write=False):
    """The files whose generated parts differ from the model's; with `write`, rewrites them."""
    stale = []
    for name, parts in GENERATED.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        new = rewritten(text, parts, name)
        if new != text:
            stale.append(name)
            if write:
                path.write_text(new, encoding="utf-8")
    return stale

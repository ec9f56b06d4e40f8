"""`invoke new TYPE "Titre"`: a new contribution file with every field of its type,
made from the model. The title and the date are filled in; the other required
fields are left empty, so `invoke check` says what to write until they are
filled; optional fields are commented out with their label and an example.
"""

import datetime as dt
import os

from .model import PARIS, TYPES, slug_from_title

# What contributors may type for each type: its name, its folder, its French label.
TYPE_NAMES = {name: ctype for ctype in TYPES
              for name in (ctype.name, ctype.folder, ctype.label, slug_from_title(ctype.label))}
BODY = ("<!-- Écrivez votre texte sous cette ligne, en Markdown : un paragraphe par idée,\n"
        "     des intertitres avec `## Intertitre`, des liens avec `[texte](https://adresse)`,\n"
        "     des images avec `![ce que montre l'image](photo.jpg)`. Ce commentaire n'est pas publié. -->\n")
# How the types are named to contributors: "actualite, evenement, … ou page".
TYPE_WORDS = " ou ".join([", ".join(slug_from_title(ctype.label) for ctype in TYPES[:-1]),
                          slug_from_title(TYPES[-1].label)])
# Filled in rather than left empty: the date of today for what has a publication date.
TODAY_FIELDS = ("date",)


def field_lines(spec, today):
    """A field's comment (its label, its help, an example) and its line: filled in with
    today's date, empty when required or expected, commented out otherwise."""
    help = spec.help[:1].lower() + spec.help[1:]
    if spec.name in TODAY_FIELDS and spec.required:
        return [f"# {spec.label} : {help}", f"{spec.name}: {today}"]
    if spec.required or spec.expected:
        need = " (obligatoire)" if spec.required else ""
        return [f"# {spec.label}{need} : {help} Par exemple : {spec.example}", f"{spec.name}:"]
    return [f"# {spec.label} : {help} Par exemple :", f"# {spec.example_line}"]


def contribution_text(ctype, title, today=None):
    """Every field of the type, in the order of the model (the order a person fills them in)."""
    today = today or dt.datetime.now(PARIS).date().isoformat()
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    lines = ["---", f'title: "{quoted}"']
    for spec in ctype.fields.values():
        if spec.name != "title":
            lines += field_lines(spec, today)
    return "\n".join(lines) + "\n---\n\n" + BODY


def new_contribution(content_path, type_name, title, today=None):
    """Write the file; returns its path. ValueError, in French, for an unknown type or a taken name."""
    ctype = TYPE_NAMES.get(slug_from_title(type_name))
    if ctype is None:
        raise ValueError(f"type « {type_name} » inconnu : choisissez {TYPE_WORDS}")
    slug = slug_from_title(title)
    if not slug:
        raise ValueError("le titre doit contenir au moins une lettre ou un chiffre")
    path = os.path.join(content_path, ctype.folder, f"{slug}.md")
    if os.path.exists(path):
        raise ValueError(f"{path} existe déjà : choisissez un autre titre ou modifiez ce fichier")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(contribution_text(ctype, title, today))
    return path

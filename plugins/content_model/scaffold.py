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
# Filled in rather than left empty: the date of today for what has a publication date.
TODAY_FIELDS = ("date",)
# Required by a rule rather than by the field (an event has a start or sessions, a place
# or a link): left empty too, since most contributions need them.
RULE_FIELDS = {"event": ("start", "end", "location")}


def field_lines(spec, today, needed):
    example = spec.example.split(": ", 1)[1] if ": " in spec.example else spec.example
    if spec.name in TODAY_FIELDS and spec.required:
        return [f"# {spec.label} :", f"{spec.name}: {today}"]
    if spec.required:
        return [f"# {spec.label} (obligatoire), par exemple : {example}", f"{spec.name}:"]
    if needed:
        return [f"# {spec.label}, par exemple : {example}", f"{spec.name}:"]
    return [f"# {spec.label}, par exemple :", f"# {spec.name}: {example}"]


def contribution_text(ctype, title, today=None):
    today = today or dt.datetime.now(PARIS).date().isoformat()
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    lines = ["---", f'title: "{quoted}"']
    needed = RULE_FIELDS.get(ctype.name, ())
    specs = [spec for spec in ctype.fields.values() if spec.name != "title"]
    for spec in sorted(specs, key=lambda spec: not (spec.required or spec.name in needed)):
        lines += field_lines(spec, today, spec.name in needed)
    return "\n".join(lines) + "\n---\n\n" + BODY


def new_contribution(content_path, type_name, title, today=None):
    """Write the file; returns its path. ValueError, in French, for an unknown type or a taken name."""
    ctype = TYPE_NAMES.get(slug_from_title(type_name))
    if ctype is None:
        raise ValueError(f"type « {type_name} » inconnu : choisissez article, evenement, ressource, "
                         "annonce, dossier, acteur ou page")
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

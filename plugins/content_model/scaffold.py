"""`invoke new TYPE "Titre"`: a new contribution file with every field of its type,
made from the model. The title and the date are filled in; the other required
fields are left empty, so `invoke check` says what to write until they are
filled; optional fields are commented out with their label and an example.
"""

import datetime as dt
import os
import re

from .documents import load_themes
from .kinds import Choice, ListOf, Reference
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


# The model's examples are dated around this day: a new file's are moved to the weeks ahead.
EXAMPLE_DAY = dt.date(2026, 10, 12)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# The model's example actor and theme, replaced by real ones of the site.
EXAMPLE_ACTOR, EXAMPLE_THEME = "museum-de-toulouse", "univers"


def site_examples(content_path):
    """{"actors": [slugs], "themes": [slugs]} of the site the file is written for."""
    folder = os.path.join(content_path, "actors")
    actors = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".md")) if os.path.isdir(folder) else []
    themes, _ = load_themes(content_path)        # a themes.yaml with mistakes gives none: the check says why
    return {"actors": actors, "themes": list(themes)}


def example(spec, today, site):
    """The model's example, with dates in the weeks to come and the site's own actor and theme."""
    shift = dt.date.fromisoformat(today) + dt.timedelta(days=30) - EXAMPLE_DAY
    text = ISO_DATE.sub(lambda match: (dt.date(*map(int, match.groups())) + shift).isoformat(), spec.example_line)
    if site["actors"]:
        text = text.replace(EXAMPLE_ACTOR, site["actors"][0])
    if site["themes"] and EXAMPLE_THEME not in site["themes"]:
        text = re.sub(rf"\b{EXAMPLE_THEME}\b", site["themes"][0], text)
    return text


def allowed_values(spec, site):
    """The values a closed list allows, said in the comment; those of a theme list, the site's."""
    kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
    if isinstance(kind, Choice):
        return kind.values
    if isinstance(kind, Reference) and kind.to == "theme":
        return site["themes"]
    return ()


def field_lines(spec, today, site=None):
    """A field's comment (its label, its help, the values it allows, an example) and its line:
    filled in with today's date, empty when required or expected, commented out otherwise."""
    site = site or {"actors": [], "themes": []}
    help = spec.help[:1].lower() + spec.help[1:]
    values = allowed_values(spec, site)
    if values:
        help += " Valeurs possibles : " + ", ".join(values) + "."
    line = example(spec, today, site)
    if spec.name in TODAY_FIELDS and spec.required:
        return [f"# {spec.label} : {help}", f"{spec.name}: {today}"]
    if spec.required or spec.expected:
        need = " (obligatoire)" if spec.required else ""
        return [f"# {spec.label}{need} : {help} Par exemple : {line.split(': ', 1)[1]}", f"{spec.name}:"]
    return [f"# {spec.label} : {help} Par exemple :", f"# {line}"]


def contribution_text(ctype, title, today=None, site=None):
    """Every field of the type, in the order of the model (the order a person fills them in)."""
    today = today or dt.datetime.now(PARIS).date().isoformat()
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    lines = ["---", f'title: "{quoted}"']
    for spec in ctype.fields.values():
        if spec.name != "title":
            lines += field_lines(spec, today, site)
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
        out.write(contribution_text(ctype, title, today, site_examples(content_path)))
    return path

"""Decap CMS's configuration, made from the content model: one collection per
type, one widget per field, with the model's French labels, examples, required
flags and lists of values. Nothing here is written by hand, so the form and the
check can never disagree on a field.
"""

from content_model import model

DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY",
            "time_format": "HH:mm"}
LOCATION_LABELS = {"name": "Nom du lieu", "address": "Adresse", "postcode": "Code postal",
                   "city": "Ville", "lat": "Latitude", "lon": "Longitude"}


def widget(parse, name, themes):
    """The Decap widget (a dict without name/label) for a field parser of the model."""
    if name == "themes":
        return {"widget": "select", "multiple": True, "options": [
            {"label": theme["label"], "value": slug} for slug, theme in themes.items()]}
    if name in ("actors", "organizer", "provider"):
        # Actors are named by their slug; the form offers the existing ones.
        return {"widget": "relation", "collection": "actors", "search_fields": ["title"],
                "value_field": "{{slug}}", "display_fields": ["title"], "multiple": name == "actors"}
    if parse in (model.moment, model.instant):
        return dict(DATETIME)
    if parse is model.boolean:
        # Absent means false for draft, true for search: the form starts from the same.
        return {"widget": "boolean", "default": name == "search"}
    if parse is model.image:
        return {"widget": "image", "choose_url": False}
    if parse is model.location:
        return {"widget": "object", "fields": [
            {"name": key, "label": LOCATION_LABELS[key], "required": required,
             **({"widget": "number", "value_type": "float"} if key in ("lat", "lon") else {"widget": "string"})}
            for key, (_, required) in model.LOCATION_FIELDS.items()]}
    if parse is model.sessions:
        return {"widget": "list", "fields": [{"name": "start", "label": "Début", **DATETIME},
                                             {"name": "end", "label": "Fin", "required": False, **DATETIME}]}
    if hasattr(parse, "options"):
        return {"widget": "select", "options": list(parse.options)}
    if hasattr(parse, "item"):
        if hasattr(parse.item, "options"):
            return {"widget": "select", "multiple": True, "options": list(parse.item.options)}
        return {"widget": "list"}
    if hasattr(parse, "schemes"):
        return {"widget": "string", "pattern": [
            "^(" + "|".join(parse.schemes) + "):", "Une adresse complète, par exemple https://exemple.fr/page"]}
    if getattr(parse, "max_length", 0) > 200:
        return {"widget": "text"}
    return {"widget": "string"}


def collection(ctype, themes):
    fields = []
    for spec in ctype.fields.values():
        if spec.name == "slug":
            continue        # made from the title, as the check does
        fields.append({"name": spec.name, "label": spec.label, "required": spec.required,
                       "hint": f"Exemple : {spec.example}", **widget(spec.parse, spec.name, themes)})
    fields.append({"name": "body", "label": "Texte", "widget": "markdown"})
    return {"name": ctype.folder, "label": ctype.section, "label_singular": ctype.label,
            "folder": f"content/{ctype.folder}", "create": True, "extension": "md",
            "format": "yaml-frontmatter", "slug": "{{slug}}", "identifier_field": "title",
            # Images go to content/images/ and are named by their file name, as the model wants.
            "media_folder": "/content/images", "public_folder": "", "fields": fields}


def config(settings, themes):
    backend = {"name": "github", "repo": settings["ADMIN_REPO"], "branch": settings["ADMIN_BRANCH"],
               "commit_messages": {"create": "Nouveau contenu ({{collection}}) : {{slug}}",
                                   "update": "Mise à jour ({{collection}}) : {{slug}}",
                                   "delete": "Suppression ({{collection}}) : {{slug}}",
                                   "uploadMedia": "Image : {{path}}", "deleteMedia": "Image retirée : {{path}}"}}
    if settings.get("ADMIN_AUTH_URL"):
        backend["base_url"] = settings["ADMIN_AUTH_URL"]
    return {
        "backend": backend,
        # Each submission becomes a pull request, checked by CI before anyone merges it.
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        **({"site_url": settings["PUBLIC_SITEURL"]} if settings.get("PUBLIC_SITEURL") else {}),
        "media_folder": "content/images",
        "public_folder": "",
        "collections": [collection(ctype, themes) for ctype in model.TYPES],
    }

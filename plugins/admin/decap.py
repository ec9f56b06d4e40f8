"""Decap CMS's configuration, made from the content model: one collection per
type, one widget per field (its kind's), in the model's order, with its French
label, help sentence, required flag and list of values. Nothing here is written
by hand, so the form and the check can never disagree on a field.
"""

from content_model import model


def collection(ctype, themes):
    fields = []
    for spec in ctype.fields.values():
        if spec.name == "slug":
            continue        # made from the title, as the check does
        fields.append({"name": spec.name, "label": spec.label, "required": spec.required, "hint": spec.help,
                       **spec.kind.widget(themes)})
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
    # A contributor without write access works on a fork: the form opens the pull request.
    backend["open_authoring"] = True
    if settings.get("ADMIN_AUTH_URL"):
        # The small OAuth service Decap signs in through outside Netlify (README, « Formulaire »).
        backend["base_url"] = settings["ADMIN_AUTH_URL"]
        backend["auth_endpoint"] = settings.get("ADMIN_AUTH_ENDPOINT") or "auth"
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

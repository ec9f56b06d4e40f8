"""Decap CMS's configuration, made from the content model: one collection per
type, one widget per field (its kind's), in the model's order, with its French
label, the form's help sentence, required flag and list of values. Nothing here
is written by hand, so the form and the check can never disagree on a field.
"""

from content_model import model

# Asked for whenever an image is given (formulaire.js refuses to save without them): the
# check asks for the description (image_needs_alt); the form asks for the credit too,
# which the site prints under every image and which says the image may be published.
WITH_IMAGE = ("image_alt", "image_credit")


def collection(ctype, site):
    fields = [{"name": spec.name, "label": spec.label, "required": spec.required, "hint": spec.form_hint,
               **spec.kind.widget(site)}
              for spec in ctype.fields.values() if spec.name != "slug"]    # made from the title, as the check does
    fields.append({"name": "body", "label": "Texte", "widget": "markdown", "required": False,
                   "hint": "Le texte de la page : des paragraphes, des intertitres, des liens, des listes."})
    return {"name": ctype.folder, "label": ctype.section, "label_singular": ctype.label,
            "description": ctype.summary,
            "folder": f"content/{ctype.folder}", "create": True, "extension": "md",
            "format": "yaml-frontmatter", "slug": "{{slug}}", "identifier_field": "title",
            # Images go to content/images/ and are named by their file name, as the model wants.
            "media_folder": "/content/images", "public_folder": "", "fields": fields}


def config(settings, themes, items=()):
    """The form's config.yml: `themes` ({slug: theme}) and the site's published `items`
    are the choices of the thématiques and of a dossier's contents."""
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
    order = {ctype.name: index for index, ctype in enumerate(model.TYPES)}
    site = {"themes": themes,
            "items": sorted(items, key=lambda item: (order[item.ctype.name], item.title.casefold(), item.slug))}
    return {
        "backend": backend,
        # Each submission becomes a pull request, checked by CI before anyone merges it.
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        # File names as the check makes slugs: "Café des sciences" is cafe-des-sciences.md.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "logo_url": f"{settings.get('SITEURL', '')}/theme/icons/favicon.svg",
        # Decap reads it only on localhost (invoke cms); online, the GitHub backend above.
        **({"local_backend": {"url": settings["ADMIN_LOCAL_BACKEND"]}} if settings.get("ADMIN_LOCAL_BACKEND") else {}),
        **({"site_url": settings["PUBLIC_SITEURL"]} if settings.get("PUBLIC_SITEURL") else {}),
        "media_folder": "content/images",
        "public_folder": "",
        "collections": [collection(ctype, site) for ctype in model.TYPES],
    }


def form_script(styles):
    """What formulaire.js reads: the site's style sheets for the preview, the collections it
    previews, and the fields an image requires, with their labels."""
    return {"styles": styles, "collections": [ctype.folder for ctype in model.TYPES],
            "required_with": {"image": [[name, model.ARTICLE.fields[name].label] for name in WITH_IMAGE]}}

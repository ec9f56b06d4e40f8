"""schema.org data of calls and dossiers, as search engines read them."""

from agenda.opendata import image_url
from agenda.structured_data import item_list, organization, place
from content_model.model import JOB_CALL_TYPES

# Google's employmentType for the call types that say it.
EMPLOYMENT_TYPES = {"stage": "INTERN"}


def common(item, public_siteurl, schema_type):
    url = f"{public_siteurl}/{item.url}"
    return {"@context": "https://schema.org", "@type": schema_type, "@id": url, "url": url, "name": item.title,
            "description": item.summary_text, "datePublished": item.date.isoformat(),
            "dateModified": getattr(item, "updated", None) and item.updated.isoformat(),
            "inLanguage": getattr(item, "lang", None) or "fr", "image": image_url(item, public_siteurl),
            "keywords": [tag.label for tag in item.tag_list] or None}


def call_json_ld(call, public_siteurl):
    """A JobPosting for jobs and internships (what job search engines list), else a
    CreativeWork that expires at the deadline."""
    job = call.call_type in JOB_CALL_TYPES
    data = common(call, public_siteurl, "JobPosting" if job else "CreativeWork")
    organizer = organization(call, public_siteurl)
    if job:
        data.update({"title": call.title, "datePosted": data["datePublished"],
                     "validThrough": call.deadline_at.isoformat(), "hiringOrganization": organizer,
                     "employmentType": EMPLOYMENT_TYPES.get(call.call_type),
                     "directApply": False})
        data["jobLocation"] = place(call.organizer_actor) if call.organizer_actor is not None else None
    else:
        data.update({"genre": call.call_type_label,
                     "expires": call.deadline_at.isoformat(), "publisher": organizer})
    if getattr(call, "audience", None):
        data["audience"] = [{"@type": "Audience", "audienceType": label} for label in call.audience_labels]
    return {key: value for key, value in data.items() if value is not None}


def dossier_json_ld(dossier, public_siteurl):
    """A CollectionPage whose main entity is the ordered list of its items."""
    data = common(dossier, public_siteurl, "CollectionPage")
    data["mainEntity"] = {**item_list(public_siteurl, dossier.dossier_items),
                          "numberOfItems": dossier.item_count}
    return {key: value for key, value in data.items() if value is not None}

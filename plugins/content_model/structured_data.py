"""schema.org JSON-LD, as search engines read it: an Event on each event page, a
JobPosting or a CreativeWork on each call's, a CollectionPage on each dossier's, an
ItemList on list pages. Templates ask for it with the `json_ld` and `item_list_json_ld`
filters (content_model/__init__.py); drafts have none.
"""

import json
import re

from markupsafe import Markup

from .exports import image_url, iso
from .model import JOB_CALL_TYPES, partner

EVENT_STATUS = {"scheduled": "EventScheduled", "full": "EventScheduled",
                "postponed": "EventPostponed", "cancelled": "EventCancelled"}
PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur)", re.IGNORECASE)


def json_ld_script_body(data):
    """JSON that cannot close its <script> element nor open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def place(event):
    location = getattr(event, "location", None)
    if not location:
        return None
    address = {"@type": "PostalAddress", "addressLocality": location["city"], "addressCountry": "FR"}
    if location.get("address"):
        address["streetAddress"] = location["address"]
    if location.get("postcode"):
        address["postalCode"] = location["postcode"]
        address["addressRegion"] = location["departement_label"]
    data = {"@type": "Place", "name": location["name"], "address": address}
    if "lat" in location:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": location["lat"],
                       "longitude": location["lon"]}
    return data


def organization(item, public_siteurl):
    """Who organises an event or offers a call: an actor of the site, or a name."""
    actor = item.organizer_actor
    if actor is not None:
        return {"@type": "Organization", "name": actor.title, "url": f"{public_siteurl}/{actor.url}"}
    if getattr(item, "organizer", None):
        return {"@type": "Organization", "name": item.organizer}
    return None


def attendance_mode(event):
    online, offline = bool(getattr(event, "online", None)), bool(getattr(event, "location", None))
    mode = "Mixed" if online and offline else "Online" if online else "Offline"
    return f"https://schema.org/{mode}EventAttendanceMode"


def offer(event, url):
    price = getattr(event, "price", None)
    registration = getattr(event, "registration", None)
    if not price and not registration:
        return None
    data = {"@type": "Offer", "url": registration or url,
            "availability": "https://schema.org/" + ("SoldOut" if event.event_status == "full"
                                                     else "InStock")}
    amount = "0" if event.is_free else None
    match = PRICE.search(price or "")
    if amount is None and match:
        amount = match.group(1).replace(",", ".")
    if amount is not None:
        data.update(price=amount, priceCurrency="EUR")
    if price:
        data["description"] = price
    return data


def event_json_ld(event, public_siteurl):
    url = f"{public_siteurl}/{event.url}"
    end = event.end or (event.start if event.all_day else None)
    data = {
        "@context": "https://schema.org", "@type": "Event", "@id": url, "url": url,
        "name": event.title, "description": event.summary_text,
        "startDate": iso(event.start, event.all_day),
        "endDate": iso(end, event.all_day) if end else None,
        "eventStatus": "https://schema.org/" + EVENT_STATUS[event.event_status],
        "eventAttendanceMode": attendance_mode(event),
        "inLanguage": getattr(event, "lang", None) or "fr",
    }
    locations = [location for location in (
        place(event),
        {"@type": "VirtualLocation", "url": event.online} if getattr(event, "online", None) else None,
    ) if location]
    data["location"] = locations[0] if len(locations) == 1 else locations
    data["organizer"] = organization(event, public_siteurl)
    data["offers"] = offer(event, url)
    data["image"] = image_url(event, public_siteurl)
    if getattr(event, "audience", None):
        data["audience"] = [{"@type": "Audience", "audienceType": label}
                            for label in event.audience_labels]
    if event.session_list:
        data["subEvent"] = [{"@type": "Event", "name": event.title,
                             "startDate": iso(session["start"], session["all_day"]),
                             **({"endDate": iso(session["end"], session["all_day"])}
                                if session["end"] else {}),
                             "eventStatus": data["eventStatus"], "location": data["location"],
                             "eventAttendanceMode": data["eventAttendanceMode"]}
                            for session in event.session_list]
    return {key: value for key, value in data.items() if value is not None}


def item_list(public_siteurl, items, first_position=1):
    """An ItemList of items, in order; `first_position` counts earlier pages."""
    return {"@type": "ItemList",
            "itemListElement": [{"@type": "ListItem", "position": position,
                                 "url": f"{public_siteurl}/{item.url}", "name": item.title}
                                for position, item in enumerate(items, start=first_position)]}


def item_list_script(public_siteurl, items, first_position=1):
    """The ItemList of a list page's items."""
    return json_ld_script_body({"@context": "https://schema.org",
                                **item_list(public_siteurl, items, first_position)})


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


def actor_json_ld(actor, public_siteurl):
    """An Organization: its place, its site and its logo."""
    url = f"{public_siteurl}/{actor.url}"
    logo = getattr(actor, "logo_picture", None)
    data = {"@context": "https://schema.org", "@type": "Organization", "@id": url, "url": url, "name": actor.title,
            "description": actor.summary_text, "image": image_url(actor, public_siteurl), "location": place(actor),
            "sameAs": getattr(actor, "website", None),
            "logo": f"{public_siteurl}/{logo.social['url']}" if logo else None}
    return {key: value for key, value in data.items() if value is not None}


def project_json_ld(project, public_siteurl):
    """A ResearchProject for participatory science, else a Project (both Organizations for
    schema.org): who carries it, who funds it, where."""
    schema_type = "ResearchProject" if project.project_kind == "sciences participatives" else "Project"
    data = common(project, public_siteurl, schema_type)
    start = getattr(project, "start", None)
    funders = [name for name, role in map(partner, getattr(project, "partners", ())) if role == "financeur"]
    data.update({
        "foundingDate": start.date().isoformat() if start else None,
        "parentOrganization": [{"@type": "Organization", "name": actor.title, "url": f"{public_siteurl}/{actor.url}"}
                               for actor in project.linked_actors] or None,
        "funder": [{"@type": "Organization", "name": name} for name in funders] or None,
        "location": place(project),
        "areaServed": [{"@type": "AdministrativeArea", "name": label} for label in project.territory_labels] or None,
        "email": (getattr(project, "contact_email", None) or "").removeprefix("mailto:") or None,
        "sameAs": getattr(project, "participation_url", None)})
    return {key: value for key, value in data.items() if value is not None}


# The schema.org description of each type that has one.
DESCRIBED = {"event": event_json_ld, "call": call_json_ld, "dossier": dossier_json_ld, "actor": actor_json_ld,
             "project": project_json_ld}


def json_ld(item, public_siteurl):
    """The JSON-LD of a published item, ready for its <script> element; None for a draft or
    a type without one."""
    describe = DESCRIBED.get(item.ctype.name)
    if describe is None or item.status != "published":
        return None
    return json_ld_script_body(describe(item, public_siteurl))

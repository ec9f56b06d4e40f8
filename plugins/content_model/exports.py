"""What the site's open data says of an item, for aggregators and the map: the record of
an event (field names after OpenAgenda's where they exist: uid, title, description,
timings, location…; one timing per session; dates in ISO 8601 with their offset, all-day
events as dates alone), JSON as the site writes it, GeoJSON features.
"""

import csv
import io
import json
from urllib.parse import urlsplit

from .describe import event_uid, occurrences
from .territories import DEPARTEMENTS, item_departements


def iso(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def timings(event):
    return [{"start": iso(span["start"], span["all_day"]),
             "end": iso(span["end"], span["all_day"]) if span["end"] else None}
            for span in occurrences(event)]


def image_url(item, public):
    """The address of the item's image as shared (the images plugin's social size): the
    original file is never published; None without one, or without the images plugin."""
    picture = getattr(item, "picture", None)
    return f"{public}/{picture.social['url']}" if picture else None


def origin(item, public, site):
    """Where a record comes from, for the sites that gather it (plugins/network): its site's
    name and its page there, the canonical one."""
    return {"origin_site": site, "origin_url": f"{public}/{item.url}"}


def item_uid(kind, item, public):
    """An actor's or a project's identifier across sites, as stable as its slug."""
    return f"{kind}-{item.slug}@{urlsplit(public).netloc or 'localhost'}"


def event_record(event, public, themes, site=None):
    place = getattr(event, "location", None) or {}
    organizer = event.organizer_actor
    return {
        "uid": event_uid(event, public),
        **origin(event, public, site),
        "slug": event.slug,
        "title": event.title,
        "description": event.summary_text,
        "url": f"{public}/{event.url}",
        "start": iso(event.start, event.all_day),
        "end": iso(event.end, event.all_day) if event.end else None,
        "all_day": event.all_day,
        "timings": timings(event),
        "status": event.event_status,
        "status_label": event.status_label,
        "event_type": getattr(event, "event_type", None),
        "online_url": getattr(event, "online", None),
        "location_name": place.get("name"),
        "address": place.get("address"),
        "postcode": place.get("postcode"),
        "city": place.get("city"),
        "departement": place.get("departement"),
        "departement_name": DEPARTEMENTS.get(place.get("departement")),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "audience": list(getattr(event, "audience", ())),
        "price": getattr(event, "price", None),
        "free": event.is_free,
        "registration": getattr(event, "registration", None),
        "accessibility": getattr(event, "accessibility", None),
        "organizer": organizer.title if organizer else getattr(event, "organizer", None),
        "organizer_url": f"{public}/{organizer.url}" if organizer else None,
        "themes": [themes[slug]["label"] for slug in event.theme_slugs],
        "tags": list(getattr(event, "tags", ())),
        "image": image_url(event, public),
        "published": event.date.isoformat(),
        "updated": (getattr(event, "updated", None) or event.date).isoformat(),
    }


def actor_record(actor, public, themes, site=None):
    """An actor as the directory's open data says it (columns: README, « Acteurs »)."""
    place = getattr(actor, "location", None) or {}
    record = {
        "uid": item_uid("acteur", actor, public),
        **origin(actor, public, site),
        "slug": actor.slug,
        "name": actor.title,
        "description": actor.summary_text,
        "url": f"{public}/{actor.url}",
        "family": actor.family,
        "type": actor.actor_type,
        "website": getattr(actor, "website", None),
        "location_name": place.get("name"),
        "address": place.get("address"),
        "postcode": place.get("postcode"),
        "city": place.get("city"),
        "departement": place.get("departement"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "themes": [themes[slug]["label"] for slug in actor.theme_slugs],
        "communities": [community.title for community in getattr(actor, "in_communities", ())],
        "logo": f"{public}/{actor.logo_picture.social['url']}" if getattr(actor, "logo_picture", None) else None,
        "updated": getattr(actor, "updated", None) or getattr(actor, "date", None),
    }
    record["updated"] = record["updated"] and record["updated"].isoformat()     # an actor may have no date
    return record


def project_record(project, public, themes, site=None):
    """A project as the directory's open data says it (columns: README, « Projets »)."""
    place = getattr(project, "location", None) or {}
    start, end = getattr(project, "start", None), getattr(project, "end", None)
    email = getattr(project, "contact_email", None)
    return {
        "uid": item_uid("projet", project, public),
        **origin(project, public, site),
        "slug": project.slug,
        "title": project.title,
        "description": project.summary_text,
        "url": f"{public}/{project.url}",
        "kind": project.project_kind,
        "status": project.project_status,
        "aim": getattr(project, "aim", None),
        "start": start.date().isoformat() if start else None,
        "end": end.date().isoformat() if end else None,
        "duration": getattr(project, "duration", None),
        "carriers": [actor.title for actor in project.linked_actors],
        "carrier_urls": [f"{public}/{actor.url}" for actor in project.linked_actors],
        "partners": list(getattr(project, "partners", ())),
        "audience": list(getattr(project, "audience", ())),
        "participation": getattr(project, "participation", None),
        "participation_url": getattr(project, "participation_url", None),
        "task": getattr(project, "task", None),
        "difficulty": getattr(project, "difficulty", None),
        "equipment": getattr(project, "equipment", None),
        "from_home": bool(getattr(project, "from_home", False)),
        "fees": getattr(project, "fees", None),
        "contact": getattr(project, "contact", None),
        "contact_email": email.removeprefix("mailto:") if email else None,
        "funding": getattr(project, "funding", None),
        "location_name": place.get("name"),
        "postcode": place.get("postcode"),
        "city": place.get("city"),
        "departements": item_departements(project),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "themes": [themes[slug]["label"] for slug in project.theme_slugs],
        "tags": list(getattr(project, "tags", ())),
        "communities": [community.title for community in project.community_list],
        "image": image_url(project, public),
        "published": project.date.isoformat(),
        "updated": (getattr(project, "updated", None) or project.date).isoformat(),
    }


def subscribed_calendar(name, site, product):
    """An empty VCALENDAR named `name`, which subscribed clients fetch again daily (the site
    is rebuilt daily); events are added to it (icalendar)."""
    import datetime as dt

    from icalendar import Calendar  # here: a build that writes no calendar never needs it
    calendar = Calendar()
    calendar.add("prodid", f"-//{site}//{product}//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    return calendar


def json_text(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def point_feature(uid, latitude, longitude, properties):
    """A GeoJSON feature; without coordinates, its geometry is null (RFC 7946, 3.2)."""
    return {"type": "Feature", "id": uid,
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]} if latitude is not None else None,
            "properties": properties}


def feature_collection(features, about):
    """GeoJSON text: `about` (title, source, license) beside the features."""
    return json_text({"type": "FeatureCollection", **about, "features": features})


def records_json(name, records, about):
    """An export's JSON text: `about`, how many, then the records under `name` ("events"…)."""
    return json_text({**about, "total": len(records), name: records})


def records_geojson(records, about, identity):
    """The records as points; `identity` names the record's key that identifies it ("uid")."""
    return feature_collection([point_feature(record[identity], record["latitude"], record["longitude"], record)
                               for record in records], about)


CSV_LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
def csv_cell(value):
    if isinstance(value, list):
        value = CSV_LIST_SEPARATOR.join(
            f"{item['start']}/{item['end'] or ''}" if isinstance(item, dict) else str(item)
            for item in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value      # a spreadsheet would run it as a formula (CSV injection)
    return "" if value is None else value


def records_csv(records):
    """CSV of records (dicts with the same keys), as spreadsheets open it safely."""
    buffer = io.StringIO(newline="")
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\r\n")
        writer.writeheader()
        for record in records:
            writer.writerow({key: csv_cell(value) for key, value in record.items()})
    return buffer.getvalue()

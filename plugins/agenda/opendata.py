"""Open-data exports of every published event, for aggregators: JSON, CSV, GeoJSON.

Field names follow OpenAgenda's where they exist (uid, title, description,
timings, location…); one record per event, one timing per session.
Dates are ISO 8601 with their offset; all-day events give dates alone.
"""

import csv
import io
import json

from content_model.territories import DEPARTEMENTS

from .calendar import event_uid, occurrences

CSV_LIST_SEPARATOR = " | "


def iso(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def timings(event):
    return [{"start": iso(span["start"], span["all_day"]),
             "end": iso(span["end"], span["all_day"]) if span["end"] else None}
            for span in occurrences(event)]


def image_url(event, public):
    """The address of the event's image as shared (the images plugin's social size): the
    original file is never published."""
    picture = getattr(event, "picture", None)
    return f"{public}/{picture.social['url']}" if picture else None


def event_record(event, settings, themes):
    public = settings["PUBLIC_SITEURL"]
    place = getattr(event, "location", None) or {}
    organizer = event.organizer_actor
    return {
        "uid": event_uid(event, settings),
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


def json_text(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def events_json(records, about):
    return json_text({**about, "total": len(records), "events": records})


def point_feature(uid, latitude, longitude, properties):
    """A GeoJSON feature; without coordinates, its geometry is null (RFC 7946, 3.2)."""
    return {"type": "Feature", "id": uid,
            "geometry": {"type": "Point", "coordinates": [longitude, latitude]} if latitude is not None else None,
            "properties": properties}


def events_geojson(records, about):
    features = [point_feature(record["uid"], record["latitude"], record["longitude"], record) for record in records]
    return json_text({"type": "FeatureCollection", **about, "features": features})


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


def events_csv(records):
    buffer = io.StringIO(newline="")
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\r\n")
        writer.writeheader()
        for record in records:
            writer.writerow({key: csv_cell(value) for key, value in record.items()})
    return buffer.getvalue()

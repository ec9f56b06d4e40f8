"""The agenda's open-data files, for aggregators: every published event as JSON and
GeoJSON (and CSV, by content_model.exports.records_csv), from the content model's record
of an event (content_model/exports.py).
"""

from content_model.exports import json_text, point_feature


def events_json(records, about):
    return json_text({**about, "total": len(records), "events": records})


def events_geojson(records, about):
    features = [point_feature(record["uid"], record["latitude"], record["longitude"], record) for record in records]
    return json_text({"type": "FeatureCollection", **about, "features": features})

"""The agenda's open-data files, for aggregators: every published event as JSON, CSV
and GeoJSON, from the content model's record of an event (content_model/exports.py).
"""

import csv
import io

from content_model.exports import json_text, point_feature

CSV_LIST_SEPARATOR = " | "


def events_json(records, about):
    return json_text({**about, "total": len(records), "events": records})


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

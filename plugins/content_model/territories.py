"""French départements, derived from postcodes.

The two Corsican départements share the "20" prefix (2A below 20200, 2B
from 20200); overseas départements and collectivities use three digits.
"""

import re

DEPARTEMENTS = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes", "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes",
    "09": "Ariège", "10": "Aube", "11": "Aude", "12": "Aveyron",
    "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud",
    "2B": "Haute-Corse", "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse",
    "24": "Dordogne", "25": "Doubs", "26": "Drôme", "27": "Eure",
    "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne",
    "32": "Gers", "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine",
    "36": "Indre", "37": "Indre-et-Loire", "38": "Isère", "39": "Jura",
    "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire",
    "44": "Loire-Atlantique", "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne",
    "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche", "51": "Marne",
    "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse",
    "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise",
    "61": "Orne", "62": "Pas-de-Calais", "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône",
    "70": "Haute-Saône", "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie",
    "74": "Haute-Savoie", "75": "Paris", "76": "Seine-Maritime",
    "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme",
    "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse",
    "85": "Vendée", "86": "Vienne", "87": "Haute-Vienne", "88": "Vosges",
    "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne",
    "95": "Val-d'Oise", "971": "Guadeloupe", "972": "Martinique", "973": "Guyane",
    "974": "La Réunion", "975": "Saint-Pierre-et-Miquelon", "976": "Mayotte",
}

# The regions (2016) and their départements: the network's agenda filters by region.
REGIONS = {
    "Auvergne-Rhône-Alpes": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "Bourgogne-Franche-Comté": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "Bretagne": ("22", "29", "35", "56"),
    "Centre-Val de Loire": ("18", "28", "36", "37", "41", "45"),
    "Corse": ("2A", "2B"),
    "Grand Est": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "Hauts-de-France": ("02", "59", "60", "62", "80"),
    "Île-de-France": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "Normandie": ("14", "27", "50", "61", "76"),
    "Nouvelle-Aquitaine": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "Occitanie": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "Pays de la Loire": ("44", "49", "53", "72", "85"),
    "Provence-Alpes-Côte d’Azur": ("04", "05", "06", "13", "83", "84"),
    "Guadeloupe": ("971",), "Martinique": ("972",), "Guyane": ("973",), "La Réunion": ("974",), "Mayotte": ("976",),
}
REGION_OF = {code: region for region, codes in REGIONS.items() for code in codes}
# What a region's map opens on (south, west, north, east: MAP_BOUNDS), for `invoke new-site`.
REGION_BOUNDS = {
    "Auvergne-Rhône-Alpes": (44.11, 2.06, 46.81, 7.19), "Bourgogne-Franche-Comté": (46.15, 2.84, 48.40, 7.15),
    "Bretagne": (47.28, -5.15, 48.90, -1.02), "Centre-Val de Loire": (46.35, 0.05, 48.95, 3.13),
    "Corse": (41.33, 8.53, 43.03, 9.56), "Grand Est": (47.42, 3.38, 50.17, 8.24),
    "Hauts-de-France": (48.83, 1.37, 51.09, 4.26), "Île-de-France": (48.12, 1.44, 49.24, 3.56),
    "Normandie": (48.18, -1.95, 50.07, 1.81), "Nouvelle-Aquitaine": (42.78, -1.80, 47.18, 2.61),
    "Occitanie": (42.33, -0.33, 45.05, 4.85), "Pays de la Loire": (46.27, -2.56, 48.57, 0.92),
    "Provence-Alpes-Côte d’Azur": (42.98, 4.23, 45.13, 7.72), "Guadeloupe": (15.83, -61.81, 16.52, -61.00),
    "Martinique": (14.38, -61.23, 14.88, -60.81), "Guyane": (2.11, -54.60, 5.75, -51.60),
    "La Réunion": (-21.39, 55.21, -20.87, 55.84), "Mayotte": (-13.00, 44.98, -12.63, 45.30),
}
FRANCE_BOUNDS = (41.33, -5.15, 51.09, 9.56)      # a national site: metropolitan France

POSTCODE = re.compile(r"^\d{5}$")


def departement_code(postcode):
    """The département code of a French postcode, or None if there is none."""
    if not POSTCODE.match(postcode):
        return None
    if postcode.startswith("20"):
        return "2A" if int(postcode) < 20200 else "2B"
    code = postcode[:3] if postcode.startswith("97") else postcode[:2]
    return code if code in DEPARTEMENTS else None


def departement_label(code):
    """"Haute-Garonne (31)": how the site names a département."""
    return f"{DEPARTEMENTS[code]} ({code})"


def item_departements(item):
    """The départements an item is in: its place's, then those its `territory` names."""
    place = getattr(item, "location", None) or {}
    return list(dict.fromkeys(([place["departement"]] if place.get("departement") else [])
                              + list(getattr(item, "territory", ()))))

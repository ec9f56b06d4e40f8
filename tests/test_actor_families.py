"""Actors by family (the Ocim survey's families): each type is in one, `actor_family`
settles another; /acteurs/ sifts by family; the directory's open data of actors."""

import csv
import io
import json

from test_content_check import run_check

from conftest import TWO_THEMES, build, page, write_content

ACTORS = {
    "actors/museum.md": '---\ntitle: "Muséum de test"\nactor_type: musée\n---\nUn muséum.\n',
    "actors/lab.md": ('---\ntitle: "Laboratoire des sols"\nactor_type: laboratoire\n'
                      'location: {name: "Campus", city: "Toulouse", postcode: "31400", lat: 43.56, lon: 1.47}\n---\nUn labo.\n'),
    # An association for the environment: its family is not its type's (CSTI non muséale).
    "actors/asso.md": '---\ntitle: "Les Amis des mares"\nactor_type: association\nactor_family: environnement\n---\nUne asso.\n',
}


def test_actors_are_sifted_by_family_and_their_data_is_open(tmp_path):
    output = build(write_content(tmp_path / "content", {"themes.yaml": TWO_THEMES, **ACTORS}), tmp_path / "out")
    listing = page(output, "acteurs/")
    families = [a.select_one(".sift__value").get_text() for a in listing.select(".sift__way")[0].select("a")]
    assert families == ["CSTI muséale", "Enseignement supérieur et recherche", "Environnement"]
    titles = [h.get_text(strip=True) for h in page(output, "acteurs/familles/environnement/").select("main .card h2")]
    assert titles == ["Les Amis des mares"]
    facts = {row.dt.get_text(): row.dd.get_text(strip=True) for row in page(output, "acteurs/les-amis-des-mares/")
             .select(".facts > div")}
    assert (facts["Type"], facts["Famille"]) == ("Association", "Environnement")
    rows = list(csv.DictReader(io.StringIO((output / "acteurs" / "acteurs.csv").read_text(encoding="utf-8"))))
    assert [(row["name"], row["family"], row["type"]) for row in rows] == [
        ("Laboratoire des sols", "enseignement supérieur et recherche", "laboratoire"),
        ("Les Amis des mares", "environnement", "association"),
        ("Muséum de test", "CSTI muséale", "musée")]
    assert rows[0]["departement"] == "31" and rows[0]["latitude"] == "43.56"
    data = json.loads((output / "acteurs" / "acteurs.json").read_text(encoding="utf-8"))
    assert data["total"] == 3 and data["actors"][2]["url"].endswith("/acteurs/museum-de-test/")
    assert [a["href"] for a in listing.select(".data-links a")] == ["../acteurs/acteurs.csv", "../acteurs/acteurs.json"]


def test_a_family_that_is_not_one_gets_the_list(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"actors/x.md": ACTORS["actors/asso.md"].replace(
        "actor_family: environnement", "actor_family: nature")})
    assert code == 1
    [line] = [line for line in out.splitlines() if line.startswith("content/")]
    assert line.startswith("content/actors/x.md:4: actor_family: « nature » n'est pas une valeur possible — ")
    assert "CSTI muséale, CSTI non muséale, enseignement supérieur et recherche" in line

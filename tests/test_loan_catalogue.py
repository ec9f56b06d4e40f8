"""The catalogue of tools to borrow: resources with loan: true and how they are lent, at
/ressources/a-emprunter/, sifted by type, audience and the lender's département."""

from test_content_check import run_check

from conftest import TWO_THEMES, build, page, write_content

LENDER = ('---\ntitle: "Muséum de test"\nslug: museum-test\nactor_type: musée\n'
          'location: {name: "Muséum", city: "Toulouse", postcode: "31000"}\n---\nUn muséum.\n')
TRUNK = """\
---
title: "Malle Insectes"
date: 2026-03-02
resource_type: kit pédagogique
audience: [scolaires]
provider: museum-test
loan: true
loan_duration: "Trois semaines"
loan_deposit: "Gratuit, caution de 150 €"
loan_audience: "Écoles et médiathèques"
loan_contact: "Le service des publics"
---
Loupes, boîtes et clés de détermination.
"""
EXHIBITION = ('---\ntitle: "Exposition Lune"\ndate: 2026-01-02\nresource_type: exposition\naudience: [tout-public]\n'
              'loan: true\n---\nDouze panneaux.\n')
VIDEO = '---\ntitle: "Vidéo abeilles"\ndate: 2026-01-03\nresource_type: vidéo\n---\nUne vidéo.\n'


def titles(soup):
    return sorted(h.get_text(strip=True) for h in soup.select("main .card h2"))


def test_the_catalogue_gathers_what_can_be_borrowed_and_sifts_it(tmp_path):
    output = build(write_content(tmp_path / "content", {
        "themes.yaml": TWO_THEMES, "actors/museum.md": LENDER, "resources/malle.md": TRUNK,
        "resources/expo.md": EXHIBITION, "resources/video.md": VIDEO}), tmp_path / "out")
    catalogue = page(output, "ressources/a-emprunter/")
    assert catalogue.h1.get_text() == "Le catalogue des outils à emprunter"
    assert titles(catalogue) == ["Exposition Lune", "Malle Insectes"]                 # not the video
    ways = [way.select_one(".sift__label").get_text() for way in catalogue.select(".sift__way")]
    assert ways == ["Par type", "Par public", "Département du prêteur"]
    assert titles(page(output, "ressources/a-emprunter/departements/31/")) == ["Malle Insectes"]
    assert titles(page(output, "ressources/a-emprunter/types/exposition/")) == ["Exposition Lune"]
    assert titles(page(output, "ressources/a-emprunter/publics/scolaires/")) == ["Malle Insectes"]
    facts = {row.dt.get_text(): row.dd.get_text(strip=True) for row in page(output, "ressources/malle-insectes/")
             .select(".facts > div")}
    assert facts["Durée du prêt"] == "Trois semaines" and facts["Prêtée à"] == "Écoles et médiathèques"
    assert facts["Caution ou coût"] == "Gratuit, caution de 150\u00a0€" and facts["Pour l’emprunter"] == \
        "Le service des publics"


def test_lending_terms_without_loan_true_are_refused_with_the_fix(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, {"resources/r.md": TRUNK.replace("loan: true\n", "").replace(
        "provider: museum-test\n", "")})
    assert code == 1
    [line] = [line for line in out.splitlines() if line.startswith("content/")]
    assert line.startswith("content/resources/r.md:6: loan_duration: des conditions de prêt pour une ressource "
                           "qui n'est pas à emprunter — ajoutez loan: true")

"""A project as PPSR-Core says it (Citizen Science Association, project model 2020.0:
docs/project/core-attributes.md, extension-attributes.md and vocabulary.md of the
repository citizen-science-association/ppsr-core), for directories such as SciStarter
or EU-Citizen.Science. The file is {"Project": [...]}, as the standard's JSON Schema and
sample data write it; the French values of the model map to its vocabulary.
"""

from content_model.model import partner, price_is_free

STATUSES = {"en projet": "Not yet started", "en cours": "Active", "actif par périodes": "Periodically active",
            "en pause": "On hold", "terminé": "Completed", "abandonné": "Abandoned"}
DIFFICULTIES = {"facile": "Easy", "moyen": "Medium", "difficile": "Hard"}
# projectAssociatedPartyRole, from the role a partner line ends with (model.partner).
ROLES = {"financeur": "Sponsor/funder", "partenaire": "Partner", "collaborateur": "Collaborator"}
CHILDREN = {"familles", "jeunes", "scolaires"}
KIND = "sciences participatives"     # the kind the directories list
# projectScienceType, as the standard's vocabulary table lists it (themes.yaml's
# `science_type` names one of them for each thématique).
SCIENCE_TYPES = tuple("""\
Agricultural And Veterinary Sciences - Agriculture, Land And Farm Management
Agricultural And Veterinary Sciences - Animal Production
Agricultural And Veterinary Sciences - Crop And Pasture Production
Agricultural And Veterinary Sciences - Fisheries Sciences
Agricultural And Veterinary Sciences - Forestry Sciences
Agricultural And Veterinary Sciences - Horticultural Production
Art Theory And Criticism
Biological Sciences - Biodiversity
Biological Sciences - Ecology
Biological Sciences - Evolutionary Biology
Biological Sciences - Genetics
Biological Sciences - Microbiology
Biological Sciences - Other Biological Sciences
Biological Sciences - Physiology
Biological Sciences - Plant Biology
Biological Sciences - Zoology
Chemical Sciences - Analytical Chemistry
Chemical Sciences - Inorganic Chemistry
Chemical Sciences - Macromolecular And Materials Chemistry
Chemical Sciences - Medicinal And Biomolecular Chemistry
Chemical Sciences - Organic Chemistry
Chemical Sciences - Physical Chemistry
Chemical Sciences - Theoretical And Computational Chemistry
Earth Sciences - Atmospheric Sciences
Earth Sciences - Geochemistry
Earth Sciences - Geology
Earth Sciences - Geophysics
Earth Sciences - Hydrological Sciences
Earth Sciences - Oceanography
Earth Sciences - Physical Geography And Environmental Geoscience
Engineering - Aerospace Engineering
Engineering - Automotive Engineering
Engineering - Biomedical Engineering
Engineering - Chemical Engineering
Engineering - Civil Engineering
Engineering - Electrical And Electronic Engineering
Engineering - Environmental Engineering
Engineering - Food Sciences
Engineering - Manufacturing Engineering
Engineering - Maritime Engineering
Engineering - Materials Engineering
Engineering - Mechanical Engineering
Engineering - Other Engineering
Engineering - Resources Engineering And Extractive Metallurgy
Environmental Sciences - Ecological Applications
Environmental Sciences - Environmental Science And Management
Environmental Sciences - Soil Sciences
Information And Computing Sciences - Artificial Intelligence And Image Processing
Information And Computing Sciences - Computation Theory And Mathematics
Information And Computing Sciences - Computer Software
Information And Computing Sciences - Distributed Computing
Information And Computing Sciences - Information Systems
Information And Computing Sciences - Library And Information Studies
Language, Communication And Culture - Communication And Media Studies
Language, Communication And Culture - Cultural Studies
Language, Communication And Culture - Language Studies
Language, Communication And Culture - Linguistics
Language, Communication And Culture - Literary Studies
Law And Legal Studies
Mathematical Sciences - Mathematical Physics
Mathematical Sciences - Numerical And Computational Mathematics
Mathematical Sciences - Other Mathematical Sciences
Medical And Health Sciences - Cardiorespiratory Medicine And Haematology
Medical And Health Sciences - Clinical Sciences
Medical And Health Sciences - Complementary And Alternative Medicine
Medical And Health Sciences - Dentistry
Medical And Health Sciences - Human Movement And Sports Science
Medical And Health Sciences - Immunology
Medical And Health Sciences - Medical Biochemistry And Metabolomics
Medical And Health Sciences - Medical Microbiology
Medical And Health Sciences - Medical Physiology
Medical And Health Sciences - Neurosciences
Medical And Health Sciences - Nursing
Medical And Health Sciences - Nutrition And Dietetics
Medical And Health Sciences - Oncology And Carcinogenesis
Medical And Health Sciences - Optometry And Ophthalmology
Medical And Health Sciences - Paediatrics And Reproductive Medicine
Medical And Health Sciences - Pharmacology And Pharmaceutical Sciences
Medical And Health Sciences - Public Health And Health Services
Philosophy And Religious Studies - Applied Ethics
Philosophy And Religious Studies - History And Philosophy Of Specific Fields
Philosophy And Religious Studies - Philosophy
Philosophy And Religious Studies - Religion And Religious Traditions
Physical Sciences - Astronomical And Space Sciences
Physical Sciences - Atomic, Molecular, Nuclear, Particle And Plasma Physics
Physical Sciences - Classical Physics
Physical Sciences - Condensed Matter Physics
Physical Sciences - Optical Physics
Physical Sciences - Other Physical Sciences
Physical Sciences - Quantum Physics
Psychology And Cognitive Sciences - Cognitive Science
Psychology And Cognitive Sciences - Psychology
Statistics
Studies In Human Society - Anthropology
Studies In Human Society - Criminology
Studies In Human Society - Demography
Studies In Human Society - Human Geography
Studies In Human Society - Other Studies In Human Society
Studies In Human Society - Policy And Administration
Studies In Human Society - Political Science
Studies In Human Society - Social Work
Studies In Human Society - Sociology
Technology - Agricultural Biotechnology
Technology - Communications Technologies
Technology - Computer Hardware
Technology - Environmental Biotechnology
Technology - Industrial Biotechnology
Technology - Medical Biotechnology
Technology - Nanotechnology
Technology - Other Technology""".splitlines())


def science_types(project, themes):
    return list(dict.fromkeys(themes[slug]["science_type"] for slug in project.theme_slugs
                              if themes[slug].get("science_type")))


def missing(project, themes):
    """What the standard requires and the project does not give, in French."""
    place = getattr(project, "location", None) or {}
    lacks = []
    if not getattr(project, "contact_email", None):
        lacks.append("une adresse de contact (contact_email)")
    if not science_types(project, themes):
        lacks.append("une thématique dont themes.yaml donne le science_type")
    if place.get("lat") is None:
        lacks.append("un lieu avec sa latitude et sa longitude (location)")
    if not getattr(project, "start", None):
        lacks.append("une date de début (start)")
    if not project.linked_actors:
        lacks.append("un acteur qui le porte (actors)")
    return lacks


def associated_party(line):
    name, role = partner(line)
    return {"projectAssociatedPartyName": name, **({"projectAssociatedPartyRole": ROLES[role]} if role else {})}


def project(item, public, themes, record):
    """The PPSR-Core Project of a project that gives what the standard requires; `record`
    is its open-data record (content_model.exports.project_record)."""
    start, end = item.start, getattr(item, "end", None)
    tags = ((["Participate from home"] if record["from_home"] else [])
            + (["Fees applicable"] if record["fees"] and not price_is_free(record["fees"]) else [])
            + (["Suitable for children"] if CHILDREN & set(record["audience"]) else []))
    data = {
        "projectId": record["url"],
        "projectDateCreated": record["published"],
        "projectLastUpdatedDate": record["updated"],
        "projectName": item.title,
        "projectAim": record["aim"] or item.summary_text,
        "projectDescription": item.summary_text,
        "projectStatus": STATUSES[item.project_status],
        "projectStartDate": start.isoformat(),
        "projectEndDate": end.isoformat() if end else "Unknown",
        "projectDuration": f"P{(end - start).days}D" if end else "Unknown",
        "projectScienceType": science_types(item, themes),
        "projectUrl": record["participation_url"] or record["url"],
        "language": "fr",
        "projectLocality": ", ".join(filter(None, (record["city"], *item.territory_labels))) or None,
        "projectResponsiblePartyName": record["carriers"][0],
        "projectResponsiblePartyContactEmail": record["contact_email"],
        "contactPoint": [{"contactName": record["contact"] or record["carriers"][0], "meansOfContact": "Email",
                          "contactDetails": record["contact_email"], "contactPointType": "Project contact"}],
        "projectGeographicLocation": [{"projectPinLatitude": record["latitude"],
                                       "projectPinLongitude": record["longitude"]}],
        "projectCountry": ["France"],
        "unRegions": ["Europe - Western Europe (155)"],
        "hasTag": tags,
        "difficultyLevel": DIFFICULTIES.get(record["difficulty"]),
        "keyword": record["tags"],
        "projectHowToParticipate": record["participation"],
        "projectTask": record["task"],
        "projectEquipment": record["equipment"],
        "projectAssociatedParty": [associated_party(line) for line in record["partners"]],
        "participationFees": {"participationFeeApplicable": "Fees applicable" in tags},
    }
    if record["image"]:
        data["projectMedia"] = [{"projectMediaType": "Image URL", "projectMediaFile": record["image"],
                                 "projectMediaCredit": getattr(item, "image_credit", None) or item.title}]
    # Optional attributes the project does not give are left out, not written empty.
    return {key: value for key, value in data.items() if value not in (None, [], "")}

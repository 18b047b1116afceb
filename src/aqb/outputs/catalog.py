"""A DCAT-AP.de catalogue of the downloads (Turtle and JSON-LD), built with rdflib."""

from __future__ import annotations

import json
from datetime import date

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from aqb.data.dataset import Dataset
from aqb.data.model import AnyAgreement
from aqb.outputs.exports import LICENCE, WORKBOOK

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/districtKey/"
THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/EDUC")
FILE_TYPES = {
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def catalog(dataset: Dataset, base_url: str, publisher_name: str, changes: dict[tuple[int, str], date]) -> Graph:
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("dcatde", DCATDE)
    publisher = URIRef(f"{base_url}#betreiber")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(publisher_name, lang="de")))

    root = URIRef(f"{base_url}daten/katalog.ttl#katalog")
    graph.add((root, RDF.type, DCAT.Catalog))
    graph.add((root, DCTERMS.title, Literal("Zielvereinbarungen zum AQB in Hessen", lang="de")))
    graph.add(
        (
            root,
            DCTERMS.description,
            Literal(
                "Offene Daten zu den Zielvereinbarungen zwischen dem Land Hessen und den Landkreisen und kreisfreien "
                "Städten "
                "zum Ausbildungs- und Qualifizierungsbudget (AQB).",
                lang="de",
            ),
        )
    )
    graph.add((root, DCTERMS.publisher, publisher))
    graph.add((root, FOAF.homepage, URIRef(base_url)))

    groups = {"": list(dataset.agreements)}
    for number in sorted({a.jahr for a in dataset.agreements}):
        groups[str(number)] = list(dataset.in_year(number))
    for year, agreements in groups.items():
        _dataset(graph, dataset, root, publisher, base_url, changes, year, agreements)
    return graph


def _dataset(
    graph: Graph,
    dataset: Dataset,
    root: URIRef,
    publisher: URIRef,
    base_url: str,
    changes: dict[tuple[int, str], date],
    year: str,
    agreements: list[AnyAgreement],
) -> None:
    """One dataset of the catalogue: every agreement (year ""), or one year's."""
    folder = f"daten/{year}/" if year else "daten/"
    node = URIRef(f"{base_url}{folder}#datensatz")
    graph.add((root, DCAT.dataset, node))
    graph.add((node, RDF.type, DCAT.Dataset))
    title = f"Zielvereinbarungen zum AQB in Hessen {year}".strip()
    graph.add((node, DCTERMS.title, Literal(title, lang="de")))
    graph.add(
        (
            node,
            DCTERMS.description,
            Literal(
                f"{len(agreements)} Zielvereinbarungen"
                + (f" des Jahres {year}" if year else "")
                + " mit Budget, Projekten je Maßnahmenart, Unterzeichnenden und Quelle; bei vorliegendem Text mit "
                "dem "
                "vollständigen Wortlaut.",
                lang="de",
            ),
        )
    )
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.theme, THEME))
    graph.add((node, DCAT.landingPage, URIRef(f"{base_url}daten/")))
    years = sorted(a.jahr for a in agreements)
    if years:
        period = BNode(f"zeitraum-{year or 'alle'}")  # a fixed label keeps the files stable
        graph.add((node, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((period, DCAT.startDate, Literal(f"{years[0]}-01-01", datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(f"{years[-1]}-12-31", datatype=XSD.date)))
    keys = {dataset.partners[a.partner].kreisschluessel for a in agreements}
    for key in sorted(key for key in keys if key is not None):
        graph.add((node, DCATDE.politicalGeocodingURI, URIRef(GEOCODING + key)))
    graph.add(
        (node, DCATDE.politicalGeocodingLevelURI, URIRef("http://dcat-ap.de/def/politicalGeocodingLevel/district"))
    )
    modified = [changes[(a.jahr, a.partner)] for a in agreements if (a.jahr, a.partner) in changes]
    if modified:
        graph.add((node, DCTERMS.modified, Literal(max(modified).isoformat(), datatype=XSD.date)))
    for name in ("vereinbarungen.json", "vereinbarungen.csv", "projekte.csv", WORKBOOK):
        _distribution(graph, node, URIRef(f"{base_url}{folder}{name}"), name, year)


def _distribution(graph: Graph, node: URIRef, distribution: URIRef, name: str, year: str) -> None:
    """One download of a dataset (JSON, CSV) with its licence and format."""
    label, media_type = FILE_TYPES[name.rsplit(".", 1)[1]]
    graph.add((node, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(f"{name} {year}".strip(), lang="de")))
    graph.add((distribution, DCAT.accessURL, distribution))
    graph.add((distribution, DCAT.downloadURL, distribution))
    graph.add((distribution, DCTERMS.license, URIRef(LICENCE["uri"])))
    graph.add((distribution, DCATDE.licenseAttributionByText, Literal(LICENCE["name"], lang="de")))
    graph.add(
        (
            distribution,
            DCTERMS.format,
            URIRef(f"http://publications.europa.eu/resource/authority/file-type/{label}"),
        )
    )
    graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))


def catalog_files(
    dataset: Dataset, base_url: str, publisher_name: str, changes: dict[tuple[int, str], date]
) -> dict[str, str]:
    graph = catalog(dataset, base_url, publisher_name, changes)
    return {"daten/katalog.ttl": graph.serialize(format="turtle"), "daten/katalog.jsonld": _stable_json_ld(graph)}


def _stable_json_ld(graph: Graph) -> str:
    """JSON-LD with nodes and values in a fixed order.

    rdflib writes them in hash order, which differs from run to run: an unchanged catalogue would
    look changed to every harvester and in every deployment."""
    nodes = json.loads(graph.serialize(format="json-ld"))
    for node in nodes:
        for values in node.values():
            if isinstance(values, list):
                values.sort(key=lambda value: json.dumps(value, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda node: node["@id"])
    return json.dumps(nodes, ensure_ascii=False, indent=1) + "\n"

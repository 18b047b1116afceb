"""Open data and citable pages: downloads, catalogue, feeds, metadata, print and legal pages."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from openpyxl import load_workbook
from pydantic import TypeAdapter
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from aqb.data.addresses import public_address
from aqb.data.dataset import Dataset
from aqb.data.history import last_changes, parse_log
from aqb.data.model import NO_PROJECT, NOT_ENTERED, Agreement, FullTextAgreement, KeyFiguresRecord, PartnerEntry
from aqb.outputs.exports import AGREEMENTS, PROJECTS
from helpers import (
    REPO,
    TEST_REPOSITORY,
    DataFolder,
    attribute_of,
    build_site,
    found,
    page,
    partner_slugs,
    place_project_files,
    real_agreement,
    serve,
    synthetic_agreement,
    text_of,
)

MARBURG = "kreise/marburg-biedenkopf/2025/"
PUBLIC = "https://aqb.example.org/"  # the public address a publication configures (SITE_URL)

# Where each model field of an agreement appears in the CSV downloads (a new field must be added here).
CSV_PLACES = {
    "jahr": ["jahr"],
    "partner": ["partner"],
    "art": ["art"],
    "budget": ["budget_eur"],
    "budget_laut_quelle": ["budget_laut_quelle"],
    "massnahmen": ["projekte.csv:massnahmenart", "projekte.csv:projekt"],
    "projekte_ohne_zuordnung": ["projekte.csv:projekt"],
    "unterzeichnende": ["unterzeichnende"],
    "angaben": ["angaben"],
    "abweichungen": ["abweichungen"],
    "quelle": ["quelle_titel", "quelle_herausgeber", "quelle_url", "quelle_abgerufen", "quelle_hinweis"],
    "original": [
        "original_url",
        "original_sha256",
        "original_art",
        "original_herkunft",
        "original_textfassung_url",
        "original_textfassung_sha256",
    ],
}
# A record with open points is a draft and never published, so its list of open points is no download field.
NEVER_PUBLISHED = {"offene_punkte"}
MODEL_FIELDS = sorted({*FullTextAgreement.model_fields, *KeyFiguresRecord.model_fields} - NEVER_PUBLISHED)


def _without_empty_optionals(value: Any) -> Any:
    """JSON writes unset optional fields as null; the YAML a person writes leaves them out.

    Explicit values are the exception: JSON has null where the YAML says "nicht eingetragen" for a
    signature date, and an empty list where it says "kein Projekt genannt".
    """
    if isinstance(value, dict):
        return {
            k: (
                NOT_ENTERED
                if k == "datum" and v is None
                else {slug: projects or NO_PROJECT for slug, projects in v.items()}
                if k == "massnahmen"
                else _without_empty_optionals(v)
            )
            for k, v in value.items()
            if v is not None or k == "datum"
        }
    if isinstance(value, list):
        return [_without_empty_optionals(v) for v in value]
    return value


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=delimiter))


# -- downloads -------------------------------------------------------------------------------------


def test_json_loads_back_into_the_same_agreements(real_site: Path, bundled_dataset: Dataset) -> None:
    document = json.loads(read(real_site, "daten/vereinbarungen.json"))
    adapter = TypeAdapter(Agreement)
    loaded = []
    for record in document["vereinbarungen"]:
        model = FullTextAgreement if record["art"] == "wortlaut" else KeyFiguresRecord
        fields = {name: record[name] for name in model.model_fields if name not in NEVER_PUBLISHED}
        loaded.append(adapter.validate_python(_without_empty_optionals(fields)))
    assert tuple(loaded) == bundled_dataset.agreements
    assert document["lizenz"]["name"] == "Datenlizenz Deutschland – Zero – Version 2.0"
    assert len(document["gebietskoerperschaften"]) == 27 and len(document["massnahmenarten"]) == 4


def test_json_carries_the_full_rendered_text(real_site: Path) -> None:
    records = {r["partner"]: r for r in json.loads(read(real_site, "daten/2025/vereinbarungen.json"))["vereinbarungen"]}
    text = records["marburg-biedenkopf"]["wortlaut"]
    assert (
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräfte sicherung\n  - Frauenakademie 2025" in text
    )
    assert text.rstrip().endswith("Erster Kreisbeigeordneter  \ndes Landkreises  \nMarburg-Biedenkopf")
    # Built without a public address: the path below the site, never the preview's http://127.0.0.1:8000/.
    assert records["marburg-biedenkopf"]["url"] == "kreise/marburg-biedenkopf/2025/"


@pytest.mark.parametrize("field", MODEL_FIELDS)
def test_every_model_field_is_in_json_and_csv(real_site: Path, field: str) -> None:
    records = json.loads(read(real_site, "daten/vereinbarungen.json"))["vereinbarungen"]
    assert any(field in record for record in records)
    assert field in CSV_PLACES, f"{field}: Platz in den CSV-Dateien festlegen"
    for place in CSV_PLACES[field]:
        file, _, column = place.rpartition(":")
        assert column in (PROJECTS if file == "projekte.csv" else AGREEMENTS).names


def test_csv_is_rfc_4180_and_has_one_row_per_agreement(real_site: Path) -> None:
    raw = (real_site / "daten" / "vereinbarungen.csv").read_bytes()
    assert raw.startswith(b"jahr,partner,") and b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    table = rows(raw.decode("utf-8"))
    assert [(r["jahr"], r["partner"], r["budget_eur"]) for r in table] == [
        ("2016", "landkreis-kassel", "879800"),
        ("2020", "offenbach-am-main", "1056700"),
        ("2024", "wetteraukreis", "1140300"),
        ("2025", "marburg-biedenkopf", "1118780"),
    ]
    projects = rows(read(real_site, "daten/projekte.csv"))
    assert {
        "jahr": "2025",
        "partner": "marburg-biedenkopf",
        "gebietskoerperschaft": "Landkreis Marburg-Biedenkopf",
        "massnahmenart": "qualifizierung",
        "projekt": "Voice Connect 2025",
        "massnahmenart_name": "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        "url": "kreise/marburg-biedenkopf/2025/",
    } in projects
    assert len(rows(read(real_site, "daten/gebietskoerperschaften.csv"))) == 27


def test_downloads_say_what_the_original_is(real_site: Path) -> None:
    """The bundled original is a text file: a transcript, never the signed document, with its provenance."""
    provenance = real_agreement()["original"]["herkunft"]
    assert provenance.startswith("Aus dem unterzeichneten Dokument in Text übertragen")
    [row] = [r for r in rows(read(real_site, "daten/vereinbarungen.csv")) if r["partner"] == "marburg-biedenkopf"]
    assert (row["original_art"], row["original_herkunft"]) == ("Abschrift", provenance)
    records = json.loads(read(real_site, "daten/vereinbarungen.json"))["vereinbarungen"]
    [record] = [r for r in records if r["partner"] == "marburg-biedenkopf"]
    assert (record["original_art"], record["original"]["herkunft"]) == ("Abschrift", provenance)
    assert {r.get("original_art") for r in records if r["partner"] != "marburg-biedenkopf"} == {None}


def test_excel_variant_opens_in_german_excel(real_site: Path) -> None:
    raw = (real_site / "daten" / "vereinbarungen-excel.csv").read_bytes()
    assert raw.startswith("\ufeffjahr;partner;".encode("utf-8"))
    assert rows(raw.decode("utf-8"), ";") == rows(read(real_site, "daten/vereinbarungen.csv"))


def test_per_year_files(real_site: Path) -> None:
    for year in ("2016", "2020", "2024", "2025"):
        table = rows(read(real_site, f"daten/{year}/vereinbarungen.csv"))
        assert [r["jahr"] for r in table] == [year]


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    payloads = ['=HYPERLINK("https://example.org","klick")', "+1+1", "-2+3", "@SUM(A1)"]
    folder.add_agreement(synthetic_agreement("fulda", 2025, 1, projects={"qualifizierung": payloads}))
    site = build_site(tmp_path, tmp_path / "site")
    for name in ("projekte.csv", "projekte-excel.csv"):
        text = read(site, f"daten/{name}")
        cells = [r["projekt"] for r in rows(text, ";" if "excel" in name else ",") if r["partner"] == "fulda"]
        assert cells == ["'" + p for p in payloads]


# -- catalogue ---------------------------------------------------------------------------------------


@pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
)  # inside rdflib's JSON-LD parser
def test_catalogue_has_the_mandatory_dcat_ap_de_properties(real_site: Path) -> None:
    graph = Graph().parse(
        data=read(real_site, "daten/katalog.ttl"), format="turtle", publicID="http://127.0.0.1:8000/daten/katalog.ttl"
    )
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset):
        assert graph.value(catalogues[0], prop) is not None, prop
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 5  # all years, and each year on its own
    for node in datasets:
        for prop in (
            DCTERMS.title,
            DCTERMS.description,
            DCTERMS.publisher,
            DCAT.distribution,
            DCAT.theme,
            DCTERMS.temporal,
        ):
            assert graph.value(node, prop) is not None, (node, prop)
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        assert graph.value(distribution, DCAT.accessURL) is not None
        assert graph.value(distribution, DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/dl-zero-de/2.0")
        assert graph.value(distribution, DCTERMS.format) is not None
    everything = URIRef("http://127.0.0.1:8000/daten/#datensatz")  # relative to the file, where it is served
    spatial = set(graph.objects(everything, URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI")))
    assert URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/06534") in spatial
    json_ld = read(real_site, "daten/katalog.jsonld")
    assert (
        Graph()
        .parse(data=json_ld, format="json-ld", base="http://127.0.0.1:8000/daten/katalog.jsonld")
        .isomorphic(graph)
    )


# -- feeds ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["katalog.ttl", "katalog.jsonld"])
def test_catalogue_is_byte_identical_from_build_to_build(name: str) -> None:
    """Harvesters and deployments must not see a change where none was made (rdflib orders by hash)."""
    program = (
        "import sys; from pathlib import Path; from aqb.outputs.catalog import catalog_files; "
        "from aqb.data.loader import load_dataset; "
        f"sys.stdout.write(catalog_files(load_dataset(Path({str(REPO / 'data')!r})), 'https://x.example/', 'B', {{}})"
        f"['daten/{name}'])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and "Zielvereinbarungen zum AQB in Hessen 2025" in outputs.pop()


def test_atom_feed_is_valid_and_newest_first(real_site: Path) -> None:
    parsed = feedparser.parse(read(real_site, "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    # Only records with a real date: the signed 2025 agreement (the copies here have no git history).
    assert [e.title for e in parsed.entries] == ["Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"]
    assert parsed.entries[0].link == "kreise/marburg-biedenkopf/2025/"  # relative to feed.xml: no public address
    assert parsed.entries[0].published.startswith("2025-08-02")
    partner_feed = feedparser.parse(read(real_site, "kreise/marburg-biedenkopf/feed.xml"))
    assert not partner_feed.bozo and len(partner_feed.entries) == 1
    assert partner_feed.entries[0].link == "../../kreise/marburg-biedenkopf/2025/"  # from kreise/marburg-biedenkopf/


def test_pages_link_their_feeds(real_site: Path) -> None:
    soup = page(real_site, MARBURG)
    feeds = {link["href"] for link in soup.select('link[rel=alternate][type="application/atom+xml"]')}
    assert feeds == {"../../../feed.xml"}
    own = found(page(real_site, "kreise/marburg-biedenkopf/").find("a", type="application/atom+xml"))
    assert attribute_of(own, "href") == "feed.xml"
    assert text_of(own) == "Neue Vereinbarungen mit dem Landkreis Marburg-Biedenkopf als Feed abonnieren"
    # Fulda has no agreement here yet: its feed is linked all the same, so readers learn of the first one.
    fulda = found(page(real_site, "kreise/fulda/").find("a", type="application/atom+xml"))
    assert attribute_of(fulda, "href") == "feed.xml"
    assert text_of(fulda) == "Neue Vereinbarungen mit dem Landkreis Fulda als Feed abonnieren"


def git_committed(project: Path, when: str) -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["git", "init", "-q"], ["git", "add", "data"], ["git", "commit", "-q", "-m", "Daten"]):
        subprocess.run(command, cwd=project, env=environment, check=True)


def test_dates_come_from_history_and_are_never_invented(tmp_path: Path) -> None:
    DataFolder(tmp_path)  # a copy of data/, committed with a known date
    git_committed(tmp_path, "2026-03-01T12:00:00")
    site = build_site(tmp_path, tmp_path / "site")
    entries = feedparser.parse(read(site, "feed.xml")).entries
    assert [e.title[17:21] for e in entries] == ["2025", "2024", "2020", "2016"]
    assert all(e.updated.startswith("2026-03-01") for e in entries)
    sitemap = ElementTree.fromstring(read(site, "sitemap.xml"))
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {
        url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
        for url in sitemap.findall("s:url", namespace)
    }
    assert lastmod["http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/"] == "2026-03-01"
    # Each year's projects page is in the sitemap, dated by the records it shows.
    assert lastmod["http://127.0.0.1:8000/projekte/2025/"] == lastmod["http://127.0.0.1:8000/projekte/"] == "2026-03-01"
    assert lastmod["http://127.0.0.1:8000/ueber/"] is None  # content/ was not committed here: no date


# -- citing ------------------------------------------------------------------------------------------


def test_agreement_page_can_be_cited(published_site: Path) -> None:
    soup = page(published_site, MARBURG)
    citation = " ".join(found(soup.select_one("section.aqb-zitieren p")).get_text().split())  # as it reads
    # Issuers first (both parties), the date of access last: the reader's own, filled in by a script
    # (test_browser.py); without JavaScript a placeholder asks for it, never the build date.
    assert citation == (
        "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales; Landkreis Marburg-Biedenkopf: "
        "„Zielvereinbarung 2025 zwischen dem Hessischen Ministerium für Arbeit, Integration, Jugend und "
        "Soziales und dem Landkreis Marburg-Biedenkopf zur Umsetzung des hessischen Ausbildungs- und "
        "Qualifizierungsbudgets“, unterzeichnet in Wiesbaden am 2. August 2025 und in Marburg-Cappel ohne Datum. "
        "In: AQB-Zielvereinbarungen Hessen. "
        "Online: https://aqb.example.org/kreise/marburg-biedenkopf/2025/, abgerufen am [Datum Ihres Abrufs]."
    )
    script = found(soup.find("script", src=re.compile(r"aqb-zitieren\.js$")))
    assert attribute_of(script, "type") == "module"
    assert (
        attribute_of(soup.find("link", rel="canonical"), "href")
        == "https://aqb.example.org/kreise/marburg-biedenkopf/2025/"
    )
    meta = {m.get("property") or m.get("name"): m["content"] for m in soup.find_all("meta") if m.get("content")}
    assert meta["og:title"] == "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"
    assert meta["og:url"] == "https://aqb.example.org/kreise/marburg-biedenkopf/2025/"
    assert meta["twitter:card"] == "summary"
    assert "Budget 1.118.780 €" in meta["og:description"]


def test_a_local_build_cites_no_preview_address(real_site: Path) -> None:
    """Without a public address the citation names none: http://127.0.0.1:8000/ leads nowhere for anyone else."""
    soup = page(real_site, MARBURG)
    assert " ".join(found(soup.select_one("section.aqb-zitieren p")).get_text().split()) == (
        "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales; Landkreis Marburg-Biedenkopf: "
        "„Zielvereinbarung 2025 zwischen dem Hessischen Ministerium für Arbeit, Integration, Jugend und "
        "Soziales und dem Landkreis Marburg-Biedenkopf zur Umsetzung des hessischen Ausbildungs- und "
        "Qualifizierungsbudgets“, unterzeichnet in Wiesbaden am 2. August 2025 und in Marburg-Cappel ohne Datum. "
        "In: AQB-Zielvereinbarungen Hessen, "
        "abgerufen am [Datum Ihres Abrufs]."
    )
    assert soup.select(".aqb-nur-druck") == []  # no "Dauerhafte Adresse" in print either
    script = found(soup.find("script", type="application/ld+json"))
    assert "url" not in json.loads(script.string or "") and "127.0.0.1" not in (script.string or "")


def test_agreement_page_describes_itself_as_a_monetary_grant(real_site: Path) -> None:
    script = found(page(real_site, MARBURG).find("script", type="application/ld+json"))
    data: dict[str, Any] = json.loads(script.string or "")
    assert data["@type"] == "MonetaryGrant"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": 1118780}
    assert data["funder"]["name"] == "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
    assert data["fundedItem"] == {
        "@type": "GovernmentOrganization",
        "name": "Landkreis Marburg-Biedenkopf",
        "identifier": "06534",
    }
    # Signed in Wiesbaden on 2 August 2025, in Marburg-Cappel on a day the document leaves empty: which came
    # last, and so the agreement's date, is not known.
    assert data["temporalCoverage"] == "2025" and "dateCreated" not in data


def test_an_agreement_whose_signatures_all_have_their_day_is_dated_by_the_last(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    record = synthetic_agreement("fulda", 2025, 1_000_000)
    record["unterzeichnende"][1]["datum"] = "2025-09-15"
    folder.add_agreement(record)
    soup = page(build_site(tmp_path, tmp_path / "site"), "kreise/fulda/2025/")
    citation = " ".join(found(soup.select_one("section.aqb-zitieren p")).get_text().split())
    assert "“, unterzeichnet am 15. September 2025. In: AQB-Zielvereinbarungen Hessen" in citation
    data = json.loads(found(soup.find("script", type="application/ld+json")).string or "")
    assert data["dateCreated"] == "2025-09-15"


# -- legal pages -------------------------------------------------------------------------------------


def mkdocs_build(project: Path, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    place_project_files(project, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md", "data"))
    return subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(project / "site")],
        capture_output=True,
        text=True,
        cwd=project,
        env={**os.environ, **environment},
    )


def test_production_build_fails_without_operator_details(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(read(REPO, "mkdocs.yml"), encoding="utf-8")
    result = mkdocs_build(tmp_path, {"AQB_PRODUKTION": "1", "SITE_URL": "https://aqb.example.org/"})
    assert result.returncode != 0
    assert "Impressum/Datenschutz: in mkdocs.yml fehlt extra.betreiber: Postanschrift" in result.stderr
    # Nor can it go out without the repository: "Fehler melden" and "Diese Seite bearbeiten" need it.
    assert "Die Adresse des Repositorys fehlt (extra.repository.adresse oder AQB_REPOSITORY)" in result.stderr


def test_production_build_with_operator_details_shows_them(tmp_path: Path) -> None:
    config = read(REPO, "mkdocs.yml")
    for key, value in {
        "name": "Testbehörde",
        "anschrift": "|-\n      Teststraße 1\n      12345 Teststadt",
        "email": "aqb@example.org",
        "vertreten_durch": "Test Person",
        "verantwortlich_inhalt": "Test Person",
        "datenschutz_kontakt": "datenschutz@example.org",
        "barrierefreiheit_kontakt": "barrierefrei@example.org",
    }.items():
        config = config.replace(f"    {key}:\n", f"    {key}: {value}\n", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = mkdocs_build(
        tmp_path,
        {"AQB_PRODUKTION": "1", "SITE_URL": "https://aqb.example.org/", "AQB_REPOSITORY": TEST_REPOSITORY},
    )
    assert result.returncode == 0, result.stderr
    impressum = page(tmp_path / "site", "impressum")
    assert (
        text_of(impressum.select_one("address")) == "Testbehörde Teststraße 1 12345 Teststadt E-Mail: aqb@example.org"
    )
    assert "barrierefrei@example.org" in text_of(page(tmp_path / "site", "barrierefreiheit").article)


def test_accessibility_statement_follows_the_hessian_model(real_site: Path) -> None:
    headings = [text_of(h) for h in page(real_site, "barrierefreiheit/").select("article h2")]
    for required in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Feedback und Kontakt",
        "Durchsetzungsverfahren",
    ):
        assert required in headings
    assert "Landesbeauftragten für barrierefreie IT (LBIT) Hessen" in text_of(
        page(real_site, "barrierefreiheit/").article
    )


def test_every_page_links_the_legal_pages_and_the_start_page_leichte_sprache(real_site: Path) -> None:
    footer = {text_of(a): a["href"] for a in page(real_site, MARBURG).select("nav.aqb-fusszeile a")}
    assert footer == {
        "Impressum": "../../../impressum/",
        "Datenschutz": "../../../datenschutz/",
        "Barrierefreiheit": "../../../barrierefreiheit/",
        "Leichte Sprache": "../../../leichte-sprache/",
        "Offene Daten": "../../../daten/",
    }
    start = {text_of(a): attribute_of(a, "href") for a in found(page(real_site, "").article).find_all("a")}
    assert start["Leichte Sprache"] == "leichte-sprache/"
    assert "Das Land Hessen gibt Geld an die Landkreise." in text_of(page(real_site, "leichte-sprache/").article)


# -- in the browser -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_every_download_link_resolves(browser_page: tuple[Any, list[str]], served_site: str) -> None:
    tab, _ = browser_page
    tab.goto(served_site + "daten/")
    links = tab.locator("article a[href]").evaluate_all("links => links.map(a => a.href)")
    local = [link for link in links if link.startswith(served_site)]
    assert len(local) >= 20
    for link in local:
        assert tab.request.get(link).status == 200, link


@pytest.mark.browser
def test_agreement_prints_as_a_clean_document(
    browser_page: tuple[Any, list[str]], published_site: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    tab, _ = browser_page
    pdf = tmp_path / "vereinbarung.pdf"
    with serve(published_site) as url:
        tab.goto(url + MARBURG)
        tab.emulate_media(media="print")
        tab.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    text = re.sub(r"(?<=\w)- (?=\w)", "-", text)  # words broken at a line end
    assert "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf" in text
    assert "1.118.780 €" in text and "Fachkräfte sicherung" in text
    assert f"Dauerhafte Adresse: {PUBLIC}{MARBURG}" in text
    for chrome in ("Alle Projekte", "Budgets im Vergleich", "Suchen", "Impressum", "Inhalt der Vereinbarung"):
        assert chrome not in text


@pytest.mark.parametrize(
    "when", ["@253402300800 +0000", "@99999999999999 +0000", "@1700000000 +1345", "@1700000000 -1200", "@0 +0000"]
)
def test_any_history_builds(tmp_path: Path, when: str, caplog: pytest.LogCaptureFixture) -> None:
    """A commit dated after 9999 or at an odd offset never breaks a build (git refuses dates before 1970)."""
    history_log = logging.getLogger("mkdocs.plugins.aqb.data.history")
    caplog.set_level(logging.INFO, logger=history_log.name)
    history_log.addHandler(caplog.handler)  # MkDocs stops its loggers propagating once a build ran
    DataFolder(tmp_path)
    git_committed(tmp_path, when)
    changes = last_changes(tmp_path, ["data"])
    stamp = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=tmp_path, capture_output=True, text=True).stdout
    if len(stamp.strip()) == 10:  # a date Python can hold: used as it is
        assert changes["data/vereinbarungen/2025/marburg-biedenkopf.yaml"].isoformat() == stamp.strip()
    else:  # skipped with a log line, never invented
        assert changes == {}
        assert "Commit mit unlesbarem Datum übersprungen" in caplog.text
    history_log.removeHandler(caplog.handler)
    site = build_site(tmp_path, tmp_path / "site")
    assert (site / "kreise" / "marburg-biedenkopf" / "2025" / "index.html").is_file()


def test_history_parser_keeps_what_python_can_hold_and_skips_the_rest() -> None:
    output = (
        "@10000-01-01\n\ndata/a.yaml\n@1969-12-31\n\ndata/b.yaml\n@0000-00-00\n\ndata/c.yaml\n"
        "@kaputt\n\ndata/d.yaml\n@2024-02-29\n\ndata/a.yaml\ndata/c.yaml\ndata/e.yaml\n"
    )
    # a.yaml and c.yaml were last touched by unreadable commits: no date, not the older commit's.
    assert parse_log(output) == {"data/b.yaml": date(1969, 12, 31), "data/e.yaml": date(2024, 2, 29)}


def test_every_partner_field_is_in_the_partners_csv(real_site: Path) -> None:
    """Each field of gebietskoerperschaften.yaml has its column, except the case forms the texts use."""
    partners = {row["kuerzel"]: row for row in rows(read(real_site, "daten/gebietskoerperschaften.csv"))}
    columns = set(next(iter(partners.values())))
    for field in set(PartnerEntry.model_fields) - {"im_text"}:  # a grammar helper: only in the JSON
        assert field in columns or any(column.startswith(f"{field}_") for column in columns), field


# -- the public address, the Excel workbook, counts and a feed per partner -----------------------------


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data built as the publishing workflow builds it: with its public address (SITE_URL)."""
    project = tmp_path_factory.mktemp("veroeffentlicht")
    shutil.copytree(REPO / "data", project / "data")
    return build_site(project, project / "site", {"AQB_REPOSITORY": TEST_REPOSITORY, "SITE_URL": PUBLIC})


def download_texts(site: Path) -> dict[str, str]:
    """Every download of a build as text (a workbook's XML parts joined), by its path below the site."""
    paths = [*(site / "daten").rglob("*"), site / "feed.xml", *(site / "kreise").glob("*/feed.xml")]
    texts = {}
    for path in sorted(p for p in paths if p.is_file() and p.suffix != ".html"):  # the page /daten/ is no download
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                parts = [archive.read(name).decode("utf-8") for name in archive.namelist()]
            texts[str(path.relative_to(site))] = "".join(parts)
        else:
            texts[str(path.relative_to(site))] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize(
    ("configured", "public"),
    [
        ("http://127.0.0.1:8000/", ""),
        ("http://localhost:8123/", ""),
        ("", ""),
        ("https://aqb.example.org", "https://aqb.example.org/"),
        ("https://land.example.de/aqb/", "https://land.example.de/aqb/"),
    ],
)
def test_only_a_public_address_is_written_into_downloads(configured: str, public: str) -> None:
    assert public_address(configured) == public


def test_no_download_of_a_local_build_names_the_preview_address(real_site: Path) -> None:
    texts = download_texts(real_site)
    assert {"daten/zielvereinbarungen.xlsx", "daten/vereinbarungen.csv", "kreise/fulda/feed.xml"} <= set(texts)
    assert [path for path, text in texts.items() if "127.0.0.1" in text or "localhost" in text] == []


def test_every_download_of_a_publication_carries_its_public_address(published_site: Path) -> None:
    texts = download_texts(published_site)
    assert [path for path, text in texts.items() if "127.0.0.1" in text or "localhost" in text] == []
    for name in ("vereinbarungen.csv", "projekte.csv", "gebietskoerperschaften.csv"):
        addresses = [row["url"] for row in rows(read(published_site, f"daten/{name}"))]
        assert addresses and all(a.startswith(PUBLIC) for a in addresses), name
    records = json.loads(read(published_site, "daten/vereinbarungen.json"))["vereinbarungen"]
    assert {r["partner"]: r["url"] for r in records}["marburg-biedenkopf"] == f"{PUBLIC}{MARBURG}"
    entry = feedparser.parse(read(published_site, "kreise/marburg-biedenkopf/feed.xml")).entries[0]
    assert entry.link == entry.id == f"{PUBLIC}{MARBURG}"
    sheet = sheet_rows(published_site / "daten" / "zielvereinbarungen.xlsx", "Vereinbarungen")
    assert [row["url"] for row in sheet][-1] == f"{PUBLIC}{MARBURG}"


def sheet_rows(path: Path, title: str) -> list[dict[str, Any]]:
    sheet = load_workbook(path)[title]
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, values, strict=True)) for values in sheet.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize(("partner", "key"), [("darmstadt", "06411"), ("marburg-biedenkopf", "06534")])
def test_workbook_keeps_the_kreisschluessel_as_text(real_site: Path, partner: str, key: str) -> None:
    """Excel makes 6411 of "06411" in a CSV; in the workbook the cell is text and keeps its zero."""
    sheet = load_workbook(real_site / "daten" / "zielvereinbarungen.xlsx")["Gebietskörperschaften"]
    header = [cell.value for cell in sheet[1]]
    [cell] = [row[header.index("kreisschluessel")] for row in sheet.iter_rows(min_row=2) if row[0].value == partner]
    assert (cell.value, cell.data_type) == (key, "s")


def test_workbook_holds_what_the_csv_files_hold(real_site: Path) -> None:
    workbook = real_site / "daten" / "zielvereinbarungen.xlsx"
    assert load_workbook(workbook).sheetnames == ["Vereinbarungen", "Projekte", "Gebietskörperschaften"]
    for title, name in (
        ("Vereinbarungen", "vereinbarungen.csv"),
        ("Projekte", "projekte.csv"),
        ("Gebietskörperschaften", "gebietskoerperschaften.csv"),
    ):
        cells = [{k: "" if v is None else str(v) for k, v in row.items()} for row in sheet_rows(workbook, title)]
        assert cells == rows(read(real_site, f"daten/{name}")), title
    budgets = [row["budget_eur"] for row in sheet_rows(workbook, "Vereinbarungen")]
    assert budgets == [879800, 1056700, 1140300, 1118780]  # numbers, to sum and sort
    year = sheet_rows(real_site / "daten" / "2024" / "zielvereinbarungen.xlsx", "Vereinbarungen")
    assert [(r["jahr"], r["partner"]) for r in year] == [(2024, "wetteraukreis")]


def test_workbook_is_byte_identical_from_build_to_build(real_site: Path, bundled_dataset: Dataset) -> None:
    from aqb.outputs.exports import data_files

    files = dict(data_files(bundled_dataset, "", {}))
    assert files["daten/zielvereinbarungen.xlsx"] == (real_site / "daten" / "zielvereinbarungen.xlsx").read_bytes()


HELPERS = re.compile(r"nominativ|genitiv|dativ|akkusativ|im_text")


@pytest.mark.parametrize(
    "name", ["vereinbarungen.csv", "vereinbarungen-excel.csv", "gebietskoerperschaften.csv", "2025/vereinbarungen.csv"]
)
def test_grammar_helpers_are_no_csv_column(real_site: Path, name: str) -> None:
    text = read(real_site, f"daten/{name}").removeprefix("\ufeff")
    header = next(csv.reader(io.StringIO(text), delimiter=";" if "excel" in name else ","))
    assert len(header) > 5 and [column for column in header if HELPERS.search(column)] == []


def test_grammar_helpers_are_no_workbook_column_but_stay_in_the_json(real_site: Path) -> None:
    book = load_workbook(real_site / "daten" / "zielvereinbarungen.xlsx")
    headers = [str(cell.value) for sheet in book.worksheets for cell in sheet[1]]
    assert len(headers) > 20 and [column for column in headers if HELPERS.search(column)] == []
    document = json.loads(read(real_site, "daten/vereinbarungen.json"))
    [marburg] = [r for r in document["vereinbarungen"] if r["partner"] == "marburg-biedenkopf"]
    assert marburg["partner_im_text"]["genitiv"] == "des Landkreises Marburg-Biedenkopf"
    partners = {p["kuerzel"]: p for p in document["gebietskoerperschaften"]}
    assert partners["wetteraukreis"]["im_text_formen"]["genitiv"] == "des Wetteraukreises"
    assert partners["stadt-kassel"]["im_text_formen"]["dativ"] == "der Stadt Kassel"


@pytest.mark.parametrize(
    ("year", "partner", "count"),
    [
        ("2016", "landkreis-kassel", "3"),  # three projects named by the source (of "104 Bildungsmaßnahmen")
        ("2020", "offenbach-am-main", ""),  # three topics in `angaben`, no project named: not known, not 0
        ("2024", "wetteraukreis", ""),
        ("2025", "marburg-biedenkopf", "4"),
    ],
)
def test_project_count_matches_the_project_rows(real_site: Path, year: str, partner: str, count: str) -> None:
    key = (year, partner)
    [row] = [r for r in rows(read(real_site, "daten/vereinbarungen.csv")) if (r["jahr"], r["partner"]) == key]
    projects = [r for r in rows(read(real_site, "daten/projekte.csv")) if (r["jahr"], r["partner"]) == key]
    assert row["anzahl_genannte_projekte"] == count
    assert len(projects) == int(count or 0)
    if row["art"] == "eckdaten" and not count:
        assert row["angaben"]  # what the source does say is there, and is not counted as projects


def test_data_page_explains_the_count_and_links_the_workbook(real_site: Path) -> None:
    soup = page(real_site, "daten/")
    term = found(soup.select_one("#spalte-anzahl-genannte-projekte"))
    explanation = text_of(term.find_next_sibling("dd"))
    assert "bleibt das Feld leer, denn dann ist die Zahl nicht bekannt" in explanation
    downloads = {attribute_of(a, "href") for a in soup.select("article a[download]")}
    assert {"zielvereinbarungen.xlsx", "2025/zielvereinbarungen.xlsx", "2016/zielvereinbarungen.xlsx"} <= downloads


PARTNERS = partner_slugs()


def test_every_partner_is_offered_a_feed() -> None:
    assert len(PARTNERS) == 27


@pytest.mark.parametrize("partner", PARTNERS)
def test_every_partner_has_a_feed_that_parses_and_is_linked(
    real_site: Path, bundled_dataset: Dataset, partner: str
) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    root = ElementTree.fromstring(read(real_site, f"kreise/{partner}/feed.xml"))
    bezeichnung = bundled_dataset.partners[partner].bezeichnung
    assert root.tag == f"{atom}feed" and root.findtext(f"{atom}title") == f"Zielvereinbarungen – {bezeichnung}"
    assert root.findtext(f"{atom}updated")  # a feed without entries has its date too
    entries = root.findall(f"{atom}entry")
    if not entries:
        assert (root.findtext(f"{atom}subtitle") or "").endswith("jede neue Vereinbarung erscheint hier.")
    assert not feedparser.parse(read(real_site, f"kreise/{partner}/feed.xml")).bozo
    own = found(page(real_site, f"kreise/{partner}/").find("a", type="application/atom+xml"))
    assert attribute_of(own, "href") == "feed.xml"
    listed = [attribute_of(a, "href") for a in page(real_site, "daten/").select("ul.aqb-feeds a")]
    assert f"../kreise/{partner}/feed.xml" in listed

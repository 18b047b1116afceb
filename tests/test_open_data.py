"""Open data and citable pages: downloads, catalogue, feeds, metadata, print and legal pages."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from pydantic import TypeAdapter
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from aqb.data.history import last_changes, parse_log
from aqb.data.loader import load_dataset
from aqb.data.model import NO_PROJECT, NOT_ENTERED, Agreement, FullTextAgreement, KeyFiguresRecord, PartnerEntry
from aqb.outputs.exports import AGREEMENT_COLUMNS, PROJECT_COLUMNS
from conftest import (
    REPO,
    TEST_REPOSITORY,
    DataFolder,
    attribute_of,
    build_site,
    found,
    page,
    place_project_files,
    real_agreement,
    synthetic_agreement,
    text_of,
)

MARBURG = "kreise/marburg-biedenkopf/2025/"

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
    "original": ["original_url", "original_sha256", "original_art", "original_herkunft"],
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


def test_json_loads_back_into_the_same_agreements(real_site: Path) -> None:
    document = json.loads(read(real_site, "daten/vereinbarungen.json"))
    adapter = TypeAdapter(Agreement)
    loaded = []
    for record in document["vereinbarungen"]:
        model = FullTextAgreement if record["art"] == "wortlaut" else KeyFiguresRecord
        fields = {name: record[name] for name in model.model_fields if name not in NEVER_PUBLISHED}
        loaded.append(adapter.validate_python(_without_empty_optionals(fields)))
    assert tuple(loaded) == load_dataset(REPO / "data").agreements
    assert document["lizenz"]["name"] == "Datenlizenz Deutschland – Zero – Version 2.0"
    assert len(document["gebietskoerperschaften"]) == 27 and len(document["massnahmenarten"]) == 4


def test_json_carries_the_full_rendered_text(real_site: Path) -> None:
    records = {r["partner"]: r for r in json.loads(read(real_site, "daten/2025/vereinbarungen.json"))["vereinbarungen"]}
    text = records["marburg-biedenkopf"]["wortlaut"]
    assert (
        "3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräfte sicherung\n  - Frauenakademie 2025" in text
    )
    assert text.rstrip().endswith("Erster Kreisbeigeordneter  \ndes Landkreises  \nMarburg-Biedenkopf")
    assert records["marburg-biedenkopf"]["url"] == "http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/"


@pytest.mark.parametrize("field", MODEL_FIELDS)
def test_every_model_field_is_in_json_and_csv(real_site: Path, field: str) -> None:
    records = json.loads(read(real_site, "daten/vereinbarungen.json"))["vereinbarungen"]
    assert any(field in record for record in records)
    assert field in CSV_PLACES, f"{field}: Platz in den CSV-Dateien festlegen"
    for place in CSV_PLACES[field]:
        file, _, column = place.rpartition(":")
        assert column in (PROJECT_COLUMNS if file == "projekte.csv" else AGREEMENT_COLUMNS)


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
        "url": "http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/",
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
    graph = Graph().parse(data=read(real_site, "daten/katalog.ttl"), format="turtle")
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
    everything = URIRef("http://127.0.0.1:8000/daten/#datensatz")
    spatial = set(graph.objects(everything, URIRef("http://dcat-ap.de/def/dcatde/politicalGeocodingURI")))
    assert URIRef("http://dcat-ap.de/def/politicalGeocoding/districtKey/06534") in spatial
    assert Graph().parse(data=read(real_site, "daten/katalog.jsonld"), format="json-ld").isomorphic(graph)


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
    assert parsed.entries[0].link == "http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/"
    assert parsed.entries[0].published.startswith("2025-08-02")
    partner_feed = feedparser.parse(read(real_site, "kreise/marburg-biedenkopf/feed.xml"))
    assert not partner_feed.bozo and len(partner_feed.entries) == 1


def test_pages_link_their_feeds(real_site: Path) -> None:
    soup = page(real_site, MARBURG)
    feeds = {link["href"] for link in soup.select('link[rel=alternate][type="application/atom+xml"]')}
    assert feeds == {"../../../feed.xml"}
    own = found(page(real_site, "kreise/marburg-biedenkopf/").find("a", type="application/atom+xml"))
    assert attribute_of(own, "href") == "feed.xml"
    assert text_of(own) == "Neue Vereinbarungen mit dem Landkreis Marburg-Biedenkopf als Feed abonnieren"
    assert page(real_site, "kreise/fulda/").find("a", type="application/atom+xml") is None  # no dated record: no feed


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
    assert lastmod["http://127.0.0.1:8000/ueber/"] is None  # content/ was not committed here: no date


# -- citing ------------------------------------------------------------------------------------------


def test_agreement_page_can_be_cited(real_site: Path) -> None:
    soup = page(real_site, MARBURG)
    citation = " ".join(found(soup.select_one("section.aqb-zitieren p")).get_text().split())  # as it reads
    # Issuers first (both parties), the date of access last: the reader's own, filled in by a script
    # (test_browser.py); without JavaScript a placeholder asks for it, never the build date.
    assert citation == (
        "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales; Landkreis Marburg-Biedenkopf: "
        "„Zielvereinbarung 2025 zwischen dem Hessischen Ministerium für Arbeit, Integration, Jugend und "
        "Soziales und dem Landkreis Marburg-Biedenkopf zur Umsetzung des hessischen Ausbildungs- und "
        "Qualifizierungsbudgets“, unterzeichnet am 2. August 2025. In: AQB-Zielvereinbarungen Hessen. "
        "Online: http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/, abgerufen am [Datum Ihres Abrufs]."
    )
    script = found(soup.find("script", src=re.compile(r"aqb-zitieren\.js$")))
    assert attribute_of(script, "type") == "module"
    assert (
        attribute_of(soup.find("link", rel="canonical"), "href")
        == "http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/"
    )
    meta = {m.get("property") or m.get("name"): m["content"] for m in soup.find_all("meta") if m.get("content")}
    assert meta["og:title"] == "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"
    assert meta["og:url"] == "http://127.0.0.1:8000/kreise/marburg-biedenkopf/2025/"
    assert meta["twitter:card"] == "summary"
    assert "Budget 1.118.780 €" in meta["og:description"]


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
    assert data["temporalCoverage"] == "2025" and data["dateCreated"] == "2025-08-02"


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
    browser_page: tuple[Any, list[str]], served_site: str, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    tab, _ = browser_page
    tab.goto(served_site + MARBURG)
    tab.emulate_media(media="print")
    pdf = tmp_path / "vereinbarung.pdf"
    tab.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    text = re.sub(r"(?<=\w)- (?=\w)", "-", text)  # words broken at a line end
    assert "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf" in text
    assert "1.118.780 €" in text and "Fachkräfte sicherung" in text
    assert f"Dauerhafte Adresse: http://127.0.0.1:8000/{MARBURG}" in text
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
    """Each field of gebietskoerperschaften.yaml has its column; the case forms as the texts use them."""
    partners = {row["kuerzel"]: row for row in rows(read(real_site, "daten/gebietskoerperschaften.csv"))}
    columns = set(next(iter(partners.values())))
    for field in PartnerEntry.model_fields:
        assert field in columns or any(column.startswith(f"{field}_") for column in columns), field
    assert partners["wetteraukreis"]["im_text_genitiv"] == "des Wetteraukreises"
    assert partners["stadt-kassel"]["im_text_dativ"] == "der Stadt Kassel"

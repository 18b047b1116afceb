"""Agreements known only from public sources, and statewide totals: labelled, sourced, exact."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from aqb.data.loader import load_dataset
from aqb.data.problems import DataError
from helpers import REPO, DataFolder, at, attribute_of, build_site, found, page, text_of

LABEL = "Angaben aus öffentlicher Quelle, Vereinbarungstext liegt nicht vor"
KASSEL = "vereinbarungen/2016/landkreis-kassel.yaml"
K = f"data/{KASSEL}"
KASSEL_SOURCE = (
    "https://hessen-tageblatt.com/landkreis-kassel-knapp-880-000-euro-vom-land-fuer-mehr-ausbildung-"
    "und-qualifizierung-im-landkreis-kassel-15289"
)
EXACT_HINT = "Nur Beträge übernehmen, die die Quelle auf den Euro genau für dieses eine Jahr nennt."


def kassel_with(old: str, new: str) -> str:
    text = (REPO / "data" / KASSEL).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def labels_with_source(soup: BeautifulSoup, source: str) -> list[str]:
    """Texts of the key-figures labels on a page whose link goes to `source`."""
    return [text_of(note) for note in soup.select(".aqb-eckdaten-hinweis") if note.find("a", href=source) is not None]


# -- pages -------------------------------------------------------------------------------------------


def test_record_page_says_the_text_is_not_available(real_site: Path) -> None:
    soup = page(real_site, "kreise/landkreis-kassel/2016/")
    assert text_of(soup.h1) == "Zielvereinbarung 2016 – Landkreis Kassel"
    note = soup.select_one(".aqb-kasten")
    assert text_of(note).startswith(LABEL + ".")
    assert soup.select_one("article.aqb-wortlaut") is None
    facts = found(soup.select_one("section.aqb-eckdaten"))
    assert (
        text_of(found(facts.find("dt", string="Budget")).find_next_sibling("dd"))
        == "879.800 € (in der Quelle: „879.800 Euro“)"
    )
    assert facts.find("a", href=KASSEL_SOURCE) is not None
    text = text_of(facts)
    for fact in ("„2. Chance“", "104 Bildungsmaßnahmen"):
        assert fact in text
    # Each signatory's name and function on lines of their own (a <br> between them), as the source names them.
    signatories = [
        [" ".join(part.split()) for part in item.decode_contents().split("<br/>")][:2]
        for item in facts.select("ul.aqb-unterzeichnende li")
    ]
    assert signatories == [["Stefan Grüttner", "Sozialminister"], ["Uwe Schmidt", "Landrat"]]


@pytest.mark.parametrize("url", ["", "kreise/", "kreise/landkreis-kassel/", "jahre/2016/"])
def test_record_is_labelled_with_its_source_wherever_it_appears(real_site: Path, url: str) -> None:
    labels = labels_with_source(page(real_site, url), KASSEL_SOURCE)
    assert len(labels) == 1
    assert labels[0].startswith(LABEL)


def test_full_text_agreement_carries_no_such_label(real_site: Path) -> None:
    for url in ("kreise/marburg-biedenkopf/", "kreise/marburg-biedenkopf/2025/", "jahre/2025/"):
        assert page(real_site, url).select(".aqb-eckdaten-hinweis") == []


def test_year_table_marks_unknown_project_counts_not_as_zero(real_site: Path) -> None:
    row = found(page(real_site, "jahre/2016/").select_one(".aqb-jahrestabelle tbody tr"))
    cells = [text_of(cell) for cell in row.find_all("td")]
    assert cells == ["879.800 €", "Vorjahr nicht veröffentlicht", *["nicht genannt"] * 4]


def test_year_page_explains_each_word_for_a_missing_value(real_site: Path) -> None:
    """One mark, one meaning: each word an empty cell uses is explained below the table."""
    soup = page(real_site, "jahre/2016/")
    used = {text_of(cell) for cell in soup.select("tbody td .aqb-leer")}
    assert used == {"Vorjahr nicht veröffentlicht", "nicht genannt"}
    explanation = text_of(found(soup.select_one(".aqb-tabelle + .aqb-hinweis"))).casefold()
    assert [word for word in used if f"„{word.casefold()}“" not in explanation] == []
    assert [cell for cell in soup.select("tbody td") if text_of(cell) in ("–", "-", "")] == []


def test_year_page_with_statewide_total_shows_coverage_and_source(real_site: Path) -> None:
    soup = page(real_site, "jahre/2023/")
    assert (
        text_of(soup.select_one(".aqb-abdeckung"))
        == "Hier veröffentlicht: 0 von 26 Vereinbarungen."  # nothing published is not "0 €"
    )
    total = found(soup.select_one(".aqb-landessumme"))
    assert "Landesweit hat das Ministerium für 2023 27,7 Millionen Euro" in text_of(total)
    assert (
        attribute_of(total.find("a"), "href")
        == "https://hessen.de/presse/277-millionen-euro-landesmittel-fuer-regionale-arbeitsmarktfoerderung"
    )
    assert text_of(soup.select_one(".aqb-leerstand")) == "Für 2023 ist hier noch keine Vereinbarung veröffentlicht."


def test_year_page_without_statewide_total_says_so(real_site: Path) -> None:
    soup = page(real_site, "jahre/2024/")
    assert text_of(soup.select_one(".aqb-abdeckung")) == (
        "Hier veröffentlicht: 1 von 26 Vereinbarungen, 1.140.300 € . Davon 1 nur mit Angaben aus öffentlicher Quelle."
    )
    assert soup.select_one(".aqb-landessumme") is None
    assert "Eine landesweite Summe für 2024 liegt uns nicht aus einer Quelle vor." in text_of(soup.article)


def test_every_programme_year_has_a_page(real_site: Path) -> None:
    years = [text_of(row.th) for row in page(real_site, "jahre/").select("tbody tr")]
    assert years == [str(year) for year in range(2026, 2013, -1)]  # from this year back to 2014
    for year in years:
        assert (real_site / "jahre" / year / "index.html").is_file()


def test_coverage_counts_both_kinds_and_sums_exact_figures(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    folder.write(
        "vereinbarungen/2023/fulda.yaml",
        {
            "jahr": 2023,
            "partner": "fulda",
            "art": "eckdaten",
            "budget_laut_quelle": "1.000.001 Euro",
            "quelle": {"titel": "Testquelle", "herausgeber": "Testsuite", "url": "https://example.org/test"},
        },
    )
    site = build_site(tmp_path, tmp_path / "site")
    assert text_of(page(site, "jahre/2023/").select_one(".aqb-abdeckung")) == (
        "Hier veröffentlicht: 1 von 26 Vereinbarungen, 1.000.001 € von 27,7 Millionen Euro. "
        "Davon 1 nur mit Angaben aus öffentlicher Quelle."
    )


# -- staff entering such records ---------------------------------------------------------------------


# The lines of the bundled files that messages name, found by their text: a line added above
# moves the expectation with it.
K_ART = at(KASSEL, "art:")
K_ART_PLUS_1 = at(KASSEL, "art:", 1)
K_BUDGET_LAUT_QUELLE = at(KASSEL, "budget_laut_quelle:")
K_JAHR = at(KASSEL, "jahr:")
K_PARTNER = at(KASSEL, "partner:")
K_TITEL_MINUS_1 = at(KASSEL, "titel:", -1)
K_URL = at(KASSEL, "url:")


REFUSED = [
    (
        "Quelle fehlt",
        kassel_with("quelle:\n", "nicht_quelle:\n").split("nicht_quelle:")[0],
        [
            f"{K_JAHR}: quelle: Pflichtfeld fehlt Hinweis: Ohne Quelle wird nichts veröffentlicht: titel, herausgeber "
            "und "
            "(bei Eckdaten) url angeben."
        ],
    ),
    (
        "Adresse der Quelle fehlt",
        kassel_with("  url: https://hessen-tageblatt.com/", "  nicht_url: https://"),
        [
            f"{K_TITEL_MINUS_1}: quelle.url: Pflichtfeld fehlt Hinweis: Angaben aus öffentlicher Quelle brauchen die "
            "Adresse "
            f"(URL) "
            "der Quelle, damit jede und jeder sie prüfen kann.",
            f"{K_URL}: quelle.nicht_url: unbekanntes Feld Hinweis: Tippfehler? Erlaubt sind hier: titel, herausgeber, "
            f"url, "
            "abgerufen, hinweis.",
        ],
    ),
    (
        "gerundet: rund",
        kassel_with("879.800 Euro", "rund 880.000 Euro"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: ist kein genauer Betrag: „rund“ steht für eine gerundete "
            "oder geschätzte "
            f"Zahl: "
            f"'rund 880.000 Euro' Hinweis: {EXACT_HINT}"
        ],
    ),
    (
        "gerundet: knapp",
        kassel_with("879.800 Euro", "knapp 880.000 Euro"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: ist kein genauer Betrag: „knapp“ steht für eine gerundete "
            "oder geschätzte "
            f"Zahl: "
            f"'knapp 880.000 Euro' Hinweis: {EXACT_HINT}"
        ],
    ),
    (
        "gerundet: Millionen",
        kassel_with("879.800 Euro", "1,3 Mio. Euro"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: ist kein genauer Betrag: eine Angabe in Millionen ist "
            "gerundet: '1,3 Mio. "
            f"Euro' "
            f"Hinweis: {EXACT_HINT}"
        ],
    ),
    (
        "mehrere Jahre",
        kassel_with("879.800 Euro", "4.500.000 Euro für 2017–2021"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: gilt für mehrere Jahre (2017–2021) und ist kein Budget "
            "eines Jahres: "
            f"'4.500.000 Euro für 2017–2021' Hinweis: {EXACT_HINT}"
        ],
    ),
    (
        "Zahl statt gedrucktem Betrag",
        kassel_with("879.800 Euro", "879800"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: muss der Betrag mit „Euro“ sein, wie gedruckt, z. B. "
            "'879.800 Euro'; hier "
            f"steht "
            "nur eine Zahl Hinweis: Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle."
        ],
    ),
    (
        "Betrag ohne Einheit",
        kassel_with("879.800 Euro", "879.800"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: muss der Betrag mit „Euro“ sein, wie gedruckt, z. B. "
            "'879.800 Euro'; hier "
            f"steht "
            "nur eine Zahl Hinweis: Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle."
        ],
    ),
    (
        "Betrag in anderer Form",
        kassel_with("879.800 Euro", "879 800 EUR"),
        [
            f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: muss ein Betrag auf den Euro genau sein, wie gedruckt, z. "
            "B. '879.800 Euro': "
            "'879 800 EUR' Hinweis: Den Betrag mit Tausenderpunkten und „Euro“ schreiben, wie in der Quelle."
        ],
    ),
    (
        "Jahr passt nicht zum Ordner",
        kassel_with("jahr: 2016", "jahr: 2017"),
        [
            f"{K_JAHR}: jahr: passt nicht zum Ordner: 2017 (Ordner: 2016) "
            "Hinweis: Datei nach data/vereinbarungen/2017/ verschieben oder das Jahr korrigieren."
        ],
    ),
    (
        "Partner passt nicht zum Dateinamen",
        kassel_with("partner: landkreis-kassel", "partner: stadt-kassel"),
        [
            f"{K_PARTNER}: partner: passt nicht zum Dateinamen: 'stadt-kassel' (Datei: landkreis-kassel.yaml) "
            "Hinweis: Datei in stadt-kassel.yaml umbenennen oder den Partner korrigieren."
        ],
    ),
    (
        "Art fehlt",
        kassel_with("art: eckdaten\n", ""),
        [
            f"{K_JAHR}: art: Pflichtfeld fehlt Hinweis: art: wortlaut, wenn der unterzeichnete Text vorliegt; art: "
            f"eckdaten, "
            "wenn nur Angaben aus einer öffentlichen Quelle vorliegen."
        ],
    ),
    (
        "Art unbekannt",
        kassel_with("art: eckdaten", "art: presse"),
        [
            f"{K_ART}: art: muss 'wortlaut' oder 'eckdaten' sein: 'presse' Hinweis: art: wortlaut, wenn der "
            f"unterzeichnete "
            "Text vorliegt; art: eckdaten, wenn nur Angaben aus einer öffentlichen Quelle vorliegen."
        ],
    ),
    (
        "Feld eines vollständigen Textes",
        kassel_with("art: eckdaten", "art: eckdaten\nbudget: 879800"),
        [
            f"{K_ART_PLUS_1}: budget: unbekanntes Feld Hinweis: Tippfehler? Erlaubt sind hier: jahr, partner, art, "
            "budget_laut_quelle, massnahmen, projekte_ohne_zuordnung, unterzeichnende, angaben, quelle, offene_punkte."
        ],
    ),
]


@pytest.mark.parametrize(("content", "expected"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_key_figures_record_is_refused_with_exact_message(
    data_folder: DataFolder, content: str, expected: list[str]
) -> None:
    data_folder.write(KASSEL, content)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert [str(problem) for problem in raised.value.problems] == expected


@pytest.mark.parametrize(
    ("printed", "message"),
    [
        (
            "rund 28 Millionen Euro",
            "ist kein genauer Betrag: „rund“ steht für eine gerundete oder geschätzte Zahl: 'rund 28 Millionen Euro'",
        ),
        ("28 Millionen", "muss ein Betrag sein, wie gedruckt, z. B. '27,7 Millionen Euro': '28 Millionen'"),
    ],
)
def test_statewide_total_must_be_as_printed(data_folder: DataFolder, printed: str, message: str) -> None:
    text = (REPO / "data" / "landessummen.yaml").read_text(encoding="utf-8")
    data_folder.write("landessummen.yaml", text.replace("28 Millionen Euro", printed, 1))
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in raised.value.problems] == [
        f"data/landessummen.yaml:7: 2019.betrag_laut_quelle: {message}"
    ]

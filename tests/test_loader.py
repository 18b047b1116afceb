"""Checking data/: every mistake staff can make gets `file:line: field: message Hinweis: …` in German."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.data.model import FullTextAgreement
from aqb.data.problems import DataError
from helpers import (
    M_AUSBILDUNG,
    M_BUDGET,
    M_BUDGET_PLUS_1,
    M_DATUM,
    M_END_PLUS_2,
    M_FIRST_UMLAUT,
    M_FRAUENAKADEMIE_2025,
    M_JAHR,
    M_ORT,
    M_QUALIFIZIERUNG,
    M_QUELLE,
    M_TITEL,
    M_VOICE_CONNECT_2025,
    MARBURG,
    REPO,
    DataFolder,
    aqb,
    at,
    line_in,
    line_of,
    place_project_files,
    synthetic_agreement,
)
from helpers import MARBURG_IN_MESSAGES as M

MISSING_HINT = f"Das Feld ergänzen, z. B. wie in {M}."
SYNTAX_HINT = "Einrückung, Doppelpunkte und Anführungszeichen prüfen."
EURO_HINT = "Nur die Ziffern schreiben, z. B. budget: 1118780"
DATE_HINT = "Datum als Jahr-Monat-Tag schreiben, z. B. 2025-08-02."
SOURCE_HINT = "Ohne Quelle wird nichts veröffentlicht: titel, herausgeber und (bei Eckdaten) url angeben."
# Lines in data/gebietskoerperschaften.yaml, read from the file as it is (a new partner moves them).
PARTNERS_FILE = REPO / "data" / "gebietskoerperschaften.yaml"
HANAU = line_of(PARTNERS_FILE, "bezeichnung: Stadt Hanau")
BERGSTRASSE = line_of(PARTNERS_FILE, "bergstrasse:") + 3  # its art
STADT_KASSEL = line_of(PARTNERS_FILE, "stadt-kassel:") + 5  # its regierungsbezirk
TEXT_HINT = "Text, der wie eine Zahl, ein Datum oder ja/nein aussieht, in Anführungszeichen setzen."
STANDARD = "standardtexte/2025.yaml"
S = f"data/{STANDARD}"
PARTNERS = "gebietskoerperschaften.yaml"
P = f"data/{PARTNERS}"

# The lines of the bundled files that messages name, found by their text: a line added above
# moves the expectation with it (those of the Marburg record: helpers).
S_PROJECT_LIST = at(STANDARD, "      {projektliste}")  # in § 5, not the comment that explains it
S_PARAGRAPH_6 = at(STANDARD, "## § 6")
S_ID_PARAGRAF_3 = at(STANDARD, "- id: paragraf-3")
S_QUALIFIZIERUNG = at(STANDARD, "qualifizierung:")


def marburg_text() -> str:
    return (REPO / "data" / MARBURG).read_text(encoding="utf-8")


def variant(old: str, new: str) -> str:
    """The real Marburg-Biedenkopf file with one change, so line numbers are known."""
    text = marburg_text()
    assert old in text, old
    return text.replace(old, new, 1)


# (case, file written below data/, its content, exact problems reported)


BROKEN: list[tuple[str, str, str | bytes | None, list[str]]] = [
    (
        "budget mit Tausenderpunkten",
        MARBURG,
        variant("budget: 1118780", "budget: 1.118.780"),
        [
            f"{M_BUDGET}: budget: muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '1.118.780' "
            f"Hinweis: {EURO_HINT}"
        ],
    ),
    (
        "budget negativ",
        MARBURG,
        variant("budget: 1118780", "budget: -5"),
        [
            f"{M_BUDGET}: budget: muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '-5' Hinweis: "
            f"{EURO_HINT}"
        ],
    ),
    (
        "budget mit Cent",
        MARBURG,
        variant("budget: 1118780", "budget: 1118780.50"),
        [
            f"{M_BUDGET}: budget: muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '1118780.5' "
            f"Hinweis: {EURO_HINT}"
        ],
    ),
    (
        "budget leer",
        MARBURG,
        variant("budget: 1118780", "budget:"),
        [f"{M_BUDGET}: budget: ist leer; hier fehlt ein Wert Hinweis: {EURO_HINT}"],
    ),
    (
        "falscher Typ: Liste statt Text",
        MARBURG,
        variant("ort: Wiesbaden", "ort: [Wiesbaden]"),
        [f"{M_ORT}: unterzeichnende[1].ort: muss ein Text sein: (Liste) Hinweis: {TEXT_HINT}"],
    ),
    (
        "falscher Typ: Zahl statt Text",
        MARBURG,
        variant("- Frauenakademie 2025", "- 2025"),
        [f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: muss ein Text sein: '2025' Hinweis: {TEXT_HINT}"],
    ),
    (
        "unbekannte Gebietskörperschaft",
        "vereinbarungen/2025/marburg.yaml",
        variant("partner: marburg-biedenkopf", "partner: marburg"),
        [
            "data/vereinbarungen/2025/marburg.yaml:7: partner: unbekannte Gebietskörperschaft: 'marburg' "
            "Hinweis: Meinten Sie 'marburg-biedenkopf'?"
        ],
    ),
    (
        "unbekannte Maßnahmenart",
        MARBURG,
        variant("  ausbildung:\n", "  ausbildungg:\n"),
        [
            f"{M_AUSBILDUNG}: massnahmen.ausbildungg: unbekannte Maßnahmenart: 'ausbildungg' Hinweis: Meinten Sie "
            "'ausbildung'?"
        ],
    ),
    (
        "Jahr passt nicht zum Ordner",
        MARBURG,
        variant("jahr: 2025", "jahr: 2024"),
        [
            f"{M_JAHR}: jahr: für 2024 gibt es keinen Standardtext Hinweis: Zuerst den Standardtext anlegen: "
            "make neues-jahr JAHR=2024",
            f"{M_JAHR}: jahr: passt nicht zum Ordner: 2024 (Ordner: 2025) "
            "Hinweis: Datei nach data/vereinbarungen/2024/ verschieben oder das Jahr korrigieren.",
            f"{M_TITEL}: quelle.titel: nennt das Jahr 2025, die Vereinbarung gilt für 2024 Hinweis: Den Titel wie auf "
            "dem "
            "unterzeichneten Dokument bzw. der Quelle schreiben (aus dem Vorjahr übernommen?).",
        ],
    ),
    (
        "Partner passt nicht zum Dateinamen",
        "vereinbarungen/2025/fulda.yaml",
        marburg_text(),
        [
            "data/vereinbarungen/2025/fulda.yaml:7: partner: passt nicht zum Dateinamen: 'marburg-biedenkopf' "
            "(Datei: fulda.yaml) Hinweis: Datei in marburg-biedenkopf.yaml umbenennen oder den Partner korrigieren."
        ],
    ),
    (
        "Partner besteht in dem Jahr noch nicht",
        "vereinbarungen/2025/hanau.yaml",
        variant("partner: marburg-biedenkopf", "partner: hanau"),
        [
            "data/vereinbarungen/2025/hanau.yaml:7: partner: 'hanau' ist im Jahr 2025 kein Partner des AQB "
            "(besteht erst ab 1.1.2026) Hinweis: Jahr und Partner prüfen (data/gebietskoerperschaften.yaml)."
        ],
    ),
    (
        "doppelte Vereinbarung",
        "vereinbarungen/2025/marburg-biedenkopf.yml",
        marburg_text(),
        [
            "data/vereinbarungen/2025/marburg-biedenkopf.yml:1: Datei: doppelte Vereinbarung: marburg-biedenkopf.yaml "
            "gibt es schon Hinweis: Je Partner und Jahr gibt es genau eine Datei."
        ],
    ),
    (
        "Datei am falschen Ort",
        "vereinbarungen/marburg-biedenkopf-2025.yaml",
        marburg_text(),
        [
            "data/vereinbarungen/marburg-biedenkopf-2025.yaml:1: Datei: liegt nicht an der erwarteten Stelle Hinweis: "
            "Vereinbarungen liegen in data/vereinbarungen/<jahr>/<kürzel>.yaml, z. B. "
            "data/vereinbarungen/2025/marburg-biedenkopf.yaml."
        ],
    ),
    (
        "doppelter YAML-Schlüssel",
        MARBURG,
        variant("budget: 1118780\n", "budget: 1118780\nbudget: 1118781\n"),
        [
            f"{M_BUDGET_PLUS_1}: budget: steht doppelt in der Datei (zuerst in Zeile {line_in(MARBURG, 'budget:')}) "
            "Hinweis: Einen der beiden Einträge löschen oder zusammenführen."
        ],
    ),
    (
        "unbekanntes Feld",
        MARBURG,
        variant("budget: 1118780\n", "budget: 1118780\nbudgett: 5\n"),
        [
            f"{M_BUDGET_PLUS_1}: budgett: unbekanntes Feld Hinweis: Meinten Sie 'budget'? Erlaubt sind hier: jahr, "
            "partner, art, "
            "budget, massnahmen, unterzeichnende, quelle, original, abweichungen, offene_punkte."
        ],
    ),
    (
        "unbekanntes Feld tiefer",
        MARBURG,
        variant("    ort: Wiesbaden\n", "    ort: Wiesbaden\n    farbe: rot\n"),
        [
            f"{M_DATUM}: unterzeichnende[1].farbe: unbekanntes Feld Hinweis: Tippfehler? Erlaubt sind hier: "
            "name, funktion, ort, datum."
        ],
    ),
    (
        "Pflichtfeld fehlt",
        MARBURG,
        variant("  herausgeber: Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales\n", ""),
        [f"{M_QUELLE}: quelle.herausgeber: Pflichtfeld fehlt Hinweis: {MISSING_HINT}"],
    ),
    (
        "ungültiges Datum",
        MARBURG,
        variant("datum: 2025-08-02", "datum: 2025-02-30"),
        [
            f"{M_DATUM}: unterzeichnende[1].datum: muss ein gültiges Datum in der Form JJJJ-MM-TT sein: '2025-02-30' "
            f"Hinweis: {DATE_HINT}"
        ],
    ),
    (
        "Datum in deutscher Schreibweise",
        MARBURG,
        variant("datum: 2025-08-02", "datum: 2.8.2025"),
        [
            f"{M_DATUM}: unterzeichnende[1].datum: muss ein gültiges Datum in der Form JJJJ-MM-TT sein: '2.8.2025' "
            f"Hinweis: {DATE_HINT}"
        ],
    ),
    (
        "nicht UTF-8",
        MARBURG,
        marburg_text().encode("cp1252"),
        [
            f"{M_FIRST_UMLAUT}: Datei: ist nicht UTF-8-kodiert: Byte 0xfc ist kein gültiges Zeichen "
            "Hinweis: Die Datei im Editor mit der Kodierung „UTF-8“ speichern."
        ],
    ),
    (
        "YAML-Syntaxfehler",
        MARBURG,
        variant("    ort: Wiesbaden", "    ort: Wies: baden"),
        [
            f"{M_ORT}: YAML-Syntax: hier ist kein Doppelpunkt erlaubt (fehlen Anführungszeichen um einen Text mit „: "
            f"“?) "
            f"Hinweis: {SYNTAX_HINT}"
        ],
    ),
    (
        "Tabulator",
        MARBURG,
        variant("budget: 1118780", "\tbudget: 1118780"),
        [f"{M_BUDGET}: YAML-Syntax: Tabulatoren sind nicht erlaubt; mit Leerzeichen einrücken Hinweis: {SYNTAX_HINT}"],
    ),
    (
        "YAML-Anker",
        MARBURG,
        variant("    ort: Wiesbaden", "    ort: &name Wiesbaden").replace("    ort: Marburg-Cappel", "    ort: *name"),
        [
            f"{M_ORT}: YAML-Syntax: Anker und Verweise (&name, *name) sind nicht erlaubt; jeden Wert ausschreiben "
            f"Hinweis: {SYNTAX_HINT}"
        ],
    ),
    ("leere Datei", MARBURG, "# noch nichts\n", [f"{M}:1: Datei: ist leer; hier fehlt ein Wert"]),
    (
        "unbekannter Abschnitt",
        MARBURG,
        marburg_text() + "abweichungen:\n  paragraf-8: Text\n",
        [
            f"{M_END_PLUS_2}: abweichungen.paragraf-8: unbekannter Abschnitt: 'paragraf-8' Hinweis: Abschnitte "
            "2025: titel, "
            "praeambel, paragraf-1, paragraf-2, paragraf-3, paragraf-4, paragraf-5, paragraf-6, paragraf-7, "
            "unterschriften."
        ],
    ),
    (
        "unbekannter Platzhalter",
        MARBURG,
        marburg_text() + "abweichungen:\n  paragraf-7: Der {Landkreis} und {Nominativ}\n",
        [
            f"{M_END_PLUS_2}: abweichungen.paragraf-7: unbekannter Platzhalter: '{{Landkreis}}' Hinweis: Erlaubt "
            "sind "
            f"{{nominativ}}, "
            "{Nominativ}, {genitiv}, {dativ}, {akkusativ}, {budget}, {projektliste}, {unterschriften}."
        ],
    ),
    (
        "Projekt doppelt",
        MARBURG,
        variant("    - Voice Connect 2025", "    - Frauenakademie 2025"),
        [
            f"{M_VOICE_CONNECT_2025}: massnahmen.qualifizierung[2]: Projekt steht doppelt: 'Frauenakademie 2025' "
            "Hinweis: Jedes Projekt nur einmal je Maßnahmenart nennen."
        ],
    ),
    (
        "Kreisschlüssel ohne Anführungszeichen",
        "gebietskoerperschaften.yaml",
        (REPO / "data" / "gebietskoerperschaften.yaml")
        .read_text(encoding="utf-8")
        .replace('kreisschluessel: "06534"', "kreisschluessel: 6534"),
        [
            f"data/gebietskoerperschaften.yaml:{line_of(REPO / 'data' / 'gebietskoerperschaften.yaml', '06534')}: "
            "marburg-biedenkopf.kreisschluessel: muss ein Text sein: '6534' "
            f"Hinweis: {TEXT_HINT}"
        ],
    ),
]


def changed(relative: str, old: str, new: str) -> str:
    text = (REPO / "data" / relative).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


BROKEN += [
    (
        "Standardtext: Jahr passt nicht zum Dateinamen",
        "standardtexte/2024.yaml",
        changed(STANDARD, "", ""),
        [
            f"data/standardtexte/2024.yaml:{line_in(STANDARD, 'jahr:')}: jahr: passt nicht zum Dateinamen: 2025 "
            "(Datei: 2024.yaml) "
            "Hinweis: Datei in 2025.yaml umbenennen oder das Jahr korrigieren."
        ],
    ),
    (
        "Standardtext: falscher Dateiname",
        "standardtexte/neu.yaml",
        changed(STANDARD, "", ""),
        [
            "data/standardtexte/neu.yaml:1: Datei: hat keinen gültigen Namen für einen Standardtext "
            "Hinweis: Standardtexte heißen nach ihrem Jahr, z. B. data/standardtexte/2025.yaml."
        ],
    ),
    (
        "Standardtext: unbekannte Maßnahmenart",
        STANDARD,
        changed(STANDARD, "  qualifizierung: Q", "  qualifizierungg: Q"),
        [
            f"{S_QUALIFIZIERUNG}: massnahmenarten.qualifizierungg: unbekannte Maßnahmenart: 'qualifizierungg' "
            "Hinweis: Meinten Sie 'qualifizierung'?",
            f"{M_QUALIFIZIERUNG}: massnahmen.qualifizierung: Maßnahmenart 'qualifizierung' kommt im Standardtext 2025 "
            "nicht vor "
            "Hinweis: Maßnahmenarten 2025: ausbildungsvorbereitung, ausbildung, qualifizierungg, weiterbildung.",
        ],
    ),
    (
        "Standardtext: Abschnitt doppelt",
        STANDARD,
        changed(STANDARD, "  - id: paragraf-3", "  - id: paragraf-2"),
        [
            f"{S_ID_PARAGRAF_3}: abschnitte[5].id: Abschnitt steht doppelt: 'paragraf-2' Hinweis: Jeder Abschnitt "
            "braucht ein "
            f"eigenes Kürzel."
        ],
    ),
    (
        "Standardtext: Platzhalter nicht allein",
        STANDARD,
        changed(STANDARD, "      {projektliste}", "      Projekte: {projektliste}"),
        [
            f"{S_PROJECT_LIST}: abschnitte[7].text: Platzhalter '{{projektliste}}' muss allein in einer Zeile stehen "
            "Hinweis: Vor und nach dem Platzhalter eine Leerzeile lassen."
        ],
    ),
    (
        "Standardtext: Überschrift erster Ebene",
        STANDARD,
        changed(STANDARD, "      ## § 6\n", "      # § 6\n"),
        [
            f"{S_PARAGRAPH_6}: abschnitte[8].text: Überschriften im Wortlaut beginnen mit ## oder tiefer "
            "Hinweis: Die Hauptüberschrift (#) setzt die Seite selbst."
        ],
    ),
    (
        "Gebietskörperschaft: Sonderzeichen im Namen",
        PARTNERS,
        changed(PARTNERS, "  bezeichnung: Stadt Hanau", "  bezeichnung: Stadt <b>Hanau</b>"),
        [
            f"{P}:{HANAU}: hanau.bezeichnung: darf nur lateinische Buchstaben, Ziffern, einzelne Leerzeichen "
            "und . - ( ) enthalten: 'Stadt <b>Hanau</b>' Hinweis: Sonderzeichen weglassen; Buchstaben anderer "
            "Schriften (kyrillisch, griechisch) durch lateinische ersetzen."
        ],
    ),
    (
        "Gebietskörperschaft: unbekannte Art",
        PARTNERS,
        changed(PARTNERS, "  art: Landkreis\n", "  art: landkreis\n"),
        [
            f"{P}:{BERGSTRASSE}: bergstrasse.art: muss einer dieser Werte sein: 'Landkreis' oder 'kreisfreie Stadt'; "
            "gefunden: 'landkreis' Hinweis: Groß- und Kleinschreibung beachten."
        ],
    ),
    (
        "Gebietskörperschaft: unbekannter Regierungsbezirk",
        PARTNERS,
        changed(PARTNERS, "  regierungsbezirk: Kassel\n", "  regierungsbezirk: Nordhessen\n"),
        [
            f"{P}:{STADT_KASSEL}: stadt-kassel.regierungsbezirk: muss einer dieser Werte sein: 'Darmstadt', "
            "'Gießen' oder 'Kassel'; "
            "gefunden: 'Nordhessen' Hinweis: Groß- und Kleinschreibung beachten."
        ],
    ),
    (
        "Gebietskörperschaft: Datei fehlt",
        PARTNERS,
        None,
        [f"{P}:1: Datei: fehlt Hinweis: Die Datei gehört zum Projekt; aus dem Repository wiederherstellen."],
    ),
]


@pytest.mark.parametrize(
    ("relative", "content", "expected"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_data_is_reported_exactly(
    data_folder: DataFolder, relative: str, content: str | bytes | None, expected: list[str]
) -> None:
    if content is None:
        (data_folder.path / relative).unlink()
    else:
        data_folder.write(relative, content)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert [str(problem) for problem in raised.value.problems] == expected


def test_all_problems_of_all_files_are_reported_at_once(data_folder: DataFolder) -> None:
    chosen = {case[0]: case for case in BROKEN}
    names = ["budget mit Cent", "unbekannte Gebietskörperschaft", "Partner besteht in dem Jahr noch nicht"]
    for name in names:
        data_folder.write(chosen[name][1], chosen[name][2] or "")
    data_folder.write("vereinbarungen/2025/fulda.yaml", "jahr: 2025\npartner: fulda\nbudget: -1\nart: wortlaut\n")
    fulda = "data/vereinbarungen/2025/fulda.yaml"
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert sorted(str(problem) for problem in raised.value.problems) == sorted(
        [chosen[name][3][0] for name in names]
        + [
            f"{fulda}:3: budget: muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '-1' Hinweis: "
            f"{EURO_HINT}",
            f"{fulda}:1: massnahmen: Pflichtfeld fehlt Hinweis: {MISSING_HINT}",
            f"{fulda}:1: quelle: Pflichtfeld fehlt Hinweis: {SOURCE_HINT}",
            f"{fulda}:1: unterzeichnende: Pflichtfeld fehlt Hinweis: {MISSING_HINT}",
        ]
    )
    assert str(raised.value).startswith("7 Probleme in den Daten:\n")


def test_bundled_data_is_valid(bundled_dataset: Dataset) -> None:
    dataset = bundled_dataset
    assert [(a.jahr, a.partner, a.budget, isinstance(a, FullTextAgreement)) for a in dataset.agreements] == [
        (2016, "landkreis-kassel", 879800, False),
        (2020, "offenbach-am-main", 1056700, False),
        (2024, "wetteraukreis", 1140300, False),
        (2025, "marburg-biedenkopf", 1118780, True),
    ]
    assert {year: total.betrag for year, total in dataset.statewide_totals.items()} == {
        2019: 28_000_000,
        2023: 27_700_000,
    }
    assert len(dataset.partners) == 27
    assert sum(partner.exists_in(2025) for partner in dataset.partners.values()) == 26
    assert sum(partner.exists_in(2026) for partner in dataset.partners.values()) == 27
    assert dataset.partners["hanau"].kreisschluessel is None


def test_a_valid_new_agreement_is_accepted(data_folder: DataFolder) -> None:
    data_folder.add_standard_text(2026)
    data_folder.add_agreement(synthetic_agreement("hanau", 2026, 500000))
    dataset = load_dataset(data_folder.path)
    assert [(a.jahr, a.partner) for a in dataset.agreements][-2:] == [(2025, "marburg-biedenkopf"), (2026, "hanau")]


def test_check_command_exits_non_zero_and_lists_problems(data_folder: DataFolder) -> None:
    data_folder.write(MARBURG, variant("budget: 1118780", "budget: 1.118.780"))
    result = aqb("check", "--daten", str(data_folder.path), cwd=data_folder.root)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["1 Problem in den Daten:", BROKEN[0][3][0]]


def test_check_command_confirms_valid_data() -> None:
    result = aqb("check", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Warnung: {M_QUELLE}: quelle: nennt keine Adresse (url), unter der "
        "man den Text prüfen kann Hinweis: Wenn das Dokument online steht, quelle.url ergänzen.",
        "Alles in Ordnung: 4 Vereinbarungen, 27 Gebietskörperschaften, 1 Standardtext; 1 Warnung zum Prüfen.",
    ]


def test_mkdocs_build_fails_with_the_same_messages_and_publishes_nothing(
    data_folder: DataFolder, tmp_path: Path
) -> None:
    data_folder.write(MARBURG, variant("datum: 2025-08-02", "datum: 2025-02-30"))
    place_project_files(data_folder.root, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md"))
    (data_folder.root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "ausgabe"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=data_folder.root,
    )
    assert result.returncode != 0
    assert BROKEN[17][3][0] in result.stderr
    assert not site.exists()


def test_model_and_checks_do_not_depend_on_mkdocs() -> None:
    """The project must be able to move off MkDocs (Material's end of life) without touching the package."""
    code = (
        "import sys, aqb.data.loader, aqb.pages.site, aqb.staff.cli, aqb.data.text; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("slug", "dative"),
    [
        ("marburg-biedenkopf", "dem Landkreis Marburg-Biedenkopf"),
        ("wetteraukreis", "dem Wetteraukreis"),
        ("kreis-offenbach", "dem Kreis Offenbach"),
        ("stadt-kassel", "der Stadt Kassel"),
        ("hanau", "der Stadt Hanau"),
    ],
)
def test_partner_is_named_with_its_article(bundled_dataset: Dataset, slug: str, dative: str) -> None:
    """ "Vereinbarungen mit dem Landkreis …", "mit der Stadt …", never "von Landkreis …"."""
    assert bundled_dataset.partners[slug].dative == dative

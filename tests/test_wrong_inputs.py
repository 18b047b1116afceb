"""Wrong inputs from staff and from hostile pull requests: every one ends in a German message.

Each case breaks one thing in a copy of data/ (or calls a command wrongly) and asserts what a staff
member would see: the exit status, the `file:line: field: message` line, no traceback, nothing a
terminal or a CI runner would execute (no control characters, no line starting with `::`), and that
no file in the project changed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from helpers import (
    M_BUDGET,
    M_BUDGET_PLUS_1,
    M_DATEI,
    M_DATUM,
    M_END_PLUS_2,
    M_END_PLUS_3,
    M_END_PLUS_5,
    M_END_PLUS_11,
    M_END_PLUS_13,
    M_FRAUENAKADEMIE_2025,
    M_HERAUSGEBER,
    M_JAHR,
    M_NAME,
    M_NAME_PETER_NEIDEL,
    M_ORT,
    M_PARTNER,
    M_SHA256,
    M_TITEL,
    M_VOICE_CONNECT_2025,
    M_WEITERBILDUNG,
    M_WEITERBILDUNG_PLUS_1,
    MARBURG,
    REPO,
    SEED,
    DataFolder,
    at,
    line_in,
    line_of,
    lines_in,
    run,
)
from pdfs import pdf_bomb

MARBURG_TEXT = (REPO / "data" / MARBURG).read_text(encoding="utf-8")
STANDARD_WORDING = {
    section["id"]: section["text"]
    for section in yaml.safe_load((REPO / "data" / "standardtexte" / "2025.yaml").read_text(encoding="utf-8"))[
        "abschnitte"
    ]
}
PARTNERS = "gebietskoerperschaften.yaml"
P = f"data/{PARTNERS}"
# The name of Landkreis Kassel stands on the line below its key; its bezeichnung on the next.
LANDKREIS_KASSEL = line_of(REPO / "data" / "gebietskoerperschaften.yaml", "landkreis-kassel:") + 1
KASSEL_2016 = "vereinbarungen/2016/landkreis-kassel.yaml"
K = f"data/{KASSEL_2016}"
KASSEL_NAMES = "  name: Kassel\n  bezeichnung: Landkreis Kassel"


def replace(old: str, new: str, relative: str = MARBURG, append: str = "") -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        text = (folder.path / relative).read_text(encoding="utf-8")
        assert old in text, old
        folder.write(relative, text.replace(old, new, 1) + append)

    return setup


def write(relative: str, content: str | bytes) -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        folder.write(relative, content)

    return setup


def move_marburg_to(relative: str) -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        (folder.path / MARBURG).unlink()
        folder.write(relative, MARBURG_TEXT)

    return setup


def link(relative: str, target: Path, *, under: str = "data") -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        path = folder.root / under / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)

    return setup


def replace_with_link(relative: str, target: Path) -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        (folder.path / relative).unlink()
        (folder.path / relative).symlink_to(target)

    return setup


def fifo(relative: str) -> Callable[[DataFolder], None]:
    return lambda folder: os.mkfifo(folder.path / relative)


def source_file(name: str, content: str | bytes) -> Callable[[DataFolder], None]:
    """A signed text to import, beside the project (as staff keep downloads)."""

    def setup(folder: DataFolder) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder.root.parent / name).write_bytes(data)

    return setup


def page(relative: str, content: str | bytes) -> Callable[[DataFolder], None]:
    """A file in content/ (the hand-written pages), as a pull request would add it."""

    def setup(folder: DataFolder) -> None:
        target = folder.root / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    return setup


def deviation(section: str, text: str) -> Callable[[DataFolder], None]:
    """The 2025 record with one section's wording replaced (a block text starting on line 63)."""
    block = "\n".join("    " + line for line in text.split("\n"))
    return replace("budget: 1118780", "budget: 1118780", append=f"abweichungen:\n  {section}: |-\n{block}\n")


def both(*setups: Callable[[DataFolder], None]) -> Callable[[DataFolder], None]:
    def setup(folder: DataFolder) -> None:
        for each in setups:
            each(folder)

    return setup


def linked_content(folder: DataFolder) -> None:
    shutil.rmtree(folder.root / "content")
    (folder.root / "content").symlink_to("/etc")


def linked_data(folder: DataFolder) -> None:
    """data/ as a link to a copy elsewhere, beside a file the check must never quote."""
    outside = folder.root.parent / "anderswo"
    shutil.move(folder.path, outside)
    (outside / "geheim.yaml").write_text("passwort: hunter2\n", encoding="utf-8")
    folder.path.symlink_to(outside)


# A page title that ends the theme's <title> and loads a script (the check once found no front matter
# behind a byte-order mark; ProperDocs does).
BOM_TITLE = '---\ntitle: "Hinweis \\x3cscript src=\\x22../skript.MD\\x22\\x3e\\x3c/script\\x3e"\n---\n\n# Hinweis\n'

NOTHING: Callable[[DataFolder], None] = lambda folder: None  # noqa: E731
OUTSIDE = Path("/etc/passwd")  # a file outside the repository that a link could expose


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[DataFolder], None]
    expected: str  # a line (or the start of one) that must appear in the output
    argv: tuple[str, ...] = ("check",)
    status: int = 1


# The lines of the bundled files that messages name, found by their text: a line added above
# moves the expectation with it (those of the Marburg record: helpers). K_END_PLUS_n: the n-th line a case
# appends to the file.
K_BUDGET_LAUT_QUELLE = at(KASSEL_2016, "budget_laut_quelle:")
K_END_PLUS_2 = f"data/{KASSEL_2016}:{lines_in(KASSEL_2016) + 2}"
K_URL = at(KASSEL_2016, "url:")


CASES = [
    # -- numbers that are not what they look like --------------------------------------------------
    Case(
        "Oktalzahl",
        replace("budget: 1118780", "budget: 01234567"),
        f"{M_BUDGET}: budget: ist keine einfache Zahl: '01234567'; nur die Ziffern 0–9 schreiben",
    ),
    Case(
        "Hexadezimalzahl",
        replace("budget: 1118780", "budget: 0x111CDC"),
        f"{M_BUDGET}: budget: ist keine einfache Zahl",
    ),
    Case(
        "Unterstriche", replace("budget: 1118780", "budget: 1_118_780"), f"{M_BUDGET}: budget: ist keine einfache Zahl"
    ),
    Case("Pluszeichen", replace("budget: 1118780", "budget: +1118780"), f"{M_BUDGET}: budget: ist keine einfache Zahl"),
    Case("Sexagesimal", replace("budget: 1118780", "budget: 1:02:03"), f"{M_BUDGET}: budget: ist keine einfache Zahl"),
    Case("Unendlich", replace("budget: 1118780", "budget: .inf"), f"{M_BUDGET}: budget: ist keine einfache Zahl"),
    Case(
        "riesige Ziffernfolge",
        replace("budget: 1118780", "budget: " + "9" * 5000),
        f"{M_BUDGET}: budget: ist keine einfache Zahl: '" + "9" * 40 + "'",
    ),
    Case(
        "explizite Typangabe !!int",
        replace("budget: 1118780", "budget: !!int 0x10"),
        f"{M_BUDGET}: budget: ist keine einfache Zahl: '0x10'",
    ),
    Case(
        "Tausenderpunkte",
        replace("budget: 1118780", "budget: 1.118.780"),
        f"{M_BUDGET}: budget: muss ein Betrag in ganzen Euro ≥ 0 sein, ohne Punkte, Komma oder €: '1.118.780'",
    ),
    Case("Jahr mit führender Null", replace("jahr: 2025", "jahr: 02025"), f"{M_JAHR}: jahr: ist keine einfache Zahl"),
    Case(
        "Jahr 0", replace("jahr: 2025", "jahr: 0"), f"{M_JAHR}: jahr: muss eine Jahreszahl von 2014 bis 2999 sein: '0'"
    ),
    Case(
        "Jahr 99999",
        replace("jahr: 2025", "jahr: 99999"),
        f"{M_JAHR}: jahr: muss eine Jahreszahl von 2014 bis 2999 sein: '99999'",
    ),
    Case(
        "arabisch-indische Ziffern im Jahresordner",
        move_marburg_to("vereinbarungen/٢٠٢٥/marburg-biedenkopf.yaml"),
        "data/vereinbarungen/٢٠٢٥:1: Datei: hat einen Namen mit Zeichen außer a–z, A–Z, 0–9, - _ und .",
    ),
    Case(
        "arabisch-indische Ziffern als Jahr der Landessumme",
        replace("2023:\n", "٢٠٢٣:\n", "landessummen.yaml"),
        f"{at('landessummen.yaml', '2023:')}: ٢٠٢٣: muss eine Jahreszahl sein: '٢٠٢٣'",
    ),
    Case(
        "arabisch-indische Ziffern im Kreisschlüssel",
        replace('kreisschluessel: "06534"', 'kreisschluessel: "٠٦٥٣٤"', "gebietskoerperschaften.yaml"),
        f"data/gebietskoerperschaften.yaml:{line_of(REPO / 'data' / 'gebietskoerperschaften.yaml', '06534')}: "
        "marburg-biedenkopf.kreisschluessel: hat nicht die erwartete Form",
    ),
    Case(
        "Standardtext mit fremden Ziffern im Namen",
        write("standardtexte/٢٠٢٥.yaml", "jahr: 2025\n"),
        "data/standardtexte/٢٠٢٥.yaml:1: Datei: hat einen Namen mit Zeichen außer",
    ),
    Case(
        "Jahresordner 99999",
        move_marburg_to("vereinbarungen/99999/marburg-biedenkopf.yaml"),
        "data/vereinbarungen/99999/marburg-biedenkopf.yaml:1: Datei: liegt nicht an der erwarteten Stelle",
    ),
    # -- one record per partner and year, however the path is spelled -------------------------------
    Case(
        "Großbuchstaben im Dateinamen",
        write("vereinbarungen/2025/Marburg-Biedenkopf.yaml", MARBURG_TEXT),
        "data/vereinbarungen/2025/Marburg-Biedenkopf.yaml:7: partner: passt nicht zum Dateinamen",
    ),
    Case(
        "zerlegter Umlaut (NFD) im Dateinamen",
        write("vereinbarungen/2025/gie\u0308ssen.yaml", MARBURG_TEXT),
        "data/vereinbarungen/2025/gie\u0308ssen.yaml:1: Datei: hat einen Namen mit Zeichen außer",
    ),
    Case(
        "zweite Datei mit .yml",
        write("vereinbarungen/2025/marburg-biedenkopf.yml", MARBURG_TEXT),
        "data/vereinbarungen/2025/marburg-biedenkopf.yml:1: Datei: doppelte Vereinbarung",
    ),
    # -- files that are not what they look like ------------------------------------------------------
    Case(
        "Verknüpfung auf eine Datei außerhalb",
        link("vereinbarungen/2025/fulda.yaml", OUTSIDE),
        "data/vereinbarungen/2025/fulda.yaml:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    Case(
        "Jahresordner als Verknüpfung",
        link("vereinbarungen/2023", REPO / "data" / "vereinbarungen" / "2025"),
        "data/vereinbarungen/2023:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    Case(
        "Verknüpfung statt Gebietskörperschaften",
        replace_with_link("gebietskoerperschaften.yaml", OUTSIDE),
        "data/gebietskoerperschaften.yaml:1: Datei: ist eine Verknüpfung",
    ),
    Case(
        "Verknüpfung in content/",
        link("geheim.md", OUTSIDE, under="content"),
        "content/geheim.md:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    Case(
        "benannte Pipe",
        fifo("vereinbarungen/2025/fulda.yaml"),
        "data/vereinbarungen/2025/fulda.yaml:1: Datei: ist keine gewöhnliche Datei und wird nicht gelesen",
    ),
    Case(
        "Binärdatei",
        write("vereinbarungen/2025/fulda.yaml", bytes(range(256)) * 4),
        "data/vereinbarungen/2025/fulda.yaml:2: Datei: ist nicht UTF-8-kodiert: Byte 0x80",
    ),
    Case(
        "Latin-1",
        write("vereinbarungen/2025/fulda.yaml", "jahr: 2025\nort: Gießen\n".encode("latin-1")),
        "data/vereinbarungen/2025/fulda.yaml:2: Datei: ist nicht UTF-8-kodiert: Byte 0xdf ist kein gültiges Zeichen",
    ),
    Case(
        "UTF-16",
        write("vereinbarungen/2025/fulda.yaml", "jahr: 2025\n".encode("utf-16")),
        "data/vereinbarungen/2025/fulda.yaml:1: Datei: ist nicht UTF-8-kodiert",
    ),
    Case(
        "zu groß",
        write("vereinbarungen/2025/fulda.yaml", "# " + "x" * 600_000 + "\n"),
        "data/vereinbarungen/2025/fulda.yaml:1: Datei: ist zu groß",
    ),
    # -- YAML constructs -------------------------------------------------------------------------------
    Case(
        "Merge-Schlüssel",
        replace("quelle:\n", "quelle:\n  <<: {titel: x}\n"),
        f"{M_TITEL}: quelle: „<<“ (Werte aus einem anderen Eintrag übernehmen) ist nicht erlaubt",
    ),
    Case(
        "Anker und Verweis",
        replace("budget: 1118780", "budget: &b 1118780\nbudget_kopie: *b"),
        f"{M_BUDGET}: YAML-Syntax: Anker und Verweise (&name, *name) sind nicht erlaubt",
    ),
    Case(
        "Typangabe python/object",
        replace("budget: 1118780", "budget: !!python/object:os.system [ls]"),
        f"{M_BUDGET}: budget: Typangaben wie 'tag:yaml.org,2002:python/object:os.system' sind nicht erlaubt",
    ),
    Case(
        "zu tief verschachtelt",
        replace("budget: 1118780", "budget: " + "[" * 60 + "]" * 60),
        f"{M_BUDGET}: Datei: ist zu tief verschachtelt (mehr als 20 Ebenen)",
    ),
    Case(
        "doppelter Schlüssel",
        replace("budget: 1118780", "budget: 1118780\nbudget: 5"),
        f"{M_BUDGET_PLUS_1}: budget: steht doppelt in der Datei (zuerst in Zeile {line_in(MARBURG, 'budget:')})",
    ),
    # -- control characters that could forge terminal or CI output --------------------------------------
    Case(
        "ANSI-Farbcode über \\e",
        replace("ort: Wiesbaden", 'ort: "\\e[31mWiesbaden\\e[0m"'),
        f"{M_ORT}: unterzeichnende[1].ort: enthält ein unzulässiges Steuerzeichen (#x001b)",
    ),
    Case(
        "Wagenrücklauf über \\r",
        replace("ort: Wiesbaden", 'ort: "Wiesbaden\\rGefälscht"'),
        f"{M_ORT}: unterzeichnende[1].ort: enthält ein unzulässiges Steuerzeichen (#x000d)",
    ),
    Case(
        "Rechts-nach-links-Umkehrung",
        replace("ort: Wiesbaden", 'ort: "Wies\\u202ebaden"'),
        f"{M_ORT}: unterzeichnende[1].ort: enthält ein unzulässiges Steuerzeichen (#x202e)",
    ),
    Case(
        "GitHub-Befehl in einem Wert",
        replace("partner: marburg-biedenkopf", 'partner: "x\\n::error file=a,line=1::gefälscht"'),
        f"{M_PARTNER}: partner: muss ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen sein: "
        "'x\\x0a::error file=a,line=1::gefälscht'",
    ),
    Case(
        "Steuerzeichen im Feldnamen",
        replace("budget: 1118780", '"bud\\u0007get": 1118780'),
        f"{M_BUDGET}: bud\\x07get: enthält ein unzulässiges Steuerzeichen (#x0007)",
    ),
    # -- drafts never publish ----------------------------------------------------------------------------
    Case(
        "Datum leer",
        replace("    datum: 2025-08-02", "    datum:"),
        f"{M_DATUM}: unterzeichnende[1].datum: ist leer; hier fehlt ein Wert Hinweis: Datum eintragen (JJJJ-MM-TT); "
        "steht im unterzeichneten Dokument keins: datum: nicht eingetragen",
    ),
    Case(
        "Datum unmöglich",
        replace("    datum: 2025-08-02", "    datum: 2025-02-30"),
        f"{M_DATUM}: unterzeichnende[1].datum: muss ein gültiges Datum in der Form JJJJ-MM-TT sein: '2025-02-30'",
    ),
    Case(
        "Datum fehlt",
        replace("    datum: nicht eingetragen\n", ""),
        f"{M_NAME_PETER_NEIDEL}: unterzeichnende[2].datum: Pflichtfeld fehlt",
    ),
    Case(
        "leere Projektliste",
        replace("weiterbildung: kein Projekt genannt", "weiterbildung: []"),
        f"{M_WEITERBILDUNG}: massnahmen.weiterbildung: ist eine leere Liste; nennt die Vereinbarung hier kein Projekt, "
        "ausdrücklich „kein Projekt genannt“ schreiben",
    ),
    Case(
        "leere Projekte ohne Liste",
        replace("weiterbildung: kein Projekt genannt", "weiterbildung:"),
        f"{M_WEITERBILDUNG}: massnahmen.weiterbildung: ist leer; hier fehlt ein Wert Hinweis: Projekte eintragen; "
        "nennt die "
        "Vereinbarung hier keins: weiterbildung: kein Projekt genannt",
    ),
    Case(
        "leere Quelle-Adresse",
        replace("  herausgeber: Hessisches", "  url:\n  herausgeber: Hessisches"),
        f"{M_HERAUSGEBER}: quelle.url: ist leer; hier fehlt ein Wert",
    ),
    Case(
        "offener Punkt",
        replace(
            "  herausgeber: Hessisches",
            "  herausgeber: Hessisches",
            MARBURG,
            append="offene_punkte:\n  - Budget mit dem Bescheid abgleichen\n",
        ),
        f"{M_END_PLUS_2}: offene_punkte[1]: Entwurf, noch offen: Budget mit dem Bescheid abgleichen",
    ),
    Case(
        "Titel der Quelle aus einem anderen Jahr",
        replace("Zielvereinbarung 2025 zwischen", "Zielvereinbarung 2024 zwischen"),
        f"{M_TITEL}: quelle.titel: nennt das Jahr 2024, die Vereinbarung gilt für 2025",
    ),
    Case(
        "Tippfehler im Feldnamen",
        replace("budget: 1118780", "budgte: 1118780"),
        f"{M_BUDGET}: budgte: unbekanntes Feld Hinweis: Meinten Sie 'budget'?",
    ),
    Case(
        "Originaltext ohne Vereinbarung",
        write("originaltexte/2025/fulda.txt", "Text"),
        "data/originaltexte/2025/fulda.txt:1: Datei: gehört zu keiner Vereinbarung",
    ),
    Case(
        "fehlender Standardtext nennt den Befehl",
        replace("jahr: 2025", "jahr: 2024"),
        f"{M_JAHR}: jahr: für 2024 gibt es keinen Standardtext Hinweis: Zuerst den Standardtext anlegen: "
        "make neues-jahr JAHR=2024",
    ),
    # -- the other commands ------------------------------------------------------------------------------
    Case(
        "neu: Großschreibung",
        NOTHING,
        "Unbekannte Gebietskörperschaft: 'Fulda'. Meinten Sie 'fulda'?",
        ("neu", "Fulda", "2026"),
    ),
    Case(
        "neu: Tippfehler",
        NOTHING,
        "Unbekannte Gebietskörperschaft: 'marbrug-biedenkopf'. Meinten Sie 'marburg-biedenkopf'?",
        ("neu", "marbrug-biedenkopf", "2026"),
    ),
    Case(
        "neu: Jahr 99999",
        NOTHING,
        "aqb neu: das Jahr muss eine Jahreszahl von 2014 bis 2999 sein, nur mit den Ziffern 0–9: '99999'",
        ("neu", "fulda", "99999"),
        2,
    ),
    Case("neu: Jahr 0", NOTHING, "aqb neu: das Jahr muss eine Jahreszahl", ("neu", "fulda", "0"), 2),
    Case("neu: fremde Ziffern", NOTHING, "aqb neu: das Jahr muss eine Jahreszahl", ("neu", "fulda", "٢٠٢٦"), 2),
    Case("neu: Jahr fehlt", NOTHING, "aqb neu: es fehlt: jahr", ("neu", "fulda"), 2),
    Case(
        "neu: Befehl im Kürzel",
        NOTHING,
        "Unbekannte Gebietskörperschaft: '$(touch x)\\x0a::error::gefälscht'",
        ("neu", "$(touch x)\n::error::gefälscht", "2026"),
    ),
    Case(
        "neues-jahr: Jahr 99999", NOTHING, "aqb neues-jahr: das Jahr muss eine Jahreszahl", ("neues-jahr", "99999"), 2
    ),
    Case(
        "Import: Binärdatei",
        source_file("scan.txt", bytes(range(256)) * 8),
        "scan.txt ist keine Textdatei, sondern die Datei eines anderen Programms; bitte als PDF, Word-Datei "
        "(.docx) oder Text speichern und dann einlesen.",
        ("import", "../scan.txt"),
    ),
    Case(
        "Import: keine PDF-Datei",
        source_file("vereinbarung.pdf", "Zielvereinbarung 2025"),
        "vereinbarung.pdf heißt .pdf, ist aber keine PDF-Datei.",
        ("import", "../vereinbarung.pdf"),
    ),
    Case(
        "Import: kaputte PDF-Datei",
        source_file("kaputt.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4),
        "kaputt.pdf ist keine lesbare PDF-Datei.",
        ("import", "../kaputt.pdf"),
    ),
    Case("Import: Datei fehlt", NOTHING, "Datei nicht gefunden: ../fehlt.txt", ("import", "../fehlt.txt")),
    Case(
        "Import: Ordner ohne Texte",
        NOTHING,
        "In data liegt kein Dokument, das eingelesen werden kann "
        "(erwartet .pdf, .docx, .txt oder einen Scan .png/.jpg/.tif).",
        ("import", "data"),
    ),
    Case(
        "Import: Brief statt Vereinbarung",
        source_file("brief.txt", "Sehr geehrte Damen und Herren\n"),
        "Nichts angelegt: Jahr nicht erkannt (erwartet z. B. „Zielvereinbarung“ und „2025“ am Anfang).",
        ("import", "../brief.txt"),
    ),
    Case(
        "Import: KREIS vertippt",
        source_file("zv.txt", "Zielvereinbarung 2025\n\nzwischen dem Ministerium und\n"),
        "KREIS=kasel ist kein Kürzel einer Gebietskörperschaft; gemeint ist vielleicht: KREIS=landkreis-kassel, "
        "KREIS=stadt-kassel. Alle Kürzel stehen in data/gebietskoerperschaften.yaml (je Eintrag vor dem Doppelpunkt).",
        ("import", "../zv.txt", "--kreis", "kasel"),
    ),
    Case(
        "Import: Latin-1 eines Briefs",
        source_file("brief.txt", "Grüße aus Gießen\n".encode("latin-1")),
        "nicht UTF-8: als Windows-1252 (Latin-1) gelesen; Umlaute bitte prüfen.",
        ("import", "../brief.txt"),
    ),
    Case(
        "Import: vorhandene Vereinbarung",
        source_file("zv.txt", SEED.read_text(encoding="utf-8")),
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml gibt es schon; sie wird nicht überschrieben. Wer neu "
        "einlesen will, löscht zuerst diesen Entwurf.",
        ("import", "../zv.txt"),
    ),
    # -- what a pull request may put into content/ (issue 19) ---------------------------------------
    Case(
        "HTML-Datei in content",
        page("evil.html", "<script>alert(1)</script>"),
        "content/evil.html:1: Datei: hat eine Art, die unter content/ nicht erlaubt ist ('.html')",
    ),
    Case(
        "SVG mit Skript in content",
        page("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        "content/logo.svg:1: Datei: hat eine Art, die unter content/ nicht erlaubt ist ('.svg')",
    ),
    Case(
        "Skriptdatei in content",
        page("hilfe.js", "alert(1)"),
        "content/hilfe.js:1: Datei: hat eine Art, die unter content/ nicht erlaubt ist ('.js')",
    ),
    Case(
        "Theme-Skript überschrieben",
        page("assets/javascripts/bundle.f13b1293.min.js", "alert(1)"),
        "content/assets/javascripts/bundle.f13b1293.min.js:1: Datei: liegt unter einem Namen, den die Seite selbst",
    ),
    Case(
        "eigenes Skript überschrieben",
        page("assets/javascripts/aqb-suche.js", "alert(1)"),
        "content/assets/javascripts/aqb-suche.js:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet",
    ),
    Case(
        "eigenes CSS überschrieben",
        page("assets/stylesheets/aqb.css", "body{display:none}"),
        "content/assets/stylesheets/aqb.css:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet",
    ),
    Case(
        "Bild, das die Favicon-Datei ersetzt",
        page("assets/images/favicon.png", b"\x89PNG\r\n\x1a\n" + bytes(32)),
        "content/assets/images/favicon.png:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet",
    ),
    Case(
        "Seite statt erzeugter Vereinbarungsseite",
        page("kreise/marburg-biedenkopf/2025.md", "# Gefälscht\n"),
        "content/kreise/marburg-biedenkopf/2025.md:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet",
    ),
    Case(
        "Seite statt Mitmachen",
        page("mitmachen.md", "# Gefälscht\n"),
        "content/mitmachen.md:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet ('mitmachen.md')",
    ),
    Case(
        "Pagefind-Bündel überschrieben",
        page("pagefind/pagefind.png", b"\x89PNG\r\n\x1a\n"),
        "content/pagefind/pagefind.png:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet",
    ),
    Case(
        "HTML als PNG getarnt",
        page("bild.png", "<html><script>alert(1)</script></html>"),
        "content/bild.png:1: Datei: ist kein Bild der Art .png, wie der Name sagt",
    ),
    Case(
        "riesiges Bild",
        page("gross.jpg", b"\xff\xd8\xff" + bytes(3 * 1024 * 1024)),
        "content/gross.jpg:1: Datei: ist zu groß (3145731 Bytes, höchstens 2097152)",
    ),
    Case(
        "meta refresh im Text",
        page("neu.md", '# Neu\n\nText\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n'),
        "content/neu.md:5: Inhalt: enthält das HTML-Element <meta>, das nicht erlaubt ist",
    ),
    Case(
        "Skript im Text",
        page("neu.md", "# Neu\n\n<script>alert(1)</script>\n"),
        "content/neu.md:3: Inhalt: enthält das HTML-Element <script>, das nicht erlaubt ist",
    ),
    Case(
        "iframe im Text",
        page("neu.md", '# Neu\n\n<iframe src="https://evil.example/"></iframe>\n'),
        "content/neu.md:3: Inhalt: enthält das HTML-Element <iframe>, das nicht erlaubt ist",
    ),
    Case(
        "base im Text",
        page("neu.md", '# Neu\n\n<base href="https://evil.example/">\n'),
        "content/neu.md:3: Inhalt: enthält das HTML-Element <base>, das nicht erlaubt ist",
    ),
    Case(
        "Formular im Text",
        page("neu.md", '# Neu\n\n<form action="https://evil.example/"><input name="x"></form>\n'),
        "content/neu.md:3: Inhalt: enthält das HTML-Element <form>, das nicht erlaubt ist",
    ),
    Case(
        "style-Element im Text",
        page("neu.md", "# Neu\n\n<style>body{display:none}</style>\n"),
        "content/neu.md:3: Inhalt: enthält das HTML-Element <style>, das nicht erlaubt ist",
    ),
    Case(
        "Ereignis-Attribut an erlaubtem Element",
        page("neu.md", '# Neu\n\nText <abbr title="x" onmouseover="alert(1)">AQB</abbr>\n'),
        "content/neu.md:3: Inhalt: enthält das Attribut 'onmouseover' an <abbr>, das nicht erlaubt ist",
    ),
    Case(
        "Ereignis-Attribut über Attributliste",
        page("neu.md", '# Neu\n\nText\n{: onclick="alert(1)" }\n'),
        "content/neu.md:4: Inhalt: enthält das Attribut 'onclick' an <p>, das nicht erlaubt ist",
    ),
    Case(
        "style-Attribut über Attributliste",
        page("neu.md", '# Neu\n\n[Weiter](ueber.md){: style="position:fixed;inset:0" }\n'),
        "content/neu.md:3: Inhalt: enthält das Attribut 'style' an <a>, das nicht erlaubt ist",
    ),
    Case(
        "javascript-Link",
        page("neu.md", "# Neu\n\n[Klick](javascript:alert(1))\n"),
        "content/neu.md:3: Inhalt: verlinkt eine Adresse, die nicht mit https: oder mailto: beginnt: "
        "'javascript:alert(1)'",
    ),
    Case(
        "javascript-Link mit Entity und Tabulator",
        page("neu.md", '# Neu\n\n<a href="jav&#x09;ascript:alert(1)">x</a>\n'),
        "content/neu.md:1: Inhalt: verlinkt eine Adresse, die nicht mit https: oder mailto: beginnt",
    ),
    Case(
        "http-Link",
        page("neu.md", "# Neu\n\n[Quelle](http://evil.example/)\n"),
        "content/neu.md:3: Inhalt: verlinkt eine Adresse, die nicht mit https: oder mailto: beginnt: 'http://evil.example/'",
    ),
    Case(
        "protokollrelativer Link",
        page("neu.md", "# Neu\n\n[Quelle](//evil.example/)\n"),
        "content/neu.md:3: Inhalt: verlinkt eine Adresse ohne https: '//evil.example/'",
    ),
    Case(
        "Bild von fremdem Server",
        page("neu.md", "# Neu\n\n![Logo](https://evil.example/pixel.png)\n"),
        "content/neu.md:3: Inhalt: lädt ein Bild von außerhalb dieser Seite: 'https://evil.example/pixel.png'",
    ),
    Case(
        "data-Adresse als Bild",
        page("neu.md", "# Neu\n\n![x](data:image/svg+xml;base64,PHN2Zz4=)\n"),
        "content/neu.md:3: Inhalt: lädt ein Bild von außerhalb dieser Seite",
    ),
    Case(
        "Beschreibung bricht aus dem meta-Element aus",
        page(
            "neu.md",
            '---\ndescription: \'x"><meta http-equiv=refresh content="0;url=https://evil.example/">\'\n---\n\n# Neu\n',
        ),
        "content/neu.md:2: description: darf keine spitzen Klammern, Backticks oder geraden "
        "Anführungszeichen enthalten",
    ),
    Case(
        "Titel bricht aus dem title-Element aus",
        page("neu.md", "---\ntitle: Neu</title><script>alert(1)</script>\n---\n\n# Neu\n"),
        "content/neu.md:2: title: darf keine spitzen Klammern, Backticks oder geraden Anführungszeichen enthalten",
    ),
    Case(
        "Vorlage außerhalb des Themes",
        page("neu.md", "---\ntemplate: ../../README.md\n---\n\n# Neu\n"),
        "content/neu.md:2: template: ist keine Vorlage für eigene Seiten: '../../README.md'",
    ),
    Case(
        "Vorlage einer erzeugten Seite",
        page("neu.md", "---\ntemplate: aqb/pages/vereinbarung.html\n---\n\n# Neu\n"),
        "content/neu.md:2: template: ist keine Vorlage für eigene Seiten: 'aqb/pages/vereinbarung.html'",
    ),
    Case(
        "unbekannte Seiteneinstellung",
        page("neu.md", "---\nextra_css: [https://evil.example/x.css]\n---\n\n# Neu\n"),
        "content/neu.md:2: extra_css: ist keine erlaubte Seiteneinstellung",
    ),
    Case(
        "Betreiberrolle ohne Impressum-Vorlage",
        page("neu.md", "---\nbetreiber_rolle: datenschutz\n---\n\n# Neu\n"),
        "content/neu.md:2: betreiber_rolle: gilt nur mit template: aqb/pages/impressum.html",
    ),
    Case(
        "hide mit unbekanntem Teil",
        page("neu.md", "---\nhide: [header]\n---\n\n# Neu\n"),
        "content/neu.md:2: hide: muss eine Liste aus footer, navigation, path, toc sein",
    ),
    Case(
        "Seiteneinstellungen mit Anker",
        page("neu.md", "---\ntitle: &a Neu\ndescription: *a\n---\n\n# Neu\n"),
        "content/neu.md:2: YAML-Syntax: Anker und Verweise (&name, *name) sind nicht erlaubt",
    ),
    Case(
        "Einstellung im MultiMarkdown-Stil",
        page("neu.md", "template: ../../README.md\n\n# Neu\n"),
        "content/neu.md:1: Inhalt: die erste Zeile sähe für MkDocs wie eine Einstellung aus",
    ),
    Case(
        "Seite in Latin-1",
        page("neu.md", "# Grüße\n".encode("latin-1")),
        "content/neu.md:1: Datei: ist nicht UTF-8-kodiert",
    ),
    Case(
        "Seite mit ANSI-Steuerzeichen",
        page("neu.md", "# Neu\n\n\x1b[31mrot\n"),
        "content/neu.md:3: Datei: enthält ein unzulässiges Steuerzeichen (#x001b)",
    ),
    Case(
        "Seite mit 50 000 eckigen Klammern",
        page("neu.md", "# Neu\n\n" + "[" * 50_000 + "\n"),
        "content/neu.md:3: Inhalt: ist zu lang: 50008 Zeichen, erlaubt sind höchstens 40000",
    ),
    Case(
        "Seite mit 300 offenen Klammern",
        page("neu.md", "# Neu\n\n" + "[" * 300 + "\n"),
        "content/neu.md:3: Inhalt: hat zu viele eckige Klammern '[': 300, erlaubt sind höchstens 200",
    ),
    Case(
        "content als Verknüpfung",
        linked_content,
        "content:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    Case(
        "Anleitung als Verknüpfung",
        lambda folder: link("CONTRIBUTING.md", OUTSIDE, under=".")(folder),
        "CONTRIBUTING.md:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    # -- work without bound in data (issue 19) -------------------------------------------------------
    Case(
        "50 000 eckige Klammern in einer Abweichung",
        deviation("paragraf-7", "[" * 50_000),
        f"{M_END_PLUS_3}: abweichungen.paragraf-7: ist zu lang: 50000 Zeichen, erlaubt sind höchstens 10000",
    ),
    Case(
        "viele offene Klammern in einer Abweichung",
        deviation("paragraf-7", "## § 7\n\n" + "[" * 101),
        f"{M_END_PLUS_5}: abweichungen.paragraf-7: hat zu viele eckige Klammern '[': 101, erlaubt sind höchstens 100",
    ),
    Case(
        "Liste 400 Ebenen tief in einer Abweichung",
        deviation("paragraf-7", "## § 7\n\n" + "1. " * 400 + "x"),
        f"{M_END_PLUS_5}: abweichungen.paragraf-7: ist zu tief verschachtelt (mehr als 8 Ebenen",
    ),
    Case(
        "eingerückte Liste 12 Ebenen tief",
        deviation("paragraf-7", "## § 7\n\n" + "\n".join("    " * depth + "- x" for depth in range(12))),
        f"{M_END_PLUS_13}: abweichungen.paragraf-7: ist zu tief verschachtelt (mehr als 8 Ebenen",
    ),
    Case(
        "Zitat 400 Ebenen tief",
        deviation("paragraf-7", "## § 7\n\n" + ">" * 400 + " x"),
        f"{M_END_PLUS_5}: abweichungen.paragraf-7: ist zu tief verschachtelt",
    ),
    Case(
        "Landessumme im Jahr 0000",
        replace("2019:\n", "'0000':\n", "landessummen.yaml"),
        "data/landessummen.yaml:6: 0000: muss ein Jahr des AQB von 2014 bis",
    ),
    Case(
        "Landessumme im Jahr 0999",
        replace("2019:\n", "'0999':\n", "landessummen.yaml"),
        "data/landessummen.yaml:6: 0999: muss ein Jahr des AQB von 2014 bis",
    ),
    Case(
        "Landessumme im Jahr 2999",
        replace("2019:\n", "'2999':\n", "landessummen.yaml"),
        "data/landessummen.yaml:6: 2999: muss ein Jahr des AQB von 2014 bis",
    ),
    Case(
        "ungültige Unicode-Angabe",
        replace("budget: 1118780", 'budget: 1118780\nbemerkung: "\\uZZZZ"'),
        f"{M_BUDGET_PLUS_1}: YAML-Syntax: ungültige Zeichenangabe",
    ),
    Case(
        "unbekannte Escape-Angabe",
        replace("budget: 1118780", 'budget: 1118780\nbemerkung: "\\q"'),
        f"{M_BUDGET_PLUS_1}: YAML-Syntax: unbekannte Angabe mit „\\“ in Anführungszeichen",
    ),
    Case(
        "Abschnitt mit der Kennung des Zitierkastens",
        replace("  - id: paragraf-7\n", "  - id: zitieren\n", "standardtexte/2025.yaml"),
        f"{at('standardtexte/2025.yaml', '- id: paragraf-7')}: abschnitte[9].id: ein Abschnitt bekäme die Kennung "
        "'zitieren'",
    ),
    Case(
        "Abschnitt mit einer Kennung des Themes",
        replace("  - id: paragraf-7\n", "  - id: md-content\n", "standardtexte/2025.yaml"),
        f"{at('standardtexte/2025.yaml', '- id: paragraf-7')}: abschnitte[9].id: ein Abschnitt bekäme die Kennung "
        "'md-content'",
    ),
    # -- one truth per fact, nothing passing for something it is not (issue 20) ----------------------
    Case(
        "Abweichung druckt ein anderes Budget",
        deviation(
            "paragraf-4",
            "## § 4\n\n### Haushaltsmittel und Eckdaten\n\nDas HMSI stellt {dativ} im Jahr 2025 Haushaltsmittel in "
            "Höhe von insgesamt\n\n**1.500.000 Euro**\n\naus dem Ausbildungs- und Qualifizierungsbudget 2025 zur "
            "Verfügung.",
        ),
        # With its original the page is compared word for word (issue 27), and the budget with § 4 of it.
        f"{M_END_PLUS_2}: abweichungen.paragraf-4: auf der Seite steht „1.500.000“, im unterzeichneten Dokument "
        "„1.118.780“ "
        f"(data/originaltexte/2025/marburg-biedenkopf.txt, Seite 1, Zeile {line_of(SEED, '1.118.780 Euro')})",
    ),
    Case(
        "Abweichung ohne Budget-Platzhalter",
        deviation("paragraf-4", "## § 4\n\n### Haushaltsmittel und Eckdaten\n\nDas HMSI stellt Mittel bereit."),
        f"{M_END_PLUS_2}: abweichungen.paragraf-4: auf der Seite steht „Mittel bereit.“, im unterzeichneten "
        "Dokument "
        "„dem Landkreis Marburg-Biedenkopf im Jahr 2025 Haushaltsmittel",
    ),
    Case(
        "Abweichung mit Geheimprojekt neben der Projektliste",
        deviation(
            "paragraf-5",
            "## § 5\n\n### **Ziele für die Umsetzung {genitiv}**\n\n{Nominativ} finanziert folgende Projekte:\n\n"
            "{projektliste}\n\n- Geheimprojekt X\n\nDie Förderung erfolgt nach Bescheid an {akkusativ}.",
        ),
        f"{M_END_PLUS_11}: abweichungen.paragraf-5: hat eine eigene Aufzählung neben {{projektliste}}",
    ),
    Case(
        "Abweichung ohne Projektliste",
        deviation(
            "paragraf-5",
            "## § 5\n\n### **Ziele für die Umsetzung {genitiv}**\n\n{Nominativ} finanziert Geheimprojekt X "
            "nach Bescheid an {akkusativ}.",
        ),
        f"{M_END_PLUS_3}: abweichungen.paragraf-5: lässt den Platzhalter '{{projektliste}}' des Standardtexts weg",
    ),
    Case(
        "erster Abschnitt nennt ein anderes Jahr",
        deviation("titel", "## Zielvereinbarung\n\n**2019**\n\n**zwischen dem HMSI und {dativ}**"),
        f"{M_END_PLUS_2}: abweichungen.titel: auf der Seite steht „2019“, im unterzeichneten Dokument „2025“ "
        f"(data/originaltexte/2025/marburg-biedenkopf.txt, Seite 1, Zeile {line_of(SEED, '**2025**')})",
    ),
    Case(
        "erster Abschnitt nennt einen anderen Kreis",
        deviation("titel", "## Zielvereinbarung\n\n**2025**\n\n**zwischen dem HMSI und dem Landkreis Kassel**"),
        f"{M_END_PLUS_2}: abweichungen.titel: auf der Seite steht „Kassel“, im unterzeichneten Dokument "
        "„Marburg-Biedenkopf",
    ),
    Case(
        "Abweichung nennt einen anderen Kreis neben dem eigenen",
        deviation("titel", "## Zielvereinbarung\n\n**2025**\n\n**zwischen dem HMSI und {dativ} (wie Stadt Kassel)**"),
        f"{M_END_PLUS_2}: abweichungen.titel: auf der Seite steht „(wie Stadt Kassel)“, im unterzeichneten Dokument",
    ),
    Case(
        "Unterschriftsabschnitt mit eigenem Datum",
        deviation("unterschriften", "{unterschriften}\n\nWiesbaden, den 1.1.2030"),
        f"{M_END_PLUS_3}: abweichungen.unterschriften: ändert einen Abschnitt, der nur aus {{unterschriften}} besteht",
    ),
    Case(
        "Nullbreites Leerzeichen im Projektnamen",
        replace("- Voice Connect 2025", "- Voice\u200b Connect 2025"),
        f"{M_VOICE_CONNECT_2025}: massnahmen.qualifizierung[2]: enthält ein unsichtbares Zeichen (U+200B) "
        f"in Zeile {line_in(MARBURG, '- Voice Connect 2025')}, Spalte 12",
    ),
    Case(
        "weiches Trennzeichen im Namen",
        replace("name: Heike Hofmann", "name: Heike Hof\u00admann"),
        f"{M_NAME}: unterzeichnende[1].name: enthält ein unsichtbares Zeichen (U+00AD) in Zeile "
        f"{line_in(MARBURG, '- name:')}, Spalte 20",
    ),
    Case(
        "Wortverbinder im Ort",
        replace("ort: Wiesbaden", "ort: Wies\u2060baden"),
        f"{M_ORT}: unterzeichnende[1].ort: enthält ein unsichtbares Zeichen (U+2060)",
    ),
    Case(
        "BOM mitten im Text",
        replace("- Frauenakademie 2025", "- Frauen\ufeffakademie 2025"),
        f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: enthält ein unsichtbares Zeichen (U+FEFF)",
    ),
    Case(
        "Rechts-links-Marke",
        replace("- Frauenakademie 2025", "- Frauenakademie\u200f 2025"),
        f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: enthält ein unsichtbares Zeichen (U+200F)",
    ),
    Case(
        "Tag-Zeichen",
        replace("- Frauenakademie 2025", "- Frauenakademie\U000e0041 2025"),
        f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: enthält ein unsichtbares Zeichen (U+E0041)",
    ),
    Case(
        "Zeichen aus dem privaten Bereich",
        replace("- Frauenakademie 2025", "- Frauenakademie\ue000 2025"),
        f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: enthält ein Zeichen aus dem privaten Bereich (U+E000)",
    ),
    Case(
        "nicht vergebenes Zeichen",
        replace("- Frauenakademie 2025", "- Frauenakademie\U0003fffd 2025"),
        f"{M_FRAUENAKADEMIE_2025}: massnahmen.qualifizierung[1]: enthält ein nicht vergebenes Zeichen (U+3FFFD)",
    ),
    Case(
        "unsichtbares Zeichen im Standardtext",
        replace("## § 7\n", "## §\u200b 7\n", "standardtexte/2025.yaml"),
        f"{at('standardtexte/2025.yaml', '## § 7')}: abschnitte[9].text: enthält ein unsichtbares Zeichen (U+200B) "
        f"in Zeile {line_in('standardtexte/2025.yaml', '## § 7')}, "
        "Spalte 11",
    ),
    Case(
        "NFD-Umlaut als Dublette eines Projekts",
        replace("- Voice Connect 2025", "- Voice Connect 2025\n    - Fähre 2025\n    - Fa\u0308hre 2025"),
        f"{M_WEITERBILDUNG_PLUS_1}: massnahmen.qualifizierung[4]: Projekt steht doppelt: 'Fähre 2025'",
    ),
    Case(
        "Landkreis Kassel gibt sich als Marburg-Biedenkopf aus",
        replace("bezeichnung: Landkreis Kassel", "bezeichnung: Landkreis Marburg-Biedenkopf", PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: nennt den Namen 'Kassel' nicht",
    ),
    Case(
        "doppelte Bezeichnung",
        replace(
            "  name: Kassel\n  bezeichnung: Landkreis Kassel",
            "  name: Marburg-Biedenkopf\n  bezeichnung: Landkreis Marburg-Biedenkopf",
            PARTNERS,
        ),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: gleicht dem von 'marburg-biedenkopf'",
    ),
    Case(
        "doppelte Bezeichnung in anderer Schreibung",
        replace(KASSEL_NAMES, "  name: MARBURG-BIEDENKOPF\n  bezeichnung: LANDKREIS MARBURG-BIEDENKOPF", PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: gleicht dem von 'marburg-biedenkopf'",
    ),
    Case(
        "doppelter Kreisschlüssel",
        replace('kreisschluessel: "06633"', 'kreisschluessel: "06534"', PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 3}: landkreis-kassel.kreisschluessel: gleicht dem von 'marburg-biedenkopf': '06534'",
    ),
    Case(
        "kyrillisches К in der Bezeichnung",
        replace("bezeichnung: Landkreis Kassel", "bezeichnung: Landkreis \u041aassel", PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: darf nur lateinische Buchstaben",
    ),
    Case(
        "Bezeichnung nur aus Leerzeichen",
        replace("bezeichnung: Landkreis Kassel", 'bezeichnung: "   "', PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: darf nur lateinische Buchstaben",
    ),
    Case(
        "vollbreite Buchstaben in der Bezeichnung",
        replace("bezeichnung: Landkreis Kassel", "bezeichnung: \uff2candkreis Kassel", PARTNERS),
        f"{P}:{LANDKREIS_KASSEL + 1}: landkreis-kassel.bezeichnung: darf nur lateinische Buchstaben",
    ),
    Case(
        "Quelle mit Benutzername vor dem Rechner",
        replace(
            "url: https://hessen-tageblatt.com/",
            "url: https://wetteraukreis.de@evil.example/",
            KASSEL_2016,
        ),
        f"{K_URL}: quelle.url: darf keinen Benutzernamen oder kein Passwort enthalten",
    ),
    Case(
        "Quelle mit kyrillischem Buchstaben im Rechnernamen",
        replace(
            "url: https://hessen-tageblatt.com/",
            "url: https://hessen-tagebl\u0430tt.com/",
            KASSEL_2016,
        ),
        f"{K_URL}: quelle.url: enthält Zeichen, die in keiner Adresse stehen",
    ),
    Case(
        "Quelle über http",
        replace(
            "url: https://hessen-tageblatt.com/",
            "url: http://hessen-tageblatt.com/",
            KASSEL_2016,
        ),
        f"{K_URL}: quelle.url: muss mit https:// beginnen",
    ),
    Case(
        "Quelle mit Anführungszeichen",
        replace(
            "url: https://hessen-tageblatt.com/",
            'url: https://hessen-tageblatt.com/"onmouseover=x/',
            KASSEL_2016,
        ),
        f"{K_URL}: quelle.url: enthält Zeichen, die in keiner Adresse stehen",
    ),
    Case(
        "Quelle ohne vollständigen Rechnernamen",
        replace("url: https://hessen-tageblatt.com/", "url: https://intranet/", KASSEL_2016),
        f"{K_URL}: quelle.url: hat keinen vollständigen Rechnernamen",
    ),
    Case(
        "Quelle in Punycode ist erlaubt, in Unicode nicht",
        replace(
            "url: https://hessen-tageblatt.com/",
            "url: https://xn--hessen-tagebltt-tib.com/",
            KASSEL_2016,
            append="\nbemerkung: x\n",
        ),
        f"{K_END_PLUS_2}: bemerkung: unbekanntes Feld",
    ),
    Case(
        "unterschrieben im Jahr 2999",
        replace("datum: 2025-08-02", "datum: 2999-12-31"),
        f"{M_DATUM}: unterzeichnende[1].datum: liegt nicht im Jahr der Vereinbarung oder einem Nachbarjahr: "
        "'2999-12-31'",
    ),
    Case(
        "unterschrieben im Jahr 1900",
        replace("datum: 2025-08-02", "datum: 1900-01-01"),
        f"{M_DATUM}: unterzeichnende[1].datum: liegt nicht im Jahr der Vereinbarung oder einem Nachbarjahr: "
        "'1900-01-01'",
    ),
    Case(
        "abgerufen in der Zukunft",
        replace(
            "  url: https://hessen-tageblatt.com/",
            "  abgerufen: 2999-12-31\n  url: https://hessen-tageblatt.com/",
            KASSEL_2016,
        ),
        f"{K_URL}: quelle.abgerufen: liegt in der Zukunft: '2999-12-31'",
    ),
    Case(
        "Betrag mit führenden Nullen",
        replace(
            "budget_laut_quelle: 879.800 Euro",
            "budget_laut_quelle: 000.879.800 Euro",
            KASSEL_2016,
        ),
        f"{K_BUDGET_LAUT_QUELLE}: budget_laut_quelle: muss ein Betrag auf den Euro genau sein",
    ),
    Case(
        "Namensformen noch in der Vereinbarung",
        replace("budget: 1118780", "partner_im_text:\n  dativ: dem Landkreis Kassel\nbudget: 1118780"),
        f"{M_BUDGET}: partner_im_text: gehört nicht mehr in die Vereinbarung: Die Namensformen stehen bei der "
        "Gebietskörperschaft",
    ),
    Case(
        "Unterschriftsabschnitt mit zusätzlichem Namen",
        deviation("unterschriften", "{unterschriften}\n\nMax Mustermann\n\nLandrat"),
        f"{M_END_PLUS_3}: abweichungen.unterschriften: ändert einen Abschnitt, der nur aus {{unterschriften}} "
        "besteht "
        f"(die Eckdaten stehen in unterzeichnende in Zeile {line_in(MARBURG, 'unterzeichnende:')})",
    ),
    # -- the signed original and the year's texts (issue 21) -------------------------------------------
    Case(
        "Original verändert",
        write(
            "originaltexte/2025/marburg-biedenkopf.txt",
            SEED.read_text(encoding="utf-8").replace("1.118.780", "1.500.000"),
        ),
        f"{M_SHA256}: original.sha256: passt nicht zu data/originaltexte/2025/marburg-biedenkopf.txt",
    ),
    Case(
        "Original fehlt",
        lambda folder: (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink(),
        f"{M_DATEI}: original.datei: fehlt: data/originaltexte/2025/marburg-biedenkopf.txt",
    ),
    Case(
        "Original eines anderen Kreises",
        replace("datei: originaltexte/2025/marburg-biedenkopf.txt", "datei: originaltexte/2025/fulda.txt"),
        f"{M_DATEI}: original.datei: gehört nicht zu dieser Vereinbarung: 'originaltexte/2025/fulda.txt'",
    ),
    Case(
        "Original nicht genannt",
        write(MARBURG, MARBURG_TEXT.split("\n# Die Abschrift des unterzeichneten Dokuments")[0] + "\n"),
        f"{M_JAHR}: Datei: nennt ihren Originaltext data/originaltexte/2025/marburg-biedenkopf.txt nicht",
    ),
    Case(
        "Altes Original nach neuem Einlesen übrig",
        write("originaltexte/2025/marburg-biedenkopf.docx", b"PK\x03\x04 alt"),
        f"{M_JAHR}: Datei: nennt ihren Originaltext data/originaltexte/2025/marburg-biedenkopf.docx nicht Hinweis: Der "
        "Eintrag nennt schon data/originaltexte/2025/marburg-biedenkopf.txt als Original. Ist "
        "data/originaltexte/2025/marburg-biedenkopf.docx übrig geblieben (etwa nach einem neuen Einlesen), diese "
        "Datei löschen.",
    ),
    Case(
        "Abweichung gleich dem Standardtext",
        deviation("paragraf-7", STANDARD_WORDING["paragraf-7"]),
        f"{M_END_PLUS_2}: abweichungen.paragraf-7: gleicht dem Standardtext: keine Abweichung",
    ),
    # -- what the engine and the browser read is what the check read (issue 26) ---------------------
    Case(
        "Seiteneinstellungen hinter einer Byte-Reihenfolge-Markierung",
        page("hinweis.md", b"\xef\xbb\xbf" + BOM_TITLE.encode("utf-8")),
        "content/hinweis.md:2: title: darf keine spitzen Klammern, Backticks oder geraden Anführungszeichen",
    ),
    Case(
        "Seitentitel mit meta refresh hinter einer BOM",
        page(
            "hinweis.md", "\ufeff---\ntitle: 'x\"><meta http-equiv=refresh content=0;url=https://evil.example/>'\n---\n"
        ),
        "content/hinweis.md:2: title: darf keine spitzen Klammern",
    ),
    Case(
        "Skript als Seite mit großer Endung",
        page("skript.MD", "alert(document.domain)"),
        "content/skript.MD:1: Datei: hat eine Art, die unter content/ nicht erlaubt ist ('.MD')",
    ),
    Case("data als Verknüpfung nach außen", linked_data, "data:1: Datei: ist eine Verknüpfung (symbolischer Link)"),
    Case(
        "overrides als Verknüpfung nach außen",
        lambda folder: (folder.root / "overrides").symlink_to("/etc"),
        "overrides:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
    ),
    Case(
        "Vorlage unter overrides als Verknüpfung",
        link("aqb/pages/impressum.html", OUTSIDE, under="overrides"),
        "overrides/aqb/pages/impressum.html:1: Datei: ist eine Verknüpfung (symbolischer Link)",
    ),
    Case(
        "verschachtelte Hervorhebung auf einer Seite",
        page("tief.md", "*a " * 1000 + " a*" * 1000),
        "content/tief.md:1: Inhalt: hat in einem Absatz zu viele Hervorhebungszeichen ('*' oder '_'): 2000",
    ),
    Case(
        "verschachtelte Hervorhebung in einer Abweichung",
        deviation("paragraf-7", "{Nominativ} " + "*a " * 1600 + " a*" * 1600),
        f"{M_END_PLUS_3}: abweichungen.paragraf-7: hat in einem Absatz zu viele Hervorhebungszeichen",
    ),
    Case(
        "13 000 offene Tags auf einer Seite",
        page("tags.md", "<a " * 13_000),
        "content/tags.md:1: Inhalt: hat zu viele spitze Klammern '<': 13000, erlaubt sind höchstens 200",
    ),
    Case(
        "drei große Seiten zusammen",
        both(*(page(f"lang-{number}.md", "Wort " * 7_800) for number in range(3))),
        "content/lang-2.md:1: Datei: bringt alle Seiten zusammen auf",
    ),
    Case(
        "zu viele Dateien in content",
        both(*(page(f"seite-{number:02}.md", "# Seite\n") for number in range(60))),  # and index.md
        "content/seite-59.md:1: Datei: ist die 61. Datei; content/ darf höchstens 60 haben",
    ),
    Case(
        "zweite Quelle für das Impressum",
        both(page("impressum.md", "# Impressum\n"), page("impressum/index.md", "# Anderes Impressum\n")),
        "content/impressum.md:1: Datei: ergäbe dieselbe Adresse wie content/impressum/index.md ('/impressum/'",
    ),
    Case(
        "Großgeschriebene erzeugte Seite",
        page("Jahre.md", "# Jahre\n"),
        "content/Jahre.md:1: Datei: liegt unter einem Namen, den die Seite selbst verwendet ('Jahre.md')",
    ),
    Case(
        "Kommentar, den Browser anders beenden",
        page("kommentar.md", 'Text <!--> <meta http-equiv="refresh" content="0;url=/X"> --> Text.\n'),
        "content/kommentar.md:1: Inhalt: enthält das HTML-Element <meta>, das nicht erlaubt ist",
    ),
    Case(
        "Kommentar <!--->",
        page("kommentar.md", '# Titel\n\nText <!---> <meta http-equiv="refresh" content="0;url=/X"> --> Text.\n'),
        "content/kommentar.md:3: Inhalt: enthält einen HTML-Kommentar oder eine Deklaration",
    ),
    Case(
        "Link mit Benutzername",
        page("link.md", "# Link\n\n[Ministerium](https://ministerium.hessen.de@evil.example/)\n"),
        "content/link.md:3: Inhalt: verlinkt eine unzulässige Adresse; sie darf keinen Benutzernamen",
    ),
    Case(
        "Link auf eine IP-Adresse",
        page("link.md", "# Link\n\n[Intern](https://10.0.0.1/)\n"),
        "content/link.md:3: Inhalt: verlinkt eine unzulässige Adresse; sie nennt eine IP-Adresse",
    ),
    Case(
        "Kennung, die das Theme liest",
        page("kennung.md", '# Kennung\n\nDas <abbr id="__config">AQB</abbr>\n'),
        "content/kennung.md:3: Inhalt: gibt einem Element die Kennung '__config', die es auf der Seite schon gibt",
    ),
    Case(
        "Titel aus einer Überschrift mit HTML",
        page("titel.md", '# Das <abbr title="x">AQB</abbr>"\n'),
        "content/titel.md:1: Titel: der Titel aus der ersten Überschrift darf keine spitzen Klammern",
    ),
    Case(
        "Titel aus einer Überschrift mit Entitäten, die der Seitentitel entschlüsselt",
        page("titel.md", "# &lt;/title&gt;&lt;script src=../x.txt&gt;&lt;/script&gt;\n"),
        "content/titel.md:1: Titel: der Titel aus der ersten Überschrift darf keine spitzen Klammern",
    ),
    # -- what an attacker's pull request tried after the first round of issue 26 -----------------------
    Case(
        "Kennung mit Markup für das Inhaltsverzeichnis",
        page(
            "toc.md",
            "# Seite\n\n## Abschnitt {: id='x\"><meta http-equiv=refresh content=0;url=https://example.org/ a=<>' }"
            "\n\nText.\n",
        ),
        "content/toc.md:3: Inhalt: enthält spitze Klammern im Attribut 'id'",
    ),
    Case(
        "Klasse des Themes legt einen Link über die Seite",
        page("klasse.md", "# Klasse\n\n[Weiter](https://example.org/){: .md-consent__overlay }\n"),
        "content/klasse.md:3: Inhalt: enthält das Attribut 'class' an <a>, das nicht erlaubt ist",
    ),
    Case(
        "Skript-Tag im Titel-Attribut",
        page("titel.md", '# Titel\n\nDas <abbr title="<script src=x>">AQB</abbr>\n'),
        "content/titel.md:3: Inhalt: enthält spitze Klammern im Attribut 'title'",
    ),
    Case(
        "Seiteneinstellungen, die MkDocs nicht lesen kann",
        page("datum.md", "---\ntitle: 2025-02-30\n  # " + "*a " * 1000 + " a*" * 1000 + "\n---\n\nText.\n"),
        "content/datum.md:2: Seiteneinstellungen: müssen Felder mit Werten sein, die MkDocs selbst lesen kann",
    ),
    Case(
        "offene Tags in ungültigen Seiteneinstellungen",
        page("tags.md", "---\ntitle: 2025-02-30\n  # " + "<a " * 13_000 + "\n---\n\nText.\n"),
        "content/tags.md:3: Inhalt: hat zu viele spitze Klammern '<': 13000",
    ),
    Case(
        "Seite mit zwei Punkten im Namen",
        page("index.html.md", "# Start\n"),
        "content/index.html.md:1: Datei: hat einen Namen mit mehr als einem Punkt",
    ),
    Case(
        "Seite neben einem Bild gleichen Namens",
        both(page("x.png", b"\x89PNG\r\n\x1a\n" + bytes(16)), page("x.png.md", "# Bild\n")),
        "content/x.png.md:1: Datei: hat einen Namen mit mehr als einem Punkt",
    ),
    Case(
        "Ordner mit Punkt",
        page("ueber.d/index.md", "# Über\n"),
        "content/ueber.d/index.md:1: Datei: hat einen Namen mit mehr als einem Punkt oder einen Ordner mit Punkt",
    ),
    Case(
        "Anleitung kein UTF-8",
        write("../CONTRIBUTING.md", b"# Mitmachen\n\xff\xfe\n"),
        "CONTRIBUTING.md:2:",
    ),
    Case(
        "10 000 unterstrichene Überschriften",
        page("setext.md", ("a\n=\n" * 10_000)[:39_990]),
        "content/setext.md:102: Inhalt: hat zu viele Zeilen nur aus '=' oder '-': 9997, erlaubt sind höchstens 50",
    ),
    Case(
        "make serve mit data als Verknüpfung",
        linked_data,
        "data:1: Datei: ist eine Verknüpfung (symbolischer Link) und wird nicht gelesen",
        ("port", "8123"),
    ),
    Case("check: Ordner fehlt", NOTHING, "Ordner nicht gefunden: fehlt", ("check", "--daten", "fehlt"), 2),
    Case("unbekannter Befehl", NOTHING, "aqb: unbekannter Befehl: 'pruefen'", ("pruefen",), 2),
]


def tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            digest.update(str(path).encode())
            if path.is_symlink():
                digest.update(str(path.readlink()).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_wrong_input_gets_a_german_message_and_changes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (folder.root / "content").mkdir()
    (folder.root / "content" / "index.md").write_text("# Start\n", encoding="utf-8")
    case.setup(folder)
    before = tree_digest(folder.root)
    monkeypatch.chdir(folder.root)

    status, output = run(case.argv, capsys)

    assert status == case.status, output
    assert case.expected in output, output
    assert "Traceback" not in output and "Unerwarteter Fehler" not in output
    # Nothing a terminal or CI runner would act on: no control characters, no workflow commands.
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output), repr(output)
    assert not any(line.startswith(("::", "##[")) for line in output.splitlines())
    assert "root:" not in output and "hunter2" not in output  # nothing of a linked file's content
    assert tree_digest(folder.root) == before


def test_imported_file_name_never_reaches_the_draft_unescaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (folder.path / MARBURG).unlink()
    (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()
    name = "zv\n::error file=x::böse\x1b[31m.txt"
    (tmp_path / name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(folder.root)
    status, output = run(("import", f"../{name}"), capsys)
    assert status == 0, output
    draft = (folder.path / MARBURG).read_text(encoding="utf-8")
    assert "zv\\x0a::error file=x::böse\\x1b[31m.txt" in draft
    assert "\x1b" not in draft and not any(line.startswith("::") for line in draft.splitlines())
    assert "# Entwurf aus zv\\x0a::error" in draft  # the comment line cannot be broken either


def test_impossible_signature_date_becomes_an_open_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (folder.path / MARBURG).unlink()
    (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()
    (tmp_path / "zv.txt").write_text(
        SEED.read_text(encoding="utf-8").replace("2.8.2025", "31.2.2025"), encoding="utf-8"
    )
    monkeypatch.chdir(folder.root)
    status, output = run(("import", "../zv.txt"), capsys)
    assert status == 0, output
    assert (
        "Offen: unterzeichnende: Zeile 94 nennt „Wiesbaden, den 31.2.2025“, kein gültiges Datum: das Datum der "
        "Unterschrift aus dem unterzeichneten Dokument unter datum eintragen"
    ) in output
    status, output = run(("check",), capsys)
    assert status == 1
    assert "unterzeichnende[1].datum: ist leer; hier fehlt ein Wert" in output
    assert (
        "offene_punkte[1]: Entwurf, noch offen: unterzeichnende: Zeile 94 nennt „Wiesbaden, den 31.2.2025“, kein "
        "gültiges Datum"
    ) in output


def test_a_pdf_that_inflates_to_gigabytes_is_refused_in_german_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (tmp_path / "bombe.pdf").write_bytes(pdf_bomb(1536 * 1024 * 1024))
    before = tree_digest(folder.root)
    monkeypatch.chdir(folder.root)
    started = time.monotonic()
    status, output = run(("import", "../bombe.pdf"), capsys)
    assert status == 1
    assert "bombe.pdf ist keine lesbare PDF-Datei. Sie ist beschädigt oder braucht zum Lesen zu viel" in output
    assert "Traceback" not in output and "pypdf" not in output
    assert time.monotonic() - started < 120  # the limits end it long before the importer's 90 s
    assert tree_digest(folder.root) == before


def test_a_pdf_larger_than_the_limit_is_not_even_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (tmp_path / "gross.pdf").write_bytes(b"%PDF-1.4\n" + bytes(21 * 1024 * 1024))
    monkeypatch.chdir(folder.root)
    status, output = run(("import", "../gross.pdf"), capsys)
    assert status == 1
    assert "gross.pdf ist zu groß (22020105 Bytes); eine Vereinbarung hat wenige Seiten." in output

"""Importing the signed text (Markdown-like text or a PDF) as a draft agreement."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import MARBURG, REPO, SEED, DataFolder, aqb, build_site, found, page, real_agreement, text_of, unavailable
from pdfs import DEJAVU, text_as_pdf
from test_signed_original import word_file


def import_into(folder: DataFolder, source: Path) -> subprocess.CompletedProcess[str]:
    return aqb("import", str(source), cwd=folder.root)


@pytest.fixture
def without_marburg(data_folder: DataFolder) -> DataFolder:
    (data_folder.path / MARBURG).unlink()
    (data_folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()  # it belongs to the record
    return data_folder


def confirm(folder: DataFolder) -> None:
    """What staff do once they compared the draft with the original and said where the transcript came
    from (the same seed as the bundled record's): fill in its provenance, delete the open points."""
    record = draft(folder)
    [provenance] = record.pop("offene_punkte")  # no general reminder: make check compares every word
    assert provenance.startswith("original.herkunft: eintragen")
    record["original"]["herkunft"] = real_agreement()["original"]["herkunft"]
    folder.write(MARBURG, record)


def draft(folder: DataFolder) -> dict[str, Any]:
    record: dict[str, Any] = yaml.safe_load((folder.path / MARBURG).read_text(encoding="utf-8"))
    return record


def same_as_bundled_except_source_note(imported: dict[str, Any]) -> None:
    """The draft is the bundled record, plus one open point to compare it with the original (never a
    public note), and without the bundled record's own source note; a text file is a transcript, whose
    provenance is left blank and open for a person (a PDF, the signed document, has none)."""
    bundled = real_agreement()
    transcript = not imported["original"]["datei"].endswith(".pdf")  # a text or a Word file
    provenance = imported.pop("offene_punkte", [])
    assert [p.split(":")[0] for p in provenance] == (["original.herkunft"] if transcript else [])
    assert "hinweis" not in imported["quelle"]
    bundled["quelle"].pop("hinweis")
    assert imported["original"].pop("herkunft", "keine") == (None if transcript else "keine")
    bundled["original"].pop("herkunft")  # where the bundled transcript came from, as far as is known
    imported["original"].pop("sha256")  # the same text, read from another file (PDF or another layout)
    bundled["original"].pop("sha256")
    imported["original"]["datei"] = imported["original"]["datei"].rsplit(".", 1)[0]
    bundled["original"]["datei"] = bundled["original"]["datei"].removesuffix(".txt")
    assert imported == bundled


def test_importing_the_seed_gives_the_bundled_record(without_marburg: DataFolder, tmp_path: Path) -> None:
    source = tmp_path / "zielvereinbarung.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = import_into(without_marburg, source)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    row = [cell.strip() for cell in lines[2].split(" | ")]
    assert row == [
        "zielvereinbarung.txt",
        "marburg-biedenkopf",
        "2025",
        "1.118.780 €",
        "1 / 1 / 2 / 0",
        "1",
        "angelegt: data/vereinbarungen/2025/marburg-biedenkopf.yaml",
    ]  # the same summary as a folder's table: budget, projects per measure type, open points
    assert lines[:1] + lines[3:] == [
        "Entwurf angelegt: data/vereinbarungen/2025/marburg-biedenkopf.yaml",
        "Offen: original.herkunft: eintragen, woher die Abschrift „zielvereinbarung.txt“ stammt (aus welchem "
        "Dokument, wer sie übertragen hat); nur, was bekannt ist, und was nicht vermerkt ist, so nennen",
        "Alles erkannt; offen ist nur die Herkunft der Abschrift (unter offene_punkte im Entwurf). `make check` "
        "vergleicht dann jedes Wort der Seite mit dem Original.",
    ]
    original = without_marburg.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt"
    assert original.read_bytes() == source.read_bytes()  # kept unchanged, as the record's provenance
    # Nothing is written outside the repository: no report beside the source file.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "zielvereinbarung.txt"]
    same_as_bundled_except_source_note(draft(without_marburg))


def test_imported_seed_renders_the_same_agreement_page(
    without_marburg: DataFolder, tmp_path: Path, real_site: Path
) -> None:
    source = tmp_path / "zielvereinbarung.txt"
    source.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert import_into(without_marburg, source).returncode == 0
    confirm(without_marburg)
    site = build_site(without_marburg.root, without_marburg.root / "site")
    imported = page(site, "kreise/marburg-biedenkopf/2025/")
    bundled = page(real_site, "kreise/marburg-biedenkopf/2025/")
    assert str(imported.select_one("article.aqb-wortlaut")) == str(bundled.select_one("article.aqb-wortlaut"))
    for term in ("Jahr", "Partner", "Budget", "Maßnahmenarten und Projekte", "Unterzeichnet"):
        facts = [text_of(found(soup.find("dt", string=term)).find_next_sibling("dd")) for soup in (imported, bundled)]
        assert facts[0] == facts[1]


def test_a_section_that_departs_from_the_standard_becomes_an_override(
    without_marburg: DataFolder, tmp_path: Path
) -> None:
    changed = SEED.read_text(encoding="utf-8").replace("eine große Bedeutung zu.", "eine sehr große Bedeutung zu.")
    source = tmp_path / "abweichend.txt"
    source.write_text(changed, encoding="utf-8")
    result_of_import = import_into(without_marburg, source)
    assert result_of_import.returncode == 0
    record = draft(without_marburg)
    assert list(record["abweichungen"]) == ["paragraf-3"]
    assert "eine sehr große Bedeutung zu." in record["abweichungen"]["paragraf-3"]
    report = result_of_import.stdout
    assert (
        "Abschnitt „§ 3 Umsetzung der UN-Behindertenrechtskonvention“ weicht vom Standardtext 2025 ab: "
        "als Abweichung übernommen." in report
    )
    confirm(without_marburg)
    site = build_site(without_marburg.root, without_marburg.root / "site")
    text = text_of(page(site, "kreise/marburg-biedenkopf/2025/").select_one("article.aqb-wortlaut"))
    assert "eine sehr große Bedeutung zu." in text


def test_what_is_not_recognised_is_reported_line_by_line(without_marburg: DataFolder, tmp_path: Path) -> None:
    changed = "Anlage 1 zum Bescheid\n" + SEED.read_text(encoding="utf-8").replace(
        "2. Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen", "2. Ausbildung im Betrieb"
    )
    source = tmp_path / "unklar.txt"
    source.write_text(changed, encoding="utf-8")
    result = import_into(without_marburg, source)
    assert result.returncode == 0
    record = draft(without_marburg)
    # What cannot be placed is written into the draft as an open point, and printed.
    points = record["offene_punkte"]
    assert (
        "Zeile 1 nicht zugeordnet: „Anlage 1 zum Bescheid“ – an der richtigen Stelle eintragen oder "
        "bestätigen, dass sie nicht zur Vereinbarung gehört"
    ) in points
    assert any(point.startswith("Maßnahmenart nicht erkannt: „Ausbildung im Betrieb“") for point in points)
    assert any(point.startswith("Zeile 71 nicht zugeordnet: „- Teilzeitausbildung (BaE)“") for point in points)
    assert all(f"Offen: {point}" in result.stdout.splitlines() for point in points)
    # Nothing is guessed: the project under the unknown measure type is not filed anywhere …
    assert record["massnahmen"]["ausbildung"] == []
    # … and the draft cannot be published until a person has decided.
    check = aqb("check", cwd=without_marburg.root)
    assert check.returncode == 1
    assert (
        "marburg-biedenkopf.yaml:" in check.stderr and "Entwurf, noch offen: Zeile 1 nicht zugeordnet" in check.stderr
    )


def test_import_never_overwrites(data_folder: DataFolder) -> None:
    before = (data_folder.path / MARBURG).read_bytes()
    result = import_into(data_folder, SEED)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "data/vereinbarungen/2025/marburg-biedenkopf.yaml gibt es schon; "
        "sie wird nicht überschrieben. Wer neu einlesen will, löscht zuerst diesen Entwurf."
    )
    assert (data_folder.path / MARBURG).read_bytes() == before


def test_unreadable_text_creates_nothing(without_marburg: DataFolder, tmp_path: Path) -> None:
    source = tmp_path / "brief.txt"
    source.write_text("Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n", encoding="utf-8")
    result = import_into(without_marburg, source)
    assert result.returncode == 1
    assert "Nichts angelegt: Jahr nicht erkannt" in result.stderr
    assert "Partner nicht erkannt" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["brief.txt", "data"]
    assert not (without_marburg.path / MARBURG).exists()


def seed_as_pdf(target: Path) -> Path:
    """A PDF with a text layer made from the seed at test time (headings and bold as plain text)."""
    return text_as_pdf(SEED.read_text(encoding="utf-8"), target)


def needs_dejavu() -> None:
    if not DEJAVU.exists():
        unavailable(f"{DEJAVU} fehlt (Debian-Paket fonts-dejavu-core): ohne Schrift mit Umlauten kein Test-PDF")


def test_importing_a_pdf_of_the_seed(without_marburg: DataFolder, tmp_path: Path) -> None:
    needs_dejavu()
    source = seed_as_pdf(tmp_path / "zielvereinbarung.pdf")
    result = import_into(without_marburg, source)
    assert result.returncode == 0, result.stderr
    same_as_bundled_except_source_note(draft(without_marburg))
    assert result.stdout.splitlines()[-1] == (
        "Alles erkannt, nichts offen. `make check` vergleicht jedes Wort der Seite mit dem Original."
    )
    assert (without_marburg.path / "originaltexte" / "2025" / "marburg-biedenkopf.pdf").read_bytes()[:5] == b"%PDF-"


def test_importing_a_word_file_of_the_seed(without_marburg: DataFolder, tmp_path: Path) -> None:
    """A Word file (issue 28: once refused as 'weder Text noch PDF (enthält Nullbytes)') becomes the same
    draft; it is kept as the record's original, a transcript that needs its provenance."""
    source = tmp_path / "zielvereinbarung.docx"
    source.write_bytes(word_file(SEED.read_text(encoding="utf-8")))
    result = import_into(without_marburg, source)
    assert result.returncode == 0, result.stderr
    same_as_bundled_except_source_note(draft(without_marburg))
    assert (without_marburg.path / "originaltexte" / "2025" / "marburg-biedenkopf.docx").read_bytes() == (
        source.read_bytes()
    )


def test_a_signed_pdf_is_offered_as_the_signed_document(without_marburg: DataFolder, tmp_path: Path) -> None:
    """Only a PDF is the signed document: the page and the downloads say so, and name no provenance."""
    needs_dejavu()
    assert import_into(without_marburg, seed_as_pdf(tmp_path / "zielvereinbarung.pdf")).returncode == 0
    record = draft(without_marburg)
    record.pop("offene_punkte")  # compared with the original
    without_marburg.write(MARBURG, record)
    site = build_site(without_marburg.root, without_marburg.root / "site")
    soup = page(site, "kreise/marburg-biedenkopf/2025/")
    signed = without_marburg.path / "originaltexte" / "2025" / "marburg-biedenkopf.pdf"
    kilobytes = max(1, round(signed.stat().st_size / 1024))
    assert text_of(found(soup.find("a", download=True))) == f"Unterzeichnetes Dokument (PDF, {kilobytes} KB)"
    assert "Abschrift" not in text_of(soup.select_one("section.aqb-eckdaten")) and not soup.select(".aqb-herkunft")
    table = csv.DictReader(io.StringIO((site / "daten" / "vereinbarungen.csv").read_text(encoding="utf-8")))
    [row] = [row for row in table if row["partner"] == "marburg-biedenkopf"]
    assert (row["original_art"], row["original_herkunft"]) == ("unterzeichnetes Dokument", "")


def test_make_import_without_file_says_how() -> None:
    result = subprocess.run(["make", "-s", "import", "INSTALLED="], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert "Bitte angeben: make import DATEI=<datei oder ordner>" in result.stdout

"""Staff publish a whole year in one sitting: a folder of signed agreements becomes drafts at once.

The texts are made at test time from the signed 2025 text (test data only): another partner, budget,
projects and bullet style, as text or as PDF. Importing the folder must give exactly those records,
keep each signed document unchanged, and never guess or publish a note of ours.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqb.data.dataset import Dataset
from helpers import REPO, SEED, DataFolder, SignedText, aqb, found, page, text_of, unavailable
from pdfs import DEJAVU, text_as_pdf

CHOICES = ["fulda", "wetteraukreis", "stadt-kassel", "kreis-offenbach", "giessen", "hochtaunuskreis"]
PROJECT = st.text("abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12).map(lambda w: f"Projekt {w.capitalize()}")


def record(folder: DataFolder, year: int, slug: str) -> dict[str, Any]:
    value: dict[str, Any] = yaml.safe_load((folder.path / "vereinbarungen" / str(year) / f"{slug}.yaml").read_text())
    return value


@st.composite
def stacks(draw: Any) -> list[dict[str, Any]]:
    partners = draw(st.lists(st.sampled_from(CHOICES), min_size=1, max_size=3, unique=True))
    return [
        {
            "partner": slug,
            "budget": draw(st.integers(10_000, 9_999_999)),
            "projects": draw(st.lists(PROJECT, min_size=1, max_size=3, unique=True)),
            "bullet": draw(st.sampled_from(["- ", "• ", "– ", "* "])),
            "pdf": draw(st.booleans()) and DEJAVU.exists(),
        }
        for slug in partners
    ]


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(stack=stacks())
def test_a_folder_of_n_agreements_imports_to_exactly_n_records(
    stack: list[dict[str, Any]], tmp_path: Path, signed_text: SignedText
) -> None:
    if not DEJAVU.exists():
        unavailable(f"{DEJAVU} fehlt (Debian-Paket fonts-dejavu-core)")
    run = tmp_path / f"lauf-{len(list(tmp_path.iterdir()))}"
    folder = DataFolder(run / "projekt")
    inbox = run / "eingang"
    inbox.mkdir()
    for number, item in enumerate(stack):
        text = signed_text(item["partner"], item["budget"], item["projects"], item["bullet"])
        name = f"{number:02d}-{item['partner']}"
        text_as_pdf(text, inbox / f"{name}.pdf") if item["pdf"] else (inbox / f"{name}.txt").write_text(text, "utf-8")

    result = aqb("import", str(inbox), cwd=folder.root)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(stack)} von {len(stack)} Dateien als Entwurf angelegt." in result.stdout
    for item in stack:
        draft = record(folder, 2025, item["partner"])
        assert draft["budget"] == item["budget"]
        assert draft["massnahmen"]["qualifizierung"] == item["projects"]
        assert "hinweis" not in draft["quelle"]  # no note of ours reaches the public page
        kept = folder.path / draft["original"]["datei"]
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == draft["original"]["sha256"]
        row = next(line for line in result.stdout.splitlines() if f"| {item['partner']} " in line)
        assert f"{item['budget']:,} €".replace(",", ".") in row and "| 1 / 1 / " in row
    drafts = sorted((folder.path / "vereinbarungen" / "2025").glob("*.yaml"))
    assert len(drafts) == len(stack) + 1  # and the bundled Marburg-Biedenkopf record


def test_a_failing_file_leaves_nothing_and_the_others_are_imported(tmp_path: Path, signed_text: SignedText) -> None:
    folder = DataFolder(tmp_path / "projekt")
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    (inbox / "a-fulda.txt").write_text(signed_text("fulda", 250_000, ["Projekt A"], "- "), "utf-8")
    (inbox / "b-brief.txt").write_text("Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n", "utf-8")
    (inbox / "c-marburg.txt").write_text(SEED.read_text(encoding="utf-8"), "utf-8")  # already published
    (inbox / "d-notiz.docx").write_text("kein Text", "utf-8")  # called Word, but is none: a row with the reason
    before = {p.relative_to(folder.root) for p in folder.root.rglob("*")}

    result = aqb("import", str(inbox), cwd=folder.root)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("a-fulda.txt ") and "angelegt: " in line for line in lines)
    rows = {line.split(" | ")[0].strip(): line.split(" | ")[-1] for line in lines if " | " in line}
    assert rows["b-brief.txt"] == "nicht angelegt (1)"
    assert rows["c-marburg.txt"] == "nicht angelegt (2)"
    assert rows["d-notiz.docx"] == "nicht angelegt (3)"
    reasons = lines[lines.index("Nicht angelegt, weil:") + 1 :]
    assert reasons[0].startswith("(1) b-brief.txt: Jahr nicht erkannt")
    assert reasons[1].startswith("(2) c-marburg.txt: data/vereinbarungen/2025/marburg-biedenkopf.yaml gibt es schon")
    assert reasons[2].startswith("(3) d-notiz.docx: ") and "ist aber keine Word-Datei" in reasons[2]
    assert max(len(line) for line in lines if " | " in line) < 160  # a reason never widens the table
    assert "1 von 4 Dateien als Entwurf angelegt." in result.stdout
    assert "3 nicht angelegt; die Gründe stehen unter der Tabelle." in result.stderr
    added = {p.relative_to(folder.root) for p in folder.root.rglob("*")} - before
    assert {p.as_posix() for p in added} == {
        "data/vereinbarungen/2025/fulda.yaml",
        "data/originaltexte/2025/fulda.txt",
    }
    assert record(folder, 2025, "marburg-biedenkopf") == yaml.safe_load(
        (REPO / "data" / "vereinbarungen" / "2025" / "marburg-biedenkopf.yaml").read_text()
    )


def test_a_scanned_pdf_gets_a_clear_message(tmp_path: Path) -> None:
    from fpdf import FPDF

    folder = DataFolder(tmp_path / "projekt")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)  # a page with a picture, no text layer
    scan = pdf.output()
    (tmp_path / "scan.pdf").write_bytes(bytes(scan))
    result = aqb("import", str(tmp_path / "scan.pdf"), cwd=folder.root)
    assert result.returncode == 1
    assert "scan.pdf hat keine Textebene (eingescannt?)" in result.stderr


@pytest.mark.parametrize(
    ("change", "open_point"),
    [
        (
            lambda text: text.replace("**1.118.780 Euro**", "(im Vorjahr 900.000 Euro, jetzt:) **1.118.780 Euro**"),
            "Der Abschnitt mit dem Budget nennt mehrere Beträge (900.000 Euro, 1.118.780 Euro): das Budget",
        ),
        (
            lambda text: text.rstrip("\n") + "  \nAnlage 1: Kostenplan  \nGesamtkosten 5.000.000 Euro\n",
            "Anlage 1: Kostenplan",
        ),
    ],
    ids=["zwei Beträge in § 4", "Anlage nach der letzten Unterschrift"],
)
def test_the_importer_never_guesses(change: Any, open_point: str, tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (folder.path / "vereinbarungen" / "2025" / "marburg-biedenkopf.yaml").unlink()
    (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()
    (tmp_path / "zv.txt").write_text(change(SEED.read_text(encoding="utf-8")), "utf-8")
    result = aqb("import", str(tmp_path / "zv.txt"), cwd=folder.root)
    assert result.returncode == 0, result.stderr
    draft = record(folder, 2025, "marburg-biedenkopf")
    assert any(open_point in point for point in draft["offene_punkte"]), draft["offene_punkte"]
    assert "Anlage" not in draft["unterzeichnende"][-1]["funktion"]
    assert "Alles erkannt" not in result.stdout
    assert aqb("check", cwd=folder.root).returncode == 1  # refused until a person decided


def test_the_agreement_page_offers_the_transcript(real_site: Path) -> None:
    """A text file is never the signed document: the page offers it as a transcript and says where it came from."""
    soup = page(real_site, "kreise/marburg-biedenkopf/2025/")
    link = found(soup.find("a", download=True))
    kilobytes = round(SEED.stat().st_size / 1024)
    assert link.get_text() == f"Abschrift (Text, {kilobytes} KB)"
    assert text_of(soup.select_one(".aqb-herkunft")) == (
        "Herkunft der Abschrift: Aus dem unterzeichneten Dokument in Text übertragen; wer übertragen hat, ist nicht "
        "vermerkt. Das unterzeichnete Dokument selbst liegt dem Projekt nicht vor."
    )
    assert "Unterzeichnetes Dokument" not in soup.get_text()
    served = real_site / "originaltexte" / "2025" / "marburg-biedenkopf.txt"
    assert (real_site / "kreise" / "marburg-biedenkopf" / "2025" / str(link["href"])).resolve() == served.resolve()
    assert served.read_bytes() == SEED.read_bytes()


def in_year(text: str, year: int) -> str:
    """The signed text as if signed for `year`: every 2025 changed, but the alliance's "2025 bis 2029"."""
    return re.sub(r"2025(?! bis 2029)", str(year), text)


def without_open_points(path: Path) -> None:
    """What a person does after checking every open point: deletes them, and says where an imported
    transcript came from (here: made up by the test)."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content.pop("offene_punkte")
    if "herkunft" in content.get("original", {}):
        content["original"]["herkunft"] = "Testabschrift, von der Testsuite geschrieben."
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


SIX_CHANGED = ("eine Umsetzungsbesprechung im Herbst", "zwei Umsetzungsbesprechungen im Frühjahr und Herbst")


def test_the_first_agreement_of_a_new_year_proposes_the_years_standard_text(
    tmp_path: Path, signed_text: SignedText
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    fulda = in_year(signed_text("fulda", 640_000, ["Projekt A"], "- "), 2026).replace(*SIX_CHANGED)
    (inbox / "a-fulda.txt").write_text(fulda, "utf-8")
    (inbox / "b-wetterau.txt").write_text(in_year(signed_text("wetteraukreis", 910_000, ["B"], "- "), 2026), "utf-8")
    # Two of the three documents word § 6 anew: the majority's wording is proposed, whichever file sorts first.
    kassel = in_year(signed_text("landkreis-kassel", 720_000, ["C"], "- "), 2026).replace(*SIX_CHANGED)
    (inbox / "c-kassel.txt").write_text(kassel, "utf-8")

    result = aqb("import", str(inbox), cwd=folder.root)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Standardtext vorgeschlagen: data/standardtexte/2026.yaml" in result.stdout
    standard = yaml.safe_load((folder.path / "standardtexte" / "2026.yaml").read_text(encoding="utf-8"))
    texts = {section["id"]: section["text"] for section in standard["abschnitte"]}
    # Only the year changed: the previous wording (with its Markdown), the year as the document has it.
    assert "**2026**" in texts["titel"] and "**{budget} Euro**" in texts["paragraf-4"]
    assert "„Bündnis für Ausbildung für die Jahre 2025 bis 2029“" in texts["praeambel"]
    # The document's own wording, with the partner and the budget as placeholders again.
    assert "{Nominativ} und das HMSI" in texts["paragraf-6"] and SIX_CHANGED[1] in texts["paragraf-6"]
    assert "Fulda" not in str(standard["abschnitte"])
    points = standard["offene_punkte"]
    assert "Abschnitt „§ 6 Zielsteuerung“: Wortlaut in 2 von 3 Dokumenten; anders in b-wetterau.txt" in " ".join(points)
    assert any("„Bündnis für Ausbildung für die Jahre 2025 bis 2029“" in p and "nennt 2025" in p for p in points)
    # The documents of the majority have no deviation; the one in the minority keeps its wording as its own.
    assert "abweichungen" not in record(folder, 2026, "fulda")
    assert "abweichungen" not in record(folder, 2026, "landkreis-kassel")
    assert set(record(folder, 2026, "wetteraukreis")["abweichungen"]) == {"paragraf-6"}

    # Refused until a person has compared; then both are valid as they stand.
    assert aqb("check", cwd=folder.root).returncode == 1
    for path in (
        folder.path / "standardtexte" / "2026.yaml",
        folder.path / "vereinbarungen" / "2026" / "fulda.yaml",
        folder.path / "vereinbarungen" / "2026" / "wetteraukreis.yaml",
        folder.path / "vereinbarungen" / "2026" / "landkreis-kassel.yaml",
    ):
        without_open_points(path)
    checked = aqb("check", cwd=folder.root)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_wording_only_the_first_file_has_stays_its_own_deviation(tmp_path: Path, signed_text: SignedText) -> None:
    """The alphabetically first document no longer decides the year's wording: two of three keep § 6 as before."""
    folder = DataFolder(tmp_path / "projekt")
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    fulda = in_year(signed_text("fulda", 640_000, ["Projekt A"], "- "), 2026).replace(*SIX_CHANGED)
    (inbox / "a-fulda.txt").write_text(fulda, "utf-8")
    for name, slug in (("b-wetterau.txt", "wetteraukreis"), ("c-kassel.txt", "landkreis-kassel")):
        (inbox / name).write_text(in_year(signed_text(slug, 910_000, ["B"], "- "), 2026), "utf-8")

    assert aqb("import", str(inbox), cwd=folder.root).returncode == 0
    standard = yaml.safe_load((folder.path / "standardtexte" / "2026.yaml").read_text(encoding="utf-8"))
    six = next(section["text"] for section in standard["abschnitte"] if section["id"] == "paragraf-6")
    assert SIX_CHANGED[0] in six and SIX_CHANGED[1] not in six
    assert "Abschnitt „§ 6 Zielsteuerung“: Wortlaut in 2 von 3 Dokumenten; anders in a-fulda.txt" in " ".join(
        standard["offene_punkte"]
    )
    assert set(record(folder, 2026, "fulda")["abweichungen"]) == {"paragraf-6"}
    assert "abweichungen" not in record(folder, 2026, "wetteraukreis")


def test_a_proposed_standard_text_asks_where_two_cases_read_alike(bundled_dataset: Dataset) -> None:
    from aqb.staff.proposal import propose_standard

    previous = bundled_dataset.standard_texts[2025]
    signed = (
        "## § 2\n\n### **Partnerschaftliche Zusammenarbeit**\n\nDas HMSI und die Stadt Kassel arbeiten eng zusammen."
    )
    proposal = propose_standard(
        previous, 2026, {"paragraf-2": signed}, bundled_dataset.partners["stadt-kassel"], 700_000, "k.txt"
    )
    section = next(s for s in proposal.abschnitte if s.id == "paragraf-2")
    assert section.text.endswith("Das HMSI und {nominativ} arbeiten eng zusammen.")
    assert any(
        "„die Stadt Kassel“ als {nominativ} eingesetzt" in point and "{akkusativ}" in point
        for point in proposal.offene_punkte
    )


def test_a_year_before_every_standard_text_is_named_as_the_cause(tmp_path: Path, signed_text: SignedText) -> None:
    folder = DataFolder(tmp_path / "projekt")
    (tmp_path / "zv.txt").write_text(in_year(signed_text("fulda", 500_000, ["A"], "- "), 2014), "utf-8")
    result = aqb("import", str(tmp_path / "zv.txt"), cwd=folder.root)
    assert result.returncode == 1
    assert "Nichts angelegt: Für 2014 gibt es keinen Standardtext und keinen früheren" in result.stderr
    assert "nicht erkannt" not in result.stderr  # year and partner were recognised
    assert not (folder.path / "vereinbarungen" / "2014").exists()

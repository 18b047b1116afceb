"""Exports a spreadsheet cannot execute: every CSV cell that could start a formula is defused.

The cases are OWASP's CSV-injection list plus what slips past a naive first-character check:
leading white space of every kind, invisible characters, full-width and small look-alikes.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from aqb.data.loader import load_dataset
from aqb.data.problems import DataError
from aqb.data.yamlsource import invisible_character
from aqb.outputs.exports import defused
from helpers import DataFolder, build_site, serve, synthetic_agreement

# OWASP "CSV Injection": cells beginning with = + - @ tab or carriage return.
OWASP = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("https://example.org","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "-2+3+cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
]
DISGUISED = [
    " =1+1",
    "\u00a0=1+1",
    "\n=1+1",
    "\u3000=1+1",
    "\u2003+1",
    "\u200b=1+1",
    "\ufeff=1+1",
    "\u2060@SUM(A1)",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    "﹦1+1",
    "﹢1",
    "﹣1",
    "﹫SUM(A1)",
    "\u22121+1",
    "  \t  =1",
]
# Invisible characters never reach a download: the data gate refuses them (tests/test_wrong_inputs.py).
# The site is built with the rest; defused() still handles all of them.
PUBLISHABLE = [name for name in DISGUISED if invisible_character(name) is None]
HARMLESS = ["Frauenakademie 2025", "2. Chance", "„2. Chance“", "Teilzeitausbildung (BaE)", "E-Mail", "a=b", "1-2"]


@pytest.mark.parametrize("value", OWASP + DISGUISED)
def test_formula_cells_are_defused(value: str) -> None:
    assert defused(value) == "'" + value


@pytest.mark.parametrize("value", HARMLESS)
def test_ordinary_cells_stay_as_they_are(value: str) -> None:
    assert defused(value) == value


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = DataFolder(tmp_path_factory.mktemp("formeln"))
    partners = ["fulda", "giessen", "wiesbaden"]
    names = OWASP[:4] + PUBLISHABLE
    for index, partner in enumerate(partners):
        chunk = [name for name in names[index::3] if name.strip()]
        folder.add_agreement(synthetic_agreement(partner, 2025, 500_000, {"qualifizierung": chunk}))
    return build_site(folder.root, folder.root / "site")


def test_names_with_invisible_characters_never_reach_a_download(data_folder: DataFolder) -> None:
    hidden = [name for name in DISGUISED if name not in PUBLISHABLE]
    assert len(hidden) == 3
    data_folder.add_agreement(synthetic_agreement("fulda", 2025, 500_000, {"qualifizierung": hidden}))
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert str(raised.value).count("enthält ein unsichtbares Zeichen") == 3


def test_every_server_csv_defuses_disguised_formulas(formula_site: Path) -> None:
    files = [*(formula_site / "daten").glob("projekte*.csv"), *(formula_site / "daten" / "2025").glob("projekte*.csv")]
    assert len(files) == 4  # all years and 2025, each as RFC 4180 and as Excel variant
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if "excel" in path.name else ","))
        projects = {row["projekt"] for row in rows}
        for name in PUBLISHABLE:
            assert "'" + name in projects, (path.name, name)


@pytest.mark.parametrize("folder", ["daten", "daten/2025"])
def test_the_workbook_keeps_formula_like_names_as_plain_text(formula_site: Path, folder: str) -> None:
    """In a workbook a cell has its type: each name is text, unchanged (no apostrophe), never a formula."""
    path = formula_site / folder / "zielvereinbarungen.xlsx"
    sheet = load_workbook(path)["Projekte"]
    column = [cell.value for cell in sheet[1]].index("projekt")
    cells = {row[column].value: row[column].data_type for row in sheet.iter_rows(min_row=2)}
    for name in OWASP[:4] + PUBLISHABLE:
        assert cells.get(name) == "s", name
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets)  # no formula anywhere


@pytest.mark.browser
def test_the_projects_page_csv_defuses_them_too(formula_site: Path, browser: Any) -> None:
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    try:
        with serve(formula_site) as url:
            tab.goto(url + "projekte/2025/")
            with tab.expect_download() as download:
                tab.get_by_role("button", name="Angezeigte Projekte als CSV herunterladen").click()
            content = Path(download.value.path()).read_bytes().decode("utf-8").removeprefix("\ufeff")
    finally:
        context.close()
    first_column = [row[0] for row in csv.reader(io.StringIO(content))][1:]
    ordinary = {
        "Frauenakademie 2025",
        "Motivierendes Coaching Marburg 2025",
        "Teilzeitausbildung (BaE)",
        "Voice Connect 2025",
    }
    formulas = [cell for cell in first_column if cell not in ordinary]
    # The page shows each name once (the browser trims white space around it); each must be defused.
    assert len(formulas) == len(OWASP[:4] + PUBLISHABLE), formulas
    assert all(cell.startswith("'") for cell in formulas), formulas


@pytest.mark.browser
def test_the_projects_page_excel_table_keeps_them_as_text(formula_site: Path, browser: Any, tmp_path: Path) -> None:
    """The projects page writes a real workbook in the browser (no library from elsewhere): names stay text."""
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    try:
        with serve(formula_site) as url:
            tab.goto(url + "projekte/2025/")
            tab.get_by_label("Gebietskörperschaft").select_option("Landkreis Fulda")
            with tab.expect_download() as download:
                tab.get_by_role("button", name="Angezeigte Projekte als Excel-Tabelle herunterladen").click()
            assert download.value.suggested_filename == "projekte-2025.xlsx"  # named after the page's year
            download.value.save_as(tmp_path / "projekte.xlsx")
            sheet = load_workbook(tmp_path / "projekte.xlsx")["Projekte"]
    finally:
        context.close()
    header = [cell.value for cell in sheet[1]]
    assert header == ["Projekt", "Maßnahmenart", "Gebietskörperschaft", "Jahr", "Auch in", "Adresse"]
    rows = list(sheet.iter_rows(min_row=2))
    names = OWASP[:4] + PUBLISHABLE
    expected = {name.strip() for name in names[0::3] if name.strip()}  # Fulda's share; the page trims white space
    assert {row[0].value for row in rows} == expected
    assert all(row[0].data_type == "s" and row[2].value == "Landkreis Fulda" for row in rows)
    assert all(row[3].value == 2025 for row in rows)  # the year is a number
    assert all(str(row[5].value).startswith(url) and str(row[5].value).endswith("kreise/fulda/2025/") for row in rows)

"""The workbook's data rows are written without openpyxl's per-cell path: byte for byte what openpyxl writes.

A reader who opens zielvereinbarungen.xlsx must find every value as before: text as text (leading
zeros, "=1+1", spaces at the ends), numbers as numbers, empty cells empty, umlauts and signs intact.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from aqb.outputs import workbook as module
from aqb.outputs.workbook import workbook
from helpers import REPO

COLUMNS = ["kuerzel", "name", "zahl", "hinweis"]
VALUES: list[Any] = [
    "fulda",
    "Landkreis Gießen",
    "=1+1",
    "06411",
    "#N/A",
    " Leerzeichen am Anfang",
    "am Ende ",
    "   ",
    "Zeile eins\nZeile zwei",
    "mit\tTabulator",
    "Wagenrücklauf\r",
    "a & b < c > d \"Zitat\" 'einfach'",
    "Emoji 🙂 und \u00a0geschütztes Leerzeichen und \u200b",
    "§ 4 – 1.118.790 €",
    "x" * 40_000,
    0,
    7,
    1_118_790,
    -5,
    None,
    "",
    True,
    1.5,
]


def _openpyxl_only(sheets: Any, monkeypatch: pytest.MonkeyPatch) -> bytes:
    def refuse(*args: Any) -> bytes:
        raise module._UnknownValueError("openpyxl only")

    monkeypatch.setattr(module, "_rows_xml", refuse)
    try:
        return workbook(sheets)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("value", VALUES, ids=[repr(v)[:30] for v in VALUES])
def test_a_value_is_written_exactly_as_openpyxl_writes_it(value: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"kuerzel": "fulda", "name": value, "zahl": 3, "hinweis": value}, {"name": value}]
    sheets = [("Vereinbarungen", COLUMNS, rows), ("Gebietskörperschaften", ["kuerzel"], [{"kuerzel": "kassel"}])]
    assert workbook(sheets) == _openpyxl_only(sheets, monkeypatch)


def test_the_real_data_makes_the_same_workbook_either_way(real_site: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    book = load_workbook(real_site / "daten" / "zielvereinbarungen.xlsx")
    sheets = []
    for sheet in book.worksheets:
        header, *body = [list(row) for row in sheet.iter_rows(values_only=True)]
        sheets.append((sheet.title, header, [dict(zip(header, row, strict=True)) for row in body]))
    records = list((REPO / "data" / "vereinbarungen").glob("*/*.yaml"))
    assert len(sheets[0][2]) == len(records) > 1  # every record a row
    written = workbook(sheets)
    assert written == _openpyxl_only(sheets, monkeypatch)
    reread = load_workbook(io.BytesIO(written))["Gebietskörperschaften"]
    assert [cell.value for cell in next(reread.iter_rows(min_row=1, max_row=1))] == sheets[2][1]

"""The downloads as one Excel workbook (.xlsx), written with openpyxl.

Excel reads a CSV cell "06411" as the number 6411 and "=1+1" as a formula. In a workbook each cell
has its type: every text is stored as text (a Kreisschlüssel keeps its leading zero, a project named
"=1+1" stays those four characters and never runs), every number as a number. The file is the same
from build to build for the same data: fixed times in the archive and in its properties.

openpyxl writes each cell through lxml, which cost most of a build's downloads (a workbook for all
years and one per year). So openpyxl writes each sheet's frame and header row, and the data rows are
written here as the same XML text openpyxl writes (`tests/test_workbook.py` holds the two byte for
byte); a value this writer does not know (not text or a whole number, or a control character)
leaves the whole workbook to openpyxl.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# A fixed time for the archive and the document properties (the zip format starts in 1980).
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_PROPERTY_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _cell(sheet: WriteOnlyWorksheet, value: Any, bold: bool = False) -> WriteOnlyCell:
    """A cell of its own type: text stays text whatever it starts with (=, +, -, @, #, a zero)."""
    cell = WriteOnlyCell(sheet, value=None if value == "" else value)
    if isinstance(value, str) and value:
        cell.data_type = "s"  # openpyxl would make "=…" a formula and "#N/A" an error value
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(workbook: Workbook, title: str, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"  # the column names stay in view
    sheet.append([_cell(sheet, column, bold=True) for column in columns])
    for row in rows:
        sheet.append([_cell(sheet, row.get(column)) for column in columns])


Sheets = Sequence[tuple[str, Sequence[str], Sequence[dict[str, Any]]]]


def workbook(sheets: Sheets) -> bytes:
    """An .xlsx file with one sheet per (title, columns, rows); the rows hold plain, undefused values."""
    try:
        data_rows = [_rows_xml(columns, rows) for _, columns, rows in sheets]
    except _UnknownValueError:
        return _stable(_openpyxl_workbook(sheets))  # every row by openpyxl, as it would write (or refuse) it
    frame = _frame(tuple((title, tuple(columns)) for title, columns, _ in sheets))
    return _stable(frame, data_rows)


@functools.lru_cache(maxsize=8)
def _frame(layout: tuple[tuple[str, tuple[str, ...]], ...]) -> bytes:
    """The workbook openpyxl writes with the header rows only: the same for every workbook of one layout."""
    return _openpyxl_workbook([(title, columns, []) for title, columns in layout])


def _openpyxl_workbook(sheets: Sheets) -> bytes:
    book = Workbook(write_only=True)
    book.properties.creator = "AQB-Zielvereinbarungen Hessen"
    book.properties.created = datetime(*_FIXED_TIME)
    for title, columns, rows in sheets:
        _sheet(book, title, columns, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _UnknownValueError(ValueError):
    """A value the fast writer does not write as openpyxl would."""


# What lxml writes as itself in a text node: everything else but & < > becomes a character reference
# (openpyxl's archive is written in ASCII); control characters other than tab and line feed it refuses.
_ESCAPES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_LONGEST = 32_767  # openpyxl cuts a longer text to this length


@functools.lru_cache(maxsize=65_536)  # names, addresses and types recur in every year's workbook
def _text(value: str) -> str | None:
    """The cell's <is> element as openpyxl writes it; None for a text openpyxl would change or refuse."""
    if len(value) > _LONGEST or _REFUSED.search(value):
        return None
    text = value.translate(_ESCAPES).encode("ascii", "xmlcharrefreplace").decode("ascii")
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f' t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _rows_xml(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> bytes:
    """The data rows (from row 2) as openpyxl's write-only sheet writes them: empty cells left out."""
    letters = [get_column_letter(index) for index in range(1, len(columns) + 1)]
    parts = []
    for number, row in enumerate(rows, start=2):
        parts.append(f'<row r="{number}">')
        for letter, column in zip(letters, columns, strict=True):
            value = row.get(column)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                cell = _text(value)
            elif isinstance(value, int) and not isinstance(value, bool):
                cell = f' t="n"><v>{value:.16g}</v></c>'
            else:
                cell = None
            if cell is None:
                raise _UnknownValueError(f"{letter}{number}")
            parts.append(f'<c r="{letter}{number}"{cell}')
        parts.append("</row>")
    return "".join(parts).encode("ascii")


_SHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")


def _stable(archive: bytes, data_rows: Sequence[bytes] | None = None) -> bytes:
    """The same archive with fixed times: openpyxl stamps the current time on every file and in its properties.
    `data_rows`: each sheet's rows after its header, written here (openpyxl wrote the header only)."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _PROPERTY_TIME.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", content)
            sheet = _SHEET.fullmatch(info.filename)
            if sheet and data_rows is not None:
                content = content.replace(b"</sheetData>", data_rows[int(sheet.group(1)) - 1] + b"</sheetData>", 1)
            stamped = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, content)
    return buffer.getvalue()

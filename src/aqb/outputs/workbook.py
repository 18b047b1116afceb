"""The downloads as one Excel workbook (.xlsx), written with openpyxl.

Excel reads a CSV cell "06411" as the number 6411 and "=1+1" as a formula. In a workbook each cell
has its type: every text is stored as text (a Kreisschlüssel keeps its leading zero, a project named
"=1+1" stays those four characters and never runs), every number as a number. The file is the same
from build to build for the same data: fixed times in the archive and in its properties.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
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


def workbook(sheets: Sequence[tuple[str, Sequence[str], Sequence[dict[str, Any]]]]) -> bytes:
    """An .xlsx file with one sheet per (title, columns, rows); the rows hold plain, undefused values."""
    book = Workbook(write_only=True)
    book.properties.creator = "AQB-Zielvereinbarungen Hessen"
    book.properties.created = datetime(*_FIXED_TIME)
    for title, columns, rows in sheets:
        _sheet(book, title, columns, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable(buffer.getvalue())


def _stable(archive: bytes) -> bytes:
    """The same archive with fixed times: openpyxl stamps the current time on every file and in its properties."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _PROPERTY_TIME.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", content)
            stamped = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            stamped.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(stamped, content)
    return buffer.getvalue()

"""A PDF as a Document, from its words and where they stand (pdfplumber), as a person reads the page.

Words on one baseline are a line; a wide gap between two runs of words on a line means columns (a
signature table: "Wiesbaden, den …" left, "Marburg, den …" right), and the lines below belong to
that table row while they keep to its columns; ruled tables come from pdfplumber's table finder. A
gap between lines larger than the line spacing ends a paragraph; a line that starts with a bullet
glyph or a number, its following lines hanging under its text, is a list item, its level from its
indent. A short line all in bold is a heading. Nothing is left out here: a running header is a
line like any other (aqb.document.segment sets page furniture apart). Runs inside the limited child
process of `aqb.document.child`.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from aqb.document.model import Block, BlockKind, Document, Line, SourceRef
from aqb.document.text import LIGATURES
from aqb.printed import BULLET_GLYPH, NUMBER_GLYPH, is_font_glyph

_GAP_SIZES = 3.0  # a gap of more than three font sizes between words of a line separates columns
_MIN_GAP = 24.0  # points
_Break = tuple[bool, bool]  # Line.wraps, Line.may_wrap
_NO_BREAK: _Break = (False, False)
# A line that ends so goes on below: a broken word, an enumeration, a conjunction or preposition.
_GOES_ON = re.compile(
    r"(?:[-,]|\b(?:und|oder|sowie|bzw\.|der|die|das|des|dem|den|ein|eine|einer|eines|am|im|in|an|auf|für|von|"
    r"vom|zu|zum|zur|mit|bei|nach|aus|über|unter|durch|gegen|ohne|um|als|wie))$"
)


def pdf_document(raw: bytes, max_pages: int) -> Document:
    import pdfplumber
    from pypdf import PdfReader

    from aqb.document.child import INVISIBLE, PROTECTED, TOO_MANY_PAGES, RefusedError

    reader = PdfReader(io.BytesIO(raw))
    if reader.is_encrypted and not _opens_without_password(reader):
        raise RefusedError(PROTECTED)
    if len(reader.pages) > max_pages:
        raise RefusedError(TOO_MANY_PAGES)
    if any(_has_invisible_text(page, reader) for page in reader.pages):
        raise RefusedError(INVISIBLE)
    blocks: list[Block] = []
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        pages = [_page_rows(page) for page in pdf.pages]
    spacing = _line_spacing([row for page in pages for row in page])
    margin = min((row.x0 for page in pages for row in page), default=0.0)
    indents = _marker_indents([row for page in pages for row in page], margin)
    for number, rows in enumerate(pages, start=1):
        blocks += _PageBlocks(number, rows, spacing, indents).blocks()
    return Document("pdf", tuple(blocks), (f"{len(pages)} Seiten gelesen.",))


def _opens_without_password(reader: Any) -> bool:
    """An encrypted PDF that anyone may open (an empty user password, only printing or copying restricted)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises its own errors for unknown or broken encryption
        return False


def _has_invisible_text(page: Any, reader: Any) -> bool:
    """Whether the page draws text invisibly (text render mode 3 or 7): a reader of the text layer would take
    words nobody sees, as OCR layers over scans and hidden additions do."""
    from pypdf.generic import ContentStream

    contents = page.get_contents()
    if contents is None:
        return False
    return any(
        operator == b"Tr" and operands and int(operands[0]) in (3, 7)
        for operands, operator in ContentStream(contents, reader).operations
    )


@dataclass
class _Row:
    """One printed line: its runs of words (more than one where columns stand apart), top to bottom."""

    runs: list[list[dict[str, Any]]]
    top: float
    bottom: float
    size: float
    # A ruled table's row: each cell's lines, each with whether the cell's edge broke it (see _break).
    cells: list[tuple[tuple[str, _Break], ...]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return float(self.runs[0][0]["x0"]) if self.runs else 0.0

    @property
    def x1(self) -> float:
        return max((float(word["x1"]) for run in self.runs for word in run), default=0.0)

    @property
    def first_word_width(self) -> float:
        return float(self.runs[0][0]["x1"]) - float(self.runs[0][0]["x0"]) if self.runs else 0.0

    def run_text(self, run: list[dict[str, Any]]) -> str:
        return " ".join(str(word["text"]) for word in run).translate(LIGATURES).replace("\u00ad ", "\u00ad")

    @property
    def texts(self) -> list[str]:
        return [self.run_text(run) for run in self.runs]

    @property
    def bold(self) -> bool:
        return all("bold" in str(word.get("fontname", "")).lower() for run in self.runs for word in run)


def _page_rows(page: Any) -> list[_Row]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    every_word = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)  # once a page
    rows = _rows_of([word for word in every_word if not any(_inside(word, box) for box in boxes)])
    for table in tables:
        for row in table.rows:
            texts = [_cell_lines(every_word, box) for box in row.cells if box is not None]
            if any(texts):
                top, bottom = float(row.bbox[1]), float(row.bbox[3])
                rows.append(_Row([], top, bottom, 0.0, [cell for cell in texts if cell]))
    return sorted(rows, key=lambda row: (row.top, row.x0))


def _cell_lines(
    page_words: list[dict[str, Any]], box: tuple[float, float, float, float]
) -> tuple[tuple[str, _Break], ...]:
    """A table cell's printed lines (of the page's words, those inside it), each with whether the cell's edge broke
    it. The text stands as far from the right edge as from the left (a word processor's cell margins)."""
    lines = _rows_of([word for word in page_words if _inside(word, box)])
    if not lines:
        return ()
    right = float(box[2]) - (min(line.x0 for line in lines) - float(box[0]))
    return tuple(
        (" ".join(line.texts), _break(line, lines[index + 1], right) if index + 1 < len(lines) else _NO_BREAK)
        for index, line in enumerate(lines)
    )


def _break(row: _Row, following: _Row, right: float) -> _Break:
    """How `row` ends (see Line.wraps): the margin at `right` surely broke it, may have, or did not (the first
    word of the line below would have fitted)."""
    # Room left had the word stood there too; positions and a space's width are known only roughly, so
    # less than half a font size to spare is no proof that it would have fitted.
    room = right - (row.x1 + 0.25 * row.size + following.first_word_width)
    if room > 0.5 * row.size:
        return _NO_BREAK
    text = " ".join(row.texts).rstrip()
    following_text = " ".join(following.texts).strip()
    sure = bool(_GOES_ON.search(text)) or following_text[:1].islower() or following_text.isdigit()
    return (sure, not sure)


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bool(box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3])


def _rows_of(words: list[dict[str, Any]]) -> list[_Row]:
    """Words grouped by baseline, each line split into runs where the gap between words is wide."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(float(w["bottom"])), float(w["x0"]))):
        size = float(word.get("size") or 10)
        if rows and abs(float(rows[-1][-1]["bottom"]) - float(word["bottom"])) <= size * 0.3:
            rows[-1].append(word)
        else:
            rows.append([word])
    found = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))
        size = statistics.median(float(w.get("size") or 10) for w in row)
        gaps = [float(word["x0"]) - float(before["x1"]) for before, word in itertools.pairwise(row)]
        # A justified line stretches every gap alike, however wide ("Ausbildungscoaching    in    anerkannten"):
        # one line of text, where columns stand apart by one wide gap among narrow ones.
        justified = len(gaps) >= 2 and max(gaps) - min(gaps) <= 0.15 * size
        runs: list[list[dict[str, Any]]] = [[row[0]]]
        for gap, word in zip(gaps, row[1:], strict=True):
            if gap > max(_GAP_SIZES * size, _MIN_GAP) and not justified:
                runs.append([])
            runs[-1].append(word)
        top, bottom = min(float(w["top"]) for w in row), max(float(w["bottom"]) for w in row)
        found.append(_Row(runs, top, bottom, size))
    return found


def _split_at(starts: list[float], row: _Row) -> list[list[dict[str, Any]]]:
    """The row's runs, a run split where one of its words starts a column after more than a space: a long
    line in the left column may end so close to the right one that no wide gap stands between them
    ("Hessisches Ministerium für Arbeit, Integration," "der Stadt Darmstadt")."""
    runs: list[list[dict[str, Any]]] = []
    for run in row.runs:
        runs.append([run[0]])
        for before, word in itertools.pairwise(run):
            at_start = any(abs(float(word["x0"]) - start) <= 3 for start in starts[1:])
            if at_start and float(word["x0"]) - float(before["x1"]) > 0.4 * row.size:
                runs.append([])
            runs[-1].append(word)
    return runs


def _line_spacing(rows: list[_Row]) -> float:
    """The usual distance from one baseline to the next within a paragraph."""
    distances = [
        after.bottom - before.bottom
        for before, after in itertools.pairwise(rows)
        if 0 < after.bottom - before.bottom < 3 * max(before.size, 1)
    ]
    return min(statistics.median(distances), 3 * 12.0) if distances else 14.0


def _marker_of(row: _Row) -> tuple[str, float] | None:
    """A list item's marker as printed, mapped to Unicode, and where its text starts; None for no item."""
    if not row.runs or len(row.runs[0]) < 2 or row.cells:
        return None
    first, second = row.runs[0][0], row.runs[0][1]
    text = str(first["text"])
    if BULLET_GLYPH.fullmatch(text):
        marker = "•" if is_font_glyph(text) or text in "•·∙●" else "◦" if text in "o○" else text
        return marker, float(second["x0"])
    if NUMBER_GLYPH.fullmatch(text):
        return text, float(second["x0"])
    return None


def _marker_indents(rows: list[_Row], margin: float) -> list[float]:
    """The indents at which list markers stand, left to right: the first is level 0."""
    indents: list[float] = []
    for row in rows:
        if _marker_of(row) is not None and not any(abs(row.x0 - known) < 6 for known in indents):
            indents.append(row.x0)
    return sorted(indents) or [margin]


class _PageBlocks:
    def __init__(self, page: int, rows: list[_Row], spacing: float, indents: list[float]) -> None:
        self.page, self.rows, self.spacing, self.indents = page, rows, spacing, indents
        self.found: list[Block] = []
        self.at = 0
        # The text's right margin on this page: the widest line of running text reaches it.
        self.right = max((row.x1 for row in rows if len(row.runs) == 1), default=0.0)

    def _line(self, index: int, text: str, ending: _Break = _NO_BREAK) -> Line:
        return Line(text, SourceRef(self.page, index + 1), *ending)

    def _wraps(self, lines: list[Line]) -> tuple[Line, ...]:
        """The lines of one paragraph or list item, each but the last marked where the margin broke it."""
        rows = [self.rows[line.ref.line - 1] for line in lines]
        return tuple(
            Line(line.text, line.ref, *_break(rows[index], rows[index + 1], self.right))
            if index + 1 < len(lines)
            else line
            for index, line in enumerate(lines)
        )

    def _gap(self, index: int) -> bool:
        """Whether a paragraph ends above row `index` (a larger distance than the line spacing)."""
        return index > 0 and self.rows[index].bottom - self.rows[index - 1].bottom > self.spacing * 1.3

    def blocks(self) -> list[Block]:
        while self.at < len(self.rows):
            row = self.rows[self.at]
            if row.cells:
                self._ruled_row()
            elif len(row.runs) > 1:
                self._columns()
            elif _marker_of(row) is not None:
                self._list_item()
            else:
                self._paragraph()
        return self.found

    def _ruled_row(self) -> None:
        row = self.rows[self.at]
        cells = tuple(tuple(self._line(self.at, text, ending) for text, ending in cell) for cell in row.cells)
        self.found.append(Block(BlockKind.TABLE_ROW, tuple(line for cell in cells for line in cell), cells=cells))
        self.at += 1

    def _columns(self) -> None:
        """A row of columns, continued by the lines below while each of their runs starts in a column."""
        starts = [float(run[0]["x0"]) for run in self.rows[self.at].runs]
        cells: list[list[Line]] = [[] for _ in starts]
        while self.at < len(self.rows):
            row = self.rows[self.at]
            runs = [] if row.cells else _split_at(starts, row)
            placed: list[int | None] = [self._column(starts, run) for run in runs] if runs else [None]
            if self._leaves_columns(starts, placed, runs):
                break
            for column, run in zip(placed, runs, strict=True):
                cells[column or 0].append(self._line(self.at, row.run_text(run)))
            self.at += 1
        shown = tuple(tuple(cell) for cell in cells)
        self.found.append(Block(BlockKind.TABLE_ROW, tuple(line for cell in shown for line in cell), cells=shown))

    def _leaves_columns(self, starts: list[float], placed: list[int | None], runs: list[list[dict[str, Any]]]) -> bool:
        """Whether the row is no longer part of the columns: a run outside them, or a line in the first column
        after a paragraph's gap or running across the columns (the text below the table)."""
        if None in placed:
            return True
        if len(runs) > 1 or placed[0] != 0:
            return False
        return self._gap(self.at) or float(runs[0][-1]["x1"]) > starts[1] - 6

    @staticmethod
    def _column(starts: list[float], run: list[dict[str, Any]]) -> int | None:
        x0 = float(run[0]["x0"])
        for column, start in enumerate(starts):
            end = starts[column + 1] if column + 1 < len(starts) else float("inf")
            if start - 6 <= x0 < end - 6:
                return column
        return None

    def _list_item(self) -> None:
        row = self.rows[self.at]
        found = _marker_of(row)
        assert found is not None
        marker, text_x = found
        level = min(range(len(self.indents)), key=lambda at: abs(self.indents[at] - row.x0))
        lines = [self._line(self.at, row.run_text(row.runs[0][1:]))]
        self.at += 1
        while self.at < len(self.rows) and self._continues(text_x):
            lines.append(self._line(self.at, self.rows[self.at].texts[0]))
            self.at += 1
        # The lines hang under the item's text: surely one item, however short a line ends.
        joined = (*(dataclasses.replace(line, wraps=True) for line in lines[:-1]), lines[-1])
        self.found.append(Block(BlockKind.LIST_ITEM, joined, level, marker))

    def _continues(self, text_x: float) -> bool:
        row = self.rows[self.at]
        hanging = len(row.runs) == 1 and not row.cells and abs(row.x0 - text_x) < 4
        return hanging and not self._gap(self.at) and _marker_of(row) is None

    def _paragraph(self) -> None:
        start = self.at
        lines = [self._line(self.at, self.rows[self.at].texts[0])]
        self.at += 1
        while self.at < len(self.rows):
            row = self.rows[self.at]
            if row.cells or len(row.runs) > 1 or self._gap(self.at) or _marker_of(row) is not None:
                break
            lines.append(self._line(self.at, row.texts[0]))
            self.at += 1
        heading = len(lines) == 1 and self.rows[start].bold and len(lines[0].text) <= 120
        self.found.append(Block(BlockKind.HEADING if heading else BlockKind.PARAGRAPH, self._wraps(lines)))

"""A signed document as its readers see it: blocks of printed lines, each line with its page and line.

Every reader (text, PDF, Word, OCR of a scan) turns its format into this one model, so the importer
(document → draft) and the word-for-word comparison (page ↔ original) work on the same thing,
whatever the document came as. The model keeps what a reader saw and nothing it guessed: a list
item keeps its marker as printed, a table its cells, a scan its uncertain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class SourceRef:
    """Where a line stands in the document, as a person finds it there (both counted from 1)."""

    page: int
    line: int  # on that page; a text file or Word body is one page, its lines counted through

    def __str__(self) -> str:
        return f"Seite {self.page}, Zeile {self.line}" if self.page > 1 else f"Zeile {self.line}"


@dataclass(frozen=True)
class Line:
    text: str  # as printed, with justified spacing and ligatures undone
    ref: SourceRef
    # Whether the next line of its block or cell continues this one (the margin or a cell's edge broke it).
    # Only readers that see positions (PDF) know: `wraps` where it surely does (the next word would not have
    # fitted, and the line ends in "-", "," or "und", or the next one starts in lower case); `may_wrap`
    # where only the first holds ("… am Übergang" / "Schule-Beruf" as much as "… Gesundheitswirtschaft" /
    # "Assistierte Ausbildung flex"): one paragraph or two, a person decides.
    wraps: bool = False
    may_wrap: bool = False


class BlockKind(StrEnum):
    TITLE = "title"  # the document's title lines (Word: style Title; PDF: the large lines on page 1)
    HEADING = "heading"  # a section heading (Word: Heading styles; PDF/text: a line such as "§ 4 Budget")
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"  # `marker` and `level` say how it was numbered
    TABLE_ROW = "table_row"  # `cells` holds each cell's lines, left to right
    FURNITURE = "furniture"  # header, footer, page number, print stamp: not part of the agreement


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    lines: tuple[Line, ...]  # a paragraph's printed lines; a table row's lines cell by cell
    level: int = 0  # list level, 0 the outermost
    marker: str = ""  # a list item's number or bullet as printed, mapped to Unicode: "1.", "a)", "§ 3", "•"
    cells: tuple[tuple[Line, ...], ...] = ()  # TABLE_ROW only

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.text.split()) for line in self.lines).strip()

    @property
    def ref(self) -> SourceRef:
        return self.lines[0].ref


@dataclass(frozen=True)
class UncertainWord:
    """A word OCR read with low confidence (a scan's draft shows each as an open point)."""

    text: str
    ref: SourceRef
    confidence: int  # tesseract's 0–100


@dataclass(frozen=True)
class Document:
    kind: str  # "text", "pdf", "docx" or "scan": which reader read it
    blocks: tuple[Block, ...]  # in reading order, page furniture included (kind FURNITURE)
    notes: tuple[str, ...] = ()  # how it was read (encoding, pages), German, for the import report
    uncertain: tuple[UncertainWord, ...] = field(default=())

    @property
    def body(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind is not BlockKind.FURNITURE)

    @property
    def furniture(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind is BlockKind.FURNITURE)

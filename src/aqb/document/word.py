"""A Word file (.docx) as a Document, as Word shows it: styles, list numbers, tables, headers and footers.

Word keeps a list item's number or bullet out of its text (the numbering definitions draw it), so
each list paragraph gets its marker from its level's `lvlText` ("§ %1" → "§ 3", "%1." → "3.", a
Symbol-font bullet → "•") and its level (ilvl). A Title or Heading style makes a TITLE or HEADING; a
table row a TABLE_ROW with each cell's paragraphs as lines (a list paragraph in a cell keeps its
marker in the text); headers and footers are FURNITURE. Hidden and deleted runs are not shown.
Runs inside the limited child process of `aqb.document.child`; nothing here is trusted more than the
file's bytes. A Word file has no pages of its own: page 1, its lines counted through.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from typing import Any

from aqb.document.model import Block, BlockKind, Document, Line, SourceRef
from aqb.printed import is_font_glyph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"(?:heading|überschrift)\s*([1-9])", re.IGNORECASE)
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def word_document(raw: bytes) -> Document:
    import docx

    document = docx.Document(io.BytesIO(raw))
    reader = _Reader(_Numbering(document))
    for item in document.iter_inner_content():  # paragraphs and tables in order
        reader.add(item)
    body = reader.blocks
    reader.blocks = []
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            if not part.is_linked_to_previous:
                for item in part.iter_inner_content():
                    reader.add(item)
    furniture = [
        Block(BlockKind.FURNITURE, block.lines or tuple(line for cell in block.cells for line in cell))
        for block in reader.blocks
    ]
    return Document("docx", tuple(body + furniture))


class _Reader:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.number = 0

    def _line(self, text: str) -> Line:
        self.number += 1
        return Line(text, SourceRef(1, self.number))

    def add(self, item: Any) -> None:
        from docx.text.paragraph import Paragraph

        if isinstance(item, Paragraph):
            self._paragraph(item)
        else:
            self._table(item)

    def _paragraph(self, paragraph: Any) -> None:
        text = shown_text(paragraph._p)
        if not text.strip():
            return
        marker, level = self.numbering.marker(paragraph)
        if marker:
            self.blocks.append(Block(BlockKind.LIST_ITEM, (self._line(text),), level, marker))
            return
        style = paragraph.style.name if paragraph.style is not None else ""
        heading = _HEADING.fullmatch(style.strip())
        if style == "Title":
            self.blocks.append(Block(BlockKind.TITLE, (self._line(text),)))
        elif heading:
            self.blocks.append(Block(BlockKind.HEADING, (self._line(text),), int(heading.group(1)) - 1))
        else:
            self.blocks.append(Block(BlockKind.PARAGRAPH, (self._line(text),)))

    def _table(self, table: Any) -> None:
        for row in table.rows:
            cells: list[tuple[Line, ...]] = []
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                    continue
                seen.add(id(cell._tc))
                cells.append(tuple(self._line(text) for text in self._cell_texts(cell) if text.strip()))
            lines = tuple(line for cell in cells for line in cell)
            if lines:
                self.blocks.append(Block(BlockKind.TABLE_ROW, lines, cells=tuple(cells)))

    def _cell_texts(self, cell: Any) -> list[str]:
        texts = []
        for paragraph in cell.paragraphs:
            marker, level = self.numbering.marker(paragraph)
            text = shown_text(paragraph._p)
            texts.append(f"{'  ' * level}{_flat_marker(marker)} {text}" if marker and text.strip() else text)
        return texts


def _flat_marker(marker: str) -> str:
    return "-" if marker == "•" else marker


def shown_text(element: Any) -> str:
    """The text Word shows of a paragraph: every run, also inside insertions, fields, content controls and
    text boxes; never a deleted run (w:del) or a hidden one (w:vanish), which Word does not show and a
    reader of python-docx's text would take or miss otherwise."""
    parts: list[str] = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(_hidden(ancestor) for ancestor in node.iterancestors()):
            continue
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts)


def _hidden(element: Any) -> bool:
    if element.tag == f"{_W}del":
        return True
    if element.tag != f"{_W}r":
        return False
    properties = element.find(f"{_W}rPr")
    vanish = properties.find(f"{_W}vanish") if properties is not None else None
    return vanish is not None and vanish.get(f"{_W}val", "true") not in ("false", "0")


class _Numbering:
    """Word's list definitions: numId → level → (numFmt, lvlText, start), and the running counters."""

    def __init__(self, document: Any) -> None:
        self.levels = _levels(document)
        self.counters: defaultdict[tuple[str, int], int] = defaultdict(int)

    def marker(self, paragraph: Any) -> tuple[str, int]:
        """The paragraph's marker as Word draws it ("" for no list item) and its level."""
        found = _numbering_of(paragraph)
        if found is None or found[0] == "0":  # numId 0 switches numbering off
            return "", 0
        number_id, level = found
        definitions = self.levels.get(number_id, {})
        kind, text, _ = definitions.get(level, ("decimal", f"%{level + 1}.", 1))
        for deeper in [key for key in self.counters if key[0] == number_id and key[1] > level]:
            del self.counters[deeper]  # a new item on this level starts the levels below anew
        if kind == "bullet":
            return _bullet(text), level
        self.counters[(number_id, level)] += 1

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown_kind, _, start = definitions.get(at, ("decimal", "", 1))
            return _counted(shown_kind, start + max(self.counters[(number_id, at)], 1) - 1)

        return re.sub(r"%([1-9])", number, text).strip(), level


def _bullet(text: str) -> str:
    """A bullet as Unicode: Symbol's and Wingdings' private-use bullets, an empty text, "o" and "·" are "•"."""
    shown = text.strip()
    if not shown or shown in ("o", "·", "•", "▪", "§") or is_font_glyph(shown):
        return "•"
    return shown


def _counted(kind: str, count: int) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26)
        return letter if kind == "lowerLetter" else letter.upper()
    if kind in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in _ROMAN:
            while count >= value:
                roman, count = roman + digits, count - value
        return roman if kind == "lowerRoman" else roman.upper()
    if kind == "none":
        return ""
    return str(count)


def _levels(document: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {
        node.get(f"{_W}abstractNumId"): _abstract_levels(node) for node in numbering.findall(f"{_W}abstractNum")
    }
    levels = {}
    for num in numbering.findall(f"{_W}num"):
        link = num.find(f"{_W}abstractNumId")
        if link is not None:
            levels[num.get(f"{_W}numId")] = abstract.get(link.get(f"{_W}val"), {})
    return levels


def _abstract_levels(node: Any) -> dict[int, tuple[str, str, int]]:
    found = {}
    for level in node.findall(f"{_W}lvl"):
        at = int(level.get(f"{_W}ilvl", "0"))
        values = [level.find(f"{_W}{name}") for name in ("numFmt", "lvlText", "start")]
        kind, text, start = (value.get(f"{_W}val") if value is not None else None for value in values)
        found[at] = (kind or "decimal", text if text is not None else f"%{at + 1}.", int(start or 1))
    return found


def _numbering_of(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph: its own numbering, or its style's (List Number, List Bullet …)."""
    holders = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        holders.append(style.element.pPr)
        style = style.base_style
    level_found = None
    for holder in holders:
        number = holder.find(f"{_W}numPr") if holder is not None else None
        if number is None:
            continue
        level = number.find(f"{_W}ilvl")
        if level_found is None and level is not None:
            level_found = int(level.get(f"{_W}val"))
        if number.find(f"{_W}numId") is not None:
            return number.find(f"{_W}numId").get(f"{_W}val"), level_found or 0
    return None

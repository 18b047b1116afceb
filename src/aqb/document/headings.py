"""A scan's section headings ("§ 4" above "Haushaltsmittel und Eckdaten"), found by the title line below them.

tesseract reads a bold "§" as anything: "§ 1" as "81" or "sl", "§ 4" as "854" or "54a", and a heading beside
the page's logo not at all. Where the expected title line stands in the scan (in order, as the standard
text or the text version has it), the line above it is its heading: a short line without a word (at most
MISREAD_LENGTH characters, no three letters in a row) becomes the heading as expected, and where the
line above is text, the heading is put in before the title. Each such change is returned, with whether
OCR was unsure of what it read (or read nothing there): the caller says so, never a silent guess.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from aqb.document.model import Block, BlockKind, Document, Line, SourceRef

MISREAD_LENGTH = 4
_WORD = re.compile(r"[^\W\d_]{3}")
HEADING_LINE = re.compile(r"§\s*[0-9]+[a-z]?")


@dataclass(frozen=True)
class HeadingRead:
    ref: SourceRef  # the line that was read as the heading, or the title's where the heading was put in
    heading: str  # as expected: "§ 4"
    read: str  # what OCR read there; "" where it read no line
    title: str  # the title line below it that placed it
    uncertain: bool  # OCR was unsure of what it read, or read nothing


def with_headings(document: Document, expected: Sequence[tuple[str, str]]) -> tuple[Document, list[HeadingRead]]:
    """`document` (a scan) with each expected (heading, title) heading in its place, and what was changed."""
    if document.kind != "scan":
        return document, []
    lines = [
        ((number, index), line)
        for number, block in enumerate(document.blocks)
        for index, line in enumerate(block.lines)
    ]
    texts = [" ".join(line.text.split()) for _, line in lines]
    unsure = {word.ref for word in document.uncertain}
    changes: dict[tuple[int, int], tuple[str, bool]] = {}  # place → (heading, whether it replaces the line)
    reads: list[HeadingRead] = []
    position = 0
    for heading, title in expected:
        found = _title_at(texts, title, position)
        if found is None:
            continue
        position = found + 1
        change = _change(lines, texts, found, heading, title)
        if change is not None:
            changes[change[0]] = (heading, bool(change[1].read))
            read = change[1]
            reads.append(dataclasses.replace(read, uncertain=read.uncertain or read.ref in unsure))
    changed = {read.ref for read in reads if read.read}
    uncertain = tuple(word for word in document.uncertain if word.ref not in changed)
    return dataclasses.replace(document, blocks=tuple(_rebuilt(document.blocks, changes)), uncertain=uncertain), reads


def _change(
    lines: list[tuple[tuple[int, int], Line]], texts: list[str], found: int, heading: str, title: str
) -> tuple[tuple[int, int], HeadingRead] | None:
    """Where the heading above the title at `found` goes: the misread line above, or the title's place (put in)."""
    above = texts[found - 1] if found else ""
    if above.replace(" ", "") == heading.replace(" ", ""):
        return None
    if found and _misread(above):
        place, line = lines[found - 1]
        return place, HeadingRead(line.ref, heading, above, title, uncertain=False)
    place, line = lines[found]
    return place, HeadingRead(line.ref, heading, "", title, uncertain=True)


def _title_at(texts: list[str], title: str, start: int) -> int | None:
    wanted = " ".join(title.split())
    return next((index for index in range(start, len(texts)) if texts[index] == wanted), None)


def _misread(line: str) -> bool:
    return 0 < len(line.replace(" ", "")) <= MISREAD_LENGTH and not _WORD.search(line)


def _rebuilt(blocks: Sequence[Block], changes: dict[tuple[int, int], tuple[str, bool]]) -> list[Block]:
    result: list[Block] = []
    for number, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE_ROW:
            result.append(block)
            continue
        lines: list[Line] = []
        for index, line in enumerate(block.lines):
            heading, replaces = changes.get((number, index), ("", False))
            if heading and not replaces:  # put in before this line, as a block of its own
                if lines:
                    result.append(dataclasses.replace(block, lines=tuple(lines)))
                    lines = []
                result.append(Block(BlockKind.HEADING, (Line(heading, line.ref),)))
            lines.append(dataclasses.replace(line, text=heading) if replaces else line)
        result.append(dataclasses.replace(block, lines=tuple(lines)))
    return result


def headings_of(lines: Sequence[str]) -> list[tuple[str, str]]:
    """Each heading line ("§ 4") of a text with the line below it, its title."""
    plain = [" ".join(line.split()) for line in lines if line.strip()]
    return [(line, following) for line, following in itertools.pairwise(plain) if HEADING_LINE.fullmatch(line)]

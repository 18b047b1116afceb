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
    places = [(number, index) for number, block in enumerate(document.blocks) for index in range(len(block.lines))]

    def text(place: tuple[int, int]) -> str:
        return " ".join(document.blocks[place[0]].lines[place[1]].text.split())

    replaced: dict[tuple[int, int], str] = {}
    inserted: dict[tuple[int, int], str] = {}
    reads: list[HeadingRead] = []
    unsure = {word.ref for word in document.uncertain}
    position = 0
    for heading, title in expected:
        found = next((i for i in range(position, len(places)) if text(places[i]) == " ".join(title.split())), None)
        if found is None:
            continue
        position = found + 1
        above = text(places[found - 1]) if found else ""
        if above.replace(" ", "") == heading.replace(" ", ""):
            continue
        if found and _misread(above):
            replaced[places[found - 1]] = heading
            ref = document.blocks[places[found - 1][0]].lines[places[found - 1][1]].ref
            reads.append(HeadingRead(ref, heading, above, title, ref in unsure))
        else:
            inserted[places[found]] = heading
            ref = document.blocks[places[found][0]].lines[places[found][1]].ref
            reads.append(HeadingRead(ref, heading, "", title, uncertain=True))
    changed = {read.ref for read in reads if read.read}
    uncertain = tuple(word for word in document.uncertain if word.ref not in changed)
    blocks = _rebuilt(document.blocks, replaced, inserted)
    return dataclasses.replace(document, blocks=tuple(blocks), uncertain=uncertain), reads


def _misread(line: str) -> bool:
    return 0 < len(line.replace(" ", "")) <= MISREAD_LENGTH and not _WORD.search(line)


def _rebuilt(
    blocks: Sequence[Block], replaced: dict[tuple[int, int], str], inserted: dict[tuple[int, int], str]
) -> list[Block]:
    result: list[Block] = []
    for number, block in enumerate(blocks):
        if block.kind is BlockKind.TABLE_ROW:
            result.append(block)
            continue
        lines: list[Line] = []
        for index, line in enumerate(block.lines):
            if (number, index) in inserted:
                if lines:
                    result.append(dataclasses.replace(block, lines=tuple(lines)))
                    lines = []
                result.append(Block(BlockKind.HEADING, (Line(inserted[(number, index)], line.ref),)))
            new = replaced.get((number, index))
            lines.append(line if new is None else dataclasses.replace(line, text=new))
        result.append(dataclasses.replace(block, lines=tuple(lines)))
    return result


def headings_of(lines: Sequence[str]) -> list[tuple[str, str]]:
    """Each heading line ("§ 4") of a text with the line below it, its title."""
    plain = [" ".join(line.split()) for line in lines if line.strip()]
    return [(line, following) for line, following in itertools.pairwise(plain) if HEADING_LINE.fullmatch(line)]

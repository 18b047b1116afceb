"""A scan's OCR words with their boxes → blocks of lines, as the other readers give them.

tesseract reads a page line by line across its whole width (`--psm 4`): a table's cells on one printed
line come out as one line ("… in aner- Pflegehelferinnen- und …"), a word with a narrow gap inside it as
two ("J ahre"), a bullet as a stray mark ("®e"). What the boxes show is undone here, nothing guessed:

- two words whose gap is narrower than NARROW × the line's height are one word (a space is 0.25–0.75);
- a gap wider than COLUMN_GAP × the line's height, or a "|" (a table's rule), is a column edge: a run of
  such lines (and lines in between that stand inside one column) is a table, one TABLE_ROW block whose
  cells are its columns, so each cell's words are read together as the Word and PDF readers read them;
- a mark without letters or digits (with at most one letter beside it, "®e") before a wide gap at the
  start of a line is a bullet, written "•".
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from dataclasses import dataclass

from aqb.document.model import Block, BlockKind, Line, SourceRef, UncertainWord

NARROW = 0.15
COLUMN_GAP = 2.5  # a bullet's gap is at most 2, a numbered item's 1.3, a justified line's 0.8
BULLET_GAP = 1.0
_RULE = "|"
_BULLET_READ = re.compile(r"[^\w\s]{1,2}[^\W\d_]?|[^\W\d_][^\w\s]")  # "®", "®e", "°", "*", "e®"


@dataclass(frozen=True)
class Word:
    text: str
    confidence: int
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width


@dataclass(frozen=True)
class _Segment:
    """A stretch of one printed line between column edges."""

    words: tuple[Word, ...]

    @property
    def left(self) -> int:
        return self.words[0].left

    @property
    def right(self) -> int:
        return self.words[-1].right


@dataclass(frozen=True)
class _PrintedLine:
    ref: SourceRef
    paragraph: int
    segments: tuple[_Segment, ...]
    height: float
    top: int


def page_blocks(
    paragraphs: list[list[list[Word]]], page: int, uncertain_below: int
) -> tuple[list[Block], list[UncertainWord]]:
    """One page's paragraphs → lines → words as blocks, and the words read below `uncertain_below`."""
    lines: list[_PrintedLine] = []
    for paragraph_number, paragraph in enumerate(paragraphs):
        for words in paragraph:
            height = statistics.median(word.height for word in words) if words else 1.0
            segments = _segments(_bulleted(_joined(words, height), height), height)
            if segments:
                ref = SourceRef(page, len(lines) + 1)
                lines.append(_PrintedLine(ref, paragraph_number, segments, height, min(w.top for w in words)))
    uncertain = [
        UncertainWord(word.text, line.ref, word.confidence)
        for line in lines
        for segment in line.segments
        for word in segment.words
        if word.confidence < uncertain_below
    ]
    return _blocks(lines), uncertain


def _joined(words: list[Word], height: float) -> list[Word]:
    """Words tesseract split at a narrow gap ("J ahre", "unterstüt -") as one."""
    result: list[Word] = []
    for word in words:
        previous = result[-1] if result else None
        if previous is not None and word.text != _RULE and word.left - previous.right < NARROW * height:
            result[-1] = Word(
                previous.text + word.text,
                min(previous.confidence, word.confidence),
                previous.left,
                min(previous.top, word.top),
                word.right - previous.left,
                max(previous.height, word.height),
            )
        else:
            result.append(word)
    return result


def _bulleted(words: list[Word], height: float) -> list[Word]:
    wide = len(words) > 1 and words[1].left - words[0].right > BULLET_GAP * height
    if wide and _BULLET_READ.fullmatch(words[0].text):
        first = words[0]
        return [Word("•", first.confidence, first.left, first.top, first.width, first.height), *words[1:]]
    return words


def _segments(words: list[Word], height: float) -> tuple[_Segment, ...]:
    segments: list[list[Word]] = [[]]
    for word in words:
        if word.text.startswith(_RULE) or word.text.endswith(_RULE):  # a table's rule, alone or beside a word
            text = word.text.strip(_RULE)
            if word.text.startswith(_RULE):
                segments.append([])
            if text:
                segments[-1].append(dataclasses.replace(word, text=text))
            if word.text.endswith(_RULE) and len(word.text) > 1:
                segments.append([])
            continue
        if segments[-1] and word.left - segments[-1][-1].right > COLUMN_GAP * height:
            segments.append([])
        segments[-1].append(word)
    return tuple(_Segment(tuple(segment)) for segment in segments if segment)


def _blocks(lines: list[_PrintedLine]) -> list[Block]:
    """Paragraphs as tesseract found them; a run of lines in columns one TABLE_ROW block."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        if len(lines[index].segments) > 1:
            end, cells = _table(lines, index)
            blocks.append(
                Block(
                    BlockKind.TABLE_ROW,
                    tuple(line for cell in cells for line in cell),
                    cells=tuple(tuple(cell) for cell in cells),
                )
            )
            index = end
            continue
        paragraph = [lines[index]]
        index += 1
        while (
            index < len(lines) and lines[index].paragraph == paragraph[0].paragraph and len(lines[index].segments) == 1
        ):
            paragraph.append(lines[index])
            index += 1
        blocks.append(Block(BlockKind.PARAGRAPH, tuple(Line(_text(line.segments[0]), line.ref) for line in paragraph)))
    return blocks


def _table(lines: list[_PrintedLine], start: int) -> tuple[int, list[list[Line]]]:
    """The lines from `start` that stand in the columns of lines[start]: where the run ends, and its columns."""
    starts = [segment.left for segment in lines[start].segments]
    cells: list[list[Line]] = [[] for _ in starts]
    index = start
    while index < len(lines):
        line = lines[index]
        columns = [_column(segment, starts, line.height) for segment in line.segments]
        if None in columns or (len(line.segments) == 1 and line.top - lines[index - 1].top > 2.5 * line.height):
            break
        for segment, column in zip(line.segments, columns, strict=True):
            cells[column].append(Line(_text(segment), line.ref))  # type: ignore[index]
        index += 1
    return index, cells


def _column(segment: _Segment, starts: list[int], height: float) -> int | None:
    """The column a segment stands in: it begins near that column's start and ends before the next one's."""
    for column, left in enumerate(starts):
        following = starts[column + 1] if column + 1 < len(starts) else None
        if abs(segment.left - left) <= 1.5 * height and (following is None or segment.right < following):
            return column
    return None


def _text(segment: _Segment) -> str:
    return " ".join(word.text for word in segment.words)

"""A Document as lines in reading order, for the readers of structureless text (the importer's line
reader, the word-for-word comparison): page furniture set apart, words broken at line ends joined.

Blocks the reader marked as furniture (a Word file's headers and footers) are left out; in a PDF or
text, so is what repeats at the same place at the top or bottom of two or more pages (a page counter
and a print stamp's date and time may differ) and page numbers. A blank line stands between
paragraphs (not between the items of a list, not between a Word file's paragraphs, which are one
line each, and never at a page break: a page break is no paragraph break); a list item is written
`"  " * level + marker + " " + text`, a bullet as "-"; a table row of signatures column by column, so
each signature block stays together.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from aqb.document.model import Block, BlockKind, Document, Line, SourceRef
from aqb.document.text import LIGATURES, PAGE_BREAK
from aqb.printed import (
    CLOCK_TIME,
    PAGE_COUNTER,
    PAGE_LABEL,
    PAGE_LABEL_READ,
    PAGE_NUMBER,
    PAGES_AT_END,
    PRINT_STAMP_LINE,
    SIGNATURE_CELL,
    STAMP_DATE,
    is_numbering,
)

# What changes from page to page in a line that repeats: the page, a print stamp's date and time.
_COUNTERS = (
    (PAGE_COUNTER, "Seite #"),
    (STAMP_DATE, "#.#.#"),
    (CLOCK_TIME, "#:#"),
    (PAGES_AT_END, "#/#"),
)
_JUSTIFIED = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_HYPHENATED = re.compile(r"(\w+)(-|\u00ad)$")
_ANY_WORD_START = re.compile(r"^\s*(\w+(?:-\w+)*)(\S*)")
# A hyphen before these is an elision ("Ausbildungs- und Qualifizierungsbudget"), no broken word.
_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "sowie", "bis", "noch", "als", "wie", "u", "o"})
_NO_PARAGRAPHS = ("docx",)  # readers whose blocks are paragraphs of one line each: no blank lines between


def flat_lines(
    document: Document, vocabulary: Iterable[str] = (), *, printed: bool = True
) -> tuple[list[Line], list[Line]]:
    """The agreement's lines in reading order, and the furniture lines left out.

    A word broken at a line-end hyphen is joined: without the hyphen before a lower-case continuation
    ("Kin-" "derbetreuung"), with it before an upper-case one ("UN-" "Behindertenrechtskonvention"),
    not at all before a conjunction ("Ausbildungs-" "und"); where `vocabulary` (the standard text's
    words) knows the word, it decides. A text that was never printed (`printed=False`: a transcript)
    has no furniture found by repetition: every line of it counts."""
    rendered = rendered_lines(document)
    marked = [line for block in document.furniture for line in block.lines]
    repeated = (
        _page_furniture(rendered, PAGE_LABEL_READ if document.kind == "scan" else PAGE_LABEL)
        if printed and document.kind not in _NO_PARAGRAPHS
        else set()
    )
    kept = [line for line in rendered if line.ref not in repeated]
    left_out = marked + [line for line in rendered if line.ref in repeated and line.text.strip()]
    return _dehyphenated(_trimmed(kept), set(vocabulary)), left_out


def printed_text(document: Document) -> str:
    """The body as text, pages separated by form feeds, before furniture is dealt with (for readers of text,
    such as the importer until it reads Documents). What the margin or a table cell's edge broke over
    several lines (`Line.wraps`) stands on one line again, a line-end hyphen joined as `flat_lines` joins
    it: one line is one paragraph, list item or project, as it was typed."""
    pages: list[list[str]] = []
    for line in unwrapped(rendered_lines(document)):
        while len(pages) < line.ref.page:
            pages.append([])
        pages[line.ref.page - 1].append(line.text)
    return PAGE_BREAK.join("\n".join(page) for page in pages)


def unwrapped(lines: list[Line]) -> list[Line]:
    """Each line the margin surely broke (`Line.wraps`) joined with the next: one line per paragraph, list item
    or table cell's paragraph, with the first line's place and the last one's ending."""
    result: list[Line] = []
    for line in lines:
        if result and result[-1].wraps and line.text.strip():
            result[-1] = dataclasses.replace(line, text=_joined(result[-1].text.rstrip(), line.text.strip()))
        else:
            result.append(line)
    return result


def _joined(head: str, tail: str) -> str:
    ending, following = _HYPHENATED.search(head), _ANY_WORD_START.match(tail)
    if ending is None or following is None:
        return f"{head} {tail}"
    hyphen = "" if ending.group(2) == "\u00ad" else _joined_hyphen(ending.group(1), following.group(1), set())
    return f"{head} {tail}" if hyphen is None else f"{head[:-1]}{hyphen}{tail}"


def rendered_lines(document: Document) -> list[Line]:
    """The body's lines as `flat_lines` writes them, a blank line (with the ref of the line above it)
    between two paragraphs on the same page."""
    lines: list[Line] = []
    paragraphs = document.kind not in _NO_PARAGRAPHS
    previous: BlockKind | None = None
    for block in document.body:
        same_list = previous is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM
        if lines and paragraphs and not same_list and lines[-1].ref.page == block.ref.page:
            lines.append(Line("", lines[-1].ref))
        lines += _block_lines(block)
        previous = block.kind
    return lines


def _block_lines(block: Block) -> list[Line]:
    if block.kind is BlockKind.LIST_ITEM:
        marker = block.marker if is_numbering(block.marker) else "-"
        first, *rest = block.lines
        shown = dataclasses.replace(first, text=f"{'  ' * block.level}{marker} {first.text}")
        return [_clean(shown), *map(_clean, rest)]
    if block.kind is BlockKind.TABLE_ROW and block.cells:
        if any(SIGNATURE_CELL.fullmatch(line.text.strip()) for cell in block.cells for line in cell):
            lines: list[Line] = []
            for cell in block.cells:  # column by column: each signature block stays together
                if lines and cell:
                    lines.append(Line("", lines[-1].ref))
                lines += map(_clean, cell)
            return lines
        return [_clean(line) for cell in block.cells for line in cell]
    return [_clean(line) for line in block.lines]


def _clean(line: Line) -> Line:
    text = _JUSTIFIED.sub(" ", line.text.translate(LIGATURES))
    if "\u00ad" in text[:-1]:  # a soft hyphen inside a line shows nothing
        text = text[:-1].replace("\u00ad", "") + text[-1]
    return dataclasses.replace(line, text=text)


def _trimmed(lines: list[Line]) -> list[Line]:
    """Without blank lines at a page's top and bottom (but for the first and last page) and without a
    second blank line in a row: space above a footer or below a header is layout."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.ref.page, []).append(line)
    numbers = list(pages)
    result: list[Line] = []
    for number, page in pages.items():
        start, end = 0, len(page)
        while number != numbers[0] and start < end and not page[start].text.strip():
            start += 1
        while number != numbers[-1] and end > start and not page[end - 1].text.strip():
            end -= 1
        for line in page[start:end]:
            if line.text.strip() or (result and result[-1].text.strip()):
                result.append(line)
    while result and not result[-1].text.strip():
        result.pop()
    return result


def _physical(lines: list[Line]) -> dict[int, list[tuple[SourceRef, str]]]:
    """Each page's printed lines (the texts of a table row's cells on one line joined), top to bottom."""
    texts: dict[SourceRef, list[str]] = {}
    for line in lines:
        if line.text.strip():
            texts.setdefault(line.ref, []).append(line.text)
    pages: dict[int, list[tuple[SourceRef, str]]] = {}
    for ref in sorted(texts):
        pages.setdefault(ref.page, []).append((ref, " ".join(texts[ref])))
    return pages


def _page_furniture(lines: list[Line], label: re.Pattern[str] = PAGE_LABEL) -> set[SourceRef]:
    """Page numbers, print stamps and lines repeated at the same place at the top or bottom of two or more
    pages. A header repeats at the same place (first or second line), a footer likewise from the bottom: a
    line of the text that happens to open one page and stand second on another is neither. `label`: a line that
    names its page (in a scan, as OCR may misread it: PAGE_LABEL_READ)."""
    pages = list(_physical(lines).values())
    places: Counter[tuple[int, str]] = Counter()
    for page in pages:
        places.update({(place, _shape(text)) for place, (_, text) in _edges(page)})
    several = len(pages) > 1  # on a single page only "Seite 1 von 1" or a print stamp is surely furniture
    found: set[SourceRef] = set()
    for page in pages:
        for side in (1, -1):
            for place, (ref, text) in _edges(page, side):  # from the page's edge inwards, while it is furniture
                explicit = label.fullmatch(text) or PRINT_STAMP_LINE.fullmatch(text)
                if not (explicit or (several and (PAGE_NUMBER.fullmatch(text) or places[(place, _shape(text))] >= 2))):
                    break
                found.add(ref)
    return found


def _shape(text: str) -> str:
    # "Zielvereinbarung 2025 – Seite 3 von 5" repeats with another number, a print stamp with another time
    shape = " ".join(text.split())
    for pattern, replacement in _COUNTERS:
        shape = pattern.sub(replacement, shape)
    return shape


def _edges(page: list[tuple[SourceRef, str]], side: int = 0) -> list[tuple[int, tuple[SourceRef, str]]]:
    """The two lines at the top (places 0, 1), at the bottom (-1, -2), or both (side 0)."""
    top = list(enumerate(page[:2]))
    bottom = [(-1 - place, line) for place, line in enumerate(page[-2:][::-1])]
    return top if side > 0 else bottom if side < 0 else top + bottom


def _joined_hyphen(head: str, tail: str, vocabulary: set[str]) -> str | None:
    """How a word broken at a line-end hyphen joins: "" (without it), "-" (with it) or None (not at all)."""
    if tail[:1].islower() and head + tail in vocabulary:
        return ""
    if f"{head}-{tail}" in vocabulary:
        return "-"
    if tail.lower() in _CONJUNCTIONS or tail[:1].isdigit():
        return None
    return "" if tail[:1].islower() else "-"


def _dehyphenated(lines: list[Line], vocabulary: set[str]) -> list[Line]:
    result = list(lines)
    merged: set[int] = set()
    for index in range(len(result) - 1):
        text = result[index].text.rstrip()
        ending = _HYPHENATED.search(text)
        following = _ANY_WORD_START.match(result[index + 1].text)
        if not ending or not following:
            continue
        soft = ending.group(2) == "\u00ad"
        hyphen = "" if soft else _joined_hyphen(ending.group(1), following.group(1), vocabulary)
        if hyphen is None:
            continue
        head = text[:-1] + hyphen + following.group(1) + following.group(2)
        rest = result[index + 1].text[following.end() :].lstrip()
        result[index] = dataclasses.replace(result[index], text=head)
        result[index + 1] = dataclasses.replace(result[index + 1], text=rest)
        if not rest:
            merged.add(index + 1)  # the whole line was the word's end: no blank line in its place
            following_line = result[index + 1]
            result[index] = dataclasses.replace(
                result[index], wraps=following_line.wraps, may_wrap=following_line.may_wrap
            )
    return [line for index, line in enumerate(result) if index not in merged]

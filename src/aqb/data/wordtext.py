"""A Word file's body as lines of text, with the list numbers and bullets Word draws itself written out.

Word keeps a list item's number or bullet out of its text (the numbering definitions draw it), so a
reader of the text alone would lose where a list starts: here each list paragraph gets "1. ", "a) "
or "- " as Word would show it, indented two spaces a level, and each table row becomes one line of its
cells. Headers and footers are not part of the body. Run inside the limited child process of
`aqb.data.pdftext`; nothing here is trusted more than the file's bytes.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_lines(raw: bytes) -> list[str]:
    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(raw))
    formats = _number_formats(document)
    counters: defaultdict[tuple[str, int], int] = defaultdict(int)
    lines: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables in order
        if isinstance(block, Paragraph):
            lines.append(_marker(block, formats, counters) + shown_text(block._p))
        else:
            lines.extend(
                " ".join(" ".join(shown_text(p._p) for p in cell.paragraphs) for cell in row.cells)
                for row in block.rows
            )
    return lines


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


def _number_formats(document: Any) -> dict[str, dict[int, str]]:
    """numId → level → Word's number format ("decimal", "lowerLetter", "bullet" …)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {
        node.get(f"{_W}abstractNumId"): {
            int(level.get(f"{_W}ilvl", "0")): (level.find(f"{_W}numFmt").get(f"{_W}val", "decimal"))
            for level in node.findall(f"{_W}lvl")
            if level.find(f"{_W}numFmt") is not None
        }
        for node in numbering.findall(f"{_W}abstractNum")
    }
    formats = {}
    for num in numbering.findall(f"{_W}num"):
        link = num.find(f"{_W}abstractNumId")
        if link is not None:
            formats[num.get(f"{_W}numId")] = abstract.get(link.get(f"{_W}val"), {})
    return formats


def _numbering_of(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a list paragraph: its own numbering, or its style's (List Number, List Bullet …)."""
    holders = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        holders.append(style.element.pPr)
        style = style.base_style
    for holder in holders:
        number = holder.find(f"{_W}numPr") if holder is not None else None
        if number is not None and number.find(f"{_W}numId") is not None:
            level = number.find(f"{_W}ilvl")
            return number.find(f"{_W}numId").get(f"{_W}val"), int(level.get(f"{_W}val")) if level is not None else 0
    return None


def _marker(paragraph: Any, formats: dict[str, dict[int, str]], counters: defaultdict[tuple[str, int], int]) -> str:
    found = _numbering_of(paragraph)
    if found is None or found[0] == "0":  # numId 0 switches numbering off
        return ""
    number_id, level = found
    kind = formats.get(number_id, {}).get(level, "decimal")
    for deeper in [key for key in counters if key[0] == number_id and key[1] > level]:
        del counters[deeper]  # a new item on this level starts the levels below anew
    indent = "  " * level
    if kind in ("bullet", "none"):
        return indent + "- "
    counters[(number_id, level)] += 1
    count = counters[(number_id, level)]
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26)
        return indent + (letter if kind == "lowerLetter" else letter.upper()) + ") "
    return indent + f"{count}. "

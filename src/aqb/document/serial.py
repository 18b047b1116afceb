"""A Document as JSON: how the limited child process hands it over, and how the text cache keeps it."""

from __future__ import annotations

from typing import Any

from aqb.document.model import Block, BlockKind, Document, Line, SourceRef, UncertainWord


def to_json(document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "notes": list(document.notes),
        "blocks": [
            {
                "kind": block.kind.value,
                "lines": [_line(line) for line in block.lines],
                "level": block.level,
                "marker": block.marker,
                "cells": [[_line(line) for line in cell] for cell in block.cells],
            }
            for block in document.blocks
        ],
        "uncertain": [[word.text, word.ref.page, word.ref.line, word.confidence] for word in document.uncertain],
    }


def from_json(data: dict[str, Any]) -> Document:
    """The Document `to_json` wrote; KeyError, TypeError or ValueError where it is not one."""
    blocks = tuple(
        Block(
            BlockKind(block["kind"]),
            tuple(_from_line(line) for line in block["lines"]),
            int(block["level"]),
            str(block["marker"]),
            tuple(tuple(_from_line(line) for line in cell) for cell in block["cells"]),
        )
        for block in data["blocks"]
    )
    uncertain = tuple(
        UncertainWord(str(text), SourceRef(int(page), int(line)), int(confidence))
        for text, page, line, confidence in data.get("uncertain", [])
    )
    return Document(str(data["kind"]), blocks, tuple(str(note) for note in data["notes"]), uncertain)


def _line(line: Line) -> list[Any]:
    return [line.text, line.ref.page, line.ref.line, line.wraps, line.may_wrap]


def _from_line(data: list[Any]) -> Line:
    text, page, number, wraps, may_wrap = data
    return Line(str(text), SourceRef(int(page), int(number)), bool(wraps), bool(may_wrap))

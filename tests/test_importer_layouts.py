"""The importer reads the signed 2025 text the same way however a word processor or PDF laid it out.

Hypothesis varies what differs between real documents – bullet style, list numbering, line width,
words hyphenated at line ends, page breaks with running headers, footers and page numbers – and the
importer must always produce the bundled record, with nothing left open.
"""

from __future__ import annotations

import copy
import re
import textwrap
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqb.data.dataset import Dataset
from aqb.staff.alignment import parse_agreement
from helpers import SEED, real_agreement

BULLETS = [
    "  - ",
    "- ",
    "– ",
    "— ",
    "• ",
    "* ",
    "◦ ",
    "\uf0b7 ",
    "▪ ",
    "o ",
    "LETTER) ",
    "(LETTER) ",
    "LETTER. ",
    "MEASURE.NUMBER ",
    "   NUMBER. ",
]
NUMBERING = ["{n}. ", "{n}) "]
_PROJECT = re.compile(r"^  - (.*)$")
_MEASURE = re.compile(r"^([0-9])\. (.*)$")
_HYPHENATABLE = re.compile(r"^([A-Za-zÄÖÜäöüß]{6,})([.,;:]?)$")


def expected_record() -> dict[str, Any]:
    record = copy.deepcopy(real_agreement())
    record["quelle"].pop("hinweis")  # the importer puts no note of its own there
    record.pop("original")  # written by import_file, beside the parsed values
    return record


@st.composite
def layouts(draw: Any) -> str:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    signatures = next(i for i, line in enumerate(lines) if line.startswith("Wiesbaden, den"))
    bullet = draw(st.sampled_from(BULLETS))
    numbering = draw(st.sampled_from(NUMBERING))
    width = draw(st.integers(40, 140))
    hyphenate = draw(st.booleans())
    out: list[str] = []
    letter = 0
    current_measure = "0"
    for index, line in enumerate(lines):
        project, measure = _PROJECT.match(line), _MEASURE.match(line)
        if project:
            mark = (bullet.replace("LETTER", "abcdefgh"[letter]).replace("NUMBER", str(letter + 1))
                    .replace("MEASURE", current_measure))  # fmt: skip
            letter += 1
            out += textwrap.wrap(
                project.group(1),
                width,
                initial_indent=mark,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        elif measure:
            letter = 0
            current_measure = measure.group(1)
            # A PDF loses the list's indentation: the measure type's name wraps flush left.
            out += textwrap.wrap(
                numbering.format(n=measure.group(1)) + measure.group(2),
                width,
                break_long_words=False,
                break_on_hyphens=False,
            )
        elif index >= signatures or not line.strip() or line.startswith("#"):
            out.append(line)  # signatures keep their lines; headings are never wrapped
        else:
            wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
            out += _hyphenated(wrapped, draw) if hyphenate else wrapped
    return _paged(out, draw)


def _hyphenated(wrapped: list[str], draw: Any) -> list[str]:
    """Split the first word of some continuation lines at a line end, as justified PDFs do."""
    result = list(wrapped)
    for index in range(1, len(result)):
        words = result[index].split(" ")
        found = _HYPHENATABLE.match(words[0])
        if not found or not draw(st.booleans()):
            continue
        word = found.group(1)
        cuts = [k for k in range(3, len(word) - 2) if word[k].islower()]
        if not cuts:
            continue
        cut = draw(st.sampled_from(cuts))
        result[index - 1] += " " + word[:cut] + "-"
        result[index] = " ".join([word[cut:] + found.group(2), *words[1:]])
    return result


def _paged(lines: list[str], draw: Any) -> str:
    breaks = sorted(set(draw(st.lists(st.integers(5, len(lines) - 5), max_size=4))))
    pages = [lines[start:end] for start, end in zip([0, *breaks], [*breaks, len(lines)], strict=True)]
    footer = draw(st.sampled_from(["Seite {n} von {m}", "S. {n}/{m}", ""] + (["- {n} -", "{n}"] if breaks else [])))
    # A running header is recognised once it repeats: on every page after the first, from two breaks on.
    header = "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf" if len(pages) >= 3 and draw(st.booleans()) else ""
    printed = []
    for number, page in enumerate(pages, start=1):
        top = [header, ""] if header and number > 1 else []
        bottom = ["", footer.format(n=number, m=len(pages))] if footer else []
        printed.append("\n".join(top + page + bottom))
    return "\f".join(printed)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_every_layout_of_the_2025_text_gives_the_bundled_record(bundled_dataset: Dataset, text: str) -> None:
    parsed = parse_agreement(text, bundled_dataset)
    assert parsed.open_points == []
    imported = yaml.safe_load(yaml.safe_dump(parsed.values, allow_unicode=True))
    assert imported == expected_record()


def test_the_layouts_really_differ() -> None:
    """The strategy is not a no-op: the seed is laid out in visibly different ways."""
    seen = set()

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(layouts())
    def collect(text: str) -> None:
        seen.add(text)

    collect()
    assert len(seen) > 40
    marks = {re.search(r"^(.*)Frauenakademie", text, re.MULTILINE).group(1) for text in seen}  # type: ignore[union-attr]
    assert len(marks) >= 5, marks
    assert any("\f" in text for text in seen) and any("-\n" in text for text in seen)

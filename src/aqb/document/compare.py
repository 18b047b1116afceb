"""A signed scan against its text version (Word file or text PDF), word by word.

The scan is the legal original; the text version supplies the wording because OCR misreads. Each
stretch where the two differ becomes an open point naming the scan's page and line, what the scan
shows and what the text version says, so staff can look at the paper and decide.

What OCR cannot tell apart is not a difference: punctuation at a word's edges and tokens without
letters or digits (bullets, dashes: tesseract reads "–" as "-" and "•" as "°", "*" or "+"), the
letters I, l and | (alike in sans-serif fonts: "Il" for "II", "AsyIbLG"), and "§" read as "8" or
"$" ("§ 1" as "81"). Case is kept, and so is every other character: "Fachkräfte sicherung" and
"Fachkräftesicherung" differ. A word broken at a scan line's end joins with the next line's first
word where the text version has the joined word (with or without its hyphen).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from aqb.document.model import Document, SourceRef

MAX_POINTS = 50  # open points listed one by one; beyond that one line says how many more
SHOWN_WORDS = 12  # of a longer stretch, the first words are shown


@dataclass(frozen=True)
class ScanDifference:
    ref: SourceRef  # where on the scan (for words the scan lacks: the line before them)
    scan: str  # the words as OCR read them; "" where the scan lacks what the text version has
    text: str  # the text version's words; "" where the scan has more
    uncertain: bool  # OCR was unsure of a word here: perhaps a misreading rather than another wording


@dataclass(frozen=True)
class _Word:
    key: str  # what is compared
    shown: str  # as printed
    ref: SourceRef
    uncertain: bool = False


def scan_differences(scan: Document, text_lines: list[str]) -> list[ScanDifference]:
    """Every stretch where the scan's OCR words and the text version's words differ, in the scan's order."""
    scan_lines, text_version = _scan_lines(scan), _text_lines(text_lines)
    known = {_key(word.shown) for lines in (scan_lines, text_version) for line in lines for word in line[:-1]}
    ours, theirs = _words(scan_lines, known), _words(text_version, known)
    matcher = SequenceMatcher(None, [word.key for word in ours], [word.key for word in theirs], autojunk=False)
    differences = []
    for operation, start, end, text_start, text_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        shown = ours[start:end]
        where = shown[0].ref if shown else ours[start - 1].ref if start else SourceRef(1, 1)
        differences.append(
            ScanDifference(
                where, _shown(shown), _shown(theirs[text_start:text_end]), any(word.uncertain for word in shown)
            )
        )
    return differences


def _scan_lines(scan: Document) -> list[list[_Word]]:
    uncertain = {(word.ref, word.text) for word in scan.uncertain}
    return [
        [_Word("", word, line.ref, (line.ref, word) in uncertain) for word in line.text.split()]
        for block in scan.body
        for line in block.lines
    ]


def _text_lines(lines: list[str]) -> list[list[_Word]]:
    return [[_Word("", word, SourceRef(1, number)) for word in line.split()] for number, line in enumerate(lines, 1)]


def difference_points(differences: Sequence[ScanDifference], version: str = "in der Word-Datei") -> list[str]:
    """The differences as German open points, at most MAX_POINTS and then one line for the rest.

    `version`: where the text version says it, with its preposition ("in der Word-Datei", "im PDF")."""
    points = [_difference_point(difference, version) for difference in differences[:MAX_POINTS]]
    if len(differences) > MAX_POINTS:
        points.append(
            f"… und {len(differences) - MAX_POINTS} weitere Abweichungen zwischen Scan und Text {version}: so "
            "viele sprechen dafür, dass der Scan eine andere Fassung zeigt. Bitte beide Fassungen vergleichen."
        )
    return points


def uncertain_points(scan: Document) -> list[str]:
    """Each word OCR was unsure of as a German open point (for a scan without a text version), bounded."""
    points = [
        f"Scan {_place(word.ref)}: „{word.text}“ unsicher erkannt (Sicherheit {word.confidence} %): "
        "mit dem Scan vergleichen und berichtigen"
        for word in scan.uncertain[:MAX_POINTS]
    ]
    if len(scan.uncertain) > MAX_POINTS:
        points.append(
            f"… und {len(scan.uncertain) - MAX_POINTS} weitere unsicher erkannte Wörter: der Scan ist schwer "
            "lesbar. Bitte die Word-Datei der Vereinbarung beschaffen oder mit 300 dpi neu scannen."
        )
    return points


def _difference_point(difference: ScanDifference, version: str) -> str:
    where = f"Scan {_place(difference.ref)}"
    if not difference.scan:
        said = f"„{difference.text}“ steht {version}, aber nicht im Scan"
    elif not difference.text:
        said = f"„{difference.scan}“ steht im Scan, aber nicht {version}"
    else:
        said = f"„{difference.scan}“ – {version} „{difference.text}“"
    unsure = " (die Texterkennung ist hier unsicher: vielleicht nur falsch gelesen)" if difference.uncertain else ""
    return f"{where}: {said}{unsure}: prüfen, welcher Wortlaut unterschrieben ist"


def _place(ref: SourceRef) -> str:
    return f"Seite {ref.page}, Zeile {ref.line}"


def _shown(words: Sequence[_Word]) -> str:
    text = " ".join(word.shown for word in words[:SHOWN_WORDS])
    return f"{text} …" if len(words) > SHOWN_WORDS else text


def _words(lines: list[list[_Word]], known: set[str]) -> list[_Word]:
    """The lines' words with their comparison keys: hyphenation at line ends joined, empty keys dropped,
    "§" (or "8", as OCR reads it) joined with its number."""
    words: list[_Word] = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else []
        joined = _joined(line[-1].shown, following[0].shown, known) if line and following else ""
        if joined:
            line = [*line[:-1], _Word("", joined, line[-1].ref, line[-1].uncertain or following[0].uncertain)]
            lines[number + 1] = following[1:]
        words.extend(_Word(_key(word.shown), word.shown, word.ref, word.uncertain) for word in line)
    return list(_paragraph_signs(word for word in words if word.key))


def _joined(end: str, start: str, known: set[str]) -> str:
    """A word broken at a line end with its continuation, as the other version has it; "" if neither has."""
    if not re.search(r"\w-$", end):
        return ""
    for joined in (end[:-1] + start, end + start):
        if _key(joined) in known:
            return joined
    return ""


def _paragraph_signs(words: Iterable[_Word]) -> Iterable[_Word]:
    pending: _Word | None = None
    for word in words:
        if pending is not None and word.key.isdigit():
            yield _Word(
                f"§{word.key}", f"{pending.shown} {word.shown}", pending.ref, pending.uncertain or word.uncertain
            )
            pending = None
            continue
        if pending is not None:
            yield pending
        pending = word if word.key in ("§", "8") else None
        if pending is None:
            yield word
    if pending is not None:
        yield pending


_EDGES = re.compile(r"^[^\w§$]+|[^\w§$]+$")
_ALIKE = str.maketrans({"I": "l", "|": "l"})
_PARAGRAPH_READ_AS = re.compile(r"^[8$](?=\d+$)|^\$$")


def _key(word: str) -> str:
    """The word as compared: punctuation at its edges off, I/l/| as one letter, "§" misread as "8" or "$" as "§"."""
    core = _EDGES.sub("", word).replace("_", "")
    return _PARAGRAPH_READ_AS.sub("§", core.translate(_ALIKE))

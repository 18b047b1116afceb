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

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from aqb.document.headings import headings_of, with_headings
from aqb.document.model import Document, SourceRef
from aqb.document.segment import flat_lines

MAX_POINTS = 50  # open points listed one by one; beyond that one line says how many more
SHOWN_WORDS = 12  # of a longer stretch, the first words are shown
# How a difference is resolved (CONTRIBUTING.md, "Unterschriebene Scans"): the scan is the signed document.
RESOLVE = (
    "Im Scan an dieser Stelle nachsehen. Steht dort, was {version} steht, hat die Texterkennung falsch gelesen: "
    "nur diesen Punkt löschen. Steht dort der Wortlaut des Scans, gilt er: die Textfassung an dieser Stelle wie "
    "im Scan berichtigen, den Entwurf und die abgelegte Textfassung (original.textfassung) löschen und beide "
    "Dateien neu einlesen (make import); was dann vom Standardtext abweicht, steht unter abweichungen"
)
MOVED_WORD_LENGTH = 4  # a single word counts as moved from this length on ("und", "den" may be anywhere)
MAX_MOVED_PAIRS = 4_000_000  # unmatched words scan × text beyond which moved runs are not looked for


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
    """Every stretch where the scan's OCR words and the text version's words differ, in the scan's order.

    The scan is read as any document (aqb.document.segment.flat_lines: headers, footers and page numbers
    left out, words broken at a line end joined where the text version knows them), its section headings
    placed by their titles (aqb.document.headings); a run of words both have at different places (a
    table's columns, a signature block read row by row) has moved and is no difference."""
    vocabulary = {word for line in text_lines for word in re.findall(r"\w+", line)}
    scan, _ = with_headings(scan, headings_of(text_lines))
    scan_lines, text_version = _scan_lines(scan, vocabulary), _text_lines(text_lines)
    known = {_key(word.shown) for line in text_version for word in line}
    known |= {_key(word.shown) for line in scan_lines for word in line[:-1]}
    ours, theirs = _words(scan_lines, known), _words(text_version, known)
    matcher = SequenceMatcher(None, [word.key for word in ours], [word.key for word in theirs], autojunk=False)
    chunks = [
        (start, list(range(start, end)), list(range(text_start, text_end)))
        for operation, start, end, text_start, text_end in matcher.get_opcodes()
        if operation != "equal"
    ]
    return _differences(ours, theirs, chunks, _moved(ours, theirs, chunks))


def _differences(
    ours: list[_Word], theirs: list[_Word], chunks: list[tuple[int, list[int], list[int]]], moved: set[tuple[str, int]]
) -> list[ScanDifference]:
    """Each unmatched stretch without its moved words, where anything is left."""
    differences = []
    for start, scan_indices, text_indices in chunks:
        shown = [ours[i] for i in scan_indices if ("scan", i) not in moved]
        said = [theirs[i] for i in text_indices if ("text", i) not in moved]
        if not shown and not said:
            continue
        where = shown[0].ref if shown else ours[start - 1].ref if start else SourceRef(1, 1)
        differences.append(ScanDifference(where, _shown(shown), _shown(said), any(word.uncertain for word in shown)))
    return differences


def _moved(
    ours: list[_Word], theirs: list[_Word], chunks: list[tuple[int, list[int], list[int]]]
) -> set[tuple[str, int]]:
    """The unmatched words that stand on both sides at different places, longest run first: a run of two or
    more words, or one word of MOVED_WORD_LENGTH characters or more ("Landrätin", not "und")."""
    left = [i for _, indices, _ in chunks for i in indices]
    right = [i for _, _, indices in chunks for i in indices]
    moved: set[tuple[str, int]] = set()
    if len(left) * len(right) > MAX_MOVED_PAIRS:
        return moved
    while left and right:
        matcher = SequenceMatcher(None, [ours[i].key for i in left], [theirs[i].key for i in right], autojunk=False)
        a, b, size = matcher.find_longest_match(0, len(left), 0, len(right))
        if size == 0 or (size == 1 and len(ours[left[a]].key) < MOVED_WORD_LENGTH):
            break
        moved |= {("scan", i) for i in left[a : a + size]} | {("text", i) for i in right[b : b + size]}
        left, right = left[:a] + left[a + size :], right[:b] + right[b + size :]
    return moved


def _scan_lines(scan: Document, vocabulary: set[str]) -> list[list[_Word]]:
    unsure: dict[SourceRef, list[str]] = {}
    for word in scan.uncertain:
        unsure.setdefault(word.ref, []).append(word.text)
    lines, _ = flat_lines(scan, vocabulary)
    # Without blank lines: OCR's paragraphs are no sure break, a word broken at a line end may go on below one.
    return [
        [_Word("", word, line.ref, any(read in word for read in unsure.get(line.ref, ()))) for word in text.split()]
        for line in lines
        if (text := line.text) and text.strip()
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
    return f"{where}: {said}{unsure}. {RESOLVE.format(version=version)}"


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
        apart = len(line) > 1 and line[-1].shown == "-"  # "Antragstel -": the hyphen OCR set apart from its word
        if apart and following and _joined(line[-2].shown + "-", following[0].shown, known):
            line = [*line[:-2], dataclasses.replace(line[-2], shown=line[-2].shown + "-")]
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
    """The word as compared: punctuation at its edges off, I/l/| as one letter, "§" misread as "8" or "$" as "§";
    a stray mark (a symbol with at most one letter beside it: "®e", "°") none."""
    core = _EDGES.sub("", word).replace("_", "")
    if len(core) <= 1 and any(unicodedata.category(character) == "So" for character in word):
        return ""
    return _PARAGRAPH_READ_AS.sub("§", core.translate(_ALIKE))

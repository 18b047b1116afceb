"""Turn a signed agreement (a Word file, a PDF, a scan, a transcript) into a draft: read it once
(`read_source`, `read_if_scan`), align it with the year's standard text (`aqb.staff.alignment`), and write the
draft, the original, a scan's text version and a proposed standard text by one plan, all or nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from aqb.data.dataset import Dataset
from aqb.data.layout import SourceError, read_signed_document
from aqb.data.loader import STANDARD_TEXTS_DIR
from aqb.data.model import FullTextAgreement, StandardText
from aqb.data.problems import escaped
from aqb.document.compare import difference_points, scan_differences, uncertain_points
from aqb.document.formats import SCAN
from aqb.document.model import Document
from aqb.document.ocr import MAX_SCAN_BYTES, ScanError, is_scan, read_scan
from aqb.document.segment import printed_text
from aqb.document.text import PAGE_BREAK
from aqb.staff.alignment import Parsed, parse_agreement
from aqb.staff.scaffold import ScaffoldError, agreement_path, write_draft

_Value = TypeVar("_Value")


@dataclass
class ImportResult:
    draft: Path
    report: list[str]  # what the importer did, line by line, for the terminal
    open_points: list[str]  # what a person must decide; also in the draft under offene_punkte
    values: dict[str, Any] = field(default_factory=dict)  # what the draft holds
    standard_draft: Path | None = None  # the year's standard text, when this document proposed it
    proposal: StandardText | None = None
    transcript: bool = False  # a text file: a transcript, whose provenance a person fills in (an open point)


def import_file(
    dataset: Dataset,
    data_dir: Path,
    source: Path,
    kreis: str | None = None,
    proposal: StandardText | None = None,
    scan: Path | None = None,
) -> ImportResult:
    """Read `source` and write the draft into `data_dir`; nothing is written anywhere else.

    `proposal`: the year's standard text proposed from a whole folder (see `majority_proposals`); the
    document is read against it, and the first document of that year writes it as a draft.
    `scan`: the signed scan of this agreement (the folder had both): it becomes the original, `source` its
    text version, and every word in which the two differ an open point. A scan alone (`source` a scan)
    is read by text recognition; each word it was unsure of is an open point."""
    _must_exist(source, scan)
    scanned = read_if_scan(scan or source)
    document, text, reading_notes = _read(source, scanned if scan is None else None)
    name = escaped(source.name)
    parsed = _parsed(document, text, dataset, name, kreis, proposal, data_dir)
    parsed.notes[:0] = reading_notes
    values = parsed.values
    if "jahr" not in values or "partner" not in values:
        # The notes say what was missing (year, partner, or the year's standard text).
        causes = parsed.notes[len(reading_notes) :]
        raise ScaffoldError("Nichts angelegt: " + "\n".join(causes + reading_notes))
    target = agreement_path(data_dir, values["partner"], values["jahr"])
    if target.exists() or target.with_suffix(".yml").exists():
        raise ScaffoldError(
            f"{target} gibt es schon; sie wird nicht überschrieben. Wer neu einlesen will, löscht zuerst "
            "diesen Entwurf."
        )
    raw = (scan or source).read_bytes()
    original = original_path(data_dir, values["partner"], values["jahr"], raw, (scan or source).suffix)
    reused = _kept_original(original, raw, name)
    if scan is None and parsed.document is not None:  # a scan alone: its text with the headings placed
        scanned, text = parsed.document, printed_text(parsed.document)
    version = _text_version(scanned, scan, source, text, original, parsed.open_points)
    standard_draft = data_dir / STANDARD_TEXTS_DIR / f"{values['jahr']}.yaml" if parsed.proposal else None
    if standard_draft is not None and standard_draft.exists():
        raise ScaffoldError(f"{standard_draft} gibt es schon; er wird nicht überschrieben.")
    # No general "compare it with the original" point: the build compares every word of the page with the
    # original (aqb.data.signed); what the importer was unsure of is an open point naming its field.
    values["original"] = _original_entry(original, data_dir, raw, name, parsed.open_points, version)
    values["offene_punkte"] = parsed.open_points
    _write(target, name, parsed, (None if reused else (original, raw)), version, standard_draft)
    transcript = "herkunft" in values["original"]
    return ImportResult(target, parsed.notes, parsed.open_points, values, standard_draft, parsed.proposal, transcript)


def _must_exist(*paths: Path | None) -> None:
    for path in paths:
        if path is not None and not path.is_file():
            raise ScaffoldError(f"Datei nicht gefunden: {escaped(str(path))}")


# Fewer words than an agreement's title and parties hold: an image without an agreement (a logo, a photo).
_FEWEST_WORDS_OF_A_SCAN = 40


def _read(source: Path, scanned: Document | None) -> tuple[Document, str, list[str]]:
    """The document as read, its text and notes on how it was read: a scan's by text recognition."""
    if scanned is not None:
        text = printed_text(scanned)
        if len(re.findall(r"\w{2,}", text)) < _FEWEST_WORDS_OF_A_SCAN:
            raise ScaffoldError(
                "Nichts angelegt: ein Bild ohne Vereinbarungstext (die Texterkennung fand kaum Wörter; etwa ein Logo "
                "oder Foto)."
            )
        return scanned, text, ["als Scan gelesen (Texterkennung)."]
    return read_source(source)


def _parsed(
    document: Document,
    text: str,
    dataset: Dataset,
    name: str,
    kreis: str | None,
    proposal: StandardText | None,
    data_dir: Path,
) -> Parsed:
    """The document read against its year's standard text (the folder's proposal, where it has one)."""
    if proposal is None:
        return parse_agreement(text, dataset, name, kreis, document)
    dataset = dataclasses.replace(dataset, standard_texts={**dataset.standard_texts, proposal.jahr: proposal})
    parsed = parse_agreement(text, dataset, name, kreis, document)
    if (
        parsed.values.get("jahr") == proposal.jahr
        and not (data_dir / STANDARD_TEXTS_DIR / f"{proposal.jahr}.yaml").exists()
    ):
        parsed.proposal = proposal  # the first document of the year writes it
    return parsed


def _write(
    target: Path,
    name: str,
    parsed: Parsed,
    original: tuple[Path, bytes] | None,
    version: tuple[Path, bytes] | None,
    standard_draft: Path | None,
) -> None:
    """The draft, the original (unless kept from before), a scan's text version and a proposed standard text:
    all or nothing. Each is a new file (the caller made sure): whatever fails, every file of the plan that
    was begun is removed again, the one that failed too, and the message names it."""
    plan: list[tuple[Path, Callable[[], object]]] = [
        (
            target,
            lambda: write_draft(
                target,
                "../../schema/vereinbarung.schema.json",
                f"Entwurf aus {name} (make import). Offene Punkte erledigen, dann `make check`.",
                FullTextAgreement,
                parsed.values,
                {},
            ),
        )
    ]
    for path, content in (item for item in (original, version) if item is not None):
        plan.append((path, functools.partial(_write_bytes, path, content)))
    if standard_draft is not None and parsed.proposal is not None:
        proposal = parsed.proposal.model_dump(mode="json")
        plan.append(
            (
                standard_draft,
                lambda: write_draft(
                    standard_draft,
                    "../schema/standardtext.schema.json",
                    f"ENTWURF des Standardtextes {parsed.values['jahr']}, vorgeschlagen aus {name} (make import). "
                    "Offene Punkte erledigen, dann `make check`.",
                    StandardText,
                    proposal,
                    {},
                ),
            )
        )
    begun: list[Path] = []
    for path, write in plan:
        begun.append(path)
        try:
            write()
        except OSError:
            for written in begun:  # nothing half-written stays
                written.unlink(missing_ok=True)
            raise ScaffoldError(f"{path} konnte nicht geschrieben werden; nichts angelegt.") from None


def _write_bytes(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


class _Kept(Generic[_Value]):
    """What was read from a file's bytes, by their SHA-256: a folder's files are read once for pairing scans and
    proposing the standard text, and again by the import. The latest few only: a long process stays small."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.values: OrderedDict[str, _Value] = OrderedDict()

    def get(self, key: str, read: Callable[[], _Value]) -> _Value:
        if key in self.values:
            self.values.move_to_end(key)
            return self.values[key]
        value = read()
        self.values[key] = value
        while len(self.values) > self.size:
            self.values.popitem(last=False)
        return value


_RECOGNISED: _Kept[Document] = _Kept()
_READ: _Kept[tuple[Document, str, list[str]]] = _Kept()
_SCANNED: _Kept[bool] = _Kept(256)


def read_if_scan(path: Path) -> Document | None:
    """The text recognition of `path` if it is a scan (an image, or a PDF of page images), else None."""
    raw = path.read_bytes()[: MAX_SCAN_BYTES + 1]
    key = hashlib.sha256(raw).hexdigest()
    # Whether a PDF is one of page images is asked of a child process: once per file.
    if not (
        path.suffix.lower() in SCAN.suffixes or (raw.startswith(b"%PDF-") and _SCANNED.get(key, lambda: is_scan(raw)))
    ):
        return None

    def recognised() -> Document:
        try:
            return read_scan(raw, escaped(path.name))
        except ScanError as error:
            raise ScaffoldError(str(error)) from None

    return _RECOGNISED.get(key, recognised)


def read_source(path: Path) -> tuple[Document, str, list[str]]:
    """A signed document that is no scan as read (`read_signed_document`), its text and notes on how it was read."""
    try:
        key = f"{hashlib.sha256(path.read_bytes()).hexdigest()}{path.suffix.lower()}"  # the suffix decides too
        return _READ.get(key, lambda: read_signed_document(path))
    except SourceError as error:
        raise ScaffoldError(str(error)) from None
    except OSError:
        raise ScaffoldError(f"Datei nicht gefunden: {escaped(str(path))}") from None


def _text_version(
    scanned: Document | None, scan: Path | None, source: Path, text: str, original: Path, points: list[str]
) -> tuple[Path, bytes] | None:
    """Where a scan's text version goes and its bytes: the file it was printed from, or the recognised text.
    Each word the scan and that text differ in (or recognition was unsure of) becomes an open point."""
    if scanned is None:
        return None
    stem = original.with_name(f"{original.stem}-textfassung")
    if scan is None:
        points.extend(uncertain_points(scanned))
        points.append(
            "original.textfassung: der Text wurde aus dem Scan erkannt (Texterkennung); jedes Wort mit dem Scan "
            "vergleichen, Fehler hier und in der Textfassung berichtigen"
        )
        return stem.with_suffix(".txt"), text.encode("utf-8")
    version = "in der Word-Datei" if source.suffix.lower() == ".docx" else f"in {escaped(source.name)}"
    points.extend(difference_points(scan_differences(scanned, text.replace(PAGE_BREAK, "\n").splitlines()), version))
    raw = source.read_bytes()
    suffix = ".pdf" if raw.startswith(b"%PDF-") else ".docx" if raw.startswith(b"PK\x03\x04") else ".txt"
    return stem.with_suffix(suffix), raw


def _kept_original(original: Path, raw: bytes, name: str) -> bool:
    """Whether the original is already there, byte for byte (a draft deleted and imported again: no record
    names it, since the draft is the only record of that partner and year). Another file under its name
    is refused with what to do."""
    if not original.exists():
        return False
    if original.read_bytes() == raw:
        return True
    raise ScaffoldError(
        f"{original} gibt es schon, mit anderem Inhalt als {name}; er wird nicht überschrieben. Ist {name} das "
        f"richtige Dokument, {original} löschen und erneut einlesen; sonst die andere Datei behalten."
    )


def _original_entry(
    original: Path, data_dir: Path, raw: bytes, name: str, open_points: list[str], version: tuple[Path, bytes] | None
) -> dict[str, Any]:
    """The draft's `original`. A text file is never the signed document but a transcript, and where it came
    from only a person knows: its `herkunft` is written blank, with an open point, never guessed."""
    entry: dict[str, Any] = {
        "datei": original.relative_to(data_dir).as_posix(),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    if version is not None:  # a scan: the signed document, with the text it was printed from
        entry["textfassung"] = {
            "datei": version[0].relative_to(data_dir).as_posix(),
            "sha256": hashlib.sha256(version[1]).hexdigest(),
        }
        return entry
    if original.suffix != ".pdf":
        entry["herkunft"] = None
        open_points.append(
            f"original.herkunft: eintragen, woher die Abschrift „{name}“ stammt (aus welchem Dokument, wer sie "
            "übertragen hat); nur, was bekannt ist, und was nicht vermerkt ist, so nennen"
        )
    return entry


def original_path(data_dir: Path, partner: str, year: int, raw: bytes, name_suffix: str = "") -> Path:
    """Where the document of a record is kept: data/originaltexte/<jahr>/<kürzel>.pdf for the signed document,
    .docx for the Word file it was printed from, .txt for a transcript of it, .png/.jpg/.tif for a scanned image."""
    image = name_suffix.lower() if name_suffix.lower() in SCAN.suffixes else None
    suffix = image or (".pdf" if raw.startswith(b"%PDF-") else ".docx" if raw.startswith(b"PK\x03\x04") else ".txt")
    return data_dir / "originaltexte" / str(year) / f"{partner}{suffix}"

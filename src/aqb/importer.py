"""Turn the text of a signed agreement (Markdown-like text, or a PDF with a text layer) into a draft.

The year's standard text is the map: its sections tell where each part of the signed text begins,
and whatever differs from it becomes an override (`abweichungen`) in the signed wording. What cannot
be recognised is listed line by line in a report, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from aqb.formatting import thousands
from aqb.loader import Dataset
from aqb.model import FullTextAgreement, Partner, StandardText
from aqb.scaffold import ScaffoldError, agreement_path, naming_for, write_draft
from aqb.text import naming_values, strip_markup

_PLACEHOLDER = re.compile(r"\{([A-Za-z]+)\}")
_SIGNATURE_PLACE = re.compile(r"^(?P<ort>[^,]+), den(?:\s+(?P<tag>\d{1,2})\.(?P<monat>\d{1,2})\.(?P<jahr>\d{4}))?\s*$")
_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(.*\S)\s*$")
_BULLET = re.compile(r"^\s*[-•]\s+(.*\S)\s*$")


@dataclass
class ImportResult:
    draft: Path
    report: Path
    unrecognised: list[str]


@dataclass
class _Parsed:
    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the report says, line by line


def read_signed_text(path: Path) -> str:
    """The text of a signed agreement; PDFs through their text layer (pypdf)."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


def import_file(dataset: Dataset, data_dir: Path, source: Path) -> ImportResult:
    if not source.is_file():
        raise ScaffoldError(f"Datei nicht gefunden: {source}")
    parsed = parse_agreement(read_signed_text(source), dataset)
    values = parsed.values
    if "jahr" not in values or "partner" not in values:
        report = _write_report(source, parsed.notes)
        raise ScaffoldError(f"Jahr oder Partner nicht erkannt; nichts angelegt. Bericht: {report}")
    target = agreement_path(data_dir, values["partner"], values["jahr"])
    if target.exists():
        raise ScaffoldError(f"{target} gibt es schon; sie wird nicht überschrieben.")
    values["quelle"]["hinweis"] = f"Eingelesen aus {source.name}; bitte mit dem Original abgleichen."
    write_draft(target, "../../schema/vereinbarung.schema.json",
           f"Entwurf aus {source.name} (make import). Den Bericht {source.name}.bericht.txt lesen, dann `make check`.",
           FullTextAgreement, values, {})
    report = _write_report(source, parsed.notes)
    return ImportResult(target, report, parsed.notes)


def _write_report(source: Path, notes: list[str]) -> Path:
    report = source.with_name(source.name + ".bericht.txt")
    lines = notes or ["Alles erkannt."]
    report.write_text(f"Einlesen von {source.name}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return report


def parse_agreement(text: str, dataset: Dataset) -> _Parsed:
    parsed = _Parsed()
    lines = text.replace("\r\n", "\n").split("\n")
    plain = [_plain(line) for line in lines]

    year = _find_year(plain)
    partner = _find_partner(plain, dataset)
    if year is None:
        parsed.notes.append("Jahr nicht erkannt (erwartet z. B. „Zielvereinbarung“ und „2025“ am Anfang).")
    if partner is None:
        parsed.notes.append("Partner nicht erkannt (erwartet eine Zeile wie „und dem Landkreis …“).")
    if year is None or partner is None:
        return parsed
    standard = dataset.standard_texts.get(year)
    if standard is None:
        parsed.notes.append(f"Für {year} gibt es keinen Standardtext: erst `make neues-jahr JAHR={year}`.")
        return parsed

    naming_model = naming_for(partner)
    naming = naming_model.model_dump()
    starts = _section_starts(lines, standard, parsed)
    sections = {sid: lines[begin:end] for sid, (begin, end) in starts.items()}
    used: set[int] = set()

    budget = _find_budget(sections.get(_section_with(standard, "{budget}"), []))
    if budget is None:
        parsed.notes.append("Budget nicht erkannt (erwartet z. B. „1.118.780 Euro“ im Abschnitt mit {budget}).")

    list_section = _section_with(standard, "{projektliste}")
    measures, list_lines = _find_measures(sections.get(list_section, []), standard, parsed)
    signature_section = _section_with(standard, "{unterschriften}")
    signatories, signature_lines = _find_signatories(sections.get(signature_section, []), parsed)

    values_for_text = {**naming_values(naming_model),
                       "budget": thousands(budget) if budget is not None else "{budget}"}
    deviations = {}
    for section in standard.abschnitte:
        if section.id not in sections:
            continue
        begin, _ = starts[section.id]
        own = sections[section.id]
        if section.id == list_section:
            signed = _with_blocks(own, list_lines, "{projektliste}")
        elif section.id == signature_section:
            signed = _with_blocks(own, signature_lines, "{unterschriften}")
        else:
            signed = own
        expected = _PLACEHOLDER.sub(lambda m: values_for_text.get(m.group(1), m.group(0)), section.text)
        if _words(signed) != _words(expected):
            deviations[section.id] = "\n".join(line.rstrip() for line in signed).strip("\n")
            parsed.notes.append(f"Abschnitt „{section.titel}“ weicht vom Standardtext {year} ab: als Abweichung übernommen.")
        used.update(range(begin, begin + len(own)))

    for number, line in enumerate(lines, start=1):
        if line.strip() and number - 1 not in used:
            parsed.notes.append(f"Zeile {number}: nicht erkannt: {line.strip()}")

    title = " ".join(_plain(line) for line in sections.get(standard.abschnitte[0].id, []) if line.strip())
    parsed.values = {
        "jahr": year, "partner": partner.slug, "art": "wortlaut", "partner_im_text": naming,
        "budget": budget, "massnahmen": measures,
        "unterzeichnende": signatories or [{"name": None, "funktion": None, "ort": None}],
        "quelle": {"titel": title or None, "herausgeber": standard.ministerium.name},
        **({"abweichungen": deviations} if deviations else {}),
    }
    return parsed


def _plain(line: str) -> str:
    return " ".join(strip_markup(line).split())


def _words(lines: list[str] | str) -> list[str]:
    text = "\n".join(lines) if isinstance(lines, list) else lines
    return strip_markup(text).split()


def _find_year(plain: list[str]) -> int | None:
    head = " ".join(plain[:40])
    match = re.search(r"Zielvereinbarung\s+((?:19|20)\d\d)\b", head)
    return int(match.group(1)) if match else None


def _find_partner(plain: list[str], dataset: Dataset) -> Partner | None:
    for line in plain[:40]:
        if line.startswith("und "):
            named = line.removeprefix("und ")
            matches = [p for p in dataset.partners.values() if naming_for(p).dativ == named]
            if matches:
                return matches[0]
    return None


def _first_line(section_text: str) -> str:
    return next(_plain(line) for line in section_text.splitlines() if line.strip())


def _section_starts(lines: list[str], standard: StandardText, parsed: _Parsed) -> dict[str, tuple[int, int]]:
    """Where each standard section begins in the signed text, found by its first line."""
    found: list[tuple[str, int]] = []
    position = 0
    for section in standard.abschnitte:
        if _BLOCK_ONLY.fullmatch(section.text.strip()):
            # A section that is only a structured part (the signatures) starts where the previous ended;
            # its beginning is found after the last section below.
            found.append((section.id, -1))
            continue
        wanted = _first_line(section.text)
        index = next((i for i in range(position, len(lines)) if _plain(lines[i]) == wanted), None)
        if index is None:
            parsed.notes.append(f"Abschnitt „{section.titel}“ nicht gefunden (erwartet eine Zeile „{wanted}“).")
            continue
        found.append((section.id, index))
        position = index + 1
    starts: dict[str, tuple[int, int]] = {}
    for number, (section_id, begin) in enumerate(found):
        if begin < 0:
            continue
        end = next((b for _, b in found[number + 1:] if b >= 0), len(lines))
        starts[section_id] = (begin, end)
    # A trailing signature section: the signed text's place-and-date line ends the section before it.
    for section_id, begin in found:
        if begin < 0:
            previous_id = max(starts, key=lambda sid: starts[sid][0]) if starts else None
            if previous_id is None:
                continue
            previous_begin, previous_end = starts[previous_id]
            signature = next((i for i in range(previous_begin, previous_end) if _SIGNATURE_PLACE.match(_plain(lines[i]))), None)
            if signature is not None:
                starts[previous_id] = (previous_begin, signature)
                starts[section_id] = (signature, previous_end)
    return starts


_BLOCK_ONLY = re.compile(r"\{(projektliste|unterschriften)\}")


def _section_with(standard: StandardText, placeholder: str) -> str | None:
    return next((s.id for s in standard.abschnitte if placeholder in s.text), None)


def _find_budget(section: list[str]) -> int | None:
    match = re.search(r"(\d{1,3}(?:\.\d{3})+|\d+) Euro", " ".join(_plain(line) for line in section))
    return int(match.group(1).replace(".", "")) if match else None


def _find_measures(section: list[str], standard: StandardText, parsed: _Parsed) -> tuple[dict[str, list[str]], set[int]]:
    """The numbered list of measure types with their projects, and which lines of the section it took.

    A measure type's name may be wrapped over several lines (PDF); lines are added to it only while
    they continue one of the year's known wordings, so the paragraph after the list is never taken.
    """
    wordings = {" ".join(wording.split()): slug for slug, wording in standard.massnahmenarten.items()}
    measures: dict[str, list[str]] = {slug: [] for slug in standard.massnahmenarten}
    used: set[int] = set()
    current: str | None = None
    label: list[str] = []
    label_lines: list[int] = []

    def continues_a_wording(words: str) -> bool:
        return any(known == words or known.startswith(words + " ") for known in wordings)

    def close_label() -> None:
        nonlocal current
        if label:
            wording = " ".join(label)
            current = wordings.get(wording)
            if current is None:
                parsed.notes.append(f"Maßnahmenart nicht erkannt: „{wording}“ (Wortlaut laut Standardtext: "
                                    + "; ".join(standard.massnahmenarten.values()) + ").")
            else:
                used.update(label_lines)
            label.clear()
            label_lines.clear()

    for index, line in enumerate(section):
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if bullet and (label or current):
            close_label()
            if current is not None:
                measures[current].append(bullet.group(1).strip())
                used.add(index)
        elif numbered and continues_a_wording(_plain(numbered.group(2)).split(" ")[0]):
            close_label()
            label.append(_plain(numbered.group(2)))
            label_lines.append(index)
        elif label and line.strip() and continues_a_wording(" ".join([*label, _plain(line)])):
            label.append(_plain(line))
            label_lines.append(index)
        elif line.strip() and (label or current):
            close_label()
            current = None
    close_label()
    return measures, used


def _find_signatories(section: list[str], parsed: _Parsed) -> tuple[list[dict[str, Any]], set[int]]:
    """Place and date, name, and function lines of each signature."""
    signatories = []
    used: set[int] = set()
    index = 0
    while index < len(section):
        match = _SIGNATURE_PLACE.match(_plain(section[index]))
        if not match:
            index += 1
            continue
        used.add(index)
        day = date(int(match["jahr"]), int(match["monat"]), int(match["tag"])) if match["tag"] else None
        index += 1
        while index < len(section) and not section[index].strip():
            index += 1
        if index >= len(section):
            parsed.notes.append(f"Unterschrift in „{match['ort']}“ ohne Namen.")
            break
        name = section[index].strip()
        used.add(index)
        index += 1
        while index < len(section) and not section[index].strip():
            index += 1
        function = []
        while index < len(section) and section[index].strip() and not _SIGNATURE_PLACE.match(_plain(section[index])):
            function.append(section[index].strip())
            used.add(index)
            index += 1
        entry: dict[str, Any] = {"name": name, "funktion": "\n".join(function) or None, "ort": match["ort"].strip()}
        if day is not None:
            entry["datum"] = day
        signatories.append(entry)
    return signatories, used


def _with_blocks(section: list[str], structured: set[int], placeholder: str) -> list[str]:
    """The section's lines with its structured part (list, signatures) replaced by the placeholder."""
    if not structured:
        return section
    first = min(structured)
    return [placeholder if index == first else line for index, line in enumerate(section)
            if index == first or index not in structured]

"""A new year's standard text, proposed from the first signed agreement of that year.

When the first agreement of a year arrives, the ministry's standard text for that year usually has
not: the importer reads the agreement against the previous year's wording and proposes the new
year's from it. Sections the document words as the previous year did keep that year's wording; the
others take the document's wording with the partner's names, the budget, the project list and the
signatures turned back into placeholders. So the agreement itself has no deviations by accident, and
every choice a person must confirm is an open point of the proposal, which keeps `make check` and
the build refusing it until someone has compared it with the ministry's text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pydantic import ValidationError

from aqb.data.model import Partner, StandardText
from aqb.data.text import fill, naming_values, words
from aqb.formatting import thousands
from aqb.printed import names_grouped_number


class ProposalError(ValueError):
    """The document's wording cannot stand as a standard text (message in German)."""


def propose_standard(
    previous: StandardText,
    year: int,
    signed_sections: dict[str, str],
    partner: Partner,
    budget: int | None,
    file_name: str,
) -> StandardText:
    """`previous` with each section that the document words differently replaced by the document's wording.

    `signed_sections` holds the document's wording of the sections that differ from `previous` (the
    importer's deviations: list and signatures already as {projektliste} and {unterschriften}).
    """
    points = [
        f"Vorschlag aus {file_name}, der Vereinbarung mit {partner.bezeichnung}, auf Grundlage des Standardtextes "
        f"{previous.jahr}: mit dem Standardtext des Ministeriums für {year} abgleichen; was nur für "
        f"{partner.bezeichnung} gilt, gehört als Abweichung in deren Datei",
        f"ministerium und massnahmenarten aus {previous.jahr} übernommen: Namen und Kurznamen des Ministeriums und "
        "den Wortlaut der Maßnahmenarten mit dem unterzeichneten Dokument abgleichen",
    ]
    sections = []
    for section in previous.abschnitte:
        signed = signed_sections.get(section.id)
        if signed is None:
            sections.append(section.model_dump())
            continue
        text = _with_year(section.text, signed, previous.jahr, year, _values(partner, budget))
        if text is None:
            text = with_placeholders(signed, partner, budget, section.titel, points)
            points.append(
                f"Abschnitt „{section.titel}“: Wortlaut aus {file_name} statt aus {previous.jahr} – gilt er für alle "
                f"Vereinbarungen {year}?"
            )
        sections.append({**section.model_dump(), "text": text})
    points += _year_mentions(sections, previous.jahr)
    return _validated(previous, year, sections, points)


def _validated(previous: StandardText, year: int, sections: list[dict[str, str]], points: list[str]) -> StandardText:
    """The proposal as a standard text: the previous year's, with these sections and open points."""
    values = {**previous.model_dump(), "jahr": year, "abschnitte": sections, "offene_punkte": points}
    try:
        return StandardText.model_validate(values)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ProposalError(f"Standardtext {year} konnte nicht vorgeschlagen werden: {problems}") from None


@dataclass(frozen=True)
class SignedReading:
    """One document of a new year, read against the previous year's standard text."""

    file_name: str
    partner: Partner
    budget: int | None
    sections: dict[str, str]  # the sections it words differently, as signed (see propose_standard)


def propose_by_majority(previous: StandardText, year: int, readings: list[SignedReading]) -> StandardText:
    """The year's standard text from the wording most of its documents share, section by section.

    A section keeps the previous year's wording where most documents word it so; otherwise it takes the
    wording most documents share (names and budget as placeholders). How many agree is an open point;
    a document in the minority keeps its wording as its own deviation when it is imported.
    """
    names = ", ".join(reading.file_name for reading in readings)
    points = [
        f"Vorschlag aus {len(readings)} Dokumenten ({names}) auf Grundlage des Standardtextes {previous.jahr}: mit "
        f"dem Standardtext des Ministeriums für {year} abgleichen",
        f"ministerium und massnahmenarten aus {previous.jahr} übernommen: Namen und Kurznamen des Ministeriums und "
        "den Wortlaut der Maßnahmenarten mit dem unterzeichneten Dokument abgleichen",
    ]
    sections = []
    for section in previous.abschnitte:
        wordings = [_wording(section.id, section.text, section.titel, previous.jahr, year, r) for r in readings]
        text, section_points = _majority(section.titel, wordings, readings, year)
        points += section_points
        sections.append({**section.model_dump(), "text": text})
    points += _year_mentions(sections, previous.jahr)
    return _validated(previous, year, sections, points)


def _majority(
    title: str,
    wordings: list[tuple[tuple[str, ...] | None, str, list[str]]],
    readings: list[SignedReading],
    year: int,
) -> tuple[str, list[str]]:
    """The wording most documents share (a tie keeps the previous year's), and the open points on it."""
    counts = Counter(key for key, _, _ in wordings)
    most = max(counts.values())
    best = None if counts.get(None) == most else next(key for key, n in counts.items() if n == most)
    _, text, own_points = next(wording for wording in wordings if wording[0] == best)
    if best is None and len(counts) == 1:
        return text, []
    others = [r.file_name for r, (key, _, _) in zip(readings, wordings, strict=True) if key != best]
    point = (
        f"Abschnitt „{title}“: "
        + ("wie im Vorjahr" if best is None else "Wortlaut")
        + f" in {counts[best]} von {len(readings)} Dokumenten"
        + (f"; anders in {', '.join(others)} (dort als Abweichung)" if others else "")
        + f": gilt er für alle Vereinbarungen {year}?"
    )
    return text, [*own_points, point]


def _wording(
    section_id: str, previous_text: str, title: str, previous_year: int, year: int, reading: SignedReading
) -> tuple[tuple[str, ...] | None, str, list[str]]:
    """(its words as a key, None for the previous wording; the wording with placeholders; its open points)."""
    signed = reading.sections.get(section_id)
    if signed is None:
        return None, previous_text, []
    points: list[str] = []
    text = _with_year(previous_text, signed, previous_year, year, _values(reading.partner, reading.budget))
    if text is None:
        text = with_placeholders(signed, reading.partner, reading.budget, title, points)
    return tuple(words(text)), text, points


def _year_mentions(sections: list[dict[str, str]], previous_year: int) -> list[str]:
    """Where the previous year still stands: as the document has it, but worth a look ("2025 bis 2029")."""
    points = []
    for section in sections:
        for match in re.finditer(str(previous_year), section["text"]):
            excerpt = " ".join(section["text"][max(0, match.start() - 40) : match.end() + 40].split())
            points.append(
                f"Abschnitt „{section['titel']}“: „…{excerpt}…“ nennt {previous_year}: prüfen, ob das so gemeint ist"
            )
    return points


def _values(partner: Partner, budget: int | None) -> dict[str, str]:
    """What the placeholders stand for in this document (the budget only where it was recognised)."""
    return {**naming_values(partner.naming), **({"budget": thousands(budget)} if budget is not None else {})}


def _with_year(wording: str, signed: str, previous_year: int, year: int, values: dict[str, str]) -> str | None:
    """The previous wording with its year numbers changed, if that is exactly what the document says.

    Only all of them or none: where the document keeps some ("für die Jahre 2025 bis 2029"), its own
    wording is taken instead, so no year is changed that the document did not change.
    """
    changed = wording.replace(str(previous_year), str(year))
    if changed != wording and words(fill(changed, values)) == words(signed):
        return changed
    return None


def with_placeholders(
    signed: str, partner: Partner, budget: int | None, title: str, points: list[str], *, shared: bool = True
) -> str:
    """The document's wording with the partner's names and the budget as placeholders again.

    Used for a proposed standard text and for an agreement's deviations alike: a fact stands once, in
    its field, and the wording names it by placeholder (see aqb.data.facts). A choice between two cases
    that read alike, or a fact left in the words, is an open point in `points`. A name left in one
    agreement's own wording (`shared=False`) is its signed text, e.g. a proper name such as „Pro Arbeit –
    Kreis Offenbach – (AöR)“ or „Brüder-Grimm-Stadt Hanau“: no point asks to replace it; only a wording
    shared by all agreements of a year (a standard text) must not name one partner.
    """
    forms: dict[str, list[str]] = {}
    for placeholder, value in naming_values(partner.naming).items():
        forms.setdefault(value, []).append(placeholder)
    # Longest first, so "des Landkreises Fulda" is never cut into a shorter form; a name may be wrapped.
    texts = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, t.split())) for t in texts) + r")(?!\w)")

    def as_placeholder(match: re.Match[str]) -> str:
        candidates = forms[" ".join(match.group(1).split())]
        if len({name.lower() for name in candidates}) > 1:
            points.append(
                f"Abschnitt „{title}“: „{match.group(1)}“ als {{{candidates[0]}}} eingesetzt; bei "
                f"{partner.bezeichnung} lauten {', '.join('{' + c + '}' for c in candidates)} gleich – prüfen, "
                "welcher Fall gemeint ist"
            )
        return "{" + candidates[0] + "}"

    text = pattern.sub(as_placeholder, signed)
    if budget is not None:
        text = re.sub(rf"(?<![\w.]){re.escape(thousands(budget))}(?![\w.])", "{budget}", text)
    elif names_grouped_number(text):
        points.append(f"Abschnitt „{title}“ nennt einen Betrag: das Budget durch {{budget}} ersetzen")
    if shared and re.search(rf"(?<!\w){re.escape(partner.name)}(?!\w)", text):
        points.append(
            f"Abschnitt „{title}“ nennt noch „{partner.name}“: durch einen Platzhalter wie {{dativ}} ersetzen"
        )
    return text

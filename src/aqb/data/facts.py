"""One truth per fact: a deviation from the standard text may change words, never the facts.

The site shows an agreement's budget, projects, year, partner and signatures on their own (key
facts, tables, downloads, search) and fills the same values into the signed text through the
standard text's placeholders ({budget}, {projektliste}, {unterschriften}, the partner's names). A
deviation replaces a whole section's wording, so it could print another amount, list another project,
name another year or partner: then the page would say one thing above and another below. So a
deviation keeps every placeholder its section has, and names no amount, year, date, project or
partner that the standard wording of that section does not already name. Each problem names the
field that holds the fact, so the message can point at both places.

A record with its signed original is held to that document instead (`aqb.data.signed`: the page
word for word against the original, the budget against § 4): there verbatim wins, and a deviation
may write an amount, a year or a name as signed. Only the structured parts stay: the project list
and the signatures come from their fields ({projektliste}, {unterschriften}), so the lists, tables
and downloads show what the text shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from aqb.printed import AMOUNT_IN_WORDING, DATE_IN_WORDING, MARKDOWN_LIST_ITEM, NAMED_PLACEHOLDER, YEAR_IN_WORDING

# The field a placeholder fills in: where the fact itself stands.
PLACEHOLDER_FIELDS = {"{budget}": "budget", "{projektliste}": "massnahmen", "{unterschriften}": "unterzeichnende"}
NAME_FIELD = "partner"


class FactProblem(NamedTuple):
    offset: int  # in the deviation
    field: str  # the record's field that holds the fact
    message: str
    hint: str


def deviation_fact_problems(
    deviation: str, standard_wording: str, year: int | None, other_partners: Iterable[str], *, signed: bool = False
) -> Iterator[FactProblem]:
    """Each fact the deviation would change, with the field that holds it (German messages).

    `signed`: the record has its original, which is compared word for word; only the structured parts
    (project list, signatures) are checked here."""
    yield from _structure_problems(deviation, standard_wording)
    if not signed:
        yield from _stated_fact_problems(deviation, standard_wording, year, other_partners)


_STRUCTURED = ("{projektliste}", "{unterschriften}")


def _structure_problems(deviation: str, standard_wording: str) -> Iterator[FactProblem]:
    for placeholder in _dropped_placeholders(deviation, standard_wording):
        if placeholder in _STRUCTURED:
            yield _dropped(placeholder)
    if NAMED_PLACEHOLDER.fullmatch(standard_wording.strip()) and deviation.strip() != standard_wording.strip():
        placeholder = standard_wording.strip()
        yield FactProblem(
            0,
            PLACEHOLDER_FIELDS.get(placeholder, NAME_FIELD),
            f"ändert einen Abschnitt, der nur aus {placeholder} besteht",
            "Dieser Abschnitt hat keinen eigenen Wortlaut; was dort steht, kommt aus den Feldern.",
        )
    if "{projektliste}" in standard_wording:
        for match in MARKDOWN_LIST_ITEM.finditer(deviation):
            yield FactProblem(
                match.start(),
                "massnahmen",
                "hat eine eigene Aufzählung neben {projektliste}",
                "Projekte stehen unter massnahmen; {projektliste} setzt sie in den Text.",
            )


def _dropped_placeholders(deviation: str, standard_wording: str) -> list[str]:
    """The placeholders the standard wording has and the deviation does not, in order."""
    return sorted(set(NAMED_PLACEHOLDER.findall(standard_wording)) - set(NAMED_PLACEHOLDER.findall(deviation)))


def _dropped(placeholder: str) -> FactProblem:
    return FactProblem(
        0,
        PLACEHOLDER_FIELDS.get(placeholder, NAME_FIELD),
        f"lässt den Platzhalter '{placeholder}' des Standardtexts weg",
        "Den Platzhalter stehen lassen: Er setzt den Wert aus den Feldern ein (Budget, Projekte, "
        "Unterschriften, Name), so sagen Eckdaten und Wortlaut dasselbe.",
    )


def _stated_fact_problems(
    deviation: str, standard_wording: str, year: int | None, other_partners: Iterable[str]
) -> Iterator[FactProblem]:
    for placeholder in _dropped_placeholders(deviation, standard_wording):
        if placeholder not in _STRUCTURED:
            yield _dropped(placeholder)
    amount, hint = "nennt einen Betrag, den der Standardtext hier nicht hat", "Das Budget kommt über {budget}."
    yield from _new_matches(deviation, standard_wording, AMOUNT_IN_WORDING, "budget", amount, hint)
    date = "nennt ein Datum, das der Standardtext hier nicht hat"
    hint = "Unterschriften mit Datum kommen über {unterschriften}."
    yield from _new_matches(deviation, standard_wording, DATE_IN_WORDING, "unterzeichnende", date, hint)
    for match in YEAR_IN_WORDING.finditer(deviation):
        if match.group() not in standard_wording and (year is None or int(match.group()) != year):
            yield FactProblem(
                match.start(),
                "jahr",
                f"nennt das Jahr {match.group()}, die Vereinbarung gilt für {year}",
                "Jahreszahlen nur so, wie sie im Standardtext dieses Abschnitts stehen.",
            )
    for name in other_partners:
        found = deviation.find(name)
        if found >= 0 and name not in standard_wording:
            hint = "Den eigenen Namen über die Platzhalter setzen ({nominativ}, {dativ} …)."
            yield FactProblem(found, NAME_FIELD, f"nennt eine andere Gebietskörperschaft: '{name}'", hint)


def _new_matches(
    deviation: str, standard_wording: str, pattern: re.Pattern[str], field: str, message: str, hint: str
) -> Iterator[FactProblem]:
    known = {match.group().strip() for match in pattern.finditer(standard_wording)}
    for match in pattern.finditer(deviation):
        if match.group().strip() not in known:
            yield FactProblem(match.start(), field, f"{message}: '{match.group().strip()}'", hint)

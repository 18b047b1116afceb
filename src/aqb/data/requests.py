"""Requests for agreements under Hessen's freedom-of-information law (data/anfragen.yaml), checked.

A request names a partner (or all partners) and a year; it is shown where that agreement is missing,
and as answered once the agreement is in data/, without anyone editing this file.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from aqb.data.addresses import comparable_address
from aqb.data.checks import located
from aqb.data.messages import suggest
from aqb.data.model import ALL_PARTNERS, InformationRequest, MinistryName, Partner, RequestsFile
from aqb.data.problems import Problem
from aqb.data.yamlsource import Location, YamlDocument
from aqb.printed import TEMPLATE_PLACEHOLDER

REQUESTS_FILE = "anfragen.yaml"
# The placeholders each wording may use (in the file's order): "{partner}" and "{ministerium}" in the
# dative, as they stand after "mit" and "zwischen"; the publication sentence quotes the year's text.
TEMPLATE_PLACEHOLDERS = {
    "betreff": ("jahr", "partner"),
    "text": ("jahr", "partner", "ministerium"),
    "betreff_alle": ("jahr",),
    "text_alle": ("jahr", "ministerium"),
    "veroeffentlichung": ("jahr", "paragraf", "zitat"),
}


def requests_file_problems(
    document: YamlDocument, loaded: RequestsFile, partners: dict[str, Partner]
) -> Iterator[Problem]:
    """Everything wrong in data/anfragen.yaml beyond its shape: wording, ministry names, requests."""
    yield from template_problems(document, loaded)
    yield from ministry_problems(document, loaded.ministerien)
    yield from request_problems(document, loaded.anfragen, partners)


def template_problems(document: YamlDocument, loaded: RequestsFile) -> Iterator[Problem]:
    """Each wording may name only its own placeholders."""
    for field, allowed in TEMPLATE_PLACEHOLDERS.items():
        for name in TEMPLATE_PLACEHOLDER.findall(getattr(loaded, field)):
            if name not in allowed:
                yield located(
                    document,
                    (field,),
                    f"unbekannter Platzhalter: '{{{name}}}'",
                    "Erlaubt sind hier " + ", ".join(f"{{{a}}}" for a in allowed) + ".",
                )


def ministry_problems(document: YamlDocument, names: list[MinistryName]) -> Iterator[Problem]:
    """The ministry's names in order: each one's years after the previous one's, only today's open-ended."""
    last_year = 0
    for index, entry in enumerate(names):
        at = ("ministerien", index)
        first, last = entry.vereinbarungen_von, entry.vereinbarungen_bis
        if first is None and last is not None:
            yield located(
                document,
                (*at, "vereinbarungen_von"),
                "fehlt, obwohl vereinbarungen_bis steht",
                "Das erste Jahr eintragen oder beide Felder weglassen.",
            )
        elif last is None and first is not None and index < len(names) - 1:
            yield located(
                document,
                (*at, "vereinbarungen_bis"),
                "fehlt: nur der heutige (letzte) Name gilt bis heute",
                "Das letzte Jahr eintragen, dessen Vereinbarungen nachweislich unter diesem Namen geschlossen sind.",
            )
        elif first is not None and (first <= last_year or (last is not None and last < first)):
            yield located(
                document,
                (*at, "vereinbarungen_von"),
                f"Jahre passen nicht: '{first}' bis '{last or 'heute'}'",
                "Die Namen stehen ältester zuerst; ihre Jahre überschneiden sich nicht, und von ≤ bis.",
            )
        last_year = max(last_year, last or first or 0)


def request_problems(
    document: YamlDocument, requests: list[InformationRequest], partners: dict[str, Partner]
) -> Iterator[Problem]:
    seen: dict[tuple[str, int, str], int] = {}
    for index, request in enumerate(requests):
        at = ("anfragen", index)
        yield from _partner_problems(document, at, request, partners)
        yield from _date_problems(document, at, request)
        # One request under two spellings of its address (with "#…", the host in capitals) is still one.
        first = seen.setdefault((request.partner, request.jahr, comparable_address(request.adresse)), index)
        if first != index:
            yield located(
                document,
                (*at, "adresse"),
                f"doppelte Anfrage: dieselbe wie anfragen[{first + 1}]",
                "Jede Anfrage einmal eintragen; den neuen Stand unter status. Adressen gelten als gleich, wenn sie "
                "sich nur in „#…“, der Schreibweise des Rechnernamens oder „:443“ unterscheiden.",
            )


def _partner_problems(
    document: YamlDocument, at: Location, request: InformationRequest, partners: dict[str, Partner]
) -> Iterator[Problem]:
    partner = partners.get(request.partner)
    if request.partner != ALL_PARTNERS and partner is None:
        yield located(
            document,
            (*at, "partner"),
            f"ist keine bekannte Gebietskörperschaft: '{request.partner}'",
            f"{suggest(request.partner, partners)} Für alle Partner: partner: {ALL_PARTNERS}",
        )
    elif partner is not None and not partner.exists_in(request.jahr):
        yield located(
            document,
            (*at, "jahr"),
            f"{partner.bezeichnung} war {request.jahr} kein Partner des AQB: '{request.jahr}'",
            "Das Jahr der erfragten Vereinbarung eintragen.",
        )


def _date_problems(document: YamlDocument, at: Location, request: InformationRequest) -> Iterator[Problem]:
    """A request is filed in the agreement's year or later, and not in the future.

    The site offers a request only for a year that has begun, and a year in the future is refused here
    too; agreements are signed during their year (the 2025 one in August; a signature in the year before
    is allowed, but none is known). So a date before the year (1900-01-01, or 2015 for 2025) is a typo
    in datum or jahr. As jahr is 2014 or later, no request is dated before the AQB began either.
    """
    today = datetime.date.today()
    filed = request.datum.isoformat()
    if request.datum > today:
        yield located(document, (*at, "datum"), f"liegt in der Zukunft: '{filed}'", "Den Tag der Anfrage.")
    elif request.datum.year < request.jahr <= today.year:  # a year in the future has its own message
        yield located(
            document,
            (*at, "datum"),
            f"liegt vor dem Jahr der erfragten Vereinbarung ({request.jahr}): '{filed}'",
            f"Den Tag der Anfrage eintragen; eine Vereinbarung für {request.jahr} kann frühestens am 1. Januar "
            f"{request.jahr} angefragt werden. Sonst das Jahr (jahr) prüfen.",
        )
    if request.jahr > today.year:
        yield located(
            document, (*at, "jahr"), f"liegt in der Zukunft: '{request.jahr}'", "Erfragt werden geschlossene Jahre."
        )

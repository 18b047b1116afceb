"""Requests for agreements under Hessen's freedom-of-information law (data/anfragen.yaml), checked.

A request names a partner (or all partners) and a year; it is shown where that agreement is missing,
and as answered once the agreement is in data/, without anyone editing this file.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from aqb.data.checks import located
from aqb.data.messages import suggest
from aqb.data.model import ALL_PARTNERS, InformationRequest, Partner, RequestsFile
from aqb.data.problems import Problem
from aqb.data.yamlsource import YamlDocument

REQUESTS_FILE = "anfragen.yaml"
TEMPLATE_PLACEHOLDERS = ("jahr", "partner")


def template_problems(document: YamlDocument, loaded: RequestsFile) -> Iterator[Problem]:
    """The request wording may name the year and the partner, nothing else."""
    for field in ("betreff", "text"):
        for name in re.findall(r"\{([^{}]*)\}", getattr(loaded, field)):
            if name not in TEMPLATE_PLACEHOLDERS:
                yield located(
                    document,
                    (field,),
                    f"unbekannter Platzhalter: '{{{name}}}'",
                    "Erlaubt sind {jahr} und {partner} (z. B. „dem Landkreis Fulda“).",
                )


def request_problems(
    document: YamlDocument, requests: list[InformationRequest], partners: dict[str, Partner]
) -> Iterator[Problem]:
    today = datetime.date.today()
    seen: dict[tuple[str, int, str], int] = {}
    for index, request in enumerate(requests):
        at = ("anfragen", index)
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
        if request.datum > today:
            yield located(
                document, (*at, "datum"), f"liegt in der Zukunft: '{request.datum.isoformat()}'", "Den Tag der Anfrage."
            )
        if request.jahr > today.year:
            yield located(
                document, (*at, "jahr"), f"liegt in der Zukunft: '{request.jahr}'", "Erfragt werden geschlossene Jahre."
            )
        first = seen.setdefault((request.partner, request.jahr, request.adresse), index)
        if first != index:
            yield located(
                document,
                (*at, "adresse"),
                f"doppelte Anfrage: dieselbe wie anfragen[{first + 1}]",
                "Jede Anfrage einmal eintragen; den neuen Stand unter status.",
            )

"""What can be downloaded, in which formats, under which licence: /daten/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.data.schema import schemas
from aqb.outputs.exports import AGREEMENTS, LICENCE, PARTNERS, PROJECTS, WORKBOOK
from aqb.pages.context import SiteData
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import partner_url


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("daten/index.md", "Offene Daten", OPEN_DATA)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    years = sorted({a.jahr for a in site.dataset.agreements}, reverse=True)
    return {
        "lizenz": LICENCE,
        "jahre": [str(y) for y in years],
        "spalten": {
            "vereinbarungen.csv": AGREEMENTS.names,
            "projekte.csv": PROJECTS.names,
            "gebietskoerperschaften.csv": PARTNERS.names,
        },
        "schemas": [f"daten/schema/{name}.json" for name in schemas(site.dataset)],
        "arbeitsmappe": WORKBOOK,
        # Every partner's feed, also before its first agreement.
        "feeds": [{"name": p.bezeichnung, "pfad": f"{partner_url(p.slug)}feed.xml"} for p in site.partners_sorted()],
        "oeffentliche_adresse": site.public_url,
    }


OPEN_DATA = PageKind("daten", "aqb/pages/daten.html", pages, data)

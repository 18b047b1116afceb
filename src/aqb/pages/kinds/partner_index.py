"""The list of all Landkreise and kreisfreie Städte by Regierungsbezirk: /kreise/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.pages.context import REGIERUNGSBEZIRKE, SiteData, partner_facts
from aqb.pages.kinds.base import PageKind, PageSpec


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("kreise/index.md", "Kreise und kreisfreie Städte", PARTNER_INDEX)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    groups = []
    for district in REGIERUNGSBEZIRKE:
        members = [partner_facts(site, p) for p in site.partners_sorted() if p.regierungsbezirk == district]
        groups.append({"name": district, "partner": members})
    return {"regierungsbezirke": groups, "anzahl": len(site.dataset.partners)}


PARTNER_INDEX = PageKind("partner_index", "aqb/pages/partner-index.html", pages, data)

"""The start page (content/index.md, hand-written) gets the newest agreements and the counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from aqb.pages.context import SiteData, agreement_summary
from aqb.pages.coverage import Status, programme_years, tile_map
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.urls import year_url

NEWEST_ON_START_PAGE = 6


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("index.md", "", START, generated=False)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    years = programme_years(site.dataset)
    # The map of the newest year anything is published for (this year's agreements come later).
    shown = max(site.dataset.years(), default=years[-1])
    karte = tile_map(site, shown)
    return {
        "karte": karte,
        "abdeckung": coverage(karte),
        "jahre": [{"jahr": year, "url": year_url(year), "gezeigt": year == shown} for year in years],
        "neueste": [agreement_summary(site, a) for a in site.newest_first()[:NEWEST_ON_START_PAGE]],
        "anzahl": len(site.dataset.agreements),
        "partner_anzahl": len(site.dataset.partners),
    }


def coverage(karte: dict[str, Any]) -> dict[str, int]:
    """How many of the map's year's agreements are published, in words on the start page: of the
    partners of that year, with the signed text, with key figures only, and not (yet) here."""
    statuses = [status for tile in karte["kacheln"] if (status := Status.keyed(tile["status"])).is_partner()]
    published = sum(status.is_published() for status in statuses)
    full_text = statuses.count(Status.FULL_TEXT)
    return {
        "jahr": karte["jahr"],
        "partner_anzahl": len(statuses),
        "veroeffentlicht": published,
        "wortlaut": full_text,
        "eckdaten": published - full_text,
        "fehlen": len(statuses) - published,
    }


def changed(site: SiteData, subject: None) -> date | None:
    return site.file_dates.get("content/index.md")  # its text is hand-written; the list follows the data


START = PageKind("start", "aqb/pages/start.html", pages, data, changed)

"""The search page with its filters: /suche/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.pages.context import REGIERUNGSBEZIRKE, SiteData
from aqb.pages.kinds.base import PageKind, PageSpec

# Search filters: the name Pagefind shows and counts, and the URL parameter of the search page.
SEARCH_FILTERS = {"Gebietskörperschaft": "kreis", "Jahr": "jahr", "Regierungsbezirk": "bezirk", "Maßnahmenart": "art"}


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("suche.md", "Suche", SEARCH, searchable=False)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    """Every filter with every value the site has, so the form works before any script runs."""
    values = {
        "Gebietskörperschaft": [p.bezeichnung for p in site.partners_sorted()],
        "Jahr": [str(year) for year in reversed(site.dataset.years())],
        "Regierungsbezirk": list(REGIERUNGSBEZIRKE),
        "Maßnahmenart": [m.kurzname for m in site.dataset.measure_types.values()],
    }
    return {
        "filter": [{"name": name, "parameter": SEARCH_FILTERS[name], "werte": values[name]} for name in SEARCH_FILTERS]
    }


SEARCH = PageKind("suche", "aqb/pages/suche.html", pages, data)

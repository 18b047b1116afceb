"""The contributor guide (CONTRIBUTING.md) with the field reference from the model: /mitmachen/."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aqb.data.fields import field_reference
from aqb.data.text import render_markdown
from aqb.pages.context import SiteData
from aqb.pages.kinds.base import PageKind, PageSpec


def pages(site: SiteData) -> Iterator[PageSpec]:
    yield PageSpec("mitmachen.md", "Mitmachen: eine Vereinbarung ergänzen", CONTRIBUTING)


def data(site: SiteData, subject: None) -> dict[str, Any]:
    guide = site.contributor_guide
    if guide.startswith("# "):
        guide = guide.split("\n", 1)[1]  # the guide's own first heading is the page title
    return {
        "leitfaden_html": render_markdown(guide, heading_prefix="leitfaden"),
        "felder": field_reference(),
        "repository_url": site.repository.address if site.repository.known else None,
        "neue_vereinbarung_url": site.repository.new_agreement_url(),
    }


CONTRIBUTING = PageKind("mitmachen", "aqb/pages/mitmachen.html", pages, data)

"""Every kind of page the site has, in the order their pages are added to the build.

Adding a page kind: a module in `aqb/pages/kinds/`, its template in `overrides/aqb/pages/`, and
one line here.
"""

from __future__ import annotations

from aqb.pages.kinds import (
    agreement,
    comparison,
    contributing,
    missing,
    open_data,
    partner,
    partner_index,
    programme,
    projects,
    search,
    start,
    year,
    year_index,
)
from aqb.pages.kinds.base import PageKind

PAGE_KINDS: tuple[PageKind, ...] = (
    start.START,
    partner_index.PARTNER_INDEX,
    partner.PARTNER,
    agreement.AGREEMENT,
    missing.MISSING,
    year_index.YEAR_INDEX,
    projects.PROJECT_INDEX,
    projects.PROJECTS,
    comparison.COMPARISON,
    search.SEARCH,
    contributing.CONTRIBUTING,
    open_data.OPEN_DATA,
    programme.PROGRAMME,
    year.YEAR,
)

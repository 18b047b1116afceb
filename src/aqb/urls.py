"""The public addresses (permalinks) of the site, relative to its root: keep them stable."""

from __future__ import annotations

from aqb.data.model import AnyAgreement


def partner_url(slug: str) -> str:
    return f"kreise/{slug}/"


def agreement_url(agreement: AnyAgreement) -> str:
    return f"kreise/{agreement.partner}/{agreement.jahr}/"


def missing_url(slug: str, year: int) -> str:
    """The page of a partner-year without a record: the same address its agreement will have."""
    return f"kreise/{slug}/{year}/"


def year_url(year: int) -> str:
    return f"jahre/{year}/"


def projects_url(year: int) -> str:
    """The projects of one year; /projekte/ itself lists the years."""
    return f"projekte/{year}/"

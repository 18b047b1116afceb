"""The public addresses (permalinks) of the site, relative to its root: keep them stable."""

from __future__ import annotations

from aqb.data.model import AnyAgreement


def partner_url(slug: str) -> str:
    return f"kreise/{slug}/"


def agreement_url(agreement: AnyAgreement) -> str:
    return f"kreise/{agreement.partner}/{agreement.jahr}/"


def year_url(year: int) -> str:
    return f"jahre/{year}/"

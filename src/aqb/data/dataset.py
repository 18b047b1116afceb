"""Everything in data/, validated and cross-checked, and the questions callers ask of it."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from aqb.data.model import (
    ALL_PARTNERS,
    AnyAgreement,
    FullTextAgreement,
    InformationRequest,
    MeasureType,
    Partner,
    RequestsFile,
    RequestState,
    StandardText,
    StatewideTotal,
)
from aqb.data.problems import Problem

AGREEMENTS_DIR = "vereinbarungen"


def record_path(year: int, partner: str) -> str:
    """Where the record of `partner` in `year` lives, relative to data/: one place for this scheme."""
    return f"{AGREEMENTS_DIR}/{year}/{partner}.yaml"


@dataclass(frozen=True)
class Dataset:
    """Everything in data/, validated and cross-checked."""

    partners: dict[str, Partner]
    measure_types: dict[str, MeasureType]
    standard_texts: dict[int, StandardText]
    agreements: tuple[AnyAgreement, ...]  # sorted by year, then partner
    statewide_totals: dict[int, StatewideTotal]
    # Suspicious but valid data, for `make check` to point out (never a reason to refuse).
    warnings: tuple[Problem, ...] = ()
    # The wording of new requests and the requests filed (data/anfragen.yaml); None where missing.
    requests: RequestsFile | None = None

    def years(self) -> list[int]:
        """Every year the site has something for: an agreement, a key-figures record or a statewide total."""
        return sorted(set(self._by_year) | set(self.statewide_totals))

    def of_partner(self, slug: str) -> tuple[AnyAgreement, ...]:
        """The partner's records, oldest first."""
        return self._by_partner.get(slug, ())

    def in_year(self, year: int) -> tuple[AnyAgreement, ...]:
        """The year's records, by partner slug."""
        return self._by_year.get(year, ())

    def agreement(self, year: int, partner: str) -> AnyAgreement | None:
        return self._by_year_and_partner.get((year, partner))

    def answers(self, request: InformationRequest) -> bool:
        """Whether every agreement a request asked for is here now, with its text (it then counts as
        answered; key figures from a press release are not what was asked for)."""
        if request.partner == ALL_PARTNERS:
            asked = [p.slug for p in self.partners.values() if p.exists_in(request.jahr)]
        else:
            asked = [request.partner]
        return all(isinstance(self.agreement(request.jahr, slug), FullTextAgreement) for slug in asked)

    def request_status(self, request: InformationRequest) -> RequestState:
        """A request's state as the site and its downloads show it: "beantwortet" once it `answers`,
        else as filed in data/anfragen.yaml."""
        return "beantwortet" if self.answers(request) else request.status

    @staticmethod
    def source_path(agreement: AnyAgreement) -> str:
        """The record's file as staff see it in the repository: data/vereinbarungen/<jahr>/<kürzel>.yaml."""
        return "data/" + record_path(agreement.jahr, agreement.partner)

    @functools.cached_property
    def _by_partner(self) -> dict[str, tuple[AnyAgreement, ...]]:
        grouped: dict[str, list[AnyAgreement]] = {slug: [] for slug in self.partners}
        for a in self.agreements:
            if a.partner in grouped:
                grouped[a.partner].append(a)
        return {slug: tuple(records) for slug, records in grouped.items()}

    @functools.cached_property
    def _by_year_and_partner(self) -> dict[tuple[int, str], AnyAgreement]:
        """The first record of each year and partner (the loader allows one)."""
        first: dict[tuple[int, str], AnyAgreement] = {}
        for a in self.agreements:
            first.setdefault((a.jahr, a.partner), a)
        return first

    @functools.cached_property
    def _by_year(self) -> dict[int, tuple[AnyAgreement, ...]]:
        grouped: dict[int, list[AnyAgreement]] = {}
        for a in self.agreements:
            grouped.setdefault(a.jahr, []).append(a)
        return {year: tuple(records) for year, records in grouped.items()}

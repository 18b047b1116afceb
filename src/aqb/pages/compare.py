"""What changed between two agreements of one partner: budget, projects, wording."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from aqb.data.model import AnyAgreement, FullTextAgreement, PartnerNaming, StandardText
from aqb.data.text import filled_wording, strip_markup
from aqb.printed import without_project_years


def series_key(project: str) -> str:
    """The same project across years: 'Motivierendes Coaching Marburg 2025/2026' → 'motivierendes coaching marburg'."""
    return " ".join(without_project_years(project).split()).casefold()


@dataclass(frozen=True)
class BudgetChange:
    difference: int
    percent: float | None  # None when the earlier budget was 0


def budget_change(earlier: int, later: int) -> BudgetChange:
    return BudgetChange(later - earlier, (later - earlier) / earlier * 100 if earlier else None)


@dataclass(frozen=True)
class ProjectChange:
    measure_type: str  # slug, or "" for projects without a measure type
    added: tuple[str, ...]
    dropped: tuple[str, ...]


def project_changes(earlier: AnyAgreement, later: AnyAgreement) -> list[ProjectChange]:
    """Projects added and dropped per measure type (a renamed year, '… 2025' → '… 2026', is no change)."""
    changes = []
    for slug in dict.fromkeys([*earlier.massnahmen, *later.massnahmen]):
        before, after = earlier.massnahmen.get(slug, []), later.massnahmen.get(slug, [])
        before_keys, after_keys = {series_key(q) for q in before}, {series_key(q) for q in after}
        added = tuple(p for p in after if series_key(p) not in before_keys)
        dropped = tuple(p for p in before if series_key(p) not in after_keys)
        if added or dropped:
            changes.append(ProjectChange(slug, added, dropped))
    return changes


@dataclass(frozen=True)
class Token:
    kind: Literal["gleich", "neu", "entfallen"]
    text: str


@dataclass(frozen=True)
class SectionChange:
    id: str
    titel: str
    tokens: tuple[Token, ...]


def text_changes(
    earlier: FullTextAgreement,
    earlier_standard: StandardText,
    later: FullTextAgreement,
    later_standard: StandardText,
    naming: PartnerNaming,
) -> list[SectionChange]:
    """Sections whose words differ between two full texts of one partner, as a word-level diff."""
    before = {section[0]: section[1] for section in filled_wording(earlier, earlier_standard, naming)}
    changes = []
    for section_id, titel, wording in filled_wording(later, later_standard, naming, with_titles=True):
        if before.get(section_id) == wording:
            continue  # the common case, without taking the markup apart
        old_words = _words(before.get(section_id, ""))
        new_words = _words(wording)
        if old_words == new_words or _only_the_year(old_words, new_words, earlier.jahr, later.jahr):
            continue
        tokens = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
            if tag == "equal":
                tokens.append(Token("gleich", " ".join(old_words[i1:i2])))
                continue
            if i2 > i1:
                tokens.append(Token("entfallen", " ".join(old_words[i1:i2])))
            if j2 > j1:
                tokens.append(Token("neu", " ".join(new_words[j1:j2])))
        changes.append(SectionChange(section_id, titel, tuple(tokens)))
    return changes


def _only_the_year(old_words: list[str], new_words: list[str], old_year: int, new_year: int) -> bool:
    """The same wording but for the agreement's own year ("Budget 2024" → "Budget 2025"): not a change
    a reader needs to see; every other difference, a year among them, still is one."""
    return [word.replace(str(old_year), str(new_year)) for word in old_words] == new_words


def _words(wording: str) -> list[str]:
    return strip_markup(wording).split()

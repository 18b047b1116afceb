"""How numbers, dates and names are written on the site (German conventions)."""

from __future__ import annotations

from datetime import date

_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def thousands(amount: int) -> str:
    """1118780 → '1.118.780'."""
    return f"{amount:,}".replace(",", ".")


def euro(amount: int) -> str:
    """1118780 → '1.118.780 €'."""
    return f"{thousands(amount)} €"


def signed_euro(amount: int) -> str:
    """Change of a budget: 20000 → '+20.000 €', -5 → '−5 €'."""
    return f"{'+' if amount > 0 else '−' if amount < 0 else '±'}{thousands(abs(amount))} €"


def signed_percent(percent: float | None) -> str | None:
    """12.345 → '+12,3 %' (German decimal comma); None stays None."""
    if percent is None:
        return None
    sign = "+" if percent > 0 else "−" if percent < 0 else "±"
    return f"{sign}{abs(percent):.1f} %".replace(".", ",")


def short_date(day: date) -> str:
    """As the agreements print signature dates: 2025-08-02 → '2.8.2025'."""
    return f"{day.day}.{day.month}.{day.year}"


def long_date(day: date) -> str:
    """2026-01-01 → '1. Januar 2026'."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def sort_key(text: str) -> str:
    """Sort German names as a reader expects: Ä with A, ß as ss."""
    return text.casefold().translate(_SORT_LETTERS)


_SORT_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})

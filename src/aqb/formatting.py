"""How numbers, dates and names are written on the site (German conventions)."""

from __future__ import annotations

from datetime import date

_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember")


def thousands(amount: int) -> str:
    """1118780 → '1.118.780'."""
    return f"{amount:,}".replace(",", ".")


def euro(amount: int) -> str:
    """1118780 → '1.118.780 €'."""
    return f"{thousands(amount)} €"


def short_date(day: date) -> str:
    """As the agreements print signature dates: 2025-08-02 → '2.8.2025'."""
    return f"{day.day}.{day.month}.{day.year}"


def long_date(day: date) -> str:
    """2026-01-01 → '1. Januar 2026'."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def sort_key(text: str) -> str:
    """Sort German names as a reader expects: Ä with A, ß as ss."""
    return text.casefold().translate(str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"}))

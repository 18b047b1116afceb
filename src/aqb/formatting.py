"""How numbers, dates and names are written on the site (German conventions), and how any text is printed
safely on one line of a message."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import regex

MONTHS = (  # German month names, January first: for writing dates and for reading them
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
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def sort_key(text: str) -> str:
    """Sort German names as a reader expects: Ä with A, ß as ss."""
    return text.casefold().translate(_SORT_LETTERS)


_SORT_LETTERS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


# Characters that are never part of a text a person typed, wherever it comes from: C0 controls but tab,
# line feed, form feed and carriage return; DEL and the C1 controls; Unicode's line and paragraph
# separators (YAML and JavaScript end lines there, a reader sees none); the bidirectional embeddings,
# overrides and isolates (they reorder what a reader sees); the noncharacters U+FFFE and U+FFFF. Each
# kind of input adds what has no place in it, and says why:
_NEVER_TEXT = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
# a YAML file (aqb.data.yamlsource): a form feed has no use there; a carriage return is a Windows line end;
CONTROL_IN_YAML = re.compile(f"[{_NEVER_TEXT}\x0c]")
# one value as YAML gave it (aqb.data.problems): its line ends are line feeds, so a form feed or a
# carriage return left in it came from an escape ("\r") and reaches pages, downloads and terminals;
CONTROL_IN_VALUE = re.compile(f"[{_NEVER_TEXT}\x0c\x0d]")
# a signed document's text (aqb.document.text): a form feed is its page break, a carriage return a line
# end; a byte order mark inside the text is a leftover of files pasted together.
CONTROL_IN_DOCUMENT = re.compile(f"[{_NEVER_TEXT}\ufeff]")

# What shows nothing, or nothing certain, yet makes a value differ from one that looks the same: the
# one definition behind the rule for every text in data/ (yamlsource refuses these with line and
# column) and behind how a message prints a value (escaped). Unicode's own list, the property
# Default_Ignorable_Code_Point (zero-width characters, soft hyphen, variation selectors, Hangul
# fillers, tag characters, U+1D173…), rather than a list of ours that misses some; the remaining
# format characters (Cf, such as the interlinear annotation marks U+FFF9–U+FFFB); and the blanks
# Unicode counts as symbols, not as ignorable: U+2800 BRAILLE PATTERN BLANK and U+1D159 MUSICAL
# SYMBOL NULL NOTEHEAD. Spaces (Zs) are not in it: a no-break space is a space, and names allow
# only the plain one anyway (model._title_safe).
INVISIBLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800\U0001D159]")

# Characters that could change what a terminal or a CI log shows: control characters (ANSI escapes,
# carriage returns, line breaks that would start a line such as `::error …`), format characters
# (bidirectional overrides, zero-width characters) and line/paragraph separators; and INVISIBLE.
_UNPRINTABLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def escaped(text: str) -> str:
    """`text` safe to print on one line: every invisible or control character as \\xNN or \\uNNNN."""
    if text.isprintable() and not INVISIBLE.search(text):  # the common case, fast
        return text
    return "".join(_escape_char(char) if _unprintable(char) else char for char in text)


def _unprintable(char: str) -> bool:
    return unicodedata.category(char) in _UNPRINTABLE_CATEGORIES or INVISIBLE.match(char) is not None


def _escape_char(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# The head of a table of projects, as ministries set § 5: the table's layout, not words of the agreement
# (the page lists the projects under each measure type instead; see aqb.data.signed.LAYOUT).
PROJECT_TABLE_HEAD = ("Maßnahmenart", "Projekte", "Maßnahmenart Projekte")

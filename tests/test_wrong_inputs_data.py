"""More wrong data (issue 26): each case ends in a German `file:line: field: message` and changes nothing.

The cases use the corpus's helpers and its checks (tests/test_wrong_inputs.py): exit status, the
expected line, no traceback, nothing a terminal or CI runner would act on, no file changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import test_wrong_inputs as corpus
from test_wrong_inputs import KASSEL_NAMES, MARBURG, PARTNERS, Case, replace

M = f"data/{MARBURG}"
P = f"data/{PARTNERS}"
T = "data/landessummen.yaml"


CASES = [
    # -- invisible characters: Unicode's Default_Ignorable_Code_Point and blanks ------------------------
    Case(
        "Braille-Leerzeichen im Namen einer Unterschrift",
        replace("name: Heike Hofmann", "name: Heike\u2800Hofmann"),
        f"{M}:27: unterzeichnende[1].name: enthält ein unsichtbares Zeichen (U+2800) in Zeile 27, Spalte 16",
    ),
    Case(
        "unsichtbares Notenzeichen U+1D173 im Namen einer Unterschrift",
        replace("name: Heike Hofmann", "name: Heike Hofmann\U0001d173"),
        f"{M}:27: unterzeichnende[1].name: enthält ein unsichtbares Zeichen (U+1D173) in Zeile 27, Spalte 24",
    ),
    Case(
        "leerer Notenkopf U+1D159 im Projektnamen",
        replace("- Voice Connect 2025", "- Voice\U0001d159Connect 2025"),
        f"{M}:23: massnahmen.qualifizierung[2]: enthält ein unsichtbares Zeichen (U+1D159) in Zeile 23, Spalte 12",
    ),
    Case(
        "Braille-Leerzeichen im Namen eines Partners",
        replace(KASSEL_NAMES, KASSEL_NAMES.replace("Kassel", "Kassel\u2800", 1), PARTNERS),
        f"{P}:207: landkreis-kassel.name: enthält ein unsichtbares Zeichen (U+2800) in Zeile 207, Spalte 15",
    ),
    Case(
        "Braille-Leerzeichen in der Meldung sichtbar",
        replace(KASSEL_NAMES, KASSEL_NAMES.replace("Kassel", "Kassel\u2800", 1), PARTNERS),
        f"{P}:207: landkreis-kassel.name: darf nur lateinische Buchstaben, Ziffern, einzelne Leerzeichen und . - ( ) "
        "enthalten: 'Kassel\\u2800'",
    ),
    # -- keys as written (data/landessummen.yaml) --------------------------------------------------------
    Case(
        "null als Jahr der Landessumme",
        replace("2019:\n", "null:\n", "landessummen.yaml"),
        f"{T}:6: null: muss eine Jahreszahl sein: 'null'",
    ),
    Case(
        "~ als Jahr der Landessumme",
        replace("2019:\n", "~:\n", "landessummen.yaml"),
        f"{T}:6: ~: muss eine Jahreszahl sein: '~'",
    ),
    Case(
        "leerer Schlüssel als Jahr der Landessumme",
        replace("2019:\n", "? \n:\n", "landessummen.yaml"),
        f"{T}:6: (leer): muss eine Jahreszahl sein; der Schlüssel ist leer",
    ),
    Case(
        "leerer Text als Jahr der Landessumme",
        replace("2019:\n", "'':\n", "landessummen.yaml"),
        f"{T}:6: (leer): muss eine Jahreszahl sein; der Schlüssel ist leer",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_wrong_data_gets_a_german_message_and_changes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.test_wrong_input_gets_a_german_message_and_changes_nothing(case, tmp_path, monkeypatch, capsys)


def test_the_cases_have_their_own_names() -> None:
    assert len({case.name for case in CASES + corpus.CASES}) == len(CASES) + len(corpus.CASES)

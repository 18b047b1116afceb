"""More wrong data (issue 26): each case ends in a German `file:line: field: message` and changes nothing.

The cases use the corpus's helpers and its checks (tests/test_wrong_inputs.py): exit status, the
expected line, no traceback, nothing a terminal or CI runner would act on, no file changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import test_wrong_inputs as corpus
from aqb.data.addresses import comparable_address
from helpers import M_NAME, M_VOICE_CONNECT_2025, MARBURG, REPO, DataFolder, at, line_in, line_of
from test_wrong_inputs import KASSEL_NAMES, PARTNERS, Case, replace

P = f"data/{PARTNERS}"
# The name of Landkreis Kassel stands on the line below its key; its bezeichnung on the next.
LANDKREIS_KASSEL = line_of(REPO / "data" / PARTNERS, "landkreis-kassel:") + 1
A = "data/anfragen.yaml"
TOTALS = "landessummen.yaml"
T = f"data/{TOTALS}"
FULDA_2025 = {
    "partner": "fulda",
    "jahr": "2025",
    "adresse": "https://fragdenstaat.de/anfrage/zielvereinbarung-2025-fulda/",
    "datum": "2025-03-01",
    "status": "offen",
}


# The requests of data/anfragen.yaml start below this line (read from the file: the wording above moves it).
REQUESTS_START = line_of(REPO / "data" / "anfragen.yaml", "anfragen: []")
FIRST_DATUM = REQUESTS_START + 4  # datum is the fourth line of the first request
SECOND_ADRESSE = REQUESTS_START + 8  # adresse the third of the second


def filed(*requests: dict[str, str]) -> Callable[[DataFolder], None]:
    """data/anfragen.yaml with these requests: the first starts below REQUESTS_START, each takes five lines."""
    entries = "".join("  - " + "\n    ".join(f"{k}: {v}" for k, v in r.items()) + "\n" for r in requests)
    return replace("anfragen: []\n", "anfragen:\n" + entries, "anfragen.yaml")


def twice(address: str) -> Callable[[DataFolder], None]:
    """The Fulda request, and the same again under `address`."""
    return filed(FULDA_2025, {**FULDA_2025, "adresse": address, "status": "abgelehnt"})


# The lines of the bundled files that messages name, found by their text: a line added above
# moves the expectation with it (those of the Marburg record: helpers).
T_2019 = at(TOTALS, "2019:")


CASES = [
    # -- requests for missing agreements (data/anfragen.yaml) ----------------------------------------
    Case(
        "Anfrage vom 1. Januar 1900",
        filed({**FULDA_2025, "datum": "1900-01-01"}),
        f"{A}:{FIRST_DATUM}: anfragen[1].datum: liegt vor dem Jahr der erfragten Vereinbarung (2025): '1900-01-01'",
    ),
    Case(
        "Anfrage vor dem Jahr der Vereinbarung",
        filed({**FULDA_2025, "datum": "2024-12-31"}),
        f"{A}:{FIRST_DATUM}: anfragen[1].datum: liegt vor dem Jahr der erfragten Vereinbarung (2025): '2024-12-31'",
    ),
    Case(
        "Anfrage nach allen vor dem Beginn des AQB",
        filed({**FULDA_2025, "partner": "alle", "jahr": "2014", "datum": "2013-12-31"}),
        f"{A}:{FIRST_DATUM}: anfragen[1].datum: liegt vor dem Jahr der erfragten Vereinbarung (2014): '2013-12-31'",
    ),
    Case(
        "doppelte Anfrage mit Sprungmarke",
        twice(FULDA_2025["adresse"] + "#nachricht-1234"),
        f"{A}:{SECOND_ADRESSE}: anfragen[2].adresse: doppelte Anfrage: dieselbe wie anfragen[1]",
    ),
    Case(
        "doppelte Anfrage mit großgeschriebenem Rechnernamen",
        twice("https://FragDenStaat.DE/anfrage/zielvereinbarung-2025-fulda/"),
        f"{A}:{SECOND_ADRESSE}: anfragen[2].adresse: doppelte Anfrage: dieselbe wie anfragen[1]",
    ),
    Case(
        "doppelte Anfrage mit Port 443",
        twice("https://fragdenstaat.de:443/anfrage/zielvereinbarung-2025-fulda/"),
        f"{A}:{SECOND_ADRESSE}: anfragen[2].adresse: doppelte Anfrage: dieselbe wie anfragen[1]",
    ),
    Case(
        "doppelte Anfrage mit anders geschriebener %-Angabe",
        filed(
            {**FULDA_2025, "adresse": "https://fragdenstaat.de/anfrage/f%C3%BCr-fulda/"},
            {**FULDA_2025, "adresse": "https://fragdenstaat.de/anfrage/f%c3%bcr-fulda/"},
        ),
        f"{A}:{SECOND_ADRESSE}: anfragen[2].adresse: doppelte Anfrage: dieselbe wie anfragen[1]",
    ),
    # -- invisible characters: Unicode's Default_Ignorable_Code_Point and blanks ------------------------
    Case(
        "Braille-Leerzeichen im Namen einer Unterschrift",
        replace("name: Heike Hofmann", "name: Heike\u2800Hofmann"),
        f"{M_NAME}: unterzeichnende[1].name: enthält ein unsichtbares Zeichen (U+2800) in Zeile "
        f"{line_in(MARBURG, '- name:')}, Spalte 16",
    ),
    Case(
        "unsichtbares Notenzeichen U+1D173 im Namen einer Unterschrift",
        replace("name: Heike Hofmann", "name: Heike Hofmann\U0001d173"),
        f"{M_NAME}: unterzeichnende[1].name: enthält ein unsichtbares Zeichen (U+1D173) in Zeile "
        f"{line_in(MARBURG, '- name:')}, Spalte 24",
    ),
    Case(
        "leerer Notenkopf U+1D159 im Projektnamen",
        replace("- Voice Connect 2025", "- Voice\U0001d159Connect 2025"),
        f"{M_VOICE_CONNECT_2025}: massnahmen.qualifizierung[2]: enthält ein unsichtbares Zeichen (U+1D159) in Zeile "
        "23, Spalte 12",
    ),
    Case(
        "Braille-Leerzeichen im Namen eines Partners",
        replace(KASSEL_NAMES, KASSEL_NAMES.replace("Kassel", "Kassel\u2800", 1), PARTNERS),
        f"{P}:{LANDKREIS_KASSEL}: landkreis-kassel.name: enthält ein unsichtbares Zeichen (U+2800) in Zeile "
        f"{LANDKREIS_KASSEL}, Spalte 15",
    ),
    Case(
        "Braille-Leerzeichen in der Meldung sichtbar",
        replace(KASSEL_NAMES, KASSEL_NAMES.replace("Kassel", "Kassel\u2800", 1), PARTNERS),
        f"{P}:{LANDKREIS_KASSEL}: landkreis-kassel.name: darf nur lateinische Buchstaben, Ziffern, einzelne "
        "Leerzeichen und . - ( ) enthalten: 'Kassel\\u2800'",
    ),
    # -- keys as written (data/landessummen.yaml) --------------------------------------------------------
    Case(
        "null als Jahr der Landessumme",
        replace("2019:\n", "null:\n", "landessummen.yaml"),
        f"{T_2019}: null: muss eine Jahreszahl sein: 'null'",
    ),
    Case(
        "~ als Jahr der Landessumme",
        replace("2019:\n", "~:\n", "landessummen.yaml"),
        f"{T_2019}: ~: muss eine Jahreszahl sein: '~'",
    ),
    Case(
        "leerer Schlüssel als Jahr der Landessumme",
        replace("2019:\n", "? \n:\n", "landessummen.yaml"),
        f"{T_2019}: (leer): muss eine Jahreszahl sein; der Schlüssel ist leer",
    ),
    Case(
        "leerer Text als Jahr der Landessumme",
        replace("2019:\n", "'':\n", "landessummen.yaml"),
        f"{T_2019}: (leer): muss eine Jahreszahl sein; der Schlüssel ist leer",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_wrong_data_gets_a_german_message_and_changes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.test_wrong_input_gets_a_german_message_and_changes_nothing(case, tmp_path, monkeypatch, capsys)


def test_the_cases_have_their_own_names() -> None:
    assert len({case.name for case in CASES + corpus.CASES}) == len(CASES) + len(corpus.CASES)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("https://fragdenstaat.de/a/1/", "https://fragdenstaat.de/a/1/#nachricht-2", True),
        ("https://fragdenstaat.de/a/1/", "https://FRAGDENSTAAT.de/a/1/", True),
        ("https://fragdenstaat.de/a/1/", "https://fragdenstaat.de:443/a/1/", True),
        ("https://fragdenstaat.de", "https://fragdenstaat.de/", True),
        ("https://fragdenstaat.de/a/%7e1/", "https://fragdenstaat.de/a/~1/", True),
        ("https://fragdenstaat.de/a/%c3%bc/", "https://fragdenstaat.de/a/%C3%BC/", True),
        # Not certainly the same address: a server may answer each differently.
        ("https://fragdenstaat.de/a/1/", "https://fragdenstaat.de/a/1", False),
        ("https://fragdenstaat.de/a/x/", "https://fragdenstaat.de/a/X/", False),
        ("https://fragdenstaat.de/a/1/", "https://fragdenstaat.de/a/1/?x=1", False),
        ("https://fragdenstaat.de/a/%2F/", "https://fragdenstaat.de/a///", False),
        ("https://fragdenstaat.de/a/1/", "https://www.fragdenstaat.de/a/1/", False),
    ],
)
def test_addresses_are_compared_as_certainly_the_same(first: str, second: str, same: bool) -> None:
    assert (comparable_address(first) == comparable_address(second)) is same

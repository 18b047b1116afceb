"""A partner's own names in the texts (`im_text`, issue 27): each names that partner, in its case, and nothing else.

`im_text` of a partner in data/gebietskoerperschaften.yaml holds its four case forms; the page's heading
takes the bezeichnung, the signed wording and the FragDenStaat request links take these forms. So each
form must be the case word and the partner's own bezeichnung, declined as `naming_from` declines it
("des Landkreises Marburg-Biedenkopf", "der Stadt Darmstadt"). Each case ends in a German
`file:line: field: message` and changes nothing (the corpus's checks, tests/test_wrong_inputs.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import test_wrong_inputs as corpus
from aqb.data.loader import load_dataset
from aqb.data.model import naming_from
from aqb.data.problems import DataError
from helpers import REPO, DataFolder, line_of
from test_wrong_inputs import PARTNERS, Case, replace

P = f"data/{PARTNERS}"
# Where each partner's im_text block lands: right below its bezeichnung (see im_text), read from the data.
DARMSTADT = line_of(REPO / "data" / PARTNERS, "bezeichnung: Stadt Darmstadt")
MARBURG = line_of(REPO / "data" / PARTNERS, "bezeichnung: Landkreis Marburg-Biedenkopf")
CASES = ("nominativ", "genitiv", "dativ", "akkusativ")
OWN = "Hinweis: Im Text steht das Fallwort und die Bezeichnung"


def im_text(bezeichnung: str, **forms: str) -> Callable[[DataFolder], None]:
    """The partner with this bezeichnung names itself under im_text: its own forms, except `forms`.

    The block follows the bezeichnung (line B): nominativ on line B + 2, genitiv B + 3, dativ B + 4,
    akkusativ B + 5."""
    written = {**naming_from(bezeichnung).model_dump(), **forms}
    # JSON strings are YAML strings: line breaks stay escaped in the file, other letters stay as they are.
    block = "".join(f"    {case}: {json.dumps(form, ensure_ascii=False)}\n" for case, form in written.items())
    line = f"  bezeichnung: {bezeichnung}\n"
    return replace(line, f"{line}  im_text:\n{block}", PARTNERS)


CORPUS = [
    Case(
        "im_text nennt eine andere Gebietskörperschaft",
        im_text(
            "Stadt Darmstadt",
            nominativ="die Stadt Wiesbaden",
            genitiv="der Stadt Wiesbaden",
            dativ="der Stadt Wiesbaden",
            akkusativ="die Stadt Wiesbaden",
        ),
        f"{P}:{DARMSTADT + 4}: darmstadt.im_text.dativ: nennt nicht die Gebietskörperschaft selbst: "
        "'der Stadt Wiesbaden'; "
        f"erlaubt: 'der Stadt Darmstadt' {OWN} „Stadt Darmstadt“",
    ),
    Case(
        "im_text mit kyrillischem а",
        im_text("Stadt Darmstadt", genitiv="der St\u0430dt Darmstadt"),
        f"{P}:{DARMSTADT + 3}: darmstadt.im_text.genitiv: darf nur lateinische Buchstaben, Ziffern, einzelne "
        "Leerzeichen und . - ( ) enthalten: 'der St\u0430dt Darmstadt'; erlaubt: 'der Stadt Darmstadt'",
    ),
    Case(
        "im_text mit Zeilenumbruch und Markdown",
        im_text("Stadt Darmstadt", dativ="der Stadt Darmstadt\n\n**Budget: 9.999.999 Euro**"),
        f"{P}:{DARMSTADT + 4}: darmstadt.im_text.dativ: darf nur lateinische Buchstaben, Ziffern, einzelne "
        "Leerzeichen und . - ( ) enthalten: 'der Stadt Darmstadt\\x0a\\x0a**Budget: 9.999.999 Euro**'; "
        "erlaubt: 'der Stadt Darmstadt'",
    ),
    Case(
        "im_text mit dem Fallwort des Dativs im Nominativ",
        im_text("Landkreis Marburg-Biedenkopf", nominativ="dem Landkreis Marburg-Biedenkopf"),
        f"{P}:{MARBURG + 2}: marburg-biedenkopf.im_text.nominativ: steht im Dativ, nicht im Nominativ: "
        "'dem Landkreis Marburg-Biedenkopf'; erlaubt: 'der Landkreis Marburg-Biedenkopf'",
    ),
    Case(
        "im_text mit ungebeugtem Genitiv",
        im_text("Landkreis Marburg-Biedenkopf", genitiv="des Landkreis Marburg-Biedenkopf"),
        f"{P}:{MARBURG + 3}: marburg-biedenkopf.im_text.genitiv: passt nicht zum Genitiv (Fallwort oder Beugung): "
        "'des Landkreis Marburg-Biedenkopf'; erlaubt: 'des Landkreises Marburg-Biedenkopf'",
    ),
    Case(
        "im_text mit weiteren Wörtern",
        im_text("Stadt Darmstadt", dativ="der Stadt Darmstadt (Budget 9.999.999 Euro)"),
        f"{P}:{DARMSTADT + 4}: darmstadt.im_text.dativ: nennt mehr als die Gebietskörperschaft: "
        "'der Stadt Darmstadt (Budget 9.999.999 Euro)'; erlaubt: 'der Stadt Darmstadt'",
    ),
]


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_a_name_that_is_not_the_partners_own_gets_a_german_message_and_changes_nothing(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus.test_wrong_input_gets_a_german_message_and_changes_nothing(case, tmp_path, monkeypatch, capsys)


def test_every_partner_may_write_the_forms_of_the_rule_each_in_its_own_case(data_folder: DataFolder) -> None:
    path = data_folder.path / PARTNERS
    partners = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(partners) == 27
    for entry in partners.values():
        entry["im_text"] = naming_from(entry["bezeichnung"]).model_dump()
    data_folder.write(PARTNERS, partners)
    loaded = load_dataset(data_folder.path).partners
    assert all(partner.naming == naming_from(partner.bezeichnung) for partner in loaded.values())
    # The same forms in another case (nominative and genitive, dative and accusative exchanged) are refused.
    exchanged = {"nominativ": "genitiv", "genitiv": "nominativ", "dativ": "akkusativ", "akkusativ": "dativ"}
    for entry in partners.values():
        entry["im_text"] = {case: entry["im_text"][other] for case, other in exchanged.items()}
    data_folder.write(PARTNERS, partners)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    refused = {problem.field for problem in raised.value.problems if ".im_text." in problem.field}
    assert refused == {f"{slug}.im_text.{case}" for slug in partners for case in CASES}

"""One truth per fact: the names a text uses come from its partner, and a deviation cannot change a fact.

The first part lists every partner's four case forms as the site uses them (in the text, in every
sentence about the partner). The second changes the wording of an agreement at random – an amount,
a year, a date, another partner, a project beside the project list, a placeholder replaced by its
value – and the check must refuse each, naming the deviation.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from aqb.data.model import FullTextAgreement
from aqb.data.problems import DataError
from helpers import REPO, DataFolder, partner_entries, real_agreement

FORMS = [
    ("darmstadt", "die Stadt Darmstadt", "der Stadt Darmstadt", "der Stadt Darmstadt", "die Stadt Darmstadt"),
    (
        "frankfurt-am-main",
        "die Stadt Frankfurt am Main",
        "der Stadt Frankfurt am Main",
        "der Stadt Frankfurt am Main",
        "die Stadt Frankfurt am Main",
    ),
    (
        "offenbach-am-main",
        "die Stadt Offenbach am Main",
        "der Stadt Offenbach am Main",
        "der Stadt Offenbach am Main",
        "die Stadt Offenbach am Main",
    ),
    ("wiesbaden", "die Stadt Wiesbaden", "der Stadt Wiesbaden", "der Stadt Wiesbaden", "die Stadt Wiesbaden"),
    ("hanau", "die Stadt Hanau", "der Stadt Hanau", "der Stadt Hanau", "die Stadt Hanau"),
    (
        "bergstrasse",
        "der Landkreis Bergstraße",
        "des Landkreises Bergstraße",
        "dem Landkreis Bergstraße",
        "den Landkreis Bergstraße",
    ),
    (
        "darmstadt-dieburg",
        "der Landkreis Darmstadt-Dieburg",
        "des Landkreises Darmstadt-Dieburg",
        "dem Landkreis Darmstadt-Dieburg",
        "den Landkreis Darmstadt-Dieburg",
    ),
    (
        "gross-gerau",
        "der Landkreis Groß-Gerau",
        "des Landkreises Groß-Gerau",
        "dem Landkreis Groß-Gerau",
        "den Landkreis Groß-Gerau",
    ),
    ("hochtaunuskreis", "der Hochtaunuskreis", "des Hochtaunuskreises", "dem Hochtaunuskreis", "den Hochtaunuskreis"),
    (
        "main-kinzig-kreis",
        "der Main-Kinzig-Kreis",
        "des Main-Kinzig-Kreises",
        "dem Main-Kinzig-Kreis",
        "den Main-Kinzig-Kreis",
    ),
    (
        "main-taunus-kreis",
        "der Main-Taunus-Kreis",
        "des Main-Taunus-Kreises",
        "dem Main-Taunus-Kreis",
        "den Main-Taunus-Kreis",
    ),
    ("odenwaldkreis", "der Odenwaldkreis", "des Odenwaldkreises", "dem Odenwaldkreis", "den Odenwaldkreis"),
    ("kreis-offenbach", "der Kreis Offenbach", "des Kreises Offenbach", "dem Kreis Offenbach", "den Kreis Offenbach"),
    (
        "rheingau-taunus-kreis",
        "der Rheingau-Taunus-Kreis",
        "des Rheingau-Taunus-Kreises",
        "dem Rheingau-Taunus-Kreis",
        "den Rheingau-Taunus-Kreis",
    ),
    ("wetteraukreis", "der Wetteraukreis", "des Wetteraukreises", "dem Wetteraukreis", "den Wetteraukreis"),
    ("giessen", "der Landkreis Gießen", "des Landkreises Gießen", "dem Landkreis Gießen", "den Landkreis Gießen"),
    ("lahn-dill-kreis", "der Lahn-Dill-Kreis", "des Lahn-Dill-Kreises", "dem Lahn-Dill-Kreis", "den Lahn-Dill-Kreis"),
    (
        "limburg-weilburg",
        "der Landkreis Limburg-Weilburg",
        "des Landkreises Limburg-Weilburg",
        "dem Landkreis Limburg-Weilburg",
        "den Landkreis Limburg-Weilburg",
    ),
    (
        "marburg-biedenkopf",
        "der Landkreis Marburg-Biedenkopf",
        "des Landkreises Marburg-Biedenkopf",
        "dem Landkreis Marburg-Biedenkopf",
        "den Landkreis Marburg-Biedenkopf",
    ),
    ("vogelsbergkreis", "der Vogelsbergkreis", "des Vogelsbergkreises", "dem Vogelsbergkreis", "den Vogelsbergkreis"),
    ("stadt-kassel", "die Stadt Kassel", "der Stadt Kassel", "der Stadt Kassel", "die Stadt Kassel"),
    ("fulda", "der Landkreis Fulda", "des Landkreises Fulda", "dem Landkreis Fulda", "den Landkreis Fulda"),
    (
        "hersfeld-rotenburg",
        "der Landkreis Hersfeld-Rotenburg",
        "des Landkreises Hersfeld-Rotenburg",
        "dem Landkreis Hersfeld-Rotenburg",
        "den Landkreis Hersfeld-Rotenburg",
    ),
    (
        "landkreis-kassel",
        "der Landkreis Kassel",
        "des Landkreises Kassel",
        "dem Landkreis Kassel",
        "den Landkreis Kassel",
    ),
    (
        "schwalm-eder-kreis",
        "der Schwalm-Eder-Kreis",
        "des Schwalm-Eder-Kreises",
        "dem Schwalm-Eder-Kreis",
        "den Schwalm-Eder-Kreis",
    ),
    (
        "waldeck-frankenberg",
        "der Landkreis Waldeck-Frankenberg",
        "des Landkreises Waldeck-Frankenberg",
        "dem Landkreis Waldeck-Frankenberg",
        "den Landkreis Waldeck-Frankenberg",
    ),
    (
        "werra-meissner-kreis",
        "der Werra-Meißner-Kreis",
        "des Werra-Meißner-Kreises",
        "dem Werra-Meißner-Kreis",
        "den Werra-Meißner-Kreis",
    ),
]
CASES = ("nominativ", "genitiv", "dativ", "akkusativ")


def test_every_partner_has_its_forms_listed(bundled_dataset: Dataset) -> None:
    assert sorted(slug for slug, *_ in FORMS) == sorted(bundled_dataset.partners)


@pytest.mark.parametrize("case", range(4), ids=CASES)
@pytest.mark.parametrize("forms", FORMS, ids=[forms[0] for forms in FORMS])
def test_each_case_form_of_each_partner(bundled_dataset: Dataset, forms: tuple[str, ...], case: int) -> None:
    slug = forms[0]
    assert getattr(bundled_dataset.partners[slug].naming, CASES[case]) == forms[1 + case]


def test_a_partner_is_named_in_its_texts_by_its_bezeichnung_only(data_folder: DataFolder) -> None:
    """Even an official name form the bezeichnung lacks is refused in im_text: the page's heading (the
    bezeichnung), the signed wording and the request links (im_text) must name the same partner."""
    forms = {
        "nominativ": "die Wissenschaftsstadt Darmstadt",
        "genitiv": "der Wissenschaftsstadt Darmstadt",
        "dativ": "der Wissenschaftsstadt Darmstadt",
        "akkusativ": "die Wissenschaftsstadt Darmstadt",
    }
    data_folder.name_partner("darmstadt", forms)
    with pytest.raises(DataError) as raised:
        load_dataset(data_folder.path)
    assert (
        "darmstadt.im_text.dativ: nennt nicht die Gebietskörperschaft selbst: 'der Wissenschaftsstadt Darmstadt'; "
        "erlaubt: 'der Stadt Darmstadt'"
    ) in str(raised.value)


# -- a deviation cannot change a fact --------------------------------------------------------------

STANDARD = yaml.safe_load((REPO / "data" / "standardtexte" / "2025.yaml").read_text(encoding="utf-8"))
SECTIONS = {section["id"]: section["text"] for section in STANDARD["abschnitte"]}
WORDS = st.text("abcdefghijklmnopqrstuvwxyzäöüß ", min_size=3, max_size=20).map(str.strip).filter(bool)
OTHER_NAMES = [str(entry["bezeichnung"]) for slug, entry in partner_entries().items() if slug != "marburg-biedenkopf"]


@st.composite
def changed_wordings(draw: Any) -> tuple[str, str]:
    """A section id and its wording with one fact changed, kept or put somewhere in the text."""
    section = draw(st.sampled_from(sorted(SECTIONS)))
    wording = SECTIONS[section]
    placeholders = [name for name in ("{budget}", "{projektliste}", "{unterschriften}", "{dativ}", "{genitiv}",
                                      "{akkusativ}", "{Nominativ}") if name in wording]  # fmt: skip
    kinds = ["betrag", "jahr", "datum", "partner"] + (["platzhalter"] if placeholders else [])
    if "{projektliste}" in wording:
        kinds.append("projekt")
    kind = draw(st.sampled_from(kinds))
    if kind == "platzhalter":
        placeholder = draw(st.sampled_from(placeholders))
        value = {"{budget}": "1.118.780", "{projektliste}": "- Frauenakademie 2025"}.get(placeholder, draw(WORDS))
        return section, wording.replace(placeholder, value)
    insert = {
        "betrag": f"{draw(st.integers(1_000, 9_999_999)):,} Euro".replace(",", "."),
        "jahr": str(draw(st.integers(2014, 2030).filter(lambda y: y != 2025 and str(y) not in wording))),
        "datum": f"{draw(st.integers(1, 28))}.{draw(st.integers(1, 12))}.{draw(st.integers(2024, 2026))}",
        "partner": draw(st.sampled_from(OTHER_NAMES)),
        "projekt": "\n\n- " + draw(WORDS) + "\n\n",
    }[kind]
    lines = wording.split("\n")
    at = draw(st.integers(1, len(lines)))  # after the heading
    lines.insert(at, f"{draw(WORDS)} {insert} {draw(WORDS)}" if kind != "projekt" else insert)
    return section, "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_wordings(), st.booleans())
def test_a_deviation_that_changes_a_fact_is_always_refused(change: tuple[str, str], with_original: bool) -> None:
    """With its original the page is compared word for word (aqb.data.signed); without, the rules refuse."""
    section, wording = change
    record: dict[str, Any] = copy.deepcopy(real_agreement())
    record["abweichungen"] = {section: wording}
    with tempfile.TemporaryDirectory() as folder:
        data = DataFolder(Path(folder))
        if not with_original:
            data.without_original(record)
        data.add_agreement(record)
        with pytest.raises(DataError) as raised:
            load_dataset(data.path)
    assert f"abweichungen.{section}:" in str(raised.value)


def test_a_deviation_that_keeps_every_fact_is_accepted(data_folder: DataFolder) -> None:
    """The other side: without an original, new words around the same placeholders are a valid deviation."""
    record = real_agreement()
    data_folder.without_original(record)
    record["abweichungen"] = {"paragraf-6": SECTIONS["paragraf-6"].replace("im engen Austausch", "in engem Austausch")}
    data_folder.add_agreement(record)
    accepted = load_dataset(data_folder.path).agreements[-1]
    assert isinstance(accepted, FullTextAgreement) and accepted.abweichungen == record["abweichungen"]

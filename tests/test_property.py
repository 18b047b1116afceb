"""Property-based round trip: random valid agreements → build → every field on its page, in the
JSON export, in /projekte/2025/ and in the search index."""

from __future__ import annotations

import copy
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aqb.data.model import NO_PROJECT, naming_from
from helpers import REPO, DataFolder, build_site, page, real_agreement, search_fragments, text_of

# Text as staff type it: letters with umlauts, digits, punctuation and quotes, no control characters.
# Braces are left out: in a standard text they mark placeholders.
ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="{}\u2028\u2029\x85")
TEXT = st.text(ALPHABET, min_size=1, max_size=40).map(lambda t: " ".join(t.split())).filter(bool)
PARTNERS = ["fulda", "giessen", "stadt-kassel", "wetteraukreis", "darmstadt", "vogelsbergkreis"]
BEZEICHNUNGEN = {
    slug: entry["bezeichnung"]
    for slug, entry in yaml.safe_load((REPO / "data" / "gebietskoerperschaften.yaml").read_text("utf-8")).items()
}


OTHER_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def nfc(value: Any) -> Any:
    """What the site makes of a value: every text read as NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [nfc(item) for item in value]
    return value


def as_lists(measures: dict[str, Any]) -> dict[str, list[str]]:
    return {slug: [] if projects == NO_PROJECT else projects for slug, projects in measures.items()}


@st.composite
def agreements(draw: Any) -> list[dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(PARTNERS), min_size=1, max_size=3, unique=True))
    records = []
    for slug in chosen:
        record = copy.deepcopy(real_agreement())
        record.update(partner=slug, budget=draw(st.integers(0, 5_000_000)))
        record.pop("original")  # the real record's signed document belongs to it alone
        # The partner's names live with the partner, written out (im_text takes only its own forms); the test
        # keeps them beside the record.
        record["_namen"] = naming_from(BEZEICHNUNGEN[slug]).model_dump()
        # A measure type without a project is written out explicitly, as staff must.
        record["massnahmen"] = {
            measure: draw(st.lists(TEXT, max_size=3, unique=True)) or NO_PROJECT
            for measure in ("ausbildungsvorbereitung", "ausbildung", "qualifizierung", "weiterbildung")
        }
        record["unterzeichnende"] = [
            {"name": draw(TEXT), "funktion": draw(TEXT), "ort": draw(TEXT), "datum": "nicht eingetragen"}
        ]
        # A source title naming another year is refused (it is usually last year's, copied into a draft).
        record["quelle"] = {"titel": draw(TEXT.filter(lambda t: not OTHER_YEAR.search(t))), "herausgeber": draw(TEXT)}
        records.append(record)
    return records


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements())
def test_every_field_survives_the_build(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = DataFolder(Path(folder))
        for record in records:
            data.name_partner(record["partner"], record.pop("_namen"))
            data.add_agreement(record)
            record["partner_im_text"] = yaml.safe_load(
                (data.path / "gebietskoerperschaften.yaml").read_text(encoding="utf-8")
            )[record["partner"]]["im_text"]
        site = build_site(Path(folder), Path(folder) / "site")
        exported = {
            r["partner"]: r
            for r in json.loads((site / "daten" / "vereinbarungen.json").read_text("utf-8"))["vereinbarungen"]
            if r["jahr"] == 2025
        }
        projects_page = text_of(page(site, "projekte/2025/").select_one("#aqb-projekte"))
        search = " ".join(search_fragments(site).values())
        for record in records:
            soup = page(site, f"kreise/{record['partner']}/2025/")
            shown = text_of(soup.article)
            expected = [
                record["partner_im_text"]["dativ"],
                record["partner_im_text"]["genitiv"],
                record["unterzeichnende"][0]["name"],
                record["unterzeichnende"][0]["funktion"],
                record["unterzeichnende"][0]["ort"],
                record["quelle"]["titel"],
                record["quelle"]["herausgeber"],
                f"{record['budget']:,} €".replace(",", "."),
            ]
            projects = [p for names in as_lists(record["massnahmen"]).values() for p in names]
            for value in expected + projects:
                assert nfc(value) in shown  # text is read as NFC
            for project in nfc(projects):
                assert project in projects_page
                assert project in search
            copy_of = exported[record["partner"]]
            assert copy_of["budget"] == record["budget"]
            assert copy_of["partner_im_text"] == nfc(record["partner_im_text"])
            assert copy_of["massnahmen"] == nfc(as_lists(record["massnahmen"]))
            assert copy_of["unterzeichnende"] == nfc([{**record["unterzeichnende"][0], "datum": None}])
            assert {k: v for k, v in copy_of["quelle"].items() if v is not None} == nfc(record["quelle"])

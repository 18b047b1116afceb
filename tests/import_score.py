"""How well `make import` reads a corpus (tests/corpus.py): every true fact right, flagged or silently wrong.

A fact is one thing staff would otherwise type from the signed document: the agreement's partner and
year (its draft exists at data/vereinbarungen/<jahr>/<kürzel>.yaml), the budget, each measure type's
project list, and each signatory's name, function, place and date. Each fact is

- `right`: the draft holds it exactly as signed (a function compared with its line breaks folded, as
  the document's column width decides those); for partner and year: the draft exists and was made
  from a file of this agreement (not from a cover letter that names the partner);
- `flagged`: wrong or missing, but the draft says so specifically: one of its open points names that
  field (see `_specific`), or, when no draft exists, the import table's row for the file says why
  nothing was created;
- `silent`: wrong or missing and nothing points at it. The generic open point every draft gets
  ("Eingelesen aus …: Wortlaut, Beträge, Namen und Daten mit dem Original abgleichen") and the one on a
  transcript's provenance point at nothing in particular and never count.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from aqb.data.loader import load_dataset
from aqb.data.model import NO_PROJECT, NOT_ENTERED
from aqb.staff.batch import BatchRow, import_folder
from corpus import REPO, TrueFacts, TrueSignatory, standard_for

Verdict = Literal["right", "flagged", "silent"]
SIGNATORY_FIELDS = ("name", "funktion", "ort", "datum")
# Open points every draft gets: they name no field.
_GENERIC = ("Eingelesen aus ", "original.herkunft:")


@dataclass(frozen=True)
class FactResult:
    partner: str
    year: int
    form: str
    fact: str  # e.g. "budget", "massnahmen.ausbildung", "unterzeichnende[1].datum"
    verdict: Verdict
    expected: Any
    found: Any

    def __str__(self) -> str:
        return f"{self.partner} {self.year} ({self.form}) {self.fact}: {self.verdict}, erwartet {self.expected!r}, " + (
            f"gefunden {self.found!r}"
        )


@dataclass
class Score:
    facts: list[FactResult] = field(default_factory=list)
    rows: list[BatchRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file of the folder
    seconds: float = 0.0  # the import alone

    def count(self, verdict: Verdict) -> int:
        return sum(1 for fact in self.facts if fact.verdict == verdict)

    @property
    def share_right(self) -> float:
        return self.count("right") / len(self.facts) if self.facts else 0.0

    def files_without_row(self) -> list[str]:
        shown = {row.file for row in self.rows}
        return [name for name in self.files if name not in shown]

    def of(self, partner: str, year: int) -> list[FactResult]:
        return [fact for fact in self.facts if (fact.partner, fact.year) == (partner, year)]

    def summary(self) -> str:
        return (
            f"{self.count('right')} von {len(self.facts)} Fakten richtig ({self.share_right:.0%}), "
            f"{self.count('flagged')} als offener Punkt benannt, {self.count('silent')} still falsch; "
            f"{len(self.files_without_row())} von {len(self.files)} Dateien ohne Zeile; Import {self.seconds:.1f} s"
        )


def project_copy(root: Path) -> Path:
    """A copy of data/ under `root` in which every partner's 2025 agreement can be imported anew: the
    bundled 2025 record (and its transcript) is taken out, as staff importing the year would start."""
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    for path in (data / "vereinbarungen" / "2025").glob("*.yaml"):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record.get("original"), dict):
            (data / record["original"]["datei"]).unlink(missing_ok=True)
        path.unlink()
    return data


def import_and_score(folder: Path, truths: list[TrueFacts], data: Path) -> Score:
    """Import every file of `folder` into the data folder `data` (package API, as `make import`) and score it."""
    dataset = load_dataset(data)
    started = time.perf_counter()
    rows = import_folder(dataset, data, folder)
    seconds = time.perf_counter() - started
    score = Score(rows=rows, files=sorted(p.name for p in folder.iterdir()), seconds=seconds)
    for truth in truths:
        score.facts.extend(score_agreement(truth, data, rows, folder))
    return score


def score_agreement(truth: TrueFacts, data: Path, rows: list[BatchRow], folder: Path) -> list[FactResult]:
    path = data / "vereinbarungen" / str(truth.year) / f"{truth.partner}.yaml"
    own_rows = [row for row in rows if row.file in truth.files]

    def result(fact: str, verdict: Verdict, expected: Any, found: Any) -> FactResult:
        return FactResult(truth.partner, truth.year, truth.form, fact, verdict, expected, found)

    expected = expected_values(truth)
    if not path.exists():
        # Nothing created: flagged when the table says why for a file of this agreement; silent when a
        # file of it became a draft of another partner or year, or has no row at all.
        elsewhere = [str(row.result.draft) for row in own_rows if row.result is not None]
        said = [row.failure for row in own_rows if row.failure]
        verdict: Verdict = "flagged" if said and not elsewhere else "silent"
        found = elsewhere or said or "keine Zeile"
        return [result(fact, verdict, value, found) for fact, value in expected.items()]
    draft: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    points = [str(p) for p in draft.get("offene_punkte") or [] if not str(p).startswith(_GENERIC)]
    # The draft must come from a file of this agreement: one made from another file (a cover letter naming
    # the partner) takes its place, and the agreement's own file is then refused as "gibt es schon".
    own = {hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in truth.files}
    source = (draft.get("original") or {}).get("sha256")
    made_from: Verdict = "right" if source in own else "silent"
    facts = [result("partner+jahr", made_from, expected.pop("partner+jahr"), f"{path.relative_to(data)} ({source})")]
    for fact, value in expected.items():
        found = found_value(draft, fact)
        if same(fact, value, found):
            facts.append(result(fact, "right", value, found))
        else:
            verdict = "flagged" if any(_specific(point, fact, truth) for point in points) else "silent"
            facts.append(result(fact, verdict, value, found))
    return facts


def expected_values(truth: TrueFacts) -> dict[str, Any]:
    values: dict[str, Any] = {"partner+jahr": f"vereinbarungen/{truth.year}/{truth.partner}.yaml"}
    values["budget"] = truth.budget
    for measure, projects in truth.massnahmen.items():
        values[f"massnahmen.{measure}"] = projects
    for number, signatory in enumerate(truth.unterzeichnende):
        for name in SIGNATORY_FIELDS:
            values[f"unterzeichnende[{number}].{name}"] = getattr(signatory, name)
    return values


def found_value(draft: dict[str, Any], fact: str) -> Any:
    if fact == "budget":
        return draft.get("budget")
    if fact.startswith("massnahmen."):
        return (draft.get("massnahmen") or {}).get(fact.split(".", 1)[1])
    number, name = fact.removeprefix("unterzeichnende[").split("].")
    signatories = draft.get("unterzeichnende") or []
    return signatories[int(number)].get(name) if int(number) < len(signatories) else None


def same(fact: str, expected: Any, found: Any) -> bool:
    if fact.startswith("massnahmen."):
        projects = [] if found == NO_PROJECT else found
        return (
            isinstance(projects, list)
            and [_folded(p) for p in projects] == expected
            and (
                bool(expected) or found == NO_PROJECT  # an empty list is a gap for a person, not "no project"
            )
        )
    if fact.endswith(".datum"):
        return (found == NOT_ENTERED) if expected is None else isinstance(found, date) and found == expected
    if fact.endswith(".funktion"):
        return isinstance(found, str) and _folded(found) == _folded(expected)
    return bool(found == expected)


def _folded(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


def _specific(point: str, fact: str, truth: TrueFacts) -> bool:
    """Whether an open point names this fact: its field, the measure type (slug or wording) or one of its
    true projects (a line left unplaced), the signatory (the field, "Unterschrift" or the signatory's name)."""
    lowered = point.casefold()
    if fact == "budget":
        return "budget" in lowered or "§ 4" in point
    if fact.startswith("massnahmen."):
        slug = fact.split(".", 1)[1]
        wording = " ".join(standard_for(truth.year).massnahmenarten[slug].split())
        named = slug in lowered or wording.casefold() in " ".join(lowered.split())
        return named or any(project.casefold() in lowered for project in truth.massnahmen[slug])
    signatory: TrueSignatory = truth.unterzeichnende[int(fact.removeprefix("unterzeichnende[").split("]")[0])]
    names = ("unterzeichnende", "unterschrift", signatory.name.casefold())
    return any(name in lowered for name in names)

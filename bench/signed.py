"""What the word-for-word comparison with the originals costs `make check` (issue 27: a few seconds at most).

A copy of the real project gets synthetic agreements (test data only) for every Landkreis in 2024, 2025
and 2026: the 2025 Marburg-Biedenkopf text with name and year replaced (the other years' standard texts
likewise), each with its original as a PDF made from that text. `make check` runs on it with an empty
text cache, again with the cache filled, and on the same copy without those originals (the records
then have none and are not compared), all in the same run.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # test data made at run time, shared with the tests

from pdfs import text_as_pdf  # noqa: E402

AQB = [sys.executable, "-I", "-m", "aqb.staff.cli", "check"]
MARBURG = "Marburg-Biedenkopf"
YEARS = (2024, 2025, 2026)


def project(folder: Path, with_originals: bool) -> Path:
    folder.mkdir()
    for name in ("content", "data"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "CONTRIBUTING.md", folder / "CONTRIBUTING.md")
    data = folder / "data"
    partners = yaml.safe_load((data / "gebietskoerperschaften.yaml").read_text(encoding="utf-8"))
    record = (data / "vereinbarungen/2025/marburg-biedenkopf.yaml").read_text(encoding="utf-8")
    signed = (data / "originaltexte/2025/marburg-biedenkopf.txt").read_text(encoding="utf-8")
    standard = (data / "standardtexte/2025.yaml").read_text(encoding="utf-8")
    for year in YEARS:
        if year != 2025:
            (data / f"standardtexte/{year}.yaml").write_text(standard.replace("2025", str(year)), encoding="utf-8")
        (data / f"originaltexte/{year}").mkdir(exist_ok=True)
        for slug, partner in partners.items():
            name = partner["bezeichnung"].removeprefix("Landkreis ")
            target = data / f"vereinbarungen/{year}/{slug}.yaml"
            if target.exists() or not partner["bezeichnung"].startswith("Landkreis "):
                continue  # a real record of that year stays as it is
            text = record.replace(MARBURG, name).replace("marburg-biedenkopf", slug).replace("2025", str(year))
            original = data / f"originaltexte/{year}/{slug}.pdf"
            text_as_pdf(signed.replace(MARBURG, name).replace("2025", str(year)), original)
            entry = yaml.safe_load(text)
            entry["original"] = {"datei": f"originaltexte/{year}/{slug}.pdf"}
            entry["original"]["sha256"] = hashlib.sha256(original.read_bytes()).hexdigest()
            if not with_originals:
                entry.pop("original")
                original.unlink()
            target.parent.mkdir(exist_ok=True)
            target.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    return folder


def timed(folder: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(AQB, cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return time.perf_counter() - started


def rows(workdir: Path) -> list[tuple[str, float, float]]:
    """(what, seconds, ratio to the same project without compared originals)."""
    without = project(workdir / "ohne-originale", with_originals=False)
    compared = project(workdir / "mit-originalen", with_originals=True)
    count = len(list((compared / "data/originaltexte").rglob("*.pdf")))
    base = timed(without)
    cold = timed(compared)
    warm = timed(compared)
    return [
        ("make check ohne verglichene Originale (Baseline)", base, 1.0),
        (f"make check, {count} PDF-Originale + 1 Abschrift, Text-Cache leer", cold, cold / base),
        (f"make check, {count} PDF-Originale + 1 Abschrift, Text-Cache gefüllt", warm, warm / base),
    ]


def table(found: list[tuple[str, float, float]]) -> str:
    lines = ["| Wortvergleich mit den Originalen | Sekunden | × Baseline |", "|---|---|---|"]
    lines += [f"| {label} | {seconds:.1f} | {ratio:.2f} |" for label, seconds, ratio in found]
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="aqb-vergleich-") as folder:
        print(table(rows(Path(folder))))

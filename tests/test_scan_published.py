"""Issue 28: a signed scan and its text version are both published: readers download the scan as the signed
document and the text version whose words the page shows; the downloads name both with their checksums.

Test data: the bundled Marburg-Biedenkopf record, its transcript taken as the text version of a "scan" (a
small image made here: the build reads no scan, it publishes it as it is and checks its checksum).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from helpers import MARBURG, DataFolder, attribute_of, build_site, page


@pytest.fixture(scope="module")
def scanned_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    folder = DataFolder(tmp_path_factory.mktemp("scan") / "projekt")
    transcript = folder.path / "originaltexte/2025/marburg-biedenkopf.txt"
    version = transcript.with_name("marburg-biedenkopf-textfassung.txt")
    transcript.rename(version)
    image = io.BytesIO()
    Image.new("L", (40, 56), 255).save(image, format="PNG")
    scan = image.getvalue()
    (folder.path / "originaltexte/2025/marburg-biedenkopf.png").write_bytes(scan)
    record = (folder.path / MARBURG).read_text(encoding="utf-8")
    original = (
        "original:\n"
        "  datei: originaltexte/2025/marburg-biedenkopf.png\n"
        f"  sha256: {hashlib.sha256(scan).hexdigest()}\n"
        "  textfassung:\n"
        "    datei: originaltexte/2025/marburg-biedenkopf-textfassung.txt\n"
        f"    sha256: {hashlib.sha256(version.read_bytes()).hexdigest()}\n"
    )
    record = re.sub(r"(?ms)^original:\n.*?(?=^\S|\Z)", original, record)
    (folder.path / MARBURG).write_text(record, encoding="utf-8")
    site = build_site(folder.root, folder.root / "site")
    return site, scan, version.read_bytes()


def test_the_agreement_page_offers_the_scan_and_its_text_version(scanned_site: tuple[Path, bytes, bytes]) -> None:
    site, scan, version = scanned_site
    links = {
        link.get_text(" ", strip=True): attribute_of(link, "href")
        for link in page(site, "kreise/marburg-biedenkopf/2025").select("a[download]")
    }
    signed = next(text for text in links if text.startswith("Unterzeichnetes Dokument (Bild,"))
    text = next(text for text in links if text.startswith("Textfassung (Text,"))
    for label, content in ((signed, scan), (text, version)):
        target = (site / "kreise/marburg-biedenkopf/2025" / links[label]).resolve()
        assert target.read_bytes() == content, label
    [note] = [
        p.get_text(" ", strip=True)
        for p in page(site, "kreise/marburg-biedenkopf/2025").select("p.aqb-herkunft")
        if "Textfassung" in p.get_text()
    ]
    assert "aus der das Dokument gedruckt wurde" in note and "Wort für Wort" in note


def test_the_downloads_name_the_text_version_with_its_checksum(scanned_site: tuple[Path, bytes, bytes]) -> None:
    site, _, version = scanned_site
    digest = hashlib.sha256(version).hexdigest()
    [row] = [
        r
        for r in csv.DictReader(io.StringIO((site / "daten/vereinbarungen.csv").read_text(encoding="utf-8-sig")))
        if r["partner"] == "marburg-biedenkopf"
    ]
    assert row["original_art"] == "unterzeichnetes Dokument"
    assert row["original_textfassung_url"] == "originaltexte/2025/marburg-biedenkopf-textfassung.txt"  # no SITE_URL
    assert row["original_textfassung_sha256"] == digest
    records = json.loads((site / "daten/vereinbarungen.json").read_text(encoding="utf-8"))
    records = records if isinstance(records, list) else records["vereinbarungen"]
    [record] = [r for r in records if r["partner"] == "marburg-biedenkopf"]
    assert record["original"]["textfassung"]["sha256"] == digest
    assert record["original_textfassung_url"] == row["original_textfassung_url"]

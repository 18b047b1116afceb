"""The lists of what a pull request may put into content/ are complete, documented, and the build keeps them.

The wrong-input corpus (tests/test_wrong_inputs.py) runs `make check` against each hostile page;
here the build itself refuses them too, and the lists stay in step with the site and the guide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from aqb.data.checks import PAGE_ID_PREFIXES, PAGE_IDS
from aqb.data.content import (
    FRONT_MATTER_KEYS,
    HIDDEN_PARTS,
    IMAGE_SIGNATURES,
    MARKDOWN_EXTENSIONS,
    PAGE_TEMPLATES,
    RAW_HTML_TAGS,
    RESERVED_NAMES,
    render_page,
)
from helpers import REPO, DataFolder, build_site, found

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_name_the_build_fills_itself_is_reserved(real_site: Path) -> None:
    own_pages = {path.stem for path in (REPO / "content").glob("*.md")} | {"index.html"}
    for entry in real_site.iterdir():
        if entry.name not in own_pages:
            assert entry.name in RESERVED_NAMES, f"{entry.name} fehlt in RESERVED_NAMES"


@pytest.mark.parametrize("source", sorted(path.name for path in (REPO / "content").glob("*.md")))
def test_every_id_a_hand_written_page_gets_from_its_templates_is_refused_to_its_markdown(
    real_site: Path, source: str
) -> None:
    address = "" if source == "index.md" else source.removesuffix(".md") + "/"
    built = BeautifulSoup((real_site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
    own = BeautifulSoup(render_page((REPO / "content" / source).read_text(encoding="utf-8")), "html.parser")
    own_ids = {str(element["id"]) for element in own.select("[id]")}
    for element in built.select("[id]"):
        element_id = str(element["id"])
        if element_id not in own_ids:
            assert element_id in PAGE_IDS or element_id.startswith(PAGE_ID_PREFIXES), f"{element_id} fehlt in PAGE_IDS"


def test_the_check_renders_markdown_as_the_build_does() -> None:
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names = [next(iter(item)) if isinstance(item, dict) else item for item in settings["markdown_extensions"]]
    assert tuple(names) == MARKDOWN_EXTENSIONS


@pytest.mark.parametrize(
    "item",
    [
        *FRONT_MATTER_KEYS,
        *PAGE_TEMPLATES,
        *HIDDEN_PARTS,
        *(f"<{tag}>" for tag in RAW_HTML_TAGS),
        *IMAGE_SIGNATURES,
        *(name.removesuffix(".html").removesuffix(".gz") for name in RESERVED_NAMES),
    ],
)
def test_every_allowed_and_reserved_item_is_documented(item: str) -> None:
    section = GUIDE.split("## Eigene Seiten unter `content/`", 1)[1].split("\n## ", 1)[0]
    assert f"`{item}" in section or f"`{item}`" in section or item in section, f"{item} fehlt in CONTRIBUTING.md"


HOSTILE_PAGES = {
    "meta refresh": (
        '# Neu\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
        "neu.md:3: Inhalt",
    ),
    "Beschreibung bricht aus": (
        "---\ndescription: 'x\"><meta http-equiv=refresh content=0;url=https://evil.example/>'\n---\n\n# Neu\n",
        "neu.md:2: description",
    ),
    "fremde Vorlage": ("---\ntemplate: ../../README.md\n---\n\n# Neu\n", "neu.md:2: template"),
    "Skript": ("# Neu\n\n<script>alert(1)</script>\n", "neu.md:3: Inhalt"),
}


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_the_build_refuses_a_hostile_page_with_file_and_line(
    name: str, data_folder: DataFolder, caplog: pytest.LogCaptureFixture
) -> None:
    text, expected = HOSTILE_PAGES[name]
    content = data_folder.root / "content"
    content.mkdir()
    for page in (REPO / "content").glob("*.md"):
        (content / page.name).write_bytes(page.read_bytes())
    (content / "neu.md").write_text(text, encoding="utf-8")
    with pytest.raises(BaseException):  # noqa: B017 – MkDocs ends a failed build with its own Abort
        build_site(data_folder.root, data_folder.root / "site")
    assert f"content/{expected}" in caplog.text
    assert not (data_folder.root / "site" / "neu").exists()


def test_raw_html_the_list_allows_reaches_the_page(data_folder: DataFolder) -> None:
    content = data_folder.root / "content"
    content.mkdir()
    for page in (REPO / "content").glob("*.md"):
        (content / page.name).write_bytes(page.read_bytes())
    (content / "neu.md").write_text(
        '# Neu\n\nDas <abbr title="Ausbildungs- und Qualifizierungsbudget">AQB</abbr> gibt es seit 2014.<br>\n'
        "[Mehr](https://soziales.hessen.de/) und [Post](mailto:post@example.org), CO<sub>2</sub>.\n",
        encoding="utf-8",
    )
    site = build_site(data_folder.root, data_folder.root / "site")
    html = BeautifulSoup((site / "neu" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = found(html.select_one("article"))
    assert found(article.select_one("abbr"))["title"] == "Ausbildungs- und Qualifizierungsbudget"
    assert [a["href"] for a in article.select("a[href^='https:'], a[href^='mailto:']")] == [
        "https://soziales.hessen.de/",
        "mailto:post@example.org",
    ]

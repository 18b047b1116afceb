"""`make serve` reuses the pages an edit did not touch, and the preview still shows exactly what a fresh build shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aqb.outputs.rendered import RenderedPages
from helpers import DataFolder, build_site, place_project_files, search_fragments

WETTERAU = "kreise/wetteraukreis/2024/"

# (file, text before, text after, page that must show the change, what it shows, share of pages reused at least
# and at most)
EDITS = {
    "Eckdaten eines Eintrags": (
        "data/vereinbarungen/2024/wetteraukreis.yaml",
        "budget_laut_quelle: 1.140.300 Euro",
        "budget_laut_quelle: 1.140.400 Euro",
        WETTERAU,
        "1.140.400 Euro",
        (0.9, 0.999),
    ),
    "Vorlage": (
        "overrides/main.html",
        ">Leichte Sprache</a>",
        ">Leichte Sprache (geändert)</a>",
        WETTERAU,
        "Leichte Sprache (geändert)",
        (0, 0),
    ),
    "Navigation in mkdocs.yml": (
        "mkdocs.yml",
        "- Über diese Seite: ueber.md",
        "- Über uns: ueber.md",
        WETTERAU,
        "Über uns",
        (0, 0),
    ),
    "Seite in content/": (
        "content/ueber.md",
        "# Über diese Seite\n",
        "# Über diese Seite\n\nNeu hinzugefügt.\n",
        "ueber/",
        "Neu hinzugefügt.",
        (0.9, 0.999),
    ),
}


@pytest.fixture
def reuse_count(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """For every page of a build: whether the preview reused its HTML of the build before."""
    reused: list[bool] = []
    look_up = RenderedPages.look_up

    def counted(self: RenderedPages, page: str, page_inputs: object) -> str | None:
        html = look_up(self, page, page_inputs)
        reused.append(html is not None)
        return html

    monkeypatch.setattr(RenderedPages, "look_up", counted)
    yield reused


def built_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (Pagefind names its filter files differently each run)."""
    files = {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}
    return {name: path.read_bytes() for name, path in files.items() if not name.startswith("pagefind/")}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_the_preview_after_an_edit_is_the_fresh_build_of_the_edited_files(
    tmp_path: Path, reuse_count: list[bool], edit: tuple[str, str, str, str, str, tuple[float, float]]
) -> None:
    path, before, after, changed_page, visible, (least, most) = edit
    project = tmp_path / "projekt"
    DataFolder(project)
    place_project_files(project, ("content", "overrides", "hooks", "mkdocs.yml", "CONTRIBUTING.md"))
    preview = tmp_path / "vorschau"
    build_site(project, preview, command="serve", keep_settings=True)
    shown_before = (preview / changed_page / "index.html").read_text(encoding="utf-8")
    edited = project / path
    text = edited.read_text(encoding="utf-8")
    assert before in text
    edited.write_text(text.replace(before, after, 1), encoding="utf-8")

    reuse_count.clear()
    build_site(project, preview, command="serve", keep_settings=True)
    fresh = build_site(project, tmp_path / "neu", keep_settings=True)

    assert built_files(preview) == built_files(fresh)  # byte for byte, every page and download
    assert search_fragments(preview) == search_fragments(fresh)  # what search finds on each page
    shown = (preview / changed_page / "index.html").read_text(encoding="utf-8")
    assert visible not in shown_before and visible in shown
    share = sum(reuse_count) / len(reuse_count)
    assert least <= share <= most, f"{sum(reuse_count)} von {len(reuse_count)} Seiten wiederverwendet"


def test_a_one_off_build_keeps_no_pages(tmp_path: Path, reuse_count: list[bool]) -> None:
    project = tmp_path / "projekt"
    DataFolder(project)
    build_site(project, tmp_path / "eins")
    build_site(project, tmp_path / "zwei")
    assert reuse_count == []  # `make build` renders every page: nothing to look up, nothing kept in memory


def previous_build(pages: RenderedPages, site: object, rendered: dict[str, str]) -> None:
    """One build of the preview that rendered `rendered` (page: HTML), each page's inputs its name."""
    pages.begin(site)
    for page, html in rendered.items():
        assert pages.look_up(page, ("Eingaben", page)) is None
        pages.keep(page, html)
    pages.end()


@pytest.mark.parametrize(
    ("site", "page_inputs", "reused"),
    [
        (("Einstellungen", 1), ("Eingaben", "a.md"), True),
        (("Einstellungen", 2), ("Eingaben", "a.md"), False),  # a setting, a template, the navigation changed
        (("Einstellungen", 1), ("Eingaben", "a.md", "neue Daten"), False),  # the page's own data changed
        (("Einstellungen", 1), ("Eingaben", lambda: "nicht vergleichbar"), False),  # cannot be compared: rendered
    ],
)
def test_a_page_is_reused_only_with_the_same_inputs(site: object, page_inputs: object, reused: bool) -> None:
    pages = RenderedPages()
    previous_build(pages, ("Einstellungen", 1), {"a.md": "<p>Ä</p>"})
    pages.begin(site)
    assert pages.look_up("a.md", page_inputs) == ("<p>Ä</p>" if reused else None)


def test_the_preview_keeps_only_the_last_build_and_only_up_to_its_limit() -> None:
    pages = RenderedPages(limit_bytes=200)
    previous_build(pages, "Seite", {"a.md": "<p>A</p>", "gross.md": "x" * 100_000 + "\u00e4" * 100_000})
    previous_build(pages, "Seite", {"b.md": "<p>B</p>"})
    pages.begin("Seite")
    assert pages.look_up("b.md", ("Eingaben", "b.md")) == "<p>B</p>"
    assert pages.look_up("a.md", ("Eingaben", "a.md")) is None  # not in the last build: memory does not grow
    pages.end()
    previous_build(pages, "Seite", {"gross.md": "".join(chr(0x4E00 + n % 20000) for n in range(200_000))})
    pages.begin("Seite")
    assert pages.look_up("gross.md", ("Eingaben", "gross.md")) is None  # beyond the limit: rendered again

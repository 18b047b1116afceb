"""Page kinds as modules: one registry decides every page, its template, its data and its date."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from aqb.data.dataset import Dataset
from aqb.pages.kinds.base import PageKind, PageSpec
from aqb.pages.registry import PAGE_KINDS
from aqb.pages.site import Site
from helpers import REPO

OVERRIDES = REPO / "overrides"
CODE = sorted([*(REPO / "src").rglob("*.py"), *(REPO / "hooks").glob("*.py")])


@pytest.fixture(scope="module")
def site(bundled_dataset: Dataset) -> Site:
    return Site(bundled_dataset, "# Leitfaden\n\nText")


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=[k.name for k in PAGE_KINDS])
def test_each_kind_has_its_template_in_the_pages_folder(kind: PageKind) -> None:
    assert kind.template.startswith("aqb/pages/")
    assert (OVERRIDES / kind.template).is_file()


def test_kind_names_and_templates_are_unique() -> None:
    assert len({k.name for k in PAGE_KINDS}) == len({k.template for k in PAGE_KINDS}) == len(PAGE_KINDS)


def test_every_page_template_belongs_to_a_kind_or_a_hand_written_page() -> None:
    """A template nobody renders is dead; templates are split into pages, partials and macros."""
    used = {k.template for k in PAGE_KINDS} | {
        line.split(":", 1)[1].strip()
        for page in (REPO / "content").glob("*.md")
        for line in page.read_text(encoding="utf-8").splitlines()[:5]
        if line.startswith("template:")
    }
    pages = {p.relative_to(OVERRIDES).as_posix() for p in (OVERRIDES / "aqb" / "pages").glob("*.html")}
    assert pages == used
    assert {p.parent.name for p in (OVERRIDES / "aqb").rglob("*.html")} == {"pages", "partials", "macros"}


@pytest.mark.parametrize(
    ("src_uri", "kind", "title"),
    [
        ("kreise/index.md", "partner_index", "Kreise und kreisfreie Städte"),
        ("kreise/marburg-biedenkopf/index.md", "partner", "Landkreis Marburg-Biedenkopf"),
        ("kreise/marburg-biedenkopf/2025.md", "vereinbarung", "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf"),
        ("jahre/index.md", "jahr_index", "Vereinbarungen nach Jahr"),
        ("jahre/2025.md", "jahr", "Zielvereinbarungen 2025"),
        ("projekte.md", "projekte_index", "Alle Projekte"),
        ("projekte/2025.md", "projekte", "Projekte 2025"),
        ("vergleich.md", "vergleich", "Budgets im Vergleich"),
        ("suche.md", "suche", "Suche"),
        ("mitmachen.md", "mitmachen", "Mitmachen: eine Vereinbarung ergänzen"),
        ("daten/index.md", "daten", "Offene Daten"),
    ],
)
def test_the_registry_gives_each_page_its_kind_title_and_data(site: Site, src_uri: str, kind: str, title: str) -> None:
    spec = site.pages[src_uri]
    assert spec.kind.name == kind and spec.generated
    assert site.meta_for(src_uri) is not None and site.meta_for(src_uri)["title"] == title  # type: ignore[index]
    assert site.data_for(src_uri)


def test_the_start_page_is_hand_written_but_gets_its_data(site: Site) -> None:
    assert "index.md" not in {spec.src_uri for spec in site.generated()}
    assert site.meta_for("index.md") == {"template": "aqb/pages/start.html"}  # its title stays its heading
    data = site.data_for("index.md")
    assert data is not None and data["anzahl"] == len(site.dataset.agreements)


def test_a_hand_written_page_without_a_kind_gets_no_data(site: Site) -> None:
    assert site.data_for("impressum.md") is None and site.meta_for("impressum.md") is None


def test_two_kinds_claiming_one_page_is_an_error(monkeypatch: pytest.MonkeyPatch, bundled_dataset: Dataset) -> None:
    import aqb.pages.site as site_module

    copy = dataclasses.replace(PAGE_KINDS[1], name="kopie")
    monkeypatch.setattr(site_module, "PAGE_KINDS", (*PAGE_KINDS, copy))
    with pytest.raises(ValueError, match=r"kreise/index\.md: partner_index und kopie"):
        _ = Site(bundled_dataset).pages  # the pages are gathered when first asked for


def test_dispatch_on_kind_names_happens_nowhere() -> None:
    """Page kinds are objects; the site and the hooks never compare a page's kind to a string."""
    for path in [*(REPO / "src" / "aqb" / "pages").rglob("*.py"), *(REPO / "hooks").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Attribute)
                and node.left.attr in ("kind", "name")
            ):
                assert not any(isinstance(c, ast.Constant) for c in node.comparators), f"{path.name}:{node.lineno}"


def test_page_specs_are_frozen() -> None:
    assert dataclasses.fields(PageSpec) and PageSpec.__dataclass_params__.frozen  # type: ignore[attr-defined]

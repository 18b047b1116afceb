"""Hardening: hostile files stay bounded, builds publish whole or not at all, no link breaks."""

from __future__ import annotations

import hashlib
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from helpers import MARBURG, REPO, DataFolder, aqb, place_project_files, search_fragments, serve

# -- hostile files: refused with a message, in bounded time and memory -----------------------------


def bounded_check(folder: DataFolder) -> subprocess.CompletedProcess[str]:
    """`aqb check` with at most 1 GiB of memory and 60 s: a hostile file must not take the machine down."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return aqb("check", cwd=folder.root, timeout=60, preexec_fn=limit)


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        lines.append(f"{chr(ord('a') + level)}: &{chr(ord('a') + level)} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


HOSTILE_FILES = [
    (
        "Milliarden-Lacher (Anker)",
        billion_laughs(),
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:1: YAML-Syntax: Anker und Verweise (&name, *name) sind "
        "nicht erlaubt; jeden Wert ausschreiben",
    ),
    (
        "riesige Datei",
        "jahr: 2025\nangaben:\n" + "  - " + "x" * 100 + "\n" * 1 + ("  - " + "x" * 100 + "\n") * 6000,
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:1: Datei: ist zu groß",
    ),
    ("tief verschachtelt", "jahr: " + "[" * 5000 + "]" * 5000 + "\n", "ist zu tief verschachtelt (mehr als 20 Ebenen)"),
    (
        "tief verschachtelte Zuordnungen",
        "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(60)) + "  " * 60 + "x\n",
        "ist zu tief verschachtelt (mehr als 20 Ebenen)",
    ),
    (
        "Nullbyte",
        "jahr: 2025\x00\n",
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:1: Datei: enthält ein unzulässiges Steuerzeichen (#x0000)",
    ),
    (
        "Steuerzeichen",
        "jahr: 2025\npartner: \x07marburg\n",
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:2: Datei: enthält ein unzulässiges Steuerzeichen (#x0007)",
    ),
    (
        "zwei Dokumente",
        "jahr: 2025\n---\njahr: 2026\n",
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:2: YAML-Syntax: die Datei darf nur ein YAML-Dokument "
        "enthalten",
    ),
    (
        "Python-Objekt",
        "jahr: !!python/object/apply:os.system ['echo gehackt']\n",
        "data/vereinbarungen/2025/marburg-biedenkopf.yaml:1: jahr: Typangaben wie "
        "'tag:yaml.org,2002:python/object/apply:os.system' sind nicht erlaubt",
    ),
]


@pytest.mark.parametrize(
    ("content", "expected"), [case[1:] for case in HOSTILE_FILES], ids=[c[0] for c in HOSTILE_FILES]
)
def test_hostile_file_is_refused_within_bounds(data_folder: DataFolder, content: str, expected: str) -> None:
    data_folder.write(MARBURG, content)
    result = bounded_check(data_folder)
    assert result.returncode == 1, result.stderr[-2000:]
    assert expected in result.stderr
    assert "gehackt" not in result.stdout + result.stderr


# -- publishing whole or not at all --------------------------------------------------------------------


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-f", str(REPO / "Makefile"), "build", f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
        cwd=project,
        capture_output=True,
        text=True,
    )


def test_failed_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path)
    place_project_files(tmp_path, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md", "mkdocs.yml"))
    first = make_build(tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    published = tree_digest(tmp_path / "site")
    assert "kreise/marburg-biedenkopf/2025/index.html" in published

    folder.write(
        MARBURG, (REPO / "data" / MARBURG).read_text(encoding="utf-8").replace("budget: 1118780", "budget: -1")
    )
    failed = make_build(tmp_path)
    assert failed.returncode != 0
    assert "budget: muss ein Betrag in ganzen Euro ≥ 0 sein" in failed.stderr
    assert tree_digest(tmp_path / "site") == published

    (folder.path / MARBURG).unlink()
    (folder.path / "originaltexte" / "2025" / "marburg-biedenkopf.txt").unlink()  # the signed text goes with it
    again = make_build(tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    # Replaced whole: the agreement's address now shows that it is missing, its signed text is gone.
    address = (tmp_path / "site" / "kreise" / "marburg-biedenkopf" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "Zielvereinbarung 2025 – Landkreis Marburg-Biedenkopf: liegt nicht vor" in address
    assert "aqb-wortlaut" not in address
    assert not (tmp_path / "site" / "originaltexte" / "2025" / "marburg-biedenkopf.txt").exists()
    assert not (tmp_path / "site.neu").exists() and not (tmp_path / "site.alt").exists()


# -- the search index holds each fact once ---------------------------------------------------------
# Pagefind's memory grows with every indexed word (1.9 GiB at 10 000 agreements before this rule).


def test_each_project_and_signatory_is_indexed_once_on_its_agreement_page(real_site: Path) -> None:
    pages = {url: text for url, text in search_fragments(real_site).items() if url.startswith(("/kreise/", "/jahre/"))}
    for fact in ("Frauenakademie 2025", "Motivierendes Coaching Marburg 2025", "Peter Neidel"):
        holding = {url: text.count(fact) for url, text in pages.items() if fact in text}
        assert holding == {"/kreise/marburg-biedenkopf/2025/": 1}, fact


def test_the_year_page_indexes_its_standard_text_but_not_the_agreements_again(real_site: Path) -> None:
    year = search_fragments(real_site)["/jahre/2025/"]
    assert "Dazu wird unter anderem eine Umsetzungsbesprechung im Herbst angesetzt." in year
    assert "Landkreis Marburg-Biedenkopf" not in year and "Frauenakademie" not in year


def test_the_contributor_guide_is_found_by_its_prose_not_by_its_yaml_examples(real_site: Path) -> None:
    guide = search_fragments(real_site)["/mitmachen/"]
    assert "Pull Request" in guide and "budget_laut_quelle" in guide  # prose and the field reference
    assert "Frauenakademie" not in guide  # the example quotes the real agreement


# -- links ---------------------------------------------------------------------------------------------


def internal_links(site: Path) -> Iterator[tuple[Path, str]]:
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["a", "link", "script", "img"]):
            target = str(element.get("href") or element.get("src") or "")
            if not target or urlparse(target).scheme in ("http", "https", "mailto", "javascript", "data"):
                continue
            yield html, target


def test_no_internal_link_or_anchor_is_broken(real_site: Path) -> None:
    broken = []
    anchors: dict[Path, set[str]] = {}
    for html, target in internal_links(real_site):
        url = urlparse(urljoin("file:///" + str(html.relative_to(real_site)), target))
        path = real_site / unquote(url.path).lstrip("/")
        if path.is_dir() or url.path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            broken.append(f"{html.relative_to(real_site)}: {target}")
            continue
        if url.fragment and path.suffix == ".html":
            if path not in anchors:
                soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                anchors[path] = {str(element["id"]) for element in soup.find_all(id=True)}
            if url.fragment not in anchors[path]:
                broken.append(f"{html.relative_to(real_site)}: {target} (Anker fehlt)")
    assert broken == []


def linkchecker(start: str) -> subprocess.CompletedProcess[str]:
    """LinkChecker from the start URL over http, anchors included; exit code 1 on any error or warning."""
    command = [
        str(Path(sys.executable).with_name("linkchecker")),
        "--config",
        str(REPO / "tests" / "linkcheckerrc"),
        "--no-status",
        "--verbose",
        "--output",
        "text",
        start,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_linkchecker_over_http_finds_no_broken_link_or_anchor(served_site: str) -> None:
    result = linkchecker(served_site)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert " 0 warnings found. 0 errors found." in result.stdout
    assert f"Real URL   {served_site}kreise/marburg-biedenkopf/2025/\n" in result.stdout  # it crawled the site


def test_linkchecker_reports_a_broken_link_and_a_missing_anchor(real_site: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt"
    shutil.copytree(real_site, broken)
    start = broken / "index.html"
    start.write_text(
        start.read_text(encoding="utf-8").replace(
            "<body", '<body><a href="kreise/#gibt-es-nicht">a</a><a href="gibt-es-nicht/">b</a>', 1
        ),
        encoding="utf-8",
    )
    with serve(broken) as url:
        result = linkchecker(url)
    assert result.returncode == 1
    assert "Anchor `gibt-es-nicht' (decoded:" in result.stdout
    assert f"Real URL   {url}gibt-es-nicht/\nCheck time" in result.stdout
    assert "Result     Error: 404" in result.stdout
    assert "1 warning found. 1 error found." in result.stdout


# -- below a sub-path, as on a GitHub Pages project site ---------------------------------------------


@pytest.fixture(scope="module")
def served_below_prefix(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("unterpfad")
    (root / "aqb-hessen").symlink_to(real_site)
    with serve(root) as url:
        yield url + "aqb-hessen/"


def test_linkchecker_finds_nothing_broken_below_a_sub_path(served_below_prefix: str) -> None:
    result = linkchecker(served_below_prefix)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert f"Real URL   {served_below_prefix}kreise/marburg-biedenkopf/2025/\n" in result.stdout


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "kreise/marburg-biedenkopf/2025/",
        "jahre/2025/",
        "projekte/",
        "projekte/2025/",
        "daten/",
        "suche/?q=Frauenakademie",
    ],
)
def test_site_works_below_a_sub_path(browser_page: tuple[Any, list[str]], served_below_prefix: str, path: str) -> None:
    tab, _ = browser_page
    failed: list[str] = []
    tab.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    tab.goto(served_below_prefix + path, wait_until="networkidle")
    if path.startswith("suche/"):
        expect(tab.locator("#aqb-suche-status")).to_contain_text("Treffer")
        first = tab.locator("#aqb-treffer a").first
        assert first.get_attribute("href").startswith("/aqb-hessen/")
        first.click()
        tab.wait_for_load_state("networkidle")
        assert "/aqb-hessen/" in tab.url
    assert failed == []

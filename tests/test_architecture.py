"""The import rules of ARCHITECTURE.md, enforced: the folders show the pipeline, and it flows one way.

data (reading and checking the YAML) knows nothing of pages or outputs; outputs (downloads, feeds,
catalogue, search index, security policy, publishing) build on data; pages (what each template
gets) build on both; staff tools (command line, drafts, importer) build on data. No module of the
package imports the site engine (MkDocs or ProperDocs): the hooks are the only adapter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from radon.complexity import cc_visit

from helpers import REPO

PACKAGE = REPO / "src" / "aqb"
# Each part of the package and the parts it may import (besides itself).
ALLOWED = {
    "formatting": set(),
    "printed": {"formatting"},
    "urls": {"data"},
    "document": {"formatting", "printed"},
    "data": {"formatting", "printed", "document"},
    "outputs": {"data", "formatting", "printed", "urls"},
    "pages": {"data", "formatting", "printed", "urls", "outputs"},
    "staff": {"data", "document", "formatting", "printed", "urls"},
}
ENGINES = {"mkdocs", "properdocs", "material", "zensical"}
# Small units a newcomer can read: radon's cyclomatic complexity per function, lines per class.
MOST_COMPLEX = 15
LONGEST_CLASS = 250
CODE = sorted([*(REPO / "src").rglob("*.py"), *(REPO / "hooks").glob("*.py")])
MODULES = sorted(path for path in PACKAGE.rglob("*.py") if path.name != "__init__.py" or path.parent != PACKAGE)


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_module_belongs_to_a_known_part() -> None:
    assert {part_of(path) for path in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_imports_follow_the_pipeline(path: Path) -> None:
    part = part_of(path)
    for name in imported(path):
        top = name.split(".")[0]
        assert top not in ENGINES, f"{path.name} importiert die Site-Engine: {name}"
        if top == "aqb" and name.count("."):
            target = name.split(".")[1]
            assert target == part or target in ALLOWED[part], f"{part} darf {target} nicht importieren ({name})"


def test_the_rules_catch_a_wrong_import(tmp_path: Path) -> None:
    """The check is not vacuous: a data module importing page code is caught."""
    module = tmp_path / "loader.py"
    module.write_text("from aqb.pages.site import Site\nimport mkdocs.plugins\n", encoding="utf-8")
    names = imported(module)
    assert "aqb.pages.site" in names and "mkdocs.plugins" in names
    assert "pages" not in ALLOWED["data"]


def test_every_template_we_own_escapes_by_default(tmp_path: Path) -> None:
    """The hook's autoescape covers all of overrides/ (main.html and sitemap.xml too), none of the theme."""
    import importlib.util

    import jinja2

    spec = importlib.util.spec_from_file_location("aqb_site_hooks_for_test", REPO / "hooks" / "site_hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    overrides = REPO / "overrides"
    own = hooks.own_templates(overrides)
    written = {p.relative_to(overrides).as_posix() for p in overrides.rglob("*") if p.suffix in (".html", ".xml")}
    assert own == written and {"main.html", "sitemap.xml", "404.html", "aqb/pages/vereinbarung.html"} <= own
    assert "base.html" not in own and "partials/content.html" not in own  # the theme's stay as they are
    (tmp_path / "main.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=lambda n: n in own)
    assert environment.get_template("main.html").render(name='<a href="x">') == "<p>&lt;a href=&#34;x&#34;&gt;</p>"


@pytest.mark.parametrize("path", CODE, ids=[str(p.relative_to(REPO)) for p in CODE])
def test_no_function_is_too_complex(path: Path) -> None:
    complex_ones = [
        f"{block.fullname} ({block.complexity})"
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > MOST_COMPLEX
    ]
    assert not complex_ones, f"{path.name}: zu verschachtelt, bitte aufteilen: {', '.join(complex_ones)}"


@pytest.mark.parametrize("path", CODE, ids=[str(p.relative_to(REPO)) for p in CODE])
def test_no_class_is_too_long(path: Path) -> None:
    long_ones = [
        f"{node.name} ({(node.end_lineno or node.lineno) - node.lineno + 1} Zeilen)"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and (node.end_lineno or node.lineno) - node.lineno + 1 > LONGEST_CLASS
    ]
    assert not long_ones, f"{path.name}: {', '.join(long_ones)}"

"""Everything the tests share that is not a fixture (those are in conftest.py): the repository and its
bundled records, data folders to break, building and reading a site, the command line, a local server."""

from __future__ import annotations

import contextlib
import copy
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NoReturn

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from aqb.data import checks
from aqb.staff.cli import main

REPO = Path(__file__).resolve().parent.parent


def unavailable(reason: str, in_ci: str = "") -> NoReturn:
    """A tool or file a test needs is missing here: skipped on a laptop, a failure in CI (CI=true), where
    a gate never passes by skipping (`in_ci` is added to the reason there)."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason + in_ci, pytrace=False)
    pytest.skip(reason)


def line_of(path: Path, needle: str) -> int:
    """The line (from 1) of the first line of `path` that contains `needle`: expected line numbers come from
    the data as it is, so adding a partner or a comment does not break unrelated cases."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def line_in(relative: str, needle: str, offset: int = 0) -> int:
    """The line of the bundled file data/`relative` that first contains `needle`, or `offset` lines below it."""
    return line_of(REPO / "data" / relative, needle) + offset


def at(relative: str, needle: str, offset: int = 0) -> str:
    """How a message names that line (`line_in`): 'data/vereinbarungen/2025/marburg-biedenkopf.yaml:13'."""
    return f"data/{relative}:{line_in(relative, needle, offset)}"


def lines_in(relative: str) -> int:
    """How many lines the bundled file data/`relative` has: what a test appends starts on the line after."""
    return len((REPO / "data" / relative).read_text(encoding="utf-8").splitlines())


# The signed 2025 text, kept in the repository as the provenance of its record.
SEED = REPO / "data" / "originaltexte" / "2025" / "marburg-biedenkopf.txt"
# The bundled 2025 Marburg-Biedenkopf record (under data/), and how messages name it.
MARBURG = "vereinbarungen/2025/marburg-biedenkopf.yaml"
MARBURG_IN_MESSAGES = f"data/{MARBURG}"
# Lines of the Marburg record that messages name, found by their text (a line added above moves them);
# M_END_PLUS_n: the n-th line a test appends to it.
M_AUSBILDUNG = at(MARBURG, "ausbildung:")
M_BUDGET = at(MARBURG, "budget:")
M_BUDGET_PLUS_1 = at(MARBURG, "budget:", 1)
M_DATEI = at(MARBURG, "datei:")
M_DATUM = at(MARBURG, "datum:")
M_END_PLUS_11 = f"data/{MARBURG}:{lines_in(MARBURG) + 11}"
M_END_PLUS_13 = f"data/{MARBURG}:{lines_in(MARBURG) + 13}"
M_END_PLUS_2 = f"data/{MARBURG}:{lines_in(MARBURG) + 2}"
M_END_PLUS_3 = f"data/{MARBURG}:{lines_in(MARBURG) + 3}"
M_END_PLUS_5 = f"data/{MARBURG}:{lines_in(MARBURG) + 5}"
M_FIRST_UMLAUT = at(MARBURG, "für")  # the first line with a character beyond ASCII
M_FRAUENAKADEMIE_2025 = at(MARBURG, "- Frauenakademie 2025")
M_HERAUSGEBER = at(MARBURG, "herausgeber:")
M_HERKUNFT = at(MARBURG, "herkunft:")
M_JAHR = at(MARBURG, "jahr:")
M_NAME = at(MARBURG, "- name:")
M_NAME_PETER_NEIDEL = at(MARBURG, "- name: Peter Neidel")
M_ORIGINAL = at(MARBURG, "original:")
M_ORT = at(MARBURG, "ort:")
M_PARTNER = at(MARBURG, "partner:")
M_QUALIFIZIERUNG = at(MARBURG, "qualifizierung:")
M_QUELLE = at(MARBURG, "quelle:")
M_SHA256 = at(MARBURG, "sha256:")
M_TITEL = at(MARBURG, "titel:")
M_VOICE_CONNECT_2025 = at(MARBURG, "- Voice Connect 2025")
M_WEITERBILDUNG = at(MARBURG, "weiterbildung:")
M_WEITERBILDUNG_PLUS_1 = at(MARBURG, "weiterbildung:", 1)


# signed_text(slug, budget, projects, bullet): the 2025 text as another partner would have signed it (the
# fixture of that name).
SignedText = Callable[[str, int, list[str], str], str]


def partner_entries() -> dict[str, dict[str, Any]]:
    """data/gebietskoerperschaften.yaml as plain YAML, unvalidated: for what tests need at collection time
    (`parametrize`, strategies), which a data error must not break. The Partner objects come from the
    `bundled_dataset` fixture, inside the test."""
    entries: dict[str, dict[str, Any]] = yaml.safe_load(
        (REPO / "data" / "gebietskoerperschaften.yaml").read_text(encoding="utf-8")
    )
    return entries


def partner_slugs() -> list[str]:
    """The bundled partners' slugs, sorted (see `partner_entries`)."""
    return sorted(partner_entries())


def real_agreement() -> dict[str, Any]:
    """The bundled 2025 Marburg-Biedenkopf record as plain data, a template for test records."""
    record: dict[str, Any] = yaml.safe_load((REPO / "data" / MARBURG).read_text(encoding="utf-8"))
    return record


def synthetic_agreement(
    partner: str, year: int, budget: int, projects: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """A made-up agreement for tests only: the real record's shape with other values.

    The partner's names in the text come from the partner (data/gebietskoerperschaften.yaml); a test
    that needs other names sets them there with DataFolder.name_partner."""
    record = copy.deepcopy(real_agreement())
    record.update(
        jahr=year,
        partner=partner,
        budget=budget,
        massnahmen=projects if projects is not None else {"qualifizierung": [f"Testprojekt {partner} {year}"]},
    )
    record["quelle"] = {"titel": f"Testdaten {partner} {year}", "herausgeber": "Testsuite"}
    record.pop("original")  # the signed document of the real record belongs to it alone
    return record


class DataFolder:
    """A copy of data/ in a temporary folder, for tests that add or break files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / "data"
        shutil.copytree(REPO / "data", self.path)

    def write(self, relative: str, content: str | bytes | dict[str, Any]) -> Path:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            content = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        if isinstance(content, str):
            content = content.encode("utf-8")
        target.write_bytes(content)
        return target

    def name_partner(self, slug: str, forms: str | dict[str, str]) -> None:
        """Give a partner its own case forms (im_text): one text for all four cases, or each. The check
        takes only the forms of its bezeichnung; anything else passes only under `naming_check_lifted`."""
        path = self.path / "gebietskoerperschaften.yaml"
        partners = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases = ("nominativ", "genitiv", "dativ", "akkusativ")
        partners[slug]["im_text"] = forms if isinstance(forms, dict) else {case: f"{case} {forms}" for case in cases}
        self.write("gebietskoerperschaften.yaml", partners)

    def without_original(self, record: dict[str, Any]) -> dict[str, Any]:
        """`record` (a copy of a bundled one) without its signed document, whose file is removed: then only the
        rules on deviations hold it, not the word-for-word comparison with the original."""
        (self.path / record.pop("original")["datei"]).unlink()
        return record

    def drop_original(self, relative: str) -> None:
        """The record at `relative` (under data/) rewritten without its signed document."""
        record = yaml.safe_load((self.path / relative).read_text(encoding="utf-8"))
        self.write(relative, self.without_original(record))

    def add_agreement(self, record: dict[str, Any]) -> Path:
        return self.write(f"vereinbarungen/{record['jahr']}/{record['partner']}.yaml", record)

    def add_standard_text(self, year: int) -> Path:
        """A standard text for another year: the 2025 wording with that year (test data only)."""
        text = (self.path / "standardtexte" / "2025.yaml").read_text(encoding="utf-8")
        return self.write(f"standardtexte/{year}.yaml", text.replace("2025", str(year)))


@contextlib.contextmanager
def naming_check_lifted() -> Iterator[None]:
    """As if the check of im_text (`partner_naming_problems`) missed every name: for tests showing that
    pages keep any name as literal text, whatever the data's checks let through."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "partner_naming_problems", lambda *arguments: iter(()))
        yield


def place_project_files(project: Path, names: tuple[str, ...], source: Path = REPO) -> None:
    """Put copies of the named top-level files of the repository into a test project (those not there yet).

    Copies, never links: the check and the build refuse a linked entry (it could lead anywhere)."""
    for name in names:
        target = project / name
        if target.exists() or target.is_symlink():
            continue
        if (source / name).is_dir():
            shutil.copytree(source / name, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source / name, target)


# The repository address the published site gets from its workflow (test data: no such repository).
TEST_REPOSITORY = "https://github.com/beispiel/aqb-zielvereinbarungen"


def build_site(
    project: Path,
    site_dir: Path,
    environment: dict[str, str] | None = None,
    *,
    keep_settings: bool = False,
    command: Literal["build", "serve"] = "build",
) -> Path:
    """Build the site of `project` (a folder with data/) with our mkdocs.yml, strictly, in-process.

    `environment`: settings that mkdocs.yml reads with !ENV, for this build only; `keep_settings`: use
    the project's own mkdocs.yml (a test changed it); `command`: "serve" builds as each rebuild of
    `make serve` does (the hooks of one project are loaded once per process, as in the preview)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    place_project_files(project, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md"))
    if not (keep_settings and (project / "mkdocs.yml").exists()):
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in (environment or {}).items():
            patch.setenv(name, value)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def search_fragments(site: Path) -> dict[str, str]:
    """What Pagefind indexed: each page's URL and its indexed text, white space folded."""
    fragments = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments[data["url"]] = " ".join(data["content"].split())
    return fragments


def page(site: Path, url: str) -> BeautifulSoup:
    """Parse the built page at a site URL such as 'kreise/marburg-biedenkopf/2025/'."""
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def found(element: Any) -> Tag:
    """The element a test expects on the page; a missing one fails here, with what was looked for."""
    assert isinstance(element, Tag), f"Element fehlt auf der Seite: {element!r}"
    return element


def attribute_of(element: Any, name: str) -> str:
    """An element's single-valued attribute (href, id, lang …) as text."""
    value = found(element).get(name)
    assert isinstance(value, str), f"Attribut {name} fehlt oder ist mehrwertig: {value!r}"
    return value


def section_of(soup: Any, section_id: str) -> Tag:
    """The <section> of an agreement's text that `#section_id` leads to (the id is on its first heading,
    or on the section itself where it has none)."""
    target = found(soup.find(id=section_id))
    return target if target.name == "section" else found(target.find_parent("section"))


def text_of(element: Any) -> str:
    """Visible text with white space folded, as a reader (or screen reader) gets it."""
    element = copy.copy(element)
    for hidden in element.select('[aria-hidden="true"], [hidden]'):
        hidden.decompose()
    return " ".join(element.get_text(" ").split())


# -- the command line ----------------------------------------------------------------------------


def aqb(*arguments: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """`aqb …` as staff run it: a child process in `cwd`, its output as text (`options`: timeout, limits)."""
    command = [sys.executable, "-m", "aqb.staff.cli", *arguments]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False, **options)


def run(argv: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`aqb …` in this process (in the current folder): its exit status and everything it printed."""
    try:
        status = main(list(argv))
    except SystemExit as exit:  # argparse refuses a call with exit status 2
        status = int(exit.code or 0)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


# -- browser -------------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # linkchecker throttles every host to a few requests per second unless the server sends this header
        self.send_header("LinkChecker", "ungebremst")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on http://127.0.0.1:<free port>/ while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

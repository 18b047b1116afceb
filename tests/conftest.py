"""Shared fixtures: the bundled data, data folders to break, sites built into temporary folders, a
browser. Everything else the tests share is in helpers.py."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aqb.data.dataset import Dataset
from aqb.data.loader import load_dataset
from helpers import REPO, SEED, TEST_REPOSITORY, DataFolder, SignedText, build_site, serve, unavailable
from preview import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def bundled_dataset() -> Dataset:
    """The bundled data/, loaded once; a data error fails the tests that use it, not their collection."""
    return load_dataset(REPO / "data")


@pytest.fixture(scope="session")
def signed_text(bundled_dataset: Dataset) -> SignedText:
    """signed_text(slug, budget, projects, bullet): the 2025 text as another partner would have signed it
    (test data)."""
    marburg = bundled_dataset.partners["marburg-biedenkopf"].naming

    def text_of_partner(slug: str, budget: int, projects: list[str], bullet: str) -> str:
        naming = bundled_dataset.partners[slug].naming
        text = SEED.read_text(encoding="utf-8")
        for case in ("genitiv", "dativ", "akkusativ", "nominativ"):
            ours, theirs = getattr(marburg, case), getattr(naming, case)
            text = text.replace(ours, theirs).replace(ours[:1].upper() + ours[1:], theirs[:1].upper() + theirs[1:])
        text = text.replace("Landkreises\nMarburg-Biedenkopf", naming.genitiv.split(" ", 1)[1])
        text = text.replace("des Landkreises  \nMarburg-Biedenkopf", naming.genitiv)
        text = text.replace("1.118.780 Euro", f"{budget:,} Euro".replace(",", "."))
        listed = "\n".join(f"  {bullet}{project}" for project in projects)
        return re.sub(r"(?m)^  - Frauenakademie 2025\n  - Voice Connect 2025$", listed, text)

    return text_of_partner


@pytest.fixture
def data_folder(tmp_path: Path) -> DataFolder:
    return DataFolder(tmp_path)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the bundled data, as the publishing workflow would (with a repository address)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "data", project / "data")
    return build_site(project, project / "site", {"AQB_REPOSITORY": TEST_REPOSITORY})


@pytest.fixture(scope="session")
def served_site(real_site: Path) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(
            f"{CHROMIUM} fehlt: Browsertests übersprungen (installieren: apt-get install chromium)",
            " – in CI darf kein Browsertest fehlen",
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page plus the list of every URL it requested."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    try:
        yield tab, requested
    finally:
        context.close()

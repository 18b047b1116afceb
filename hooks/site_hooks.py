"""MkDocs hooks: a thin adapter between MkDocs and the `aqb` package (model, checks, page data).

Hook files are loaded by path, so the logic lives in the installed package `aqb`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from aqb.loader import load_dataset
from aqb.problems import DataError
from aqb.search import SearchIndexError, build_search_index
from aqb.views import Site, expand_nav, front_matter

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_site: Site | None = None


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global _site
    try:
        _site = Site(load_dataset(Path(config.config_file_path).parent / "data"))
    except DataError as error:
        raise PluginError(str(error)) from None
    config.nav = expand_nav(config.nav, _site)
    return config


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    for spec in _site.pages.values():
        files.append(File.generated(config, spec.src_uri, content=front_matter(spec)))
    return files


def on_env(env: jinja2.Environment, **kwargs: Any) -> jinja2.Environment:
    # Our templates show text from pull requests: escape everything in them. The theme's own
    # templates are left as they are (they expect raw HTML in page.content).
    env.autoescape = lambda name: bool(name) and name.startswith("aqb/")
    return env


def on_page_context(context: dict[str, Any], *, page: Page, **kwargs: Any) -> dict[str, Any]:
    context["aqb"] = _site.data_for(page.file.src_uri)
    return context


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    try:
        build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None

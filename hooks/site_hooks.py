"""MkDocs hooks: a thin adapter between MkDocs and the `aqb` package (model, checks, page data).

Hook files are loaded by path, so the logic lives in the installed package `aqb`.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.structure.files import File
from watchdog.observers.polling import PollingObserver

from aqb.data.addresses import host_of
from aqb.data.content import pages_problems, read_settings_problems, rendered_page_problems
from aqb.data.files import repository_problems
from aqb.data.history import last_changes
from aqb.data.loader import load_dataset
from aqb.data.problems import DataError, escaped
from aqb.outputs.buildlog import BUILD_FAILED, OWN_LOGGER, abort_message, speak_german
from aqb.outputs.csp import UnknownInlineScriptError, apply_policy
from aqb.outputs.forked import ForkedWork, ForkedWorkError
from aqb.outputs.publish import WORK_ENV
from aqb.outputs.rendered import RenderedPages, outline, site_inputs
from aqb.outputs.search import SearchIndexError, SearchMirror
from aqb.pages.legal import publication_problems, setting_problems
from aqb.pages.repository import Repository
from aqb.pages.sidebar import Sidebars
from aqb.pages.site import Site, expand_nav

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

log = logging.getLogger(OWN_LOGGER)
# `make serve` sets this: the preview's pages let the server's live-reload script run (never a build's),
# by a nonce made anew each time the preview starts.
PREVIEW_NONCE = secrets.token_urlsafe(18) if os.environ.get("AQB_VORSCHAU") == "1" else None
POLL_SECONDS = 0.1  # `make serve`: how often the preview looks for saved files
_site: Site | None = None  # set in on_config, for the build that follows
_search: SearchMirror | None = None  # set in on_pre_build
_sidebars: Sidebars | None = None  # set in on_nav, for the build that follows
_downloads: ForkedWork | None = None  # started in on_files, waited for in on_post_build


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the next build: `make serve` builds anew on every save with a new
    Jinja environment, which would parse and compile every template again. Jinja compiles a template
    again whenever its source changed (the bucket's checksum), so an edited template is never stale."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


# The hook file is loaded once per `make serve`, so these outlive each build.
_compiled_templates = _CompiledTemplates()
_rendered = RenderedPages()
_preview = False  # set in on_startup: `make serve` reuses pages whose inputs did not change
_navigation: list[object] = []  # set in on_nav: the navigation as plain values, for the preview's fingerprints


def _current_site() -> Site:
    if _site is None:
        raise PluginError("aqb: on_config ist nicht gelaufen")
    return _site


def _current_search() -> SearchMirror:
    if _search is None:
        raise PluginError("aqb: on_pre_build ist nicht gelaufen")
    return _search


def on_startup(*, command: str, **kwargs: Any) -> None:
    # Once per `make serve` or `make build`, before ProperDocs' first line ("Seiten werden gebaut …").
    global _preview
    _preview = command == "serve"
    speak_german()


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global _site
    root = Path.cwd() / Path(config.config_file_path).parent  # relative with `-f mkdocs.yml`; links kept
    linked = repository_problems(root)  # before anything else is read: a link could lead anywhere
    if linked:
        raise PluginError(str(DataError(linked)))
    problems = pages_problems(Path(config.docs_dir), root / "CONTRIBUTING.md", root)
    try:
        dataset = load_dataset(root / "data")
    except DataError as error:
        problems.extend(error.problems)
    if problems:
        raise PluginError(str(DataError(problems)))
    for warning in dataset.warnings:
        log.info("Zu den Daten: %s", warning)  # after "Hinweis –" (aqb.outputs.buildlog)
    report_email = config.extra.get("fehler_melden_email")
    settings = setting_problems(config.extra.get("betreiber") or {}, config.extra.get("repository") or {}, report_email)
    if settings:  # before anything is built, in German
        raise PluginError("Einstellungen in mkdocs.yml:\n" + "\n".join(escaped(problem) for problem in settings))
    operator = config.extra.get("betreiber") or {}
    repository = Repository.from_settings(config.extra.get("repository") or {})
    production = os.environ.get("AQB_PRODUKTION") == "1"
    for problem in publication_problems(operator, config.site_url or "", production, repository):
        log.warning(problem)  # `mkdocs build --strict` turns this into a failed build
    _site = Site(
        dataset,
        (root / "CONTRIBUTING.md").read_text(encoding="utf-8"),
        site_url=config.site_url or "",
        public_url=_configured_address(config),
        operator=operator.get("name", ""),
        file_dates=last_changes(root, ["data", "content"]),
        repository=repository,
        data_dir=root / "data",
        report_email=str(report_email or "").strip(),
    )
    config.nav = expand_nav(config.nav, _site)
    return config


def _configured_address(config: MkDocsConfig) -> str:
    """The address mkdocs.yml configures: `make serve` puts the preview's into site_url, SITE_URL stays."""
    return os.environ.get("SITE_URL") or config.site_url or ""


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files:
    global _downloads
    for spec in _current_site().generated():
        files.append(File.generated(config, spec.src_uri, content=""))
    # The site folder was cleaned just before: a child process writes the downloads into it while the pages
    # render (no page has a download's path: content/ may not use those names).
    _stop_downloads()  # never two at once (make serve)
    _downloads = ForkedWork(partial(_current_site().write_downloads, Path(config.site_dir)), "Die Downloads")
    return files


def _stop_downloads() -> None:
    global _downloads
    if _downloads is not None:
        _downloads.stop()
        _downloads = None


def _wait_for_downloads() -> None:
    global _downloads
    downloads, _downloads = _downloads, None
    if downloads is None:
        raise PluginError("aqb: on_files ist nicht gelaufen")
    try:
        downloads.wait()
    except ForkedWorkError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if page.file.generated_by is None and page.file.abs_src_path:
        # The front matter as ProperDocs itself read it (a byte-order mark dropped, its own YAML rules),
        # before our settings are added: the lists of `make check` apply to this reading too.
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        if read_settings_problems(page.meta, "", shown):  # the source is read only to name the lines
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
            raise PluginError(str(DataError(read_settings_problems(page.meta, source, shown))))
    meta = _current_site().meta_for(page.file.src_uri)
    if meta is not None:
        page.meta.update(meta)
    return markdown


def on_nav(nav: Navigation, *, config: MkDocsConfig, **kwargs: Any) -> Navigation:
    # The theme's sidebar links every entry of the navigation, the logo and the home page.
    global _sidebars, _navigation
    _navigation = outline(nav.items)  # for the preview's fingerprints
    links = [*_nav_links(nav.items), nav.homepage.url if nav.homepage else ""]
    links += [str(value) for value in (config.theme.get("logo"), config.extra.get("homepage")) if value]
    _sidebars = Sidebars(links)
    return nav


def _nav_links(items: Iterable[Any]) -> Iterator[str]:
    """The address of every page and link in the navigation, sections' children included."""
    for item in items:
        if getattr(item, "url", None) is not None:
            yield str(item.url)
        yield from _nav_links(getattr(item, "children", None) or ())


@jinja2.pass_context
def _shared_sidebar(context: jinja2.runtime.Context, *, caller: Callable[[], str]) -> str:
    """The theme's sidebars of this page (main.html calls this around them), rendered once for all pages
    that show them alike (aqb.pages.sidebar)."""
    page = context.get("page")
    if page is None or _sidebars is None:
        return caller()
    hidden = (page.meta.get("hide") if page.meta else None) or ()
    key = _sidebars.key(page.url, has_contents=bool(page.toc), hidden=hidden)
    return _sidebars.rendered(key, caller)


def on_pre_build(**kwargs: Any) -> None:
    global _search
    mirror = os.environ.get("AQB_SUCHSPIEGEL")  # the benchmark indexes the mirror on its own
    work = os.environ.get(WORK_ENV)  # make build: temporary folders stay in .bau/, never in /tmp
    _search = SearchMirror(Path(mirror) if mirror else None, parent=Path(work) if work else None)


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> jinja2.Environment:
    # Every template we own (anything under overrides/, main.html and sitemap.xml included) shows
    # text from pull requests: escape everything in it by default. The theme's own templates are left
    # as they are (they expect raw HTML in page.content).
    own = own_templates(Path(config.theme.custom_dir or ""))
    env.autoescape = lambda name: name in own
    env.bytecode_cache = _compiled_templates
    feeds = _current_site().feed_paths()
    env.globals["aqb_feeds"] = feeds
    env.globals["aqb_seitenleiste"] = _shared_sidebar
    env.filters["host"] = host_of  # where a source link leads, shown beside it
    # The sitemap (rendered before the pages) shows when content really changed, never the build date.
    for file in files.documentation_pages():
        changed = _current_site().page_date(file.src_uri)
        if changed and file.page is not None:
            file.page.meta["geaendert"] = changed.isoformat()
    if _preview:
        # The settings as read: the first build reads mkdocs.yml by a relative path, the next ones by an
        # absolute one; the site's code (plugins, hooks) does not change while the preview runs.
        settings = {key: value for key, value in config.items() if key not in ("plugins", "hooks", "config_file_path")}
        _rendered.begin(site_inputs(settings, dict(config.theme), config.theme.dirs, own, feeds, _navigation))
    return env


def own_templates(folder: Path) -> frozenset[str]:
    """Template names as Jinja knows them ('main.html', 'aqb/pages/jahr.html') of every template in `folder`."""
    if not folder.is_dir():
        return frozenset()
    return frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.suffix in (".html", ".xml"))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    # A hand-written page as ProperDocs really read and rendered it (its front matter, its title, its
    # HTML): the same lists as `make check` (which reads and renders it itself) apply.
    if page.file.generated_by is None and page.file.abs_src_path:
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        contents = _contents(page.toc)
        if rendered_page_problems(html, page.title, contents, "", shown):  # the source only names the lines
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
            raise PluginError(str(DataError(rendered_page_problems(html, page.title, contents, source, shown))))
    return html


def _contents(entries: Iterable[AnchorLink]) -> list[tuple[str, str]]:
    """(id, title) of every entry of a page's table of contents, nested ones too."""
    return [pair for entry in entries for pair in [(entry.id, entry.title), *_contents(entry.children)]]


def on_page_context(context: dict[str, Any], *, page: Page, **kwargs: Any) -> dict[str, Any]:
    context["aqb"] = _current_site().data_for(page.file.src_uri)
    context["aqb_melden"] = _current_site().feedback_for(page.file.src_uri, page.url, page.title or "")
    if _preview:
        rendered = _rendered.look_up(page.file.src_uri, _page_inputs(page, context))
        if rendered is not None:
            context["aqb_gespeichert"] = Markup(rendered)  # our own HTML of the previous build
    return context


def _page_inputs(page: Page, context: dict[str, Any]) -> object:
    """What the templates read of this page alone (the rest of their context follows from it)."""
    neighbours = [(other.url, other.title) if other else None for other in (page.previous_page, page.next_page)]
    return (page.file.src_uri, page.url, page.title, page.content, page.toc, page.meta, page.canonical_url,
            page.edit_url, page.is_homepage, neighbours, context["aqb"], context["aqb_melden"])  # fmt: skip


def on_post_page(output: str, *, page: Page, **kwargs: Any) -> str:
    if _preview:
        _rendered.keep(page.file.src_uri, output)
    _current_search().add(page.url, output)
    return _with_policy(output, page.file.src_uri)


def on_post_template(output_content: str, *, template_name: str, **kwargs: Any) -> str:
    return _with_policy(output_content, template_name)  # the 404 page


def _with_policy(html: str, source: str) -> str:
    try:
        return apply_policy(html, preview_nonce=PREVIEW_NONCE)
    except UnknownInlineScriptError as error:
        raise PluginError(
            f"{source}: unbekanntes Inline-Skript, das die Sicherheitsrichtlinie nicht erlaubt: "
            f"{escaped(str(error))} … Skripte gehören in Dateien unter overrides/assets/; "
            "Skripte des Themes stehen in src/aqb/outputs/csp.py (ALLOWED_SCRIPTS)."
        ) from None


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    _rendered.end()
    _wait_for_downloads()
    if os.environ.get("AQB_SUCHSPIEGEL"):
        _current_search().finish()  # the benchmark indexes the mirror itself
        return
    try:
        _current_search().build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, **kwargs: Any) -> LiveReloadServer:
    _watch_often_and_only_ours(server, Path(config.config_file_path).resolve().parent)
    # The server adds its reload script to each page it sends; give that script the preview's nonce.
    if PREVIEW_NONCE is not None:
        inject: Callable[[bytes, int], bytes] = server._inject_js_into_html  # untyped in MkDocs
        marker = f'<script nonce="{PREVIEW_NONCE}">'.encode()

        def with_nonce(content: bytes, epoch: int) -> bytes:
            page = inject(content, epoch)
            added = page.rindex(b"<script>")  # the one just added before </body>
            return page[:added] + marker + page[added + len(b"<script>") :]

        server._inject_js_into_html = with_nonce  # type: ignore[method-assign]
    return server


def _watch_often_and_only_ours(server: LiveReloadServer, root: Path) -> None:
    """Look for saved files every POLL_SECONDS, only in the repository: ProperDocs looks every 0.5 s, also
    through the installed theme (14 000 files, mostly icons), which nobody edits while the preview runs."""
    watched = dict(server._watched_paths)  # private in ProperDocs: what it watched before this hook
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)  # not yet started: ProperDocs starts it later
    for path in watched:
        if Path(path).resolve().is_relative_to(root):
            server.watch(path)


def on_build_error(*, error: Exception, **kwargs: Any) -> None:
    _stop_downloads()  # nothing of them is written into the next build's folder
    _rendered.forget()
    if _search is not None:
        _search.discard()
    # ProperDocs ends a failed build with an English line of its own, outside logging: its Abort. The
    # strict mode's Abort comes here and is raised again in German words. After our own errors
    # (BuildError) ProperDocs would log the message and then raise its Abort: both happen here instead.
    if isinstance(error, BuildError):
        log.error(str(error))
        raise Abort(BUILD_FAILED) from None
    if isinstance(error, Abort):
        raise Abort(abort_message(error.message)) from None

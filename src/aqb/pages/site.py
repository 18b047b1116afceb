"""All pages of one dataset: what the hooks ask of the site, answered from the page kinds' registry."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from aqb.data.model import FullTextAgreement
from aqb.data.schema import render, schemas
from aqb.outputs.exports import data_files
from aqb.outputs.feeds import feed_paths, feeds
from aqb.pages.context import SiteData
from aqb.pages.feedback import feedback, page_report
from aqb.pages.kinds.agreement import AGREEMENT
from aqb.pages.kinds.agreement import report as agreement_report
from aqb.pages.kinds.base import PageSpec
from aqb.pages.kinds.partner_index import PARTNER_INDEX
from aqb.pages.registry import PAGE_KINDS


class Site(SiteData):
    """The dataset's pages (generated ones, and hand-written ones that get data), downloads and feeds."""

    @cached_property
    def pages(self) -> dict[str, PageSpec]:
        """Every page by its source path, in the registry's order."""
        pages: dict[str, PageSpec] = {}
        for kind in PAGE_KINDS:
            for spec in kind.pages(self):
                if spec.src_uri in pages:  # two kinds claiming one page: a programming mistake
                    raise ValueError(f"{spec.src_uri}: {pages[spec.src_uri].kind.name} und {kind.name}")
                pages[spec.src_uri] = spec
        return pages

    def generated(self) -> Iterator[PageSpec]:
        """The pages the build adds in memory (never written into content/)."""
        return (spec for spec in self.pages.values() if spec.generated)

    def meta_for(self, src_uri: str) -> dict[str, Any] | None:
        spec = self.pages.get(src_uri)
        return spec.meta() if spec is not None else None

    def data_for(self, src_uri: str) -> dict[str, Any] | None:
        """Data for the template of a page; None for hand-written pages without a kind."""
        spec = self.pages.get(src_uri)
        return spec.data(self) if spec is not None else None

    def feedback_for(self, src_uri: str, url: str, title: str) -> dict[str, str | None]:
        """ "Fehler melden" below a page (`url` below the site's root, as the engine has it)."""
        spec = self.pages.get(src_uri)
        if spec is not None and spec.kind is AGREEMENT:
            return feedback(self, agreement_report(self, spec.subject))
        edit_path = f"content/{src_uri}" if spec is None or not spec.generated else None
        return feedback(self, page_report(f"{self.site_url}{url}", title, edit_path))

    def page_date(self, src_uri: str) -> date | None:
        """When a page's content last changed, for the sitemap; None where that is not known."""
        spec = self.pages.get(src_uri)
        if spec is None:
            return self.file_dates.get(f"content/{src_uri}")
        return spec.changed(self)

    def nav_children(self, section_page: str) -> list[str] | None:
        """Navigation entries below a section page: the partners, never single agreements or years.

        The theme puts the whole navigation into every page, so it lists only what does not grow
        with the data (27 partners); years are reached through the page "Jahre". Entries carry no
        title of their own, so MkDocs keeps each page's title for its heading.
        """
        section = self.pages.get(section_page)
        if section is not None and section.kind is PARTNER_INDEX:
            return [f"kreise/{p.slug}/index.md" for p in self.partners_sorted()]
        return None

    def feed_paths(self) -> set[str]:
        """Which feeds exist: the site's and one per partner (known without writing them)."""
        return set(feed_paths(self.dataset))

    @cached_property
    def _feeds(self) -> dict[str, str]:
        return feeds(self.dataset, self.public_url, self.record_dates)

    def downloads(self) -> Iterator[tuple[str, str | bytes]]:
        """Files published beside the pages (path below the site root, content), one at a time."""
        from aqb.outputs.catalog import catalog_files  # rdflib loads only where downloads are written

        for name, schema in schemas(self.dataset).items():
            yield f"daten/schema/{name}.json", render(schema)
        # Addresses in downloads are the public address's; without one, paths below the site root (the
        # catalogue's relative to daten/, where it lies), never the local preview's address.
        yield from data_files(self.dataset, self.public_url, self.record_dates)
        yield from self._feeds.items()
        catalogue_base = self.public_url or "../"
        yield from catalog_files(self.dataset, catalogue_base, self.operator, self.record_dates).items()

    def write_downloads(self, site_dir: Path) -> None:
        """Write the downloads into the built site, one by one, so they are never all in memory; and
        each signed original, unchanged, at the same path below the site as below data/."""
        for path, content in self.downloads():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if self.data_dir is None:  # page-only tests: no originals to publish
            return
        for agreement in self.dataset.agreements:
            # The loader made sure each named original is there and unchanged.
            if isinstance(agreement, FullTextAgreement) and agreement.original:
                version = agreement.original.textfassung  # a scan's text version is published beside it
                for file in (agreement.original.datei, *([version.datei] if version else [])):
                    target = site_dir / file
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(self.data_dir / file, target)


def expand_nav(nav: list[Any] | None, site: Site) -> list[Any] | None:
    """Give the sections of mkdocs.yml's nav their generated children (the partners)."""
    if nav is None:
        return None
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            children = site.nav_children(target) if isinstance(target, str) else None
            if children is not None:
                item = {title: [target, *children]}
        expanded.append(item)
    return expanded

"""What a page kind is, and one page of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from aqb.pages.context import SiteData


def any_record_changed(site: SiteData, subject: Any) -> date | None:
    """The date of a page that shows something of every record: the newest record's change."""
    return site.latest_date(list(site.record_dates.values()))


@dataclass(frozen=True)
class PageKind:
    """A kind of page: its template, the pages it adds to the site, their data and their date.

    `pages` yields the pages of a dataset; `data` gives the template's data for one page's subject
    (computed only when the page is rendered, so memory does not grow with the number of
    agreements); `changed` says when a page's content last changed, for the sitemap.
    """

    name: str
    template: str
    pages: Callable[[SiteData], Iterator[PageSpec]]
    data: Callable[[SiteData, Any], dict[str, Any]]
    changed: Callable[[SiteData, Any], date | None] = any_record_changed


@dataclass(frozen=True)
class PageSpec:
    """One page: where it lives, its title, its kind and what it is about."""

    src_uri: str
    title: str
    kind: PageKind
    subject: Any = None  # the agreement, partner or year the page shows
    searchable: bool = True  # lists of what other pages hold stay out of the search index
    crawled: bool = True  # False: "noindex" for search engines, and not in the sitemap
    description: str | None = None  # for search engines and link previews
    generated: bool = True  # False: a hand-written page in content/ that gets data (the start page)

    def data(self, site: SiteData) -> dict[str, Any]:
        return self.kind.data(site, self.subject)

    def changed(self, site: SiteData) -> date | None:
        return self.kind.changed(site, self.subject)

    def meta(self) -> dict[str, Any]:
        """What a generated page's front matter would say: title and template; the template does the rest.

        Given to MkDocs as a dict, not as YAML text: writing and parsing YAML for every page cost
        about a tenth of the build."""
        if not self.generated:
            return {"template": self.kind.template}  # the hand-written page keeps its own title
        return {
            "title": self.title,
            "template": self.kind.template,
            # The headings are in the template, not in Markdown, so the theme's table of contents would
            # stay empty: hide it and give wide tables that width on a desktop.
            "hide": ["toc"],
            **({} if self.searchable else {"durchsuchbar": False}),
            **({} if self.crawled else {"suchmaschinen": False}),
            **({"description": self.description} if self.description else {}),
        }

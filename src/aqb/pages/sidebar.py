"""The navigation sidebar rendered once for all pages that show it alike, instead of once per page.

The theme puts the whole navigation into every page, and rendering it is a fifth of a page's time.
A page that is not in the navigation (an agreement, a year, a missing agreement) marks no entry as
active and shows no table of contents of its own, so its sidebar differs from another's only in
the links: each is relative to the page's address ("../../fulda/"). A link from
`kreise/fulda/2024/` to `kreise/fulda/` or to `jahre/` is the same as from `kreise/fulda/2025/`,
as long as no link leads to the page itself or below it: then pages in the same folder share one
sidebar. Everything else (pages in the navigation, which it links, pages with a table of
contents, addresses that are not plain folders, links that are not plain paths) is rendered as
before.

A `Sidebars` lives for one build only: the navigation and the settings may change between the
preview's builds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

# What the sidebar of a page depends on besides the navigation: the page's folder and whether its
# front matter hides the navigation or the table of contents (the theme's `hide`).
Key = tuple[str, bool, bool]


class Sidebars:
    """The sidebars of one build, each rendered once per key."""

    def __init__(self, links: Iterable[str]) -> None:
        """`links`: every address the sidebar links, relative to the site root as the engine has them
        (the navigation's pages and links, the logo, the home page)."""
        self._links = tuple(links)
        self._shared = all(_plain_link(link) for link in self._links)
        self._rendered: dict[Key, str] = {}

    def key(self, url: str, *, has_contents: bool, hidden: Collection[str]) -> Key | None:
        """What the sidebar of the page at site-relative `url` ('kreise/fulda/2025/') depends on; None
        where it must be rendered for this page alone."""
        if not self._shared or has_contents or not _plain_folder(url):
            return None
        # A link to the page itself or below it is written differently from its neighbours', and a page in
        # the navigation (linked by it) marks its own entry as active.
        if any(_within(link, url) for link in self._links):
            return None
        folder = url[: url.rstrip("/").rfind("/") + 1]
        return (folder, "navigation" in hidden, "toc" in hidden)

    def rendered(self, key: Key | None, render: Callable[[], str]) -> str:
        """The sidebar of `key`, rendered by `render` the first time (what it returns is kept as it is:
        Jinja's Markup stays Markup); every time where `key` is None."""
        if key is None:
            return render()
        if key not in self._rendered:
            self._rendered[key] = render()
        return self._rendered[key]

    def __len__(self) -> int:
        """How many sidebars were rendered to be shared."""
        return len(self._rendered)


def _segments_plain(path: str) -> bool:
    """No segment the engine would normalise away ('.', '..', an empty one) and no backslash."""
    return "\\" not in path and "//" not in path and not any(part in (".", "..") for part in path.split("/"))


def _plain_folder(url: str) -> bool:
    """A folder below the site root: 'kreise/fulda/2025/' (not the root '', not a file, no '..')."""
    return url.endswith("/") and not url.startswith("/") and _segments_plain(url)


def _plain_link(link: str) -> bool:
    """A link written the same from every page of a folder: a site-relative path without '.' or '..'
    segments, or an address the engine leaves as it is (another site, '/…', '#…')."""
    return "://" in link or link.startswith(("/", "#")) or _segments_plain(link)


def _within(link: str, url: str) -> bool:
    """Whether the site-relative `link` leads to the folder `url` or below it (compared by segments, as
    the engine relates two addresses: 'kreise/fulda/2025x/' is not below 'kreise/fulda/2025/')."""
    if "://" in link or link.startswith(("/", "#")):
        return False
    return f"{link}/".startswith(url)

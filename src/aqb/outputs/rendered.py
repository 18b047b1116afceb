"""The preview's pages as it rendered them last, reused where nothing a page's templates read has changed.

`make serve` builds the whole site again after every save, though one saved data file changes only a
few pages. Rendering the others again would give the same HTML, byte for byte: their templates read
only the site-wide inputs (settings, templates, navigation, feeds) and the page's own (its address,
title, front matter, Markdown as HTML, table of contents, neighbours and the data its page kind gives).
Both are given here as plain, picklable values; a page whose fingerprint of both is the one it had in
the previous build gets that build's HTML. Anything that cannot be pickled is never reused.

Only for the preview: a one-off build renders every page once, so keeping them would only cost memory.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

# The preview keeps its pages compressed, and only up to this much: a very large dataset still previews,
# its pages beyond the limit are then rendered again on each save.
LIMIT_BYTES = 256 * 1024 * 1024


class RenderedPages:
    """Pages of the previous build by fingerprint; each build keeps only what it looked up or rendered."""

    def __init__(self, limit_bytes: int = LIMIT_BYTES) -> None:
        self.limit_bytes = limit_bytes
        self._site = b""
        self._previous: dict[bytes, bytes] = {}
        self._current: dict[bytes, bytes] = {}
        self._pending: dict[str, bytes] = {}
        self._size = 0

    def begin(self, site_inputs: object) -> None:
        """A build starts: what every page's templates read alike (settings, templates, navigation …)."""
        self._current, self._pending, self._size = {}, {}, 0
        self._site = _fingerprint(site_inputs) or b""
        if not self._site:  # unknown site-wide inputs: nothing can be compared, so nothing is reused
            self._previous = {}

    def look_up(self, page: str, page_inputs: object) -> str | None:
        """The HTML the page had in the previous build with the same inputs, or None (then `keep` it)."""
        page_key = _fingerprint(page_inputs) if self._site else None
        if page_key is None:
            return None
        key = hashlib.sha256(self._site + page_key).digest()
        stored = self._previous.get(key)
        if stored is None:
            self._pending[page] = key
            return None
        self._hold(key, stored)
        return zlib.decompress(stored).decode("utf-8")

    def keep(self, page: str, html: str) -> None:
        """The page was rendered (`look_up` found nothing): keep its HTML for the next build."""
        key = self._pending.pop(page, None)
        if key is not None:
            self._hold(key, zlib.compress(html.encode("utf-8"), 1))

    def end(self) -> None:
        """The build is complete: from now on only its pages are kept."""
        self._previous, self._current, self._pending = self._current, {}, {}

    def forget(self) -> None:
        """The build failed: nothing of it, or of the one before, is reused."""
        self._previous, self._current, self._pending, self._size = {}, {}, {}, 0

    def _hold(self, key: bytes, stored: bytes) -> None:
        if self._size + len(stored) <= self.limit_bytes:
            self._current[key] = stored
            self._size += len(stored)


def site_inputs(
    settings: Mapping[str, object],
    theme: Mapping[str, object],
    theme_folders: Sequence[str],
    templates: Iterable[str],
    feeds: Iterable[str],
    navigation: object,
) -> object:
    """What every page's templates read alike, as plain values: the settings (as read, not where from), the
    theme's settings and folders, the text of our templates (`templates`, names in the first folder), the
    installed theme's (by their time of change: it changes only when installed again), feeds, navigation."""
    own, *installed = (Path(folder) for folder in theme_folders)
    return (
        plain(settings),
        plain(theme),
        [folder.resolve() for folder in (own, *installed)],
        sorted((name, (own / name).read_bytes()) for name in templates),
        [(folder / "base.html").stat().st_mtime_ns for folder in installed if (folder / "base.html").is_file()],
        sorted(feeds),
        navigation,
    )


def outline(items: Iterable[Any]) -> list[object]:
    """Sections, pages and links of a navigation as plain values: what the theme prints of them."""
    return [
        (type(item).__name__, item.title, getattr(item, "url", None), outline(getattr(item, "children", None) or []))
        for item in items
    ]


def plain(value: object) -> object:
    """Nested settings as plain dicts and lists: a settings section's own object also pickles how it was read
    (so the same settings read twice would never compare equal)."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def _fingerprint(inputs: object) -> bytes | None:
    try:
        return hashlib.sha256(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).digest()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None

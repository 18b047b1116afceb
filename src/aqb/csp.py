"""Content Security Policy: inline scripts allowed by their hashes, never by 'unsafe-inline'."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

PLACEHOLDER = "aqb-csp"  # the template writes this; each page gets its own policy in its place

# The theme styles with inline style attributes; scripts are what CSP must keep to the page's own.
# Pagefind compiles WebAssembly, hence 'wasm-unsafe-eval' (it allows no JavaScript eval).
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")

# For hosts that can send headers: what a <meta> policy cannot say, and needs no per-page hashes.
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}


class _InlineScripts(HTMLParser):
    """Collects the text of every inline script the browser would run (not JSON data blocks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "text/javascript").lower()
            runs = kind in ("text/javascript", "module", "application/javascript")
            self._current = [] if runs and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def policy_for(html: str) -> str:
    parser = _InlineScripts()
    parser.feed(html)
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in parser.scripts})
    return POLICY.format(hashes=" ".join(hashes))


def apply_policy(html: str) -> str:
    """Fill the page's policy placeholder with the hashes of exactly this page's inline scripts."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(f'content="{PLACEHOLDER}"', f'content="{policy_for(html)}"', 1)

"""Content Security Policy: inline scripts allowed by their hashes, never by 'unsafe-inline'."""

from __future__ import annotations

import base64
import hashlib
import re

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


# The pages are our own templates' output: every script element is written by a template, and text
# from the data is escaped, so no "</script" can stand inside one.
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_RUNS = ("text/javascript", "module", "application/javascript")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON data blocks, not src=)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or (kind and kind.group(1).lower() not in _RUNS):
            continue
        found.append(match.group("body"))
    return found


def policy_for(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in inline_scripts(html)})
    return POLICY.format(hashes=" ".join(hashes))


def apply_policy(html: str) -> str:
    """Fill the page's policy placeholder with the hashes of exactly this page's inline scripts."""
    if PLACEHOLDER not in html:
        return html
    return html.replace(f'content="{PLACEHOLDER}"', f'content="{policy_for(html)}"', 1)

"""Content Security Policy: only the inline scripts we know, never 'unsafe-inline', no inline styles.

Each page's policy lists the hashes of its inline scripts, but only after every inline script on the
page was found in the allow-list below (the scripts mkdocs-material's templates write; ours load
from files). Anything else – raw HTML in a hand-written page, a template mistake – fails the build
instead of being trusted. No page carries a style attribute or <style> element, so style-src needs
no 'unsafe-inline' either: injected styles (a transparent overlay link) are refused by the browser.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

PLACEHOLDER = "aqb-csp"  # the template writes this; each page gets its own policy in its place

# Pagefind compiles WebAssembly, hence 'wasm-unsafe-eval' (it allows no JavaScript eval).
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)

# Only in the local preview (make serve), never in a built site: the server injects a live-reload
# script that differs per request, so no hash can cover it. It carries a nonce made when the preview
# starts, and the policy allows that one script besides the known ones – never 'unsafe-inline', so an
# event attribute or a script in a page under review does not run in the reviewer's browser either.
PREVIEW_NONCE_SOURCE = "'nonce-{nonce}'"

# For hosts that can send headers: what a <meta> policy cannot say, and needs no per-page hashes.
HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}

# The inline scripts mkdocs-material's base template writes (SHA-256 of the text, with the page's
# relative base address in `new URL("../..",location)` replaced by BASE). A theme update that
# changes one fails the build and tests/test_csp.py: check the new script, then update its hash.
ALLOWED_SCRIPTS = {
    "89614d6b864bbe7884f6ad1ab21aa2216e6686af528a97cd15075dda2fe14374": "Material: __md_scope, __md_get/__md_set",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e": "Material: Farbschema aus localStorage",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f": "Material: Reiter aus dem Seitenanker",
}
# The theme's scope: relative ("..", ".") on pages, absolute on the 404 page, which has no place of its own:
# the site's path then, "/" or a sub-path such as "/aqb/" (GitHub Pages), plain path characters only.
_BASE = re.compile(r'new URL\("(?:\.\.(?:/\.\.)*|\.|/(?:[A-Za-z0-9._~-]+/)*)",location\)')

# The pages are our own templates' output: every script element is written by a template, and text
# from the data is escaped, so no "</script" can stand inside one.
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_RUNS = ("text/javascript", "module", "application/javascript")


class UnknownInlineScriptError(ValueError):
    """A page carries an inline script that is not in ALLOWED_SCRIPTS."""


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


@functools.lru_cache(maxsize=256)  # the theme's few scripts recur on every page
def is_allowed(script: str) -> bool:
    normalised = _BASE.sub("new URL(BASE,location)", script)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest() in ALLOWED_SCRIPTS


def policy_for(html: str) -> str:
    scripts = inline_scripts(html)
    unknown = [script for script in scripts if not is_allowed(script)]
    if unknown:
        raise UnknownInlineScriptError(unknown[0][:120])
    return _policy(frozenset(scripts))


@functools.lru_cache(maxsize=256)
def _policy(scripts: frozenset[str]) -> str:
    hashes = sorted(
        {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'" for s in scripts}
    )
    return POLICY.format(hashes=" ".join(hashes))


def apply_policy(html: str, *, preview_nonce: str | None = None) -> str:
    """Fill the page's policy placeholder with the hashes of exactly this page's (allowed) inline scripts;
    in the preview also with the nonce of the server's live-reload script."""
    if PLACEHOLDER not in html:
        return html
    policy = policy_for(html)  # checks every inline script against the allow-list, in the preview too
    if preview_nonce is not None:
        nonce = PREVIEW_NONCE_SOURCE.format(nonce=preview_nonce)
        policy = policy.replace("script-src 'self'", f"script-src 'self' {nonce}", 1)
    return html.replace(f'content="{PLACEHOLDER}"', f'content="{policy}"', 1)

"""Every page is valid HTML (Nu HTML Checker), but for a short, explained list of theme markup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from helpers import REPO, unavailable

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (start of the message, text in the markup it is about): markup the theme writes, not we.
ALLOWED = [
    # mkdocs-material's drawer and search toggles: <input type="checkbox" autocomplete="off">, which
    # Firefox needs to not restore their state on reload; harmless, and not ours to change.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
]


def test_every_page_is_valid_html(real_site: Path) -> None:
    java = shutil.which("java")
    if not VNU.exists() or java is None:
        unavailable(f"Nu HTML Checker fehlt ({VNU}, Java: {java}): make test installiert ihn mit npm")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(real_site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(start) and text in m.get("extract", "") for start, text in ALLOWED)
    ]
    assert errors == []

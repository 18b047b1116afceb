"""The check reads a hand-written page as the engine and the browser do (issue 26).

Chromium decides what HTML means: every fragment below is parsed by Chromium in the place the theme
puts a page's content, and the check must refuse exactly those in which Chromium finds an element,
attribute or comment off the lists, or loses the rest of the page. And the build judges ProperDocs'
own reading of a page (front matter behind a byte-order mark, the title from the first heading) even
where the check's reading were to miss it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import aqb.data.content
from aqb.data.content import (
    _AFTER_CONTENT,
    _BEFORE_CONTENT,
    _MARKDOWN_TAGS,
    ALLOWED_ATTRIBUTES,
    RAW_HTML_TAGS,
    markup_problems,
)
from helpers import REPO, DataFolder, build_site

# Rendered HTML as Python-Markdown passes it through (raw HTML is kept as written).
FRAGMENTS = {
    "erlaubt": '<p>Das <abbr title="Ausbildungsbudget">AQB</abbr> <a href="https://soziales.hessen.de/">x</a></p>',
    "Liste und Bild": '<ul><li><em>a</em> <img src="bild.png" alt="Bild"></li></ul><h2 id="teil-2">Teil</h2>',
    "Kommentar <!-->": '<p>Text <!--> <meta http-equiv="refresh" content="0;url=/X"> --> Text.</p>',
    "Kommentar <!--->": '<p>Text <!---> <meta http-equiv="refresh" content="0;url=/X"> --> Text.</p>',
    "offenes Anführungszeichen": '<p><abbr title="x>y</abbr> Rest</p>',
    "offener Kommentar": "<p>Text <!-- bis zum Ende</p>",
    "body mit onload": '<p>a</p><body onload="alert(1)"><p>b</p>',
    "html mit Attribut": '<p>a</p><html data-x="1">',
    "Verarbeitungsanweisung": "<?php echo 1 ?>",
    "CDATA": "<p>x</p><![CDATA[<img src=x onerror=alert(1)>]]>",
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
    "MathML-Verwechslung": "<p>x<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "Formular": '<form action="https://evil.example/"><p>x</p></form>',
    "Tabelle verschiebt": "<table><tr><td>a</td></tr><img src=x onerror=alert(1)></table>",
    "Großbuchstaben": '<P ONCLICK="alert(1)">x</P>',
    "Attribut doppelt": '<p title="a" title="b" style="color:red">x</p>',
    "template": "<template><img src=x onerror=alert(1)></template>",
}

# What Chromium sees: every element inside the content with its attribute names, comments, whether the
# page after the content survived, and attributes the content put on the page's own <html> or <body>.
READ_IN_CHROMIUM = """(page) => {
  const document_ = new DOMParser().parseFromString(page, "text/html");
  const article = document_.querySelector("body > article");
  const footer = document_.querySelector("body > footer#aqb-nach-dem-inhalt");
  const elements = [], walker = document_.createTreeWalker(
    article || document_.body,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
  let comments = 0;  // and processing instructions, which newer Chromium keeps as such
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== Node.ELEMENT_NODE) { comments += 1; continue; }
    elements.push([node.localName, [...node.attributes].map((a) => a.name)]);
    if (node.localName === "template") elements.push(["#template-content", []]);
  }
  return {
    elements, comments,
    tail: Boolean(article && footer && footer.previousElementSibling === article),
    pageAttributes: document_.documentElement.attributes.length + document_.body.attributes.length,
  };
}"""


def off_the_lists(seen: dict[str, Any]) -> bool:
    """Whether what Chromium read holds anything the lists do not allow."""
    for tag, attributes in seen["elements"]:
        if tag not in _MARKDOWN_TAGS | RAW_HTML_TAGS:
            return True
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        if any(name not in allowed for name in attributes):
            return True
    return bool(seen["comments"] or not seen["tail"] or seen["pageAttributes"])


@pytest.mark.browser
@pytest.mark.parametrize("html", FRAGMENTS.values(), ids=FRAGMENTS.keys())
def test_the_check_refuses_what_chromium_reads_as_off_the_lists(browser: Any, html: str) -> None:
    context = browser.new_context()
    try:
        tab = context.new_page()
        seen = tab.evaluate(READ_IN_CHROMIUM, _BEFORE_CONTENT + html + _AFTER_CONTENT)
    finally:
        context.close()
    refused = [problem.message for problem in markup_problems(html, html, "content/x.md")]
    assert bool(refused) == off_the_lists(seen), (seen, refused)


def test_the_allowed_fragments_are_few() -> None:
    # The comparison above means something only if both kinds are there.
    assert sum(1 for html in FRAGMENTS.values() if not list(markup_problems(html, html, "x"))) == 2


def _project_with_page(data_folder: DataFolder, name: str, content: bytes) -> Path:
    folder = data_folder.root / "content"
    folder.mkdir()
    for existing in (REPO / "content").glob("*.md"):
        (folder / existing.name).write_bytes(existing.read_bytes())
    (folder / name).write_bytes(content)
    return data_folder.root


BOM_PAGE = '\ufeff---\ntitle: "Hinweis <script src=../x.js></script>"\n---\n\n# Hinweis\n'.encode()
HEADING_PAGE = b'# Das <abbr title="Budget">AQB</abbr>"\n\nText.\n'


TOC_PAGE = b"# Seite\n\n## Abschnitt {: id='x\"><meta http-equiv=refresh content=0;url=/x a=<>' }\n\nText.\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (BOM_PAGE, "content/neu.md:2: title: darf keine spitzen Klammern"),
        (HEADING_PAGE, "content/neu.md:1: Titel"),
        (TOC_PAGE, "content/neu.md:3: Inhalt"),
    ],
    ids=["Seiteneinstellungen hinter einer BOM", "Titel aus der Überschrift", "Inhaltsverzeichnis mit Markup"],
)
def test_the_build_judges_what_properdocs_read_even_where_the_check_missed_it(
    content: bytes, expected: str, data_folder: DataFolder, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    project = _project_with_page(data_folder, "neu.md", content)
    monkeypatch.setattr(aqb.data.content, "content_problems", lambda *args: iter(()))  # a check that misses it
    with pytest.raises(BaseException):  # noqa: B017 – MkDocs ends a failed build with its own Abort
        build_site(project, project / "site")
    assert expected in caplog.text
    assert not (project / "site" / "neu").exists()


@pytest.mark.parametrize("content", [BOM_PAGE, HEADING_PAGE, TOC_PAGE], ids=["BOM", "Überschrift", "Verzeichnis"])
def test_the_check_reads_the_same_page_the_same_way(content: bytes) -> None:
    assert list(aqb.data.content.page_problems(content, "content/neu.md"))

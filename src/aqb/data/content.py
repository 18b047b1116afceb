"""What a pull request may put into content/ (the hand-written pages), checked by `make check` and the build.

Everything in content/ reaches the site's own origin, where the Content Security Policy trusts it.
So the folder holds only what the site needs, and every item is refused unless it is on a list:
Markdown pages and raster images (no HTML, SVG or script files), under names that shadow no theme
asset, generated page or download; front matter with known keys, each validated; raw HTML in the
Markdown only from a short list, without event or style attributes; links only relative, https or
mailto; images only from the site itself. The lists are documented in CONTRIBUTING.md.

Each input is read as the engine and the browser read it, never by a rule of our own: a byte-order
mark is dropped as ProperDocs drops it before its front matter is read; a file is a page by
ProperDocs' own case-sensitive rule ('.md', so 'skript.MD' would be copied raw and is refused); the
rendered HTML is parsed by an HTML5 parser (Lexbor) in the place the theme puts it, so a comment or
an unclosed quote means what it means to Chromium; and the title ProperDocs takes from the first
heading is plain text like the one in the front matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html import unescape as unescape_html
from pathlib import Path
from typing import Any

import markdown
import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from aqb.data.addresses import address_problem
from aqb.data.bounds import PAGE_LIMITS, markdown_bound_problems
from aqb.data.checks import PAGE_ID_PREFIXES, PAGE_IDS
from aqb.data.files import LINK_REFUSED, regular_files
from aqb.data.problems import Problem
from aqb.data.yamlsource import YamlReadError, checked_text, read_yaml_text

# The Markdown extensions of mkdocs.yml (a test keeps both the same): the check renders as the build does.
MARKDOWN_EXTENSIONS = ("attr_list", "toc")

# Raster images by their first bytes: a file named .png that is HTML or SVG is refused.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # followed by the size and "WEBP", checked below
}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_PAGE_BYTES = 4 * PAGE_LIMITS.characters
# content/ as a whole and the contributor guide: each worst page costs seconds to render (bench/limits.py),
# so the worst pull request keeps `make check` and `make build` within 30 s on a 2-core machine.
MAX_CONTENT_FILES = 60
MAX_TOTAL_CHARACTERS = 100_000
MAX_TOTAL_BRACKETS = 400
MAX_TOTAL_IMAGE_BYTES = 10 * 1024 * 1024
BYTE_ORDER_MARK = b"\xef\xbb\xbf"  # ProperDocs reads pages as 'utf-8-sig': it drops one at the start

# First parts of addresses the build fills itself: theme and search files, generated pages, downloads.
# tests/test_content_gate.py fails when a page kind or download uses a name missing here.
RESERVED_NAMES = frozenset(
    {
        "assets",
        "pagefind",
        "search",
        "kreise",
        "jahre",
        "daten",
        "projekte",
        "vergleich",
        "suche",
        "mitmachen",
        "aqb",
        "feed.xml",
        "originaltexte",
        "404",
        "404.html",
        "sitemap.xml",
        "sitemap.xml.gz",
        "templates",
    }
)

# Front matter a hand-written page may set.
PAGE_TEMPLATES = frozenset({"aqb/pages/impressum.html"})
OPERATOR_ROLES = frozenset({"datenschutz", "barrierefreiheit"})
HIDDEN_PARTS = frozenset({"navigation", "toc", "footer", "path"})


@dataclass(frozen=True)
class FrontMatterKey:
    """One setting a page's front matter may hold: what it is (German: the message lists them all) and what is
    wrong with a value of it (None: nothing; the page's other settings at hand, for a setting that needs one)."""

    described: str
    problem: Callable[[Any, Mapping[Any, Any]], str | None]


# Every setting a page may have, declared once: the check, the message and the guide's list derive from it.
FRONT_MATTER: dict[str, FrontMatterKey] = {
    "title": FrontMatterKey("Seitentitel (eine Zeile Text)", lambda value, _: _line_text_problem(value, 120)),
    "description": FrontMatterKey(
        "Beschreibung für Suchmaschinen (eine Zeile Text)", lambda value, _: _line_text_problem(value, 300)
    ),
    "template": FrontMatterKey(
        "Vorlage: " + ", ".join(sorted(PAGE_TEMPLATES)),
        lambda value, _: None if value in PAGE_TEMPLATES else f"ist keine Vorlage für eigene Seiten: '{value}'",
    ),
    "betreiber_rolle": FrontMatterKey(
        "mit der Vorlage des Impressums: " + ", ".join(sorted(OPERATOR_ROLES)),
        lambda value, settings: _operator_role_problem(value, settings),
    ),
    "hide": FrontMatterKey(
        "Liste aus " + ", ".join(sorted(HIDDEN_PARTS)),
        lambda value, _: (
            None
            if isinstance(value, list) and all(item in HIDDEN_PARTS for item in value)
            else f"muss eine Liste aus {', '.join(sorted(HIDDEN_PARTS))} sein: '{value}'"
        ),
    ),
}
FRONT_MATTER_KEYS = {name: key.described for name, key in FRONT_MATTER.items()}

# Raw HTML a page may hold besides what Markdown writes itself (the pages need none of it today).
RAW_HTML_TAGS = frozenset({"br", "abbr", "sub", "sup"})
_MARKDOWN_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br", "img"}
    | {"ul", "ol", "li"}
)
# No class: the theme's classes restyle (a full-page link over the site) or load scripts (mermaid).
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "title"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_SPACE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside an address
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")  # what MkDocs would read as MultiMarkdown metadata
# An id as a heading's text gives it (the table of contents prints it unescaped into an address).
_ID = re.compile(r"[A-Za-z0-9_\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f_.-]*")


def pages_problems(folder: Path, guide: Path, shown_root: Path, *, guide_required: bool = True) -> list[Problem]:
    """Every item of `folder` (content/) a pull request may not add, and a contributor guide too large to show."""
    totals = _Totals()
    if folder.is_symlink():  # it could show any folder of the build machine
        problems = [Problem(folder.name, 1, "Datei", LINK_REFUSED, None)]
    else:
        problems = list(content_problems(folder, shown_root, totals)) if folder.is_dir() else []
    if guide.is_symlink() or (guide.exists() and not guide.is_file()):
        problems.append(Problem(guide.name, 1, "Datei", "ist keine gewöhnliche Datei (etwa eine Verknüpfung)", None))
    elif not guide.exists():
        if guide_required:  # the build shows it on /mitmachen/; `make check --daten …` may check data alone
            problems.append(Problem(guide.name, 1, "Datei", "fehlt", "Die Anleitung gehört ins Repository."))
    else:
        try:  # the build reads it as UTF-8 without control characters: so does the check
            text = checked_text(guide.read_bytes(), guide.name)
        except YamlReadError as error:
            return problems + list(error.problems)
        for offset, message, hint in markdown_bound_problems(text, PAGE_LIMITS):
            problems.append(Problem(guide.name, text[:offset].count("\n") + 1, "Inhalt", message, hint))
        problems.extend(totals.add_text(text, guide.name))
    return problems


@dataclass
class _Totals:
    """What content/ and the guide hold together, against the limits for all of them."""

    files: int = 0
    characters: int = 0
    brackets: int = 0
    image_bytes: int = 0

    def add_file(self, shown: str) -> Iterator[Problem]:
        self.files += 1
        if self.files == MAX_CONTENT_FILES + 1:
            message = f"ist die {self.files}. Datei; content/ darf höchstens {MAX_CONTENT_FILES} haben"
            yield _total_problem(shown, message)

    def add_text(self, text: str, shown: str) -> Iterator[Problem]:
        before = (self.characters, self.brackets)
        self.characters += len(text)
        self.brackets += text.count("[")
        if before[0] <= MAX_TOTAL_CHARACTERS < self.characters:
            yield _total_problem(
                shown, f"bringt alle Seiten zusammen auf {self.characters} Zeichen, höchstens {MAX_TOTAL_CHARACTERS}"
            )
        if before[1] <= MAX_TOTAL_BRACKETS < self.brackets:
            count = f"{self.brackets} eckige Klammern '['"
            message = f"bringt alle Seiten zusammen auf {count}, höchstens {MAX_TOTAL_BRACKETS}"
            yield _total_problem(shown, message)

    def add_image(self, size: int, shown: str) -> Iterator[Problem]:
        before = self.image_bytes
        self.image_bytes += size
        if before <= MAX_TOTAL_IMAGE_BYTES < self.image_bytes:
            yield _total_problem(
                shown, f"bringt alle Bilder zusammen auf {self.image_bytes} Bytes, höchstens {MAX_TOTAL_IMAGE_BYTES}"
            )


def _total_problem(shown: str, message: str) -> Problem:
    return Problem(shown, 1, "Datei", message, "Seiten zusammenfassen oder kürzen; große Bilder verkleinern.")


def content_problems(folder: Path, shown_root: Path, totals: _Totals | None = None) -> Iterator[Problem]:
    totals = totals or _Totals()
    files, problems = regular_files(folder, shown_root)
    yield from problems
    addresses: dict[str, str] = {}
    for path in files:
        shown = path.relative_to(shown_root).as_posix()
        relative = path.relative_to(folder)
        yield from totals.add_file(shown)
        address = _address(relative)
        first = addresses.setdefault(address.lower(), shown)
        misplaced = _place_problem(relative, address, first, shown)
        if misplaced is not None:
            yield misplaced
        elif path.suffix == ".md":  # ProperDocs' rule, case-sensitive: 'x.MD' would be copied as it is
            text, page = _read_page(path.read_bytes(), shown)
            yield from page
            yield from totals.add_text(text, shown)
        elif path.suffix in IMAGE_SIGNATURES:
            yield from _image_problems(path, shown, path.suffix)
            yield from totals.add_image(path.stat().st_size, shown)
        else:
            yield Problem(
                shown,
                1,
                "Datei",
                f"hat eine Art, die unter content/ nicht erlaubt ist ('{path.suffix or path.name}')",
                "Erlaubt sind Markdown-Seiten (.md) und Bilder (" + ", ".join(sorted(IMAGE_SIGNATURES)) + "), "
                "die Endung kleingeschrieben; HTML-, SVG- und Skriptdateien nie.",
            )


def _place_problem(relative: Path, address: str, first: str, shown: str) -> Problem | None:
    """A name the site uses itself, a name that would land where something else is, a second source."""
    if relative.parts[0].lower() in RESERVED_NAMES or address.split("/")[0].lower() in RESERVED_NAMES:
        return Problem(
            shown,
            1,
            "Datei",
            f"liegt unter einem Namen, den die Seite selbst verwendet ('{relative.parts[0]}')",
            "Einen anderen Namen wählen; reserviert sind " + ", ".join(sorted(RESERVED_NAMES)) + ".",
        )
    if any("." in part for part in relative.parts[:-1]) or relative.name.count(".") != 1:
        # 'index.html.md' would be written to index.html/, 'x.png.md' beside x.png: one dot, for the type
        return Problem(
            shown,
            1,
            "Datei",
            "hat einen Namen mit mehr als einem Punkt oder einen Ordner mit Punkt",
            "Nur ein Punkt vor der Endung, z. B. hinweise.md oder bilder/karte.png.",
        )
    if first != shown:  # two sources for one address; on a case-insensitive disk even two files
        return Problem(
            shown,
            1,
            "Datei",
            f"ergäbe dieselbe Adresse wie {first} ('/{address}', Groß- und Kleinschreibung zählen nicht)",
            "Nur eine der beiden Dateien behalten.",
        )
    return None


def _address(relative: Path) -> str:
    """The site address ProperDocs gives a file ('ueber.md' → 'ueber/', 'index.md' and 'README.md' → '')."""
    if relative.suffix != ".md":
        return relative.as_posix()
    parts = list(relative.parts)
    parts[-1:] = [] if relative.stem in ("index", "README") else [relative.stem]
    return "/".join(parts) + ("/" if parts else "")


def _image_problems(path: Path, shown: str, suffix: str) -> Iterator[Problem]:
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        yield Problem(
            shown, 1, "Datei", f"ist zu groß ({size} Bytes, höchstens {MAX_IMAGE_BYTES})", "Das Bild verkleinern."
        )
        return
    with path.open("rb") as image:
        head = image.read(16)
    webp = suffix != ".webp" or head[8:12] == b"WEBP"
    if not (head.startswith(IMAGE_SIGNATURES[suffix]) and webp):
        yield Problem(
            shown,
            1,
            "Datei",
            f"ist kein Bild der Art {suffix}, wie der Name sagt",
            "Nur echte Rasterbilder hochladen (PNG, JPEG, GIF, WebP) und die Endung nicht ändern.",
        )


def page_problems(raw: bytes, shown: str) -> Iterator[Problem]:
    """Everything wrong with one Markdown page: encoding, size, front matter, title, markup."""
    yield from _read_page(raw, shown)[1]


def _read_page(raw: bytes, shown: str) -> tuple[str, list[Problem]]:
    """The page's text as ProperDocs reads it, and everything wrong with it."""
    if len(raw) > MAX_PAGE_BYTES:
        return "", [Problem(shown, 1, "Datei", f"ist zu groß ({len(raw)} Bytes, höchstens {MAX_PAGE_BYTES})", None)]
    try:  # the same rules as for every data file: UTF-8, no control characters
        text = checked_text(raw.removeprefix(BYTE_ORDER_MARK), shown)
    except YamlReadError as error:
        return "", list(error.problems)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body, body_line, problems = _front_matter(text, shown)
    # The whole file, front matter included: where ProperDocs cannot read the front matter, it renders it.
    bounds = markdown_bound_problems(text, PAGE_LIMITS)
    for offset, message, hint in bounds:
        problems.append(Problem(shown, text[:offset].count("\n") + 1, "Inhalt", message, hint))
    if not bounds:
        html = render_page(body)
        problems.extend(markup_problems(html, body, shown, body_line))
        title = heading_title(html)
        if title is not None and not _has_title(text):
            problems.extend(title_problems(title, shown, _line_of(body, "#", body_line)))
    return text, problems


def _has_title(text: str) -> bool:
    match = _FRONT_MATTER.match(text)
    return bool(match and re.search(r"^title[ \t]*:", match.group(1), re.MULTILINE))


def render_page(markdown_text: str) -> str:
    """The page's HTML as the build's Markdown renders it (raw HTML passed through, as MkDocs does)."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(markdown_text)


# -- front matter and title ----------------------------------------------------------------------


def _front_matter(text: str, shown: str) -> tuple[str, int, list[Problem]]:
    """The page body, the file line it starts on, and every problem of the front matter."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        first = text.split("\n", 1)[0]
        if _META_LINE.match(first):
            hint = "Seiteneinstellungen nur zwischen zwei Zeilen „---“ am Anfang; sonst eine Überschrift voranstellen."
            return (
                text,
                1,
                [Problem(shown, 1, "Inhalt", "die erste Zeile sähe für MkDocs wie eine Einstellung aus", hint)],
            )
        return text, 1, []
    body_line = match.group(0).count("\n") + 1
    try:
        document = read_yaml_text("\n" + match.group(1), shown)  # line numbers as in the file
    except YamlReadError as error:
        return text[match.end() :], body_line, list(error.problems)
    problems = list(document.problems)
    engine = _engine_reading(match.group(1))
    if not isinstance(document.data, dict) or engine is None:
        message = "müssen Felder mit Werten sein, die MkDocs selbst lesen kann (sonst zeigt es sie als Text)"
        problems.append(Problem(shown, 2, "Seiteneinstellungen", message, "Werte in Anführungszeichen setzen."))
        return text[match.end() :], body_line, problems
    # The values as ProperDocs reads them (its YAML loader makes "2025-01-01" a date, ours keeps the text).
    problems.extend(settings_problems(engine, shown, lambda key: document.line_of((str(key),))))
    return text[match.end() :], body_line, problems


def _engine_reading(front_matter: str) -> dict[Any, Any] | None:
    """The front matter as ProperDocs reads it (PyYAML's safe loader, in C where there is one), or None
    where it cannot, and then renders the whole file as Markdown."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(front_matter, Loader=loader)
    except Exception:  # ProperDocs catches every error here too
        return None
    return data if isinstance(data, dict) else None


def settings_problems(settings: Mapping[Any, Any], shown: str, line_of: Callable[[Any], int]) -> Iterator[Problem]:
    """Every front-matter setting that is not on the list; the build asks this of ProperDocs' own reading too."""
    for key, value in settings.items():
        message = _setting_problem(str(key), value, settings)
        if message:
            allowed = "; ".join(f"{name}: {what}" for name, what in FRONT_MATTER_KEYS.items())
            yield Problem(shown, line_of(key), str(key), message, f"Erlaubt sind: {allowed}.")


def read_settings_problems(settings: Mapping[str, Any], source: str, shown: str) -> list[Problem]:
    """The build's check of the front matter as ProperDocs read it; `source` (the file's text) only names
    the lines, with "" every problem is on line 1."""
    return list(settings_problems(settings, shown, lambda key: _line_of(source, f"{key}:", 1)))


def _setting_problem(key: str, value: Any, settings: Mapping[Any, Any]) -> str | None:
    declared = FRONT_MATTER.get(key)
    return "ist keine erlaubte Seiteneinstellung" if declared is None else declared.problem(value, settings)


def _operator_role_problem(value: Any, settings: Mapping[Any, Any]) -> str | None:
    if value not in OPERATOR_ROLES:
        return f"ist keine bekannte Rolle: '{value}'"
    if settings.get("template") != "aqb/pages/impressum.html":
        return "gilt nur mit template: aqb/pages/impressum.html"
    return None


def _line_text_problem(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"muss ein Text sein: '{value}'"
    if "\n" in value or len(value) > limit:
        return f"muss eine Zeile von höchstens {limit} Zeichen sein"
    return _plain_text_problem(value)


def _plain_text_problem(value: str) -> str | None:
    # The theme prints titles and descriptions unescaped, in text and in attribute values, and a title
    # from the first heading through `striptags`, which turns '&lt;' back into '<': both readings count.
    if re.search(r'[<>"`]', value + unescape_html(value)):
        return "darf keine spitzen Klammern, Backticks oder geraden Anführungszeichen enthalten (nur „…“)"
    return None


def heading_title(html: str) -> str | None:
    """The title ProperDocs takes from a page without one in its front matter: the first element, if an h1,
    its inner HTML with tags stripped (comments first, then from each '<' to the next '>'), entities kept."""
    match = re.match(r"\s*<h1\b[^>]*>(.*?)</h1>", html, re.DOTALL)
    if match is None:
        return None
    text = re.sub(r"<!--.*?-->", "", match.group(1), flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]*>", "", text).split())


def title_problems(title: str, shown: str, line: int) -> Iterator[Problem]:
    """A page title (from the first heading) that the theme could not print as plain text."""
    message = _plain_text_problem(title)
    if message:
        yield Problem(
            shown,
            line,
            "Titel",
            f"der Titel aus der ersten Überschrift {message}: '{title}'",
            "Die erste Überschrift als reinen Text schreiben, ohne HTML.",
        )


def rendered_page_problems(
    html: str, title: str | None, contents: list[tuple[str, str]], source: str, shown: str
) -> list[Problem]:
    """A hand-written page as the build rendered it: the title ProperDocs gives it, its table of contents
    ((id, title) of each entry, which the theme prints unescaped) and the HTML it made.

    The same lists as `make check` apply, so no difference between the two readings lets anything through.
    `source` (the file's text) only names the lines; with "" every problem is on line 1."""
    problems = list(title_problems(title, shown, _line_of(source, "# ", 1))) if title is not None else []
    for element_id, entry in contents:
        if not _ID.fullmatch(element_id) or _plain_text_problem(entry):
            problems.append(
                Problem(
                    shown,
                    _line_of(source, element_id[:20], 1),
                    "Inhalt",
                    f"gäbe dem Inhaltsverzeichnis einen Eintrag, der kein reiner Text ist: '{element_id}' '{entry}'",
                    "Überschriften als reinen Text schreiben, Kennungen nur aus Buchstaben, Ziffern, - und _.",
                )
            )
    problems.extend(markup_problems(html, source, shown))
    return problems


# -- markup --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Finding:
    needle: str  # what to look for in the source to name its line
    message: str


# The page's place in the theme: what follows the content must still be there once a browser parsed it
# (an unclosed comment, quote or element would swallow the rest of the page).
_BEFORE_CONTENT = "<!DOCTYPE html><html><head></head><body><article>"
_AFTER_CONTENT = "</article><footer id=aqb-nach-dem-inhalt></footer></body></html>"  # no quote to close one


def markup_problems(html: str, source: str, shown: str, first_line: int = 1) -> Iterator[Problem]:
    """Refuse every element, attribute, comment and address of a page's HTML that is not on the lists.

    The HTML is parsed as Chromium parses the page: an HTML5 parser, the content in its place."""
    hint = (
        "Erlaubt ist Markdown, dazu an HTML nur " + ", ".join(f"<{tag}>" for tag in sorted(RAW_HTML_TAGS)) + "; "
        "Links relativ, https: oder mailto:, Bilder nur von dieser Seite; keine style- oder on…-Attribute, "
        "keine Kommentare."
    )
    for finding in _findings(html):
        yield Problem(shown, _line_of(source, finding.needle, first_line), "Inhalt", finding.message, hint)


def _findings(html: str) -> Iterator[_Finding]:
    document = LexborHTMLParser(_BEFORE_CONTENT + html + _AFTER_CONTENT)
    page = document.root
    end = document.css_first("body > footer#aqb-nach-dem-inhalt")
    if end is None or end.prev is None or end.prev.tag != "article":
        yield _Finding("<", "lässt ein HTML-Element, einen Kommentar oder Anführungszeichen offen")
    for element in (page, document.head, document.body):
        if element is not None and element.attributes:  # '<body onload=…>' inside the page adds to the page's body
            yield _Finding(f"<{element.tag}", f"setzt Attribute am Element <{element.tag}> der ganzen Seite")
    article = document.css_first("body > article")
    ids: set[str] = set()
    nodes = article.traverse(include_text=False) if article is not None else iter(())
    next(nodes, None)  # the article itself
    for node in nodes:
        yield from _node_findings(node, ids)


def _node_findings(node: LexborNode, ids: set[str]) -> Iterator[_Finding]:
    if not node.is_element_node:  # a comment, also what a browser makes of <?…>, <![CDATA[…]]> and <!…>
        yield _Finding("<!", "enthält einen HTML-Kommentar oder eine Deklaration (<!…>, <?…>), die nicht erlaubt ist")
        return
    tag = node.tag or ""
    if tag not in _MARKDOWN_TAGS | RAW_HTML_TAGS:
        yield _Finding(f"<{tag}", f"enthält das HTML-Element <{tag}>, das nicht erlaubt ist")
        return
    for name, value in node.attributes.items():
        yield from _attribute_findings(tag, name, value or "", ids)


def _attribute_findings(tag: str, name: str, value: str, ids: set[str]) -> Iterator[_Finding]:
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    if name not in allowed:  # the value names the line better than the name ("class" is in "Klasse")
        yield _Finding(value or name, f"enthält das Attribut '{name}' an <{tag}>, das nicht erlaubt ist")
    elif name in ("href", "src"):
        problem = _address_problem(value, image=name == "src")
        if problem:
            yield _Finding(value or name, problem)
    elif re.search(r"[<>]", value):  # text for an attribute: markup in it is mistaken elsewhere
        yield _Finding(value, f"enthält spitze Klammern im Attribut '{name}': '{value}'")
    elif name == "id":
        yield from _id_findings(value, ids)


def _id_findings(value: str, ids: set[str]) -> Iterator[_Finding]:
    if not _ID.fullmatch(value):
        yield _Finding(
            value, f"gibt einem Element eine Kennung, die nicht nur aus Buchstaben, Ziffern, - und _ besteht: '{value}'"
        )
    elif value in PAGE_IDS or value.startswith(PAGE_ID_PREFIXES) or value in ids:
        yield _Finding(value, f"gibt einem Element die Kennung '{value}', die es auf der Seite schon gibt")
    ids.add(value)


def _line_of(source: str, needle: str, first_line: int) -> int:
    index = source.lower().find(needle.lower()) if needle else -1
    return first_line + (source[:index].count("\n") if index >= 0 else 0)


def _address_problem(value: str, image: bool) -> str | None:
    address = _URL_SPACE.sub("", value)
    scheme = _SCHEME.match(address)
    if image and (scheme or address.startswith(("//", "\\\\", "/\\", "\\/"))):
        return f"lädt ein Bild von außerhalb dieser Seite: '{value}'"
    if address.startswith(("//", "\\\\", "/\\", "\\/")):
        return f"verlinkt eine Adresse ohne https: '{value}'"
    if scheme and scheme.group(1).lower() == "https":
        problem = address_problem(address)  # the rules every address from data follows
        return f"verlinkt eine unzulässige Adresse; sie {problem}" if problem else None
    if scheme and scheme.group(1).lower() != "mailto":
        return f"verlinkt eine Adresse, die nicht mit https: oder mailto: beginnt: '{value}'"
    return None

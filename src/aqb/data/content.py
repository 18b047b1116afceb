"""What a pull request may put into content/ (the hand-written pages), checked by `make check` and the build.

Everything in content/ reaches the site's own origin, where the Content Security Policy trusts it.
So the folder holds only what the site needs, and every item is refused unless it is on a list:
Markdown pages and raster images (no HTML, SVG or script files), under names that shadow no theme
asset, generated page or download; front matter with known keys, each validated; raw HTML in the
Markdown only from a short list, without event or style attributes; links only relative, https or
mailto; images only from the site itself. The lists are documented in CONTRIBUTING.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown

from aqb.data.bounds import MAX_PAGE_BRACKETS, MAX_PAGE_CHARACTERS, markdown_bound_problems
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
MAX_PAGE_BYTES = 4 * MAX_PAGE_CHARACTERS

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
FRONT_MATTER_KEYS = {
    "title": "Seitentitel (eine Zeile Text)",
    "description": "Beschreibung für Suchmaschinen (eine Zeile Text)",
    "template": "Vorlage: " + ", ".join(sorted(PAGE_TEMPLATES)),
    "betreiber_rolle": "mit der Vorlage des Impressums: " + ", ".join(sorted(OPERATOR_ROLES)),
    "hide": "Liste aus " + ", ".join(sorted(HIDDEN_PARTS)),
}
_MAX_LINE_TEXT = {"title": 120, "description": 300}

# Raw HTML a page may hold besides what Markdown writes itself (the pages need none of it today).
RAW_HTML_TAGS = frozenset({"br", "abbr", "sub", "sup"})
_MARKDOWN_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br", "img"}
    | {"ul", "ol", "li"}
)
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title"}),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_SPACE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside an address
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")  # what MkDocs would read as MultiMarkdown metadata
_CLASS = re.compile(r"[A-Za-z0-9_ -]*")


def pages_problems(folder: Path, guide: Path, shown_root: Path, *, guide_required: bool = True) -> list[Problem]:
    """Every item of `folder` (content/) a pull request may not add, and a contributor guide too large to show."""
    if folder.is_symlink():  # it could show any folder of the build machine
        problems = [Problem(folder.name, 1, "Datei", LINK_REFUSED, None)]
    else:
        problems = list(content_problems(folder, shown_root)) if folder.is_dir() else []
    if guide.is_symlink() or (guide.exists() and not guide.is_file()):
        problems.append(Problem(guide.name, 1, "Datei", "ist keine gewöhnliche Datei (etwa eine Verknüpfung)", None))
    elif not guide.exists():
        if guide_required:  # the build shows it on /mitmachen/; `make check --daten …` may check data alone
            problems.append(Problem(guide.name, 1, "Datei", "fehlt", "Die Anleitung gehört ins Repository."))
    else:
        text = guide.read_bytes().decode("utf-8", "replace")
        for offset, message, hint in markdown_bound_problems(text, MAX_PAGE_CHARACTERS, MAX_PAGE_BRACKETS):
            problems.append(Problem(guide.name, text[:offset].count("\n") + 1, "Inhalt", message, hint))
    return problems


def content_problems(folder: Path, shown_root: Path) -> Iterator[Problem]:
    files, problems = regular_files(folder, shown_root)
    yield from problems
    for path in files:
        shown = path.relative_to(shown_root).as_posix()
        relative = path.relative_to(folder)
        suffix = path.suffix.lower()
        if relative.parts[0].lower() in RESERVED_NAMES or _address(relative).split("/")[0] in RESERVED_NAMES:
            yield Problem(
                shown,
                1,
                "Datei",
                f"liegt unter einem Namen, den die Seite selbst verwendet ('{relative.parts[0]}')",
                "Einen anderen Namen wählen; reserviert sind " + ", ".join(sorted(RESERVED_NAMES)) + ".",
            )
        elif suffix == ".md":
            yield from page_problems(path.read_bytes(), shown)
        elif suffix in IMAGE_SIGNATURES:
            yield from _image_problems(path, shown, suffix)
        else:
            yield Problem(
                shown,
                1,
                "Datei",
                f"hat eine Art, die unter content/ nicht erlaubt ist ('{suffix or path.name}')",
                "Erlaubt sind Markdown-Seiten (.md) und Bilder (" + ", ".join(sorted(IMAGE_SIGNATURES)) + "); "
                "HTML-, SVG- und Skriptdateien nie.",
            )


def _address(relative: Path) -> str:
    """The site address MkDocs gives a file ('ueber.md' → 'ueber/', 'index.md' → '')."""
    if relative.suffix.lower() != ".md":
        return relative.as_posix()
    parts = list(relative.parts)
    stem = relative.stem
    parts[-1:] = [] if stem.lower() in ("index", "readme") else [stem]
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
    """Everything wrong with one Markdown page: encoding, size, front matter, markup."""
    if len(raw) > MAX_PAGE_BYTES:
        yield Problem(shown, 1, "Datei", f"ist zu groß ({len(raw)} Bytes, höchstens {MAX_PAGE_BYTES})", None)
        return
    try:  # the same rules as for every data file: UTF-8, no control characters
        text = checked_text(raw, shown)
    except YamlReadError as error:
        yield from error.problems
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body, body_line, problems = _front_matter(text, shown)
    yield from problems
    bounds = markdown_bound_problems(body, MAX_PAGE_CHARACTERS, MAX_PAGE_BRACKETS)
    for offset, message, hint in bounds:
        yield Problem(shown, body_line + body[:offset].count("\n"), "Inhalt", message, hint)
    if not bounds:
        yield from markup_problems(render_page(body), body, shown, body_line)


def render_page(markdown_text: str) -> str:
    """The page's HTML as the build's Markdown renders it (raw HTML passed through, as MkDocs does)."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(markdown_text)


# -- front matter --------------------------------------------------------------------------------


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
    if not isinstance(document.data, dict):
        problems.append(Problem(shown, 2, "Seiteneinstellungen", "müssen Felder mit Werten sein", None))
        return text[match.end() :], body_line, problems
    for key, value in document.data.items():
        line = document.line_of((key,))
        message = _setting_problem(str(key), value, document.data)
        if message:
            allowed = "; ".join(f"{name}: {what}" for name, what in FRONT_MATTER_KEYS.items())
            problems.append(Problem(shown, line, str(key), message, f"Erlaubt sind: {allowed}."))
    return text[match.end() :], body_line, problems


def _setting_problem(key: str, value: Any, settings: dict[str, Any]) -> str | None:
    if key not in FRONT_MATTER_KEYS:
        return "ist keine erlaubte Seiteneinstellung"
    if key in _MAX_LINE_TEXT:
        return _line_text_problem(value, _MAX_LINE_TEXT[key])
    if key == "template" and value not in PAGE_TEMPLATES:
        return f"ist keine Vorlage für eigene Seiten: '{value}'"
    if key == "betreiber_rolle":
        if value not in OPERATOR_ROLES:
            return f"ist keine bekannte Rolle: '{value}'"
        if settings.get("template") != "aqb/pages/impressum.html":
            return "gilt nur mit template: aqb/pages/impressum.html"
    if key == "hide" and not (isinstance(value, list) and all(item in HIDDEN_PARTS for item in value)):
        return f"muss eine Liste aus {', '.join(sorted(HIDDEN_PARTS))} sein: '{value}'"
    return None


def _line_text_problem(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"muss ein Text sein: '{value}'"
    if "\n" in value or len(value) > limit:
        return f"muss eine Zeile von höchstens {limit} Zeichen sein"
    if re.search(r'[<>"`]', value):
        return "darf keine spitzen Klammern, Backticks oder geraden Anführungszeichen enthalten (nur „…“)"
    return None


# -- markup --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Finding:
    needle: str  # what to look for in the source to name its line
    message: str


def markup_problems(html: str, source: str, shown: str, first_line: int = 1) -> Iterator[Problem]:
    """Refuse every element, attribute and address of a page's HTML that is not on the lists."""
    reader = _MarkupReader()
    reader.feed(html)
    reader.close()
    hint = (
        "Erlaubt ist Markdown, dazu an HTML nur " + ", ".join(f"<{tag}>" for tag in sorted(RAW_HTML_TAGS)) + "; "
        "Links relativ, https: oder mailto:, Bilder nur von dieser Seite; keine style- oder on…-Attribute."
    )
    for finding in reader.findings:
        yield Problem(shown, _line_of(source, finding.needle, first_line), "Inhalt", finding.message, hint)


def _line_of(source: str, needle: str, first_line: int) -> int:
    index = source.lower().find(needle.lower()) if needle else -1
    return first_line + (source[:index].count("\n") if index >= 0 else 0)


class _MarkupReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[_Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _MARKDOWN_TAGS | RAW_HTML_TAGS:
            self.findings.append(_Finding(f"<{tag}", f"enthält das HTML-Element <{tag}>, das nicht erlaubt ist"))
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name not in allowed:
                self.findings.append(_Finding(name, f"enthält das Attribut '{name}' an <{tag}>, das nicht erlaubt ist"))
            elif name in ("href", "src"):
                problem = _address_problem(value or "", image=name == "src")
                if problem:
                    self.findings.append(_Finding(value or name, problem))
            elif name == "class" and not _CLASS.fullmatch(value or ""):
                self.findings.append(_Finding(name, f"enthält eine ungültige Klasse: '{value}'"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_decl(self, decl: str) -> None:
        self.findings.append(_Finding("<!", "enthält eine HTML-Deklaration (<!…>), die nicht erlaubt ist"))

    def handle_pi(self, data: str) -> None:
        self.findings.append(_Finding("<?", "enthält eine Verarbeitungsanweisung (<?…>), die nicht erlaubt ist"))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


def _address_problem(value: str, image: bool) -> str | None:
    address = _URL_SPACE.sub("", value)
    scheme = _SCHEME.match(address)
    if image and (scheme or address.startswith(("//", "\\\\", "/\\", "\\/"))):
        return f"lädt ein Bild von außerhalb dieser Seite: '{value}'"
    if address.startswith(("//", "\\\\", "/\\", "\\/")):
        return f"verlinkt eine Adresse ohne https: '{value}'"
    if scheme and scheme.group(1).lower() not in ("https", "mailto"):
        return f"verlinkt eine Adresse, die nicht mit https: oder mailto: beginnt: '{value}'"
    return None

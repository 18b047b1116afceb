"""The text of one agreement: the year's standard text with the partner's own parts filled in."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

import markdown
import nh3
from markdown.extensions.toc import TocExtension, slugify_unicode

from aqb.data.bounds import WORDING_LIMITS, markdown_bound_problems
from aqb.data.model import FullTextAgreement, PartnerNaming, StandardText
from aqb.formatting import thousands
from aqb.printed import BLOCK_LINE, BLOCK_PLACEHOLDERS, INLINE_PLACEHOLDERS, PLACEHOLDER

# What Markdown from data may become: text structure only. No images (they would load from other
# origins), no raw HTML (it is escaped before this), links only to http(s) and mail.
_ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def wording_problems(text: str) -> list[tuple[int, str, str]]:
    """What is wrong with a Markdown wording: (offset in text, message, hint) in German."""
    too_large = markdown_bound_problems(text, WORDING_LIMITS)
    if too_large:
        return too_large  # nothing else is looked at: rendering it could take unbounded time
    known = INLINE_PLACEHOLDERS + BLOCK_PLACEHOLDERS
    found = []
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in known:
            found.append(
                (
                    match.start(),
                    f"unbekannter Platzhalter: '{{{name}}}'",
                    "Erlaubt sind " + ", ".join("{" + k + "}" for k in known) + ".",
                )
            )
        elif name in BLOCK_PLACEHOLDERS and not BLOCK_LINE.match(text, _line_start(text, match.start())):
            found.append(
                (
                    match.start(),
                    f"Platzhalter '{{{name}}}' muss allein in einer Zeile stehen",
                    "Vor und nach dem Platzhalter eine Leerzeile lassen.",
                )
            )
    for match in re.finditer(r"(?m)^# ", text):
        found.append(
            (
                match.start(),
                "Überschriften im Wortlaut beginnen mit ## oder tiefer",
                "Die Hauptüberschrift (#) setzt die Seite selbst.",
            )
        )
    found.extend(_placeholders_outside_text(text))
    return sorted(found)


_LINK_HINT = (
    "Platzhalter nur im Fließtext verwenden (auch als Linktext), nie als Linkziel, Linktitel, "
    "Verweisdefinition, Bild oder Attribut: Dort könnte ein Name die Seite verändern."
)


@functools.lru_cache(maxsize=4096)
def _placeholders_outside_text(text: str) -> tuple[tuple[int, str, str], ...]:
    """Placeholders that would land in a link target, title, image or attribute instead of in text.

    Names are filled in after the Markdown is rendered and escaped for text; a placeholder the
    renderer put into an attribute (href, title, src) or dropped (an image) would decide markup.
    The rendered HTML shows where each placeholder ended up, whatever Markdown construct put it there.
    """
    names = [match.group(1) for match in PLACEHOLDER.finditer(text)]
    if not names:
        return ()
    reader = _WhereText()
    reader.feed(render_markdown(text))
    found = []
    for name in dict.fromkeys(names):
        token = "{" + name + "}"
        in_attribute = any(token in value for value in reader.attribute_values)
        in_options = re.search(r"\{:[^}]*" + re.escape(token), text)  # an attribute list {: … }
        if in_attribute or in_options or reader.text.count(token) < names.count(name):
            found.append(
                (
                    text.index(token),
                    f"Platzhalter '{token}' steht nicht im Text, sondern in einem Link, Bild oder Attribut",
                    _LINK_HINT,
                )
            )
    return tuple(found)


class _WhereText(HTMLParser):
    """Collects a rendered wording's text and its attribute values apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.attribute_values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attribute_values.extend(value or "" for _, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


@dataclass(frozen=True)
class Block:
    """A piece of a section: rendered Markdown, or a structured part the template renders."""

    kind: Literal["markdown", "projektliste", "unterschriften"]
    html: str = ""


@dataclass(frozen=True)
class ComposedSection:
    id: str
    titel: str
    blocks: tuple[Block, ...]
    deviates: bool  # the agreement replaces the standard wording of this section

    @property
    def heading_anchored(self) -> bool:
        """Whether a heading of the section carries its id (else the section's element carries it)."""
        return any(f' id="{self.id}"' in block.html for block in self.blocks)


def compose(agreement: FullTextAgreement, standard: StandardText, naming: PartnerNaming) -> tuple[ComposedSection, ...]:
    """The agreement's full text, section by section, exactly as signed (`naming`: its partner's case forms)."""
    return _compose(standard, _values(agreement, naming), agreement.abweichungen)


def filled_wording(
    agreement: FullTextAgreement, standard: StandardText, naming: PartnerNaming, with_titles: bool = False
) -> list[tuple[str, ...]]:
    """Each section's Markdown wording with the partner filled in; structured parts left out."""
    values = _values(agreement, naming)
    sections: list[tuple[str, ...]] = []
    for section in standard.abschnitte:
        wording = BLOCK_LINE.sub("", fill(agreement.abweichungen.get(section.id, section.text), values))
        sections.append((section.id, section.titel, wording) if with_titles else (section.id, wording))
    return sections


def _values(agreement: FullTextAgreement, naming: PartnerNaming) -> dict[str, str]:
    return {**naming_values(naming), "budget": thousands(agreement.budget)}


def naming_values(naming: PartnerNaming) -> dict[str, str]:
    return {
        "nominativ": naming.nominativ,
        "Nominativ": naming.nominativ[:1].upper() + naming.nominativ[1:],
        "genitiv": naming.genitiv,
        "dativ": naming.dativ,
        "akkusativ": naming.akkusativ,
    }


def fill(wording: str, values: dict[str, str]) -> str:
    """The wording with each known placeholder replaced by its value; unknown ones stay as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), wording)


def compose_standard(standard: StandardText) -> tuple[ComposedSection, ...]:
    """The year's standard text as a reader of the year page sees it: placeholders in brackets."""
    values = dict.fromkeys(("nominativ", "Nominativ", "genitiv", "dativ", "akkusativ"), "[Gebietskörperschaft]")
    values["budget"] = "[Budget]"
    return _compose(standard, values, {})


def _compose(standard: StandardText, values: dict[str, str], deviations: dict[str, str]) -> tuple[ComposedSection, ...]:
    """Each section rendered once per wording (cached), then the partner's names put into the HTML.

    Rendering Markdown is the costly step, and a year's standard wording is the same for every
    partner; the names go in afterwards as escaped text, so they can never become markup.
    """
    # Escaped for text and for attributes alike: a check refuses placeholders outside text, and
    # even so a quote in a name can never end an attribute.
    escaped = {name: html.escape(value, quote=True) for name, value in values.items()}
    sections = []
    for section in standard.abschnitte:
        blocks = tuple(
            Block(block.kind, fill(block.html, escaped)) if block.kind == "markdown" else block
            for block in _blocks(deviations.get(section.id, section.text), section.id)
        )
        sections.append(ComposedSection(section.id, section.titel, blocks, section.id in deviations))
    return tuple(sections)


@functools.lru_cache(maxsize=4096)
def _blocks(text: str, section_id: str) -> tuple[Block, ...]:
    """A section's wording in pieces; its first heading gets the section's id (`paragraf-5`), no other
    heading one: a section is cited and found by its short, stable id, whatever its heading says."""
    blocks = []
    anchor = section_id
    for index, part in enumerate(BLOCK_LINE.split(text)):
        if index % 2:
            blocks.append(Block(kind=part))  # type: ignore[arg-type]
        elif part.strip():
            rendered = render_markdown(part, anchor=anchor)
            if anchor and f' id="{anchor}"' in rendered:
                anchor = ""
            blocks.append(Block(kind="markdown", html=rendered))
    return tuple(blocks)


_FIRST_HEADING = re.compile(r"<h([2-6])>")


def render_markdown(text: str, heading_prefix: str = "", *, anchor: str | None = None) -> str:
    """Markdown from a pull request → safe HTML: raw HTML shown as text, nothing executable.

    Headings get ids (prefixed, so sections of one page never clash) for links and search results;
    with `anchor` (a section of an agreement) only the first heading gets an id, that one ("" none).
    """
    slugify = lambda value, separator: f"{heading_prefix}-{slugify_unicode(value, separator)}".strip("-")  # noqa: E731
    extensions: list[Any] = ["tables", "fenced_code"]
    if anchor is None:
        extensions.insert(0, TocExtension(slugify=slugify, toc_depth="2-6"))
    converter = markdown.Markdown(output_format="html", extensions=extensions)
    # Without these two, Python-Markdown passes raw HTML through; without them it escapes it.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    html = converter.convert(text)
    heading_ids = {f"h{level}": {"id"} for level in range(2, 7)}
    cleaned = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, **heading_ids},
        url_schemes={"http", "https", "mailto"},
    )
    if anchor:  # a slug (the model's pattern): nothing to escape
        cleaned = _FIRST_HEADING.sub(lambda match: f'<h{match.group(1)} id="{anchor}">', cleaned, count=1)
    return cleaned


def full_text(agreement: FullTextAgreement, standard: StandardText, naming: PartnerNaming) -> str:
    """The whole agreement as Markdown-like text, structured parts written out (for downloads)."""
    values = _values(agreement, naming)
    parts = []
    for section in standard.abschnitte:
        wording = fill(agreement.abweichungen.get(section.id, section.text), values)
        parts.append(BLOCK_LINE.sub(lambda match: _block_text(match.group(1), agreement, standard), wording))
    return "\n\n".join(parts)


def _block_text(kind: str, agreement: FullTextAgreement, standard: StandardText) -> str:
    if kind == "projektliste":
        lines = []
        for number, (slug, wording) in enumerate(standard.massnahmenarten.items(), start=1):
            lines.append(f"{number}. {wording}")
            lines.extend(f"  - {project}" for project in agreement.massnahmen.get(slug, []))
        return "\n".join(lines)
    signatures = []
    for signatory in agreement.unterzeichnende:
        when = f" {signatory.datum.day}.{signatory.datum.month}.{signatory.datum.year}" if signatory.datum else ""
        signatures.append(
            f"{signatory.ort}, den{when}\n\n{signatory.name}\n\n" + "  \n".join(signatory.funktion.splitlines())
        )
    return "\n\n".join(signatures)


def document_title(standard: StandardText, naming: PartnerNaming) -> str:
    """The agreement's title as its first section states it, in one line and without markup."""
    return " ".join(strip_markup(fill(standard.abschnitte[0].text, naming_values(naming))).split())


_MARKUP = re.compile(r"\*\*|__|^#+\s*", re.MULTILINE)


def words(text: str) -> list[str]:
    """The words of a Markdown wording, markup and line breaks aside: what comparisons look at."""
    return strip_markup(text).split()


def strip_markup(text: str) -> str:
    """The words of a Markdown wording without emphasis and heading marks."""
    return _MARKUP.sub("", text)

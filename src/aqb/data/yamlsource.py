"""Read one YAML file safely and remember on which line every value stands."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aqb.data.problems import INVISIBLE, Problem, has_control_characters
from aqb.formatting import CONTROL_IN_YAML

Location = tuple[str | int, ...]

# Files come from pull requests: bound what one file may cost to read.
MAX_FILE_BYTES = 512 * 1024
MAX_DEPTH = 20


class _SafeNodeLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader (libyaml's, where installed), leaving dates as text.

    Dates stay strings so that an impossible date such as 2025-02-30 becomes a validation error with
    its field name instead of a constructor crash. Aliases are refused while the nodes are read
    (`_NodeReader.construct`): they could expand a small file into a huge one ("billion laughs").
    """


# Numbers mean what they look like. YAML 1.1 reads 01234567 as octal, and also takes 0x…, 1_000,
# +5, 1:02:03 (base 60), .inf and yes/no: here only plain decimal digits are a number, everything
# else stays text, which the fields then refuse with a message saying how to write it. Long digit
# runs stay text too (Python refuses to convert more than 4300 digits).
_KEPT_RESOLVERS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}
_SafeNodeLoader.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        if _tag in _KEPT_RESOLVERS:
            _SafeNodeLoader.yaml_implicit_resolvers.setdefault(_first, []).append((_tag, _regexp))
_NUMBER_FORMS = {
    "tag:yaml.org,2002:int": re.compile(r"^(?:0|-?[1-9][0-9]{0,14})$"),
    "tag:yaml.org,2002:float": re.compile(r"^-?[0-9]{1,15}\.[0-9]{1,15}$"),
}
for _tag, _regexp in _NUMBER_FORMS.items():
    _SafeNodeLoader.add_implicit_resolver(_tag, _regexp, list("-0123456789"))
_ALIAS_MESSAGE = "Anker und Verweise (&name, *name) sind nicht erlaubt; jeden Wert ausschreiben"


@dataclass(frozen=True)
class YamlDocument:
    """Plain data of one file plus the line of every value in it."""

    path: str
    data: Any
    lines: dict[Location, int] = field(repr=False)
    # Problems that still leave usable data (a duplicate key: the first value is kept).
    problems: tuple[Problem, ...] = ()
    # First content line of literal block texts (`text: |`), whose lines map 1:1 to the file.
    literal_starts: dict[Location, int] = field(default_factory=dict, repr=False)

    def line_in_text(self, location: Location, offset: int) -> int:
        """Line of character `offset` of the text at `location` (exact for literal blocks)."""
        start = self.literal_starts.get(location)
        value = self.value_at(location)
        if start is None or not isinstance(value, str):
            return self.line_of(location)
        return start + value[:offset].count("\n")

    def value_at(self, location: Location) -> Any:
        value = self.data
        for part in location:
            value = value[part]
        return value

    def line_of(self, location: Location) -> int:
        """Line of the value at `location`, or of its nearest parent that exists."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(tuple(location[:end]))
            if line is not None:
                return line
        return 1


class YamlReadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def checked_text(raw: bytes, shown_path: str) -> str:
    """The file's text, if it is of a sensible size, UTF-8 and free of control characters."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    1,
                    "Datei",
                    f"ist zu groß ({len(raw)} Bytes, höchstens {MAX_FILE_BYTES})",
                    "Eine Vereinbarung braucht nur wenige Kilobyte.",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    line,
                    "Datei",
                    f"ist nicht UTF-8-kodiert: Byte 0x{raw[error.start]:02x} ist kein gültiges Zeichen",
                    "Die Datei im Editor mit der Kodierung „UTF-8“ speichern.",
                )
            ]
        ) from None

    control = CONTROL_IN_YAML.search(text)
    if control:
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    text[: control.start()].count("\n") + 1,
                    "Datei",
                    f"enthält ein unzulässiges Steuerzeichen (#x{ord(control.group()):04x})",
                    "Das Zeichen löschen; beim Kopieren aus PDF-Dateien rutscht es leicht mit hinein.",
                )
            ]
        )
    return text


def _parsed(text: str, shown_path: str) -> tuple[Node | None, _SafeNodeLoader]:
    """The node tree of `text`; syntax errors, YAML bombs and libyaml's limits become one problem."""
    loader = _SafeNodeLoader(text)
    try:
        root = loader.get_single_node()
    except RecursionError:
        raise YamlReadError(
            [Problem(shown_path, 1, "Datei", f"ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)", None)]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or "ungültiges YAML"
        if "nesting depth" in reason:  # libyaml's own limit (PyYAML ≥ 6.0.4 wheels), far above ours
            raise YamlReadError(
                [Problem(shown_path, line, "Datei", f"ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)", None)]
            ) from None
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            reason = "tab"
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    line,
                    "YAML-Syntax",
                    _german_syntax(reason),
                    "Einrückung, Doppelpunkte und Anführungszeichen prüfen.",
                )
            ]
        ) from None
    except yaml.YAMLError:
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    1,
                    "YAML-Syntax",
                    "ungültiges YAML",
                    "Einrückung, Doppelpunkte und Anführungszeichen prüfen.",
                )
            ]
        ) from None
    finally:
        loader.dispose()
    return root, loader


def read_yaml(file: Path, shown_path: str) -> YamlDocument:
    """Parse `file`; raise YamlReadError naming line and cause when it is not usable YAML."""
    return read_yaml_text(checked_text(file.read_bytes(), shown_path), shown_path)


def read_yaml_text(text: str, shown_path: str) -> YamlDocument:
    """Parse YAML already read (and checked for size and characters) from the file `shown_path`."""
    root, loader = _parsed(text, shown_path)
    if root is None:
        return YamlDocument(shown_path, None, {(): 1})
    reader = _NodeReader(shown_path, loader, text.split("\n"))
    try:
        data = reader.construct(root, ())
    except _AliasFound as alias:
        raise YamlReadError(
            [
                Problem(
                    shown_path,
                    alias.line,
                    "YAML-Syntax",
                    _ALIAS_MESSAGE,
                    "Einrückung, Doppelpunkte und Anführungszeichen prüfen.",
                )
            ]
        ) from None
    except _TooDeep as deep:
        raise YamlReadError(
            [Problem(shown_path, deep.line, "Datei", f"ist zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)", None)]
        ) from None
    return YamlDocument(shown_path, data, reader.lines, tuple(reader.problems), reader.literal_starts)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


class _NodeReader:
    """One reading of one file's node tree: plain data, the line of every value, the problems met."""

    def __init__(self, shown_path: str, loader: _SafeNodeLoader, source_lines: list[str]) -> None:
        self.shown_path = shown_path
        self.loader = loader
        self.source_lines = source_lines  # for the column of a character inside a block text
        self.lines: dict[Location, int] = {}
        self.literal_starts: dict[Location, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def construct(self, node: Node, location: Location) -> Any:
        """Turn a node tree into plain Python data, recording lines and refusing duplicate keys.

        A node met a second time is an alias (*name): refused at once, before anything is expanded.
        """
        self._first_visit(node)
        self.lines.setdefault(location, node.start_mark.line + 1)
        if len(location) > MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)  # one message for the file, nothing read below it
        if node.tag not in _PLAIN_TAGS:
            # Explicit tags such as !!python/object are never constructed, and not silently ignored either.
            self.report(
                node, location, f"Typangaben wie '{node.tag}' sind nicht erlaubt", "Den Wert ohne !!… schreiben."
            )
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, location)
        if isinstance(node, SequenceNode):
            return [self.construct(item, (*location, index)) for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode) and node.style == "|":
            self.literal_starts[location] = node.start_mark.line + 2  # the line after the "|" indicator
        value = self.scalar(node, location)
        if isinstance(value, str):
            # One spelling per text: "ä" as one character or as "a" plus a combining mark are the same value.
            value = unicodedata.normalize("NFC", value)
            self.check_characters(value, location, node)
        return value

    def mapping(self, node: MappingNode, location: Location) -> dict[Any, Any]:
        """A mapping's keys (plain texts, each once) and their values."""
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, location, "ein Feldname muss ein einfacher Text sein", None)
                continue
            self._first_visit(key_node)
            if key_node.tag not in _PLAIN_TAGS:
                message = (
                    "„<<“ (Werte aus einem anderen Eintrag übernehmen) ist nicht erlaubt"
                    if key_node.tag == "tag:yaml.org,2002:merge"
                    else f"Typangaben wie '{key_node.tag}' sind nicht erlaubt"
                )
                self.report(key_node, location, message, "Jeden Wert ausschreiben.")
                continue
            key = self.scalar(key_node, location)
            # A key YAML reads as a number or as null (2023, null, ~, nothing at all) is kept as written,
            # so that a message names it as the file does, not as Python prints it ("None").
            key = key if isinstance(key, str) else str(key_node.value)
            self.check_characters(key, (*location, key), key_node)
            if key in result:
                first = self.lines[(*location, key)]
                self.problems.append(
                    Problem(
                        self.shown_path,
                        key_node.start_mark.line + 1,
                        dotted((*location, key)),
                        f"steht doppelt in der Datei (zuerst in Zeile {first})",
                        "Einen der beiden Einträge löschen oder zusammenführen.",
                    )
                )
                continue
            self.lines[(*location, key)] = key_node.start_mark.line + 1
            result[key] = self.construct(value_node, (*location, key))
        return result

    def scalar(self, node: Node, location: Location) -> Any:
        """A scalar's value; explicit tags that cannot be read (`!!int 0x…`, `!!float abc`) become a problem."""
        plain_number = _NUMBER_FORMS.get(node.tag)
        if plain_number is not None and not plain_number.match(node.value):  # an explicit !!int 0x10
            self.report(
                node,
                location,
                f"ist keine einfache Zahl: '{node.value[:40]}'",
                "Zahlen nur mit den Ziffern 0–9 schreiben.",
            )
            return None
        try:
            return self.loader.construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            self.report(
                node, location, "ist kein gültiger Wert", "Den Wert ohne !!… schreiben, Zahlen nur mit den Ziffern 0–9."
            )
            return None

    def check_characters(self, value: str, location: Location, node: Node) -> None:
        """Escapes in double-quoted YAML ("\\e[31m", "\\u202e") must not smuggle control characters in;
        invisible characters (a zero-width space in a project name) would make two values look the same."""
        found = has_control_characters(value)
        if found:
            self.report(
                node,
                location,
                f"enthält ein unzulässiges Steuerzeichen (#x{ord(found.group()):04x})",
                "Das Zeichen löschen (in Anführungszeichen auch Schreibweisen wie \\e oder \\x1b).",
            )
            return
        invisible = invisible_character(value)
        if invisible is not None:
            offset, kind = invisible
            line, column = self._position(node, value, offset)
            self.problems.append(
                Problem(
                    self.shown_path,
                    line,
                    dotted(location) or "Datei",
                    f"enthält {kind} (U+{ord(value[offset]):04X}) in Zeile {line}, Spalte {column}",
                    "Das Zeichen löschen: Es ist unsichtbar oder ohne Bedeutung, macht aber aus einem Wert einen "
                    "anderen. Beim Kopieren aus PDF- oder Word-Dateien rutscht es leicht mit hinein.",
                )
            )

    def _position(self, node: Node, value: str, offset: int) -> tuple[int, int]:
        """Line and column in the file of `value[offset]` (exact for plain, quoted and block texts)."""
        before = value[:offset]
        block = getattr(node, "style", None) in ("|", ">")
        line = node.start_mark.line + 1 + (1 if block else 0) + before.count("\n")
        within = offset - before.rfind("\n") - 1  # characters before it on its own line of the text
        if block or "\n" in before:  # a line of a block text, behind that line's indentation
            source = self.source_lines[line - 1] if line <= len(self.source_lines) else ""
            return line, len(source) - len(source.lstrip(" ")) + within + 1
        quoted = 1 if getattr(node, "style", None) in ("'", '"') else 0
        return line, node.start_mark.column + quoted + within + 1

    def report(self, node: Node, location: Location, message: str, hint: str | None) -> None:
        """A problem at `node`, named by its field (or "Datei" for the whole file)."""
        self.problems.append(
            Problem(self.shown_path, node.start_mark.line + 1, dotted(location) or "Datei", message, hint)
        )

    def _first_visit(self, node: Node) -> None:
        if id(node) in self.seen:
            raise _AliasFound(node.start_mark.line + 1)
        self.seen.add(id(node))


_KINDS = {
    "Co": "ein Zeichen aus dem privaten Bereich",
    "Cn": "ein nicht vergebenes Zeichen",
    "Cs": "ein halbes Zeichen",
}


def invisible_character(value: str) -> tuple[int, str] | None:
    """The first invisible (problems.INVISIBLE), private-use or unassigned character of `value`: (offset,
    German kind)."""
    match = INVISIBLE.search(value)
    first = (match.start(), "ein unsichtbares Zeichen") if match else None
    if not value.isascii():
        for offset, char in enumerate(value[: first[0] if first else None]):
            kind = _KINDS.get(unicodedata.category(char))
            if kind is not None:
                return offset, kind
    return first


def dotted(location: Location) -> str:
    """Render a location as staff read it: massnahmen.qualifizierung[2]."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


_SYNTAX_MESSAGES = {
    "tab": "Tabulatoren sind nicht erlaubt; mit Leerzeichen einrücken",
    "mapping values are not allowed": "hier ist kein Doppelpunkt erlaubt (fehlen Anführungszeichen um einen Text mit "
    "„: “?)",
    "found character that cannot start any token": "dieses Zeichen kann hier nicht stehen (Text in Anführungszeichen "
    "setzen)",
    "but found another document": "die Datei darf nur ein YAML-Dokument enthalten (kein zweites „---“)",
    "Anker und Verweise": "Anker und Verweise (&name, *name) sind nicht erlaubt; jeden Wert ausschreiben",
    "could not find expected ':'": "es fehlt ein Doppelpunkt nach dem Feldnamen",
    "did not find expected key": "hier wurde ein Feldname erwartet (Einrückung prüfen)",
    "found unexpected end of stream": "die Datei endet unerwartet (fehlt ein schließendes Anführungszeichen?)",
    "did not find expected node content": "hier fehlt ein Wert",
    "expected a single document in the stream": "die Datei darf nur ein YAML-Dokument enthalten (kein zweites „---“)",
    "found invalid Unicode character escape code": "ungültige Zeichenangabe (\\u… oder \\U…) in Anführungszeichen; "
    "das Zeichen selbst schreiben",
    "found unknown escape character": "unbekannte Angabe mit „\\“ in Anführungszeichen; einen Text mit „\\“ in "
    "einfache Anführungszeichen setzen",
    "did not find expected hexdecimal number": "ungültige Zeichenangabe (\\u… oder \\U…) in Anführungszeichen; "
    "das Zeichen selbst schreiben",
    "expected escape sequence of": "unvollständige Zeichenangabe mit „\\“ in Anführungszeichen",
    "found unexpected ':'": "hier ist kein Doppelpunkt erlaubt (Text in Anführungszeichen setzen)",
    "found undefined alias": "Anker und Verweise (&name, *name) sind nicht erlaubt; jeden Wert ausschreiben",
    "found undefined tag handle": "Typangaben mit „!“ sind nicht erlaubt",
    "found unacceptable character": "dieses Zeichen ist in YAML nicht erlaubt",
    "found a tab character": "Tabulatoren sind nicht erlaubt; mit Leerzeichen einrücken",
    "while scanning a quoted scalar": "ein Text in Anführungszeichen ist nicht geschlossen",
    "found duplicate anchor": "Anker und Verweise (&name, *name) sind nicht erlaubt; jeden Wert ausschreiben",
    "block sequence entries are not allowed": "hier darf kein Listenpunkt („- “) stehen (Einrückung prüfen)",
    "could not find expected": "hier fehlt ein Zeichen (Anführungszeichen, Klammer oder Doppelpunkt prüfen)",
    "did not find expected": "hier steht etwas Unerwartetes (Einrückung, Klammern und Kommas prüfen)",
    "found unexpected": "hier steht etwas Unerwartetes (Einrückung, Klammern und Kommas prüfen)",
}


def _german_syntax(reason: str) -> str:
    for english, german in _SYNTAX_MESSAGES.items():
        if reason.startswith(english):
            return german
    # PyYAML's own words are English: never shown to staff. The line still says where.
    return "ungültiges YAML an dieser Stelle"

"""What `make serve` and `make build` print, in German: ProperDocs' own lines as staff read them.

ProperDocs (and MkDocs 1.6.1, worded the same) logs in English: "INFO - Building documentation...",
link warnings, "Serving on …". The hooks call `speak_german` when a run starts (on_startup); from then
on every handler ProperDocs writes to the terminal with (on its top logger, "properdocs"; "mkdocs"
under MkDocs) has

- `GermanMessages`, a logging filter that puts each record's message in German: a known message,
  matched by its wording (the f-strings in properdocs/commands/build.py and serve.py,
  structure/pages.py, files.py and nav.py, livereload/__init__.py, config/base.py), gets its German
  text, naming the file and what to do; any other message is kept whole, marked as ProperDocs'
  English (ENGLISH), so nothing is lost; our own messages (OWN_LOGGER and below) are German already;
- `GermanFormat`, a formatter that writes "Hinweis –", "Warnung –", "Fehler –" where ProperDocs
  writes "INFO -", "WARNING -", "ERROR -" (coloured on a terminal, as ProperDocs does).

ProperDocs ends a failed build with a line it prints itself, outside logging ("Aborted with 2
warnings in strict mode!"); `abort_message` gives the hooks its German words. Standard library (and
aqb.formatting) only: the package imports nothing from the site engine.
"""

from __future__ import annotations

import logging
import os
import re
from typing import IO, Any

from aqb.formatting import escaped

DOCS = "content"  # docs_dir in mkdocs.yml: the folder of the hand-written pages
OWN_LOGGER = "mkdocs.plugins.aqb"  # the hooks' logger; it and those below it speak German already
ENGINE_LOGGERS = ("properdocs", "mkdocs")  # the loggers the engines' terminal handler sits on
ENGLISH = "Meldung von ProperDocs (englisch): "
BUILD_FAILED = "Bau abgebrochen wegen des Fehlers oben."

_LABELS = ((logging.ERROR, "Fehler"), (logging.WARNING, "Warnung"), (logging.INFO, "Hinweis"))  # else "Details"
_COLOURS = {"Fehler": "\033[31m", "Warnung": "\033[33m"}  # red and yellow, as ProperDocs colours them
_RESET = "\033[0m"
_MARK = "aqb_german"  # set on a record once its message is German: a second handler leaves it alone

# The preview server's lines start with the time; ProperDocs may end a link warning with its guess.
_TIME = re.compile(r"(?P<time>\[\d\d:\d\d:\d\d\] )(?P<rest>.*)", re.DOTALL)
_GUESS = re.compile(r"(?P<rest>.*) Did you mean '(?P<guess>[^']*)'\?", re.DOTALL)

_LINK = "{docs}/{page}: Der Link „{link}“"
_FIX_LINK = "Bitte den Link berichtigen (Dateiname, Ordner, Endung .md) oder die fehlende Datei anlegen."
_NAV = "mkdocs.yml, Abschnitt nav: Der Eintrag „{entry}“"
_REQUEST = r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" code '
# Each message as ProperDocs words it (matched whole) and its German text. {name} in the text is the
# part of that name, printed safely; {docs} is DOCS; {seconds} is written the German way (3,2).
_KNOWN = [
    (r"Building documentation\.\.\.", "Seiten werden gebaut …"),
    # `make build` builds into a folder in .bau/ and then exchanges it with site/: its name says nothing.
    (r"Building documentation to directory: .+", "Seiten werden gebaut …"),
    (r"Cleaning site directory", "Der Ordner für die gebauten Seiten wird geleert."),
    (r"Documentation built in (?P<seconds>[0-9.]+) seconds", "Fertig gebaut in {seconds} Sekunden."),
    (
        r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but the target is not found among "
        r"documentation files\.",
        _LINK + f" führt zu keiner Datei in {{docs}}/. {_FIX_LINK}",
    ),
    (
        r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but the target '(?P<target>.+)' is not found "
        r"among documentation files\.",
        _LINK + f" führt zu keiner Datei ({{docs}}/{{target}} gibt es nicht). {_FIX_LINK}",
    ),
    (
        r"Doc file '(?P<page>.+)' contains an unrecognized relative link '(?P<link>.+)', it was left as is\.",
        _LINK + " führt zu keiner Seite dieser Website. Bitte den Link berichtigen: eine Seite aus {docs}/ mit "
        "ihrem Dateinamen (z. B. „impressum.md“), eine andere Website mit ihrer vollständigen Adresse (https://…).",
    ),
    (
        r"Doc file '(?P<page>.+)' contains an absolute link '(?P<link>.+)', it was left as is\.",
        _LINK + " beginnt mit „/“ und wird darum nicht geprüft. Bitte ohne „/“ am Anfang verlinken, "
        "z. B. „impressum.md“.",
    ),
    (
        r"Doc file '(?P<page>.+)' contains an invalid link '(?P<link>.+)', it was left as is\.",
        _LINK + " ist keine gültige Adresse. Bitte den Link berichtigen.",
    ),
    (
        r"Doc file '(?P<page>.+)' contains a link to '(?P<target>.+)' which is excluded from the built site\.",
        "{docs}/{page}: Ein Link führt zu {docs}/{target}; diese Datei wird nicht veröffentlicht.",
    ),
    (
        r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but the doc '(?P<target>.+)' does not contain "
        r"an anchor '#(?P<anchor>.*)'\.",
        _LINK + " führt zur Stelle „#{anchor}“, die es in {docs}/{target} nicht gibt. Bitte den Teil nach „#“ "
        "berichtigen (er muss zu einer Überschrift dort passen) oder weglassen.",
    ),
    (
        r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but there is no such anchor on this page\.",
        _LINK + " führt zu einer Stelle dieser Seite, die es nicht gibt. Bitte den Teil nach „#“ berichtigen "
        "(er muss zu einer Überschrift der Seite passen).",
    ),
    (
        r"Doc file '(?P<page>.+)' contains a link '(?P<link>.+)', but there is no such anchor on this page\. "
        r"This seems to be a footnote that is never referenced\.",
        _LINK + " gehört zu einer Fußnote, auf die im Text nie verwiesen wird. Bitte im Text auf sie "
        "verweisen oder die Fußnote löschen.",
    ),
    (
        r"A reference to '(?P<entry>.+)' is included in the 'nav' configuration, which is not found in the "
        r"documentation files\.",
        _NAV + " führt zu keiner Datei in {docs}/. Bitte den Dateinamen dort berichtigen oder die Datei "
        "{docs}/{entry} anlegen.",
    ),
    (
        r"An absolute path to '(?P<entry>.+)' is included in the 'nav' configuration, which presumably points "
        r"to an external resource\.",
        _NAV + " beginnt mit „/“ und wird darum nicht geprüft. Für eine Seite aus {docs}/ den Dateinamen ohne "
        "„/“ angeben.",
    ),
    (
        r"A reference to '(?P<entry>.+)' is included in the 'nav' configuration, but this file is excluded from "
        r"the built site\.",
        _NAV + " führt zu einer Datei, die nicht veröffentlicht wird.",
    ),
    (
        r'The following pages exist in the docs directory, but are not included in the "nav" '
        r"configuration:(?P<pages>\n.*)",
        "Diese Seiten aus {docs}/ stehen nicht im Abschnitt nav von mkdocs.yml:{pages}",
    ),
    (
        r"The following pages are being built only for the preview but will be excluded from `\w+ build` per "
        r"`draft_docs` config:(?P<pages>\n.*)",
        "Diese Seiten erscheinen nur in der Vorschau, nicht in der gebauten Website (Einstellung draft_docs):{pages}",
    ),
    (
        r"Excluding '(?P<page>.+)' from the site because it conflicts with '(?P<other>.+)'\.",
        "{docs}/{page} wird nicht veröffentlicht: es ergäbe dieselbe Adresse wie {docs}/{other}. Bitte eine der "
        "beiden Dateien umbenennen.",
    ),
    # A failed page: our own errors follow in a message of their own; anything else is ProperDocs' English.
    (r"Error reading page '(?P<page>.+)':", "{docs}/{page}: Die Seite konnte nicht gelesen werden."),
    (r"Error building page '(?P<page>.+)':", "{docs}/{page}: Die Seite konnte nicht gebaut werden."),
    (
        r"Error reading page '(?P<page>.+)': (?P<detail>.*)",
        "{docs}/{page}: Die Seite konnte nicht gelesen werden. " + ENGLISH + "{detail}",
    ),
    (
        r"Error building page '(?P<page>.+)': (?P<detail>.*)",
        "{docs}/{page}: Die Seite konnte nicht gebaut werden. " + ENGLISH + "{detail}",
    ),
    (r"File not found: (?P<page>.+)", "{docs}/{page}: Die Datei wurde nicht gefunden."),
    (
        r"Encoding error reading file: (?P<page>.+)",
        "{docs}/{page}: Die Datei ist nicht als UTF-8 gespeichert. Bitte im Editor als UTF-8 speichern.",
    ),
    (r"Page skipped: '(?P<page>.+)'\. Generated empty output\.", "{docs}/{page} ergab eine leere Seite; übersprungen."),
    (r"Template skipped: '(?P<name>.+)' generated empty output\.", "Vorlage „{name}“ ergab nichts; übersprungen."),
    (r"Template skipped: '(?P<name>.+)' not found in theme directories\.", "Vorlage „{name}“ fehlt; übersprungen."),
    (r"Watching paths for changes: (?P<paths>.+)", "Änderungen werden beobachtet in: {paths}"),
    (r"Serving on (?P<url>\S+)", "Die Seite läuft auf {url} (beenden mit Strg+C)"),
    (
        r"Serving on (?P<url>\S+) and opening it in a browser",
        "Die Seite läuft auf {url} und wird im Browser geöffnet (beenden mit Strg+C)",
    ),
    (r"Detected file changes", "Dateien wurden geändert; die Seiten werden neu gebaut …"),
    (r"Reloading browsers", "Die Seite wird im Browser neu geladen."),
    (r"Browser connected: (?P<url>.+)", "Browser verbunden: {url}"),
    (
        r"An error happened during the rebuild\. The server will appear stuck until build errors are resolved\.",
        "Der Neubau ist fehlgeschlagen (Grund oben). Der Browser zeigt den alten Stand, bis der Fehler behoben "
        "und die Datei gespeichert ist.",
    ),
    (_REQUEST + "404", "Seite nicht gefunden (404): {path}"),
    (_REQUEST + r"(?P<code>\d+)", "Der Browser fragte {path} an; Antwort mit Code {code}."),
    (r"Shutting down\.\.\.", "Die Vorschau wird beendet."),
    (
        r"Config value '(?P<name>[^']+)': (?P<detail>.*)",
        "Einstellung „{name}“ in mkdocs.yml – " + ENGLISH + "{detail}",
    ),
]
_MESSAGES = [(re.compile(pattern, re.DOTALL), text) for pattern, text in _KNOWN]

_STRICT = re.compile(r"Aborted with (?P<counts>.+) in strict mode!")
_COUNT = re.compile(r"(?P<number>[0-9]+) (?P<level>[a-z]+)s")
_COUNTED = {"warning": ("Warnung", "Warnungen"), "error": ("Fehler", "Fehler"), "critical": ("Fehler", "Fehler")}


def german(message: str) -> str:
    """ProperDocs' `message` in German; one it does not know, whole, after ENGLISH."""
    timed = _TIME.fullmatch(message)
    time, rest = (timed["time"], timed["rest"]) if timed else ("", message)
    guessed = _GUESS.fullmatch(rest)
    known, guess = (guessed["rest"], guessed["guess"]) if guessed else (rest, None)
    for pattern, text in _MESSAGES:
        found = pattern.fullmatch(known)
        if found is not None:
            hint = f" Gemeint ist vielleicht „{_safe(guess)}“." if guess else ""
            return time + _filled(text, found) + hint
    return time + ENGLISH + _safe(rest)


def _filled(text: str, found: re.Match[str]) -> str:
    parts = {name: _safe(value or "") for name, value in found.groupdict().items()}
    if "seconds" in parts:
        parts["seconds"] = f"{float(parts['seconds']):.1f}".replace(".", ",")
    return text.format(docs=DOCS, **parts)


def _safe(text: str) -> str:
    """`text` printed safely (aqb.formatting.escaped), line by line: ProperDocs' own line breaks stay."""
    return "\n".join(escaped(line) for line in text.split("\n"))


def abort_message(message: str) -> str:
    """The German words for ProperDocs' last line of a failed build (its Abort's message)."""
    strict = _STRICT.fullmatch(message)
    if strict is None:
        return BUILD_FAILED if message == "Aborted with a BuildError!" else ENGLISH + _safe(message)
    counts = [_counted(int(number), level) for number, level in _COUNT.findall(strict["counts"])]
    return (
        f"Bau abgebrochen wegen {' und '.join(counts)} (siehe oben): Jede Warnung bricht den Bau ab, "
        "damit nichts Fehlerhaftes veröffentlicht wird."
    )


def _counted(number: int, level: str) -> str:
    one, many = _COUNTED.get(level, ("Meldung", "Meldungen"))
    return f"{number} {one if number == 1 else many}"


class GermanMessages(logging.Filter):
    """Puts the message of each record from the site engine in German (`german`); drops none."""

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name == OWN_LOGGER or record.name.startswith(OWN_LOGGER + ".")
        if not own and not getattr(record, _MARK, False):
            record.msg, record.args = german(record.getMessage()), ()
            setattr(record, _MARK, True)
        return True


class GermanFormat(logging.Formatter):
    """The level in German before each message: "Hinweis – …", "Warnung – …", "Fehler – …"."""

    def __init__(self, coloured: bool) -> None:
        super().__init__("%(message)s")
        self.coloured = coloured

    def format(self, record: logging.LogRecord) -> str:
        label = next((name for level, name in _LABELS if record.levelno >= level), "Details")
        prefix = f"{label} –"
        if self.coloured and label in _COLOURS:
            prefix = _COLOURS[label] + prefix + _RESET
        return f"{prefix} {super().format(record)}"


def speak_german() -> None:
    """From now on every line the site engine logs to the terminal is German (see above). Calling it
    again changes nothing; without the engine's terminal handler (a build inside a test) neither."""
    for name in ENGINE_LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if not isinstance(handler, logging.StreamHandler):
                continue
            if not any(isinstance(existing, GermanMessages) for existing in handler.filters):
                handler.addFilter(GermanMessages())
            handler.setFormatter(GermanFormat(_coloured(handler.stream)))


def _coloured(stream: IO[Any]) -> bool:
    """Colours as ProperDocs chooses them: on a terminal, unless NO_COLOR is set or TERM is dumb."""
    terminal = getattr(stream, "isatty", None)
    return (
        callable(terminal) and bool(terminal()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )

"""Command line for staff (`aqb …`, also behind the make targets): check, draft, import, schema."""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from aqb.data.addresses import settings_problems
from aqb.data.content import pages_problems
from aqb.data.dataset import Dataset
from aqb.data.files import LINK_REFUSED, repository_problems
from aqb.data.loader import load_dataset
from aqb.data.model import FIRST_YEAR, LAST_YEAR
from aqb.data.problems import DataError, Problem, escaped
from aqb.staff.issue_form import FORM_PATH, new_agreement_form
from aqb.staff.scaffold import ScaffoldError, new_agreement, new_year, write_schemas

_HELP_IN_GERMAN = (
    ("usage: ", "Aufruf: "),
    ("positional arguments:", "Angaben:"),
    ("options:", "Optionen:"),
    ("optional arguments:", "Optionen:"),
    ("show this help message and exit", "diese Hilfe zeigen und beenden"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its help and complaints in German (staff run these commands through make)."""

    def format_help(self) -> str:
        return _german_help(super().format_help())

    def format_usage(self) -> str:
        return _german_help(super().format_usage())

    def error(self, message: str) -> NoReturn:
        german = re.sub(r"^the following arguments are required: (.*)$", r"es fehlt: \1", message)
        german = re.sub(r"^unrecognized arguments: (.*)$", r"unbekannte Angaben: \1", german)
        german = re.sub(r"^argument (\S+): invalid choice: (\S+).*$", r"unbekannter Befehl: \2", german)
        german = re.sub(r"^argument (\S+): ", r"", german)
        print(
            f"{self.prog}: {escaped(german)}\n{self.format_usage().strip()}",
            file=sys.stderr,
        )
        raise SystemExit(2)


def _german_help(text: str) -> str:
    for english, german in _HELP_IN_GERMAN:
        text = text.replace(english, german)
    return text


def _year(text: str) -> int:
    """A year from the command line: four plain digits within the AQB's years."""
    if re.fullmatch(r"[0-9]{4}", text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    raise argparse.ArgumentTypeError(
        f"das Jahr muss eine Jahreszahl von {FIRST_YEAR} bis {LAST_YEAR} sein, nur mit den Ziffern 0–9: "
        f"'{escaped(text[:40])}'"
    )


def _port(text: str) -> int:
    if re.fullmatch(r"[0-9]{1,5}", text) and 1024 <= int(text) <= 65535:
        return int(text)
    raise argparse.ArgumentTypeError(f"der Port muss eine Zahl von 1024 bis 65535 sein: '{escaped(text[:40])}'")


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:
        print(
            f"Unerwarteter Fehler ({type(error).__name__}): {escaped(str(error)[:300])}\n"
            "Das ist ein Fehler im Werkzeug, nicht in Ihren Daten: bitte als Issue melden.",
            file=sys.stderr,
        )
        return 3


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="aqb", description="Werkzeuge für die AQB-Zielvereinbarungen.")
    common = _Parser(add_help=False)
    common.add_argument("--daten", type=Path, default=Path("data"), help="Ordner mit den Daten (Standard: data)")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[common])

    add("check", "alle Daten prüfen und jedes Problem melden")
    draft = add("neu", "Entwurf für eine neue Vereinbarung anlegen")
    draft.add_argument("kreis", help="Kürzel der Gebietskörperschaft, z. B. marburg-biedenkopf")
    draft.add_argument("jahr", type=_year)
    year = add("neues-jahr", "Standardtext eines neuen Jahres aus dem Vorjahr anlegen")
    year.add_argument("jahr", type=_year)
    add("schema", "die JSON-Schemas für Editoren neu erzeugen (data/schema/)")
    importer = add("import", "unterzeichnete Texte (PDF, Word, Text) als Entwürfe einlesen: Datei oder Ordner")
    importer.add_argument("datei", type=Path, help="eine Datei (.pdf, .docx, .txt, Scan) oder ein Ordner")
    importer.add_argument(
        "--kreis", help="Kürzel des Partners, wo ein Dokument keinen nennt, z. B. fulda (make import … KREIS=fulda)"
    )
    issue = add("einlesen", "die Anhänge eines Issues „Neue Vereinbarung“ einlesen (Workflow, Label „einlesen“)")
    issue.add_argument("ereignis", type=Path, help="das Ereignis von GitHub (JSON, $GITHUB_EVENT_PATH)")
    issue.add_argument("ausgabe", type=Path, help="leerer Ordner für Anhänge, Kommentar und Pull Request")
    port = commands.add_parser("port", help="prüfen, ob ein Port für `make serve` frei ist")
    port.add_argument("port", type=_port)
    return parser


def _main(argv: list[str] | None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "port":
        return _repository_is_plain(Path.cwd()) or _settings_are_valid() or _port_is_free(arguments.port)
    data_dir = arguments.daten
    if _repository_is_plain(data_dir.absolute().parent, data_dir):
        return 1
    if not data_dir.is_dir():
        print(f"Ordner nicht gefunden: {escaped(str(data_dir))}", file=sys.stderr)
        return 2
    if arguments.command == "check":
        return _check(data_dir)
    return _draft(arguments, data_dir)


def _draft(arguments: argparse.Namespace, data_dir: Path) -> int:
    """The commands that write drafts (and schemas)."""
    # Drafting must work while other drafts are still incomplete: use whatever is valid.
    dataset = load_dataset(data_dir.resolve(), strict=False)
    try:
        if arguments.command == "neu":
            print(f"Entwurf angelegt: {new_agreement(dataset, data_dir, arguments.kreis, arguments.jahr)}")
        elif arguments.command == "neues-jahr":
            print(f"Standardtext angelegt: {new_year(dataset, data_dir, arguments.jahr)}")
        elif arguments.command == "schema":
            return _schema(data_dir)
        elif arguments.command == "einlesen":
            return _import_issue(dataset, data_dir, arguments.ereignis, arguments.ausgabe)
        elif arguments.command == "import" and arguments.datei.is_dir():
            return _import_folder(dataset, data_dir, arguments.datei, arguments.kreis)
        elif arguments.command == "import":
            _import(dataset, data_dir, arguments.datei, arguments.kreis)
    except ScaffoldError as error:
        print("\n".join(escaped(line) for line in str(error).splitlines()), file=sys.stderr)
        return 1
    return 0


def _schema(data_dir: Path) -> int:
    valid = _dataset_or_none(data_dir)  # the schemas list partners: only from valid data
    if valid is None:
        return 1
    for path in write_schemas(valid, data_dir):
        print(f"geschrieben: {path}")
    form = data_dir.resolve().parent / FORM_PATH
    if form.parent.is_dir():  # the issue form's partner list follows the data
        form.write_text(new_agreement_form(valid), encoding="utf-8")
        print(f"geschrieben: {FORM_PATH}")
    return 0


def _import_folder(dataset: Dataset, data_dir: Path, folder: Path, kreis: str | None) -> int:
    """Every file in a folder: one table row each, and a non-zero exit if any could not be placed."""
    from aqb.staff.batch import DOCUMENT_KINDS, import_folder, not_a_document, table

    rows = import_folder(dataset, data_dir, folder, kreis)
    if rows:
        print(table(rows))  # each entry's row says why it was not read
    if not any(not_a_document(entry) is None for entry in folder.iterdir()):
        print(
            f"In {escaped(str(folder))} liegt kein Dokument, das eingelesen werden kann ({DOCUMENT_KINDS}).",
            file=sys.stderr,
        )
        return 1
    failed = [row for row in rows if row.failed]
    scans = sum(1 for row in rows if row.scan_of is not None)
    created = len(rows) - len(failed) - scans
    print(
        f"{created} von {len(rows)} Dateien als Entwurf angelegt"
        + (f", {scans} Scans als unterzeichnetes Original dazu." if scans else ".")
    )
    if failed:
        print(f"{len(failed)} nicht angelegt; die Gründe stehen unter der Tabelle.", file=sys.stderr)
    if created:
        print("Nächster Schritt: die offenen Punkte in jedem Entwurf erledigen, dann `make check`.")
    return 1 if failed else 0


def _import_issue(dataset: Dataset, data_dir: Path, event_path: Path, output: Path) -> int:
    """The workflow's import step: 0 with a pull request to open, 1 with only a comment, 2 not for us."""
    from aqb.staff.batch import table
    from aqb.staff.issue_import import import_issue, is_einlesen_event, read_request, write_outputs

    event = _event(event_path)
    if event is None:
        return 2
    if not is_einlesen_event(event):
        print("Kein Ereignis „Label einlesen gesetzt“: nichts zu tun.", file=sys.stderr)
        return 2
    request = read_request(event)
    if output.exists() and any(output.iterdir()):
        print(f"{escaped(str(output))} ist nicht leer.", file=sys.stderr)
        return 2
    outcome = import_issue(request, dataset, data_dir, output / "eingang")
    # The whole table goes to the workflow's log: the comment may have to shorten it.
    print(outcome.refusal or (table(outcome.rows) if outcome.rows else "Keine PDF- oder Textdatei angehängt."))
    for line in outcome.skipped + ([outcome.mismatch] if outcome.mismatch else []):
        print(line)
    return 0 if write_outputs(request, outcome, output) else 1


def _event(path: Path) -> dict[str, Any] | None:
    """GitHub's event file, or None after saying what is wrong with it (EREIGNIS= names another file)."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problem = "nicht gefunden"
    except OSError as error:
        problem = (
            "nicht lesbar (keine Leserechte, oder es ist ein Ordner)"
            if isinstance(error, (PermissionError, IsADirectoryError))
            else "nicht lesbar"
        )
    except ValueError:  # not JSON, or not UTF-8
        problem = "kein JSON"
    else:
        if isinstance(event, dict):
            return event
        problem = "kein JSON-Objekt"
    print(
        f"Ereignisdatei {escaped(str(path))}: {problem}. Erwartet wird das Ereignis von GitHub als JSON-Objekt "
        "(im Workflow $GITHUB_EVENT_PATH; ein Beispiel: tests/ereignisse/einlesen-gelabelt.json).",
        file=sys.stderr,
    )
    return None


def _import(dataset: Dataset, data_dir: Path, source: Path, kreis: str | None) -> None:
    from aqb.staff.batch import BatchRow, not_a_document, table
    from aqb.staff.importer import import_file

    refusal = not_a_document(source) if source.exists() or source.is_symlink() else None
    if refusal is not None:  # the same reasons as in a folder: a ZIP to unpack, a .doc to save as .docx …
        raise ScaffoldError(f"{source.name}: nicht eingelesen: {refusal}")
    result = import_file(dataset, data_dir, source, kreis)
    print(f"Entwurf angelegt: {result.draft}")
    print(table([BatchRow(escaped(source.name), result, None)]))
    if result.standard_draft is not None and result.proposal is not None:
        print(f"Standardtext vorgeschlagen: {result.standard_draft}")
        print("\n".join(f"Offen im Standardtext: {point}" for point in result.proposal.offene_punkte))
    for note in result.report:
        print(note)
    for point in result.open_points:
        print(f"Offen: {point}")
    # A transcript always leaves open where it came from; the words are compared with the original by make check.
    everything_placed = len(result.open_points) == result.transcript and not result.report
    if everything_placed and result.transcript:
        print(
            "Alles erkannt; offen ist nur die Herkunft der Abschrift (unter offene_punkte im Entwurf). "
            "`make check` vergleicht dann jedes Wort der Seite mit dem Original."
        )
    elif everything_placed:
        print("Alles erkannt, nichts offen. `make check` vergleicht jedes Wort der Seite mit dem Original.")
    elif result.open_points:
        print(
            f"{len(result.open_points)} offene Punkte stehen im Entwurf unter offene_punkte; "
            "`make check` meldet sie, bis sie erledigt und gelöscht sind."
        )


def _repository_is_plain(root: Path, data_dir: Path | None = None) -> int:
    """1 (with the German messages) when an entry the check or the build would read is a link: refused
    before anything is read, so a link never has the check quote a file from elsewhere."""
    problems = repository_problems(root)
    if data_dir is not None and data_dir.is_symlink() and data_dir.absolute() != root / "data":
        problems.append(Problem(data_dir.name, 1, "Datei", LINK_REFUSED, None))
    if problems:
        print(DataError(problems), file=sys.stderr)
    return 1 if problems else 0


def _settings_are_valid() -> int:
    """`make serve` reads SITE_URL and AQB_REPOSITORY too: German messages before MkDocs' English ones."""
    problems = settings_problems(os.environ.get("SITE_URL", ""), os.environ.get("AQB_REPOSITORY", ""))
    for problem in problems:
        print(escaped(problem), file=sys.stderr)
    return 1 if problems else 0


def _port_is_free(port: int) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            print(
                f"Port {port} ist schon belegt (läuft `make serve` schon in einem anderen Fenster?). "
                f"Diesen beenden oder einen anderen Port wählen, z. B. make serve PORT={port + 1}",
                file=sys.stderr,
            )
            return 1
    return 0


def _dataset_or_none(
    data_dir: Path, advice: str | None = "Erst diese Probleme beheben (make check)."
) -> Dataset | None:
    try:
        return load_dataset(data_dir.resolve())
    except DataError as error:
        print(error, file=sys.stderr)
        if advice:
            print(advice, file=sys.stderr)
        return None


def _check(data_dir: Path) -> int:
    root = data_dir.resolve().parent
    problems = pages_problems(root / "content", root / "CONTRIBUTING.md", root, guide_required=False)
    try:
        dataset = load_dataset(data_dir.resolve())
    except DataError as error:
        problems.extend(error.problems)
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    for line in _warning_lines(dataset.warnings):
        print(line)
    print(
        f"Alles in Ordnung: {_count(len(dataset.agreements), 'Vereinbarung', 'Vereinbarungen')}, "
        f"{_count(len(dataset.partners), 'Gebietskörperschaft', 'Gebietskörperschaften')}, "
        f"{_count(len(dataset.standard_texts), 'Standardtext', 'Standardtexte')}"
        + (f"; {_count(len(dataset.warnings), 'Warnung', 'Warnungen')} zum Prüfen." if dataset.warnings else ".")
    )
    return 0


def _warning_lines(warnings: Sequence[Problem]) -> list[str]:
    """One line per warning; the same warning for three or more files in one line that names them all, so that a
    rare warning (a budget far from last year's) is not lost among many alike (no address of the source)."""
    alike: dict[tuple[str, str, str | None], list[Problem]] = {}
    for warning in warnings:
        alike.setdefault((warning.field, warning.message, warning.hint), []).append(warning)
    lines = []
    for (field, message, hint), group in alike.items():
        if len(group) < 3:
            lines += [f"Warnung: {warning}" for warning in group]
            continue
        where = ", ".join(f"{escaped(warning.path)}:{warning.line}" for warning in group)
        text = f"Warnung ({len(group)} Dateien): {escaped(field)}: {escaped(message)}"
        lines.append(text + (f" Hinweis: {escaped(hint)}" if hint else "") + f" Betrifft: {where}")
    return lines


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


if __name__ == "__main__":
    sys.exit(main())

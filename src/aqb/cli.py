"""Command line for staff (`aqb …`, also behind the make targets): check, draft, import, schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aqb.loader import Dataset, load_dataset
from aqb.problems import DataError
from aqb.scaffold import ScaffoldError, new_agreement, new_year, write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aqb", description="Werkzeuge für die AQB-Zielvereinbarungen.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--daten", type=Path, default=Path("data"), help="Ordner mit den Daten (Standard: data)")
    commands = parser.add_subparsers(dest="command", required=True)
    add = lambda name, help: commands.add_parser(name, help=help, parents=[common])  # noqa: E731
    add("check", "alle Daten prüfen und jedes Problem melden")
    draft = add("neu", "Entwurf für eine neue Vereinbarung anlegen")
    draft.add_argument("kreis", help="Kürzel der Gebietskörperschaft, z. B. marburg-biedenkopf")
    draft.add_argument("jahr", type=int)
    year = add("neues-jahr", "Standardtext eines neuen Jahres aus dem Vorjahr anlegen")
    year.add_argument("jahr", type=int)
    add("schema", "die JSON-Schemas für Editoren neu erzeugen (data/schema/)")
    importer = add("import", "unterzeichneten Text (Markdown-Text oder PDF) als Entwurf einlesen")
    importer.add_argument("datei", type=Path)
    arguments = parser.parse_args(argv)

    data_dir = arguments.daten
    if not data_dir.is_dir():
        print(f"Ordner nicht gefunden: {data_dir}", file=sys.stderr)
        return 2
    if arguments.command == "check":
        return _check(data_dir)
    # Drafting must work while other drafts are still incomplete: use whatever is valid.
    dataset = load_dataset(data_dir.resolve(), strict=False)
    try:
        if arguments.command == "neu":
            print(f"Entwurf angelegt: {new_agreement(dataset, data_dir, arguments.kreis, arguments.jahr)}")
        elif arguments.command == "neues-jahr":
            print(f"Standardtext angelegt: {new_year(dataset, data_dir, arguments.jahr)}")
        elif arguments.command == "schema":
            dataset = _dataset_or_none(data_dir)  # the schemas list partners: only from valid data
            if dataset is None:
                return 1
            for path in write_schemas(dataset, data_dir):
                print(f"geschrieben: {path}")
        elif arguments.command == "import":
            from aqb.importer import import_file

            result = import_file(dataset, data_dir, arguments.datei)
            print(f"Entwurf angelegt: {result.draft}")
            print(f"Bericht: {result.report}")
            for line in result.unrecognised:
                print(f"nicht erkannt: {line}")
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _dataset_or_none(data_dir: Path, advice: str | None = "Erst diese Probleme beheben (make check).") -> Dataset | None:
    try:
        return load_dataset(data_dir.resolve())
    except DataError as error:
        print(error, file=sys.stderr)
        if advice:
            print(advice, file=sys.stderr)
        return None


def _check(data_dir: Path) -> int:
    dataset = _dataset_or_none(data_dir, advice=None)
    if dataset is None:
        return 1
    for warning in dataset.warnings:
        print(f"Warnung: {warning}")
    print(f"Alles in Ordnung: {_count(len(dataset.agreements), 'Vereinbarung', 'Vereinbarungen')}, "
          f"{_count(len(dataset.partners), 'Gebietskörperschaft', 'Gebietskörperschaften')}, "
          f"{_count(len(dataset.standard_texts), 'Standardtext', 'Standardtexte')}"
          + (f"; {_count(len(dataset.warnings), 'Warnung', 'Warnungen')} zum Prüfen." if dataset.warnings else "."))
    return 0


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


if __name__ == "__main__":
    sys.exit(main())

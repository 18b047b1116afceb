"""Command line for staff: `aqb check` checks all data and lists every problem at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aqb.loader import load_dataset
from aqb.problems import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aqb", description="Werkzeuge für die AQB-Zielvereinbarungen.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="alle Daten prüfen und jedes Problem melden")
    check.add_argument("--daten", type=Path, default=Path("data"), help="Ordner mit den Daten (Standard: data)")
    arguments = parser.parse_args(argv)

    if arguments.command == "check":
        return _check(arguments.daten)
    return 2


def _check(data_dir: Path) -> int:
    if not data_dir.is_dir():
        print(f"Ordner nicht gefunden: {data_dir}", file=sys.stderr)
        return 2
    try:
        dataset = load_dataset(data_dir.resolve())
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Alles in Ordnung: {_count(len(dataset.agreements), 'Vereinbarung', 'Vereinbarungen')}, "
          f"{_count(len(dataset.partners), 'Gebietskörperschaft', 'Gebietskörperschaften')}, "
          f"{_count(len(dataset.standard_texts), 'Standardtext', 'Standardtexte')}.")
    return 0


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


if __name__ == "__main__":
    sys.exit(main())

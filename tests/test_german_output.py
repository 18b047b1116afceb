"""What staff read in the terminal is German: `make build` and `make serve` as they run, ProperDocs'
own lines included (aqb.outputs.buildlog, installed by the hooks)."""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from aqb.outputs import buildlog
from aqb.outputs.buildlog import ENGLISH, GermanMessages, abort_message, german, speak_german
from helpers import REPO, DataFolder, place_project_files
from preview import free_port

MAKE = ["make", "-s", "-f", str(REPO / "Makefile"), f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="]
# What ProperDocs says in English, and its level prefixes ("INFO    -  …"): none of it may reach staff.
ENGLISH_LINES = (
    "INFO",
    "WARNING",
    "ERROR",
    "Building documentation",
    "Cleaning site directory",
    "Documentation built",
    "Serving on",
    "Doc file",
    "Aborted",
    ENGLISH,
)
LABELS = ("Hinweis – ", "Warnung – ", "Fehler – ")


def project(root: Path) -> Path:
    DataFolder(root)
    place_project_files(root, ("content", "overrides", "hooks", "src", "CONTRIBUTING.md", "mkdocs.yml"))
    return root


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """`make build` in `root`; its output (stdout), as a terminal shows it: both streams, in order."""
    return subprocess.run(
        [*MAKE, "build"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300
    )


def no_english(output: str) -> None:
    found = [line for line in output.splitlines() if any(word in line for word in ENGLISH_LINES)]
    assert found == [], output


def test_make_build_speaks_german(tmp_path: Path) -> None:
    result = build(project(tmp_path))

    assert result.returncode == 0, result.stdout[-3000:]
    lines = result.stdout.splitlines()
    assert "Hinweis – Seiten werden gebaut …" in lines
    assert re.fullmatch(r"Hinweis – Fertig gebaut in [0-9]+,[0-9] Sekunden\.", lines[-1]), lines[-1]
    assert all(line.startswith(LABELS) for line in lines), result.stdout
    no_english(result.stdout)


def test_a_link_to_a_missing_file_is_named_in_german_with_what_to_do(tmp_path: Path) -> None:
    root = project(tmp_path)
    page = root / "content" / "ueber.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSiehe auch [die Liste](liste.md).\n", encoding="utf-8")
    settings = (root / "mkdocs.yml").read_text(encoding="utf-8")
    with_entry = settings.replace("  - Suche: suche.md\n", "  - Suche: suche.md\n  - Neu: neu.md\n")
    assert with_entry != settings
    (root / "mkdocs.yml").write_text(with_entry, encoding="utf-8")

    result = build(root)

    assert result.returncode != 0
    lines = result.stdout.splitlines()
    assert (
        "Warnung – content/ueber.md: Der Link „liste.md“ führt zu keiner Datei in content/. Bitte den Link "
        "berichtigen (Dateiname, Ordner, Endung .md) oder die fehlende Datei anlegen."
    ) in lines
    assert (
        "Warnung – mkdocs.yml, Abschnitt nav: Der Eintrag „neu.md“ führt zu keiner Datei in content/. Bitte den "
        "Dateinamen dort berichtigen oder die Datei content/neu.md anlegen."
    ) in lines
    assert (
        "Bau abgebrochen wegen 2 Warnungen (siehe oben): Jede Warnung bricht den Bau ab, damit nichts "
        "Fehlerhaftes veröffentlicht wird."
    ) in lines
    # The last line is make's own ("make: *** [...] Error 1"; German where make is translated and the
    # system's language is German): ours comes just before.
    assert lines[-2].startswith("Bau fehlgeschlagen: Die Meldungen oben („Warnung“, „Fehler“) nennen jede Ursache")
    assert not (root / "site").exists()
    no_english(result.stdout)


def test_a_problem_in_the_data_ends_the_build_in_german(tmp_path: Path) -> None:
    root = project(tmp_path)
    partners = root / "data" / "gebietskoerperschaften.yaml"
    partners.write_text(partners.read_text(encoding="utf-8") + "kaputt: [\n", encoding="utf-8")

    result = build(root)

    assert result.returncode != 0
    assert "Fehler – 1 Problem in den Daten:\ndata/gebietskoerperschaften.yaml:" in result.stdout
    assert "Bau abgebrochen wegen des Fehlers oben." in result.stdout.splitlines()
    no_english(result.stdout)


def test_the_docs_folder_is_the_one_the_messages_name() -> None:
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert settings["docs_dir"] == buildlog.DOCS


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """`make serve` on a copy of the project; its output goes to a file (a full pipe would stall it)."""
    root = project(tmp_path / "projekt")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [*MAKE, "serve", f"PORT={port}"],
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/", log, process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def test_make_serve_speaks_german(serving: tuple[str, Path, subprocess.Popen[str]]) -> None:
    url, log, process = serving
    timed = r"\[[0-9]{2}:[0-9]{2}:[0-9]{2}\] "

    deadline = time.monotonic() + 120
    while not re.search(rf"^Hinweis – {timed}Die Seite läuft auf ", log.read_text(encoding="utf-8"), re.MULTILINE):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")[-3000:]
        time.sleep(0.2)
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url + "gibt-es-nicht/", timeout=30)
    os.killpg(process.pid, signal.SIGINT)  # Strg+C
    process.wait(timeout=30)

    output = log.read_text(encoding="utf-8")
    lines = [re.sub(timed, "", line) for line in output.splitlines()]
    assert lines[0] == "Hinweis – Seiten werden gebaut …"
    assert f"Hinweis – Die Seite läuft auf {url} (beenden mit Strg+C)" in lines
    assert "Warnung – Seite nicht gefunden (404): /gibt-es-nicht/" in lines
    assert "Hinweis – Die Vorschau wird beendet." in lines
    no_english(output)


# -- the translation itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Documentation built in 3.21 seconds", "Fertig gebaut in 3,2 Sekunden."),
        (
            "[12:00:00] Serving on http://127.0.0.1:8000/",
            "[12:00:00] Die Seite läuft auf http://127.0.0.1:8000/ (beenden mit Strg+C)",
        ),
        (
            "Doc file 'kreise/liste.md' contains a link 'index.md', but the target 'kreise/index.md' is not found "
            "among documentation files. Did you mean '../index.md'?",
            "content/kreise/liste.md: Der Link „index.md“ führt zu keiner Datei (content/kreise/index.md gibt es "
            "nicht). Bitte den Link berichtigen (Dateiname, Ordner, Endung .md) oder die fehlende Datei anlegen. "
            "Gemeint ist vielleicht „../index.md“.",
        ),
        (
            "Doc file 'ueber.md' contains a link 'impressum.md#kontakt', but the doc 'impressum.md' does not contain "
            "an anchor '#kontakt'.",
            "content/ueber.md: Der Link „impressum.md#kontakt“ führt zur Stelle „#kontakt“, die es in "
            "content/impressum.md nicht gibt. Bitte den Teil nach „#“ berichtigen (er muss zu einer Überschrift dort "
            "passen) oder weglassen.",
        ),
        (
            "Doc file 'ueber.md' contains an absolute link '/impressum/', it was left as is.",
            "content/ueber.md: Der Link „/impressum/“ beginnt mit „/“ und wird darum nicht geprüft. Bitte ohne „/“ "
            "am Anfang verlinken, z. B. „impressum.md“.",
        ),
        (
            "Error reading page 'ueber.md': 'utf-8' codec can't decode byte 0xff",
            "content/ueber.md: Die Seite konnte nicht gelesen werden. Meldung von ProperDocs (englisch): 'utf-8' "
            "codec can't decode byte 0xff",
        ),
    ],
    ids=["Dauer", "Vorschau", "Link mit Vorschlag", "Anker", "absoluter Link", "Lesefehler"],
)
def test_known_messages_are_german(english: str, expected: str) -> None:
    assert german(english) == expected


def test_an_unknown_message_is_kept_whole_and_marked_english() -> None:
    assert german("Something new\nin two lines") == "Meldung von ProperDocs (englisch): Something new\nin two lines"
    assert german("[09:30:00] Something new") == "[09:30:00] Meldung von ProperDocs (englisch): Something new"


def test_what_a_page_brings_into_a_message_cannot_steer_the_terminal() -> None:
    message = german(
        "Doc file 'ueber.md' contains a link 'x\x1b[2J.md', but the target is not found among documentation files."
    )
    assert "\x1b" not in message and "„x\\x1b[2J.md“" in message


def test_the_end_of_a_failed_build_is_german() -> None:
    assert abort_message("Aborted with 1 errors, 2 warnings in strict mode!").startswith(
        "Bau abgebrochen wegen 1 Fehler und 2 Warnungen (siehe oben)"
    )
    assert abort_message("Aborted with 1 warnings in strict mode!").startswith("Bau abgebrochen wegen 1 Warnung ")
    assert abort_message("Aborted with a BuildError!") == "Bau abgebrochen wegen des Fehlers oben."
    assert abort_message("Deployment Aborted!") == "Meldung von ProperDocs (englisch): Deployment Aborted!"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_handler_writes_german_levels_and_our_own_messages_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The handler ProperDocs puts on its logger, as `properdocs serve` and `build` have it."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = Terminal()
    handler = logging.StreamHandler(terminal)
    engines = [logging.getLogger(name) for name in buildlog.ENGINE_LOGGERS]  # our logger is below "mkdocs"
    for engine in engines:
        engine.addHandler(handler)
    try:
        speak_german()
        speak_german()  # once per `make serve`, but twice must not translate twice
        logging.getLogger("properdocs.commands.build").warning("Cleaning site directory")
        logging.getLogger("properdocs.commands.build").error("Not known yet")
        logging.getLogger(buildlog.OWN_LOGGER).warning("Unsere Meldung: %s", "Doc file 'x.md'")
    finally:
        for engine in engines:
            engine.removeHandler(handler)
    assert len([item for item in handler.filters if isinstance(item, GermanMessages)]) == 1
    assert terminal.getvalue().splitlines() == [
        "\x1b[33mWarnung –\x1b[0m Der Ordner für die gebauten Seiten wird geleert.",
        "\x1b[31mFehler –\x1b[0m Meldung von ProperDocs (englisch): Not known yet",
        "\x1b[33mWarnung –\x1b[0m Unsere Meldung: Doc file 'x.md'",
    ]

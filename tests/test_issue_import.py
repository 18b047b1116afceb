"""Without a terminal: a maintainer labels a "Neue Vereinbarung" issue `einlesen`, the workflow reads
its attachments and opens a pull request. Tested offline with issue events in GitHub's format
(tests/ereignisse/) and the downloads answered here; the issue's text is hostile until checked."""

from __future__ import annotations

import copy
import json
import re
import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from aqb.data.loader import load_dataset
from aqb.staff import issue_import
from aqb.staff.batch import BatchRow
from aqb.staff.cli import main
from aqb.staff.importer import ImportResult
from aqb.staff.issue_import import (
    DownloadError,
    Outcome,
    allowed_address,
    import_issue,
    is_einlesen_event,
    read_request,
    write_outputs,
)
from helpers import REPO, DataFolder, SignedText, aqb, serve
from pdfs import DEJAVU, text_as_pdf
from test_year_import import in_year

EVENT: dict[str, Any] = json.loads(
    (REPO / "tests" / "ereignisse" / "einlesen-gelabelt.json").read_text(encoding="utf-8")
)
FULDA_URL = "https://github.com/user-attachments/files/24100001/ZV.2026.Fulda.txt"
WETTERAU_URL = "https://github.com/user-attachments/files/24100002/Zielvereinbarung_Wetteraukreis_2026.pdf"
MB = 1024 * 1024
GITHUB_LIMIT = 65_536  # characters of a comment's or pull request's body


def event_with_document_field(text: str, **form: str) -> dict[str, Any]:
    event: dict[str, Any] = copy.deepcopy(EVENT)
    partner, year = form.get("partner", "Landkreis Fulda"), form.get("year", "2026")
    event["issue"]["body"] = (
        f"### Landkreis oder kreisfreie Stadt\n\n{partner}\n\n### Jahr der Vereinbarung\n\n{year}\n\n"
        f"### Unterzeichnetes Dokument\n\n{text}\n\n### Oder: öffentliche Quelle\n\n_No response_"
    )
    return event


class Downloads:
    """GitHub's attachment hosts, answered here: each address gives its file, read as far as the caller
    allows (like `download`: at most limit + 1 bytes); every call and every byte served is recorded."""

    def __init__(self, files: dict[str, bytes | Exception]) -> None:
        self.files = files
        self.asked: list[str] = []
        self.served = 0

    def __call__(self, url: str, limit: int) -> bytes:
        self.asked.append(url)
        answer = self.files[url]  # an address the test did not offer is a KeyError: a test failure
        if isinstance(answer, DownloadError):
            self.served += answer.received
        if isinstance(answer, Exception):
            raise answer
        self.served += len(answer[: limit + 1])
        return answer[: limit + 1]


def run(event: dict[str, Any], downloads: Downloads, root: Path) -> tuple[bool, Path, DataFolder]:
    folder = DataFolder(root / "projekt")
    output = root / "ausgabe"
    request = read_request(event)
    outcome = import_issue(request, load_dataset(folder.path, strict=False), folder.path, output / "eingang", downloads)
    return write_outputs(request, outcome, output), output, folder


def test_a_labelled_issue_becomes_drafts_and_a_pull_request(tmp_path: Path, signed_text: SignedText) -> None:
    if not DEJAVU.exists():
        pytest.fail(f"{DEJAVU} fehlt (Debian-Paket fonts-dejavu-core)")
    wetterau = text_as_pdf(
        in_year(signed_text("wetteraukreis", 910_000, ["Projekt W"], "• "), 2026), tmp_path / "w.pdf"
    )
    downloads = Downloads(
        {
            FULDA_URL: in_year(signed_text("fulda", 640_000, ["Projekt F"], "- "), 2026).encode("utf-8"),
            WETTERAU_URL: wetterau.read_bytes(),
        }
    )

    opened, output, folder = run(EVENT, downloads, tmp_path)

    assert opened and downloads.asked == [FULDA_URL, WETTERAU_URL]
    for slug, budget in (("fulda", 640_000), ("wetteraukreis", 910_000)):
        draft = yaml.safe_load((folder.path / "vereinbarungen" / "2026" / f"{slug}.yaml").read_text("utf-8"))
        assert draft["budget"] == budget
    assert (folder.path / "originaltexte" / "2026" / "wetteraukreis.pdf").read_bytes() == wetterau.read_bytes()
    assert (folder.path / "standardtexte" / "2026.yaml").is_file()  # the year's first document proposed it
    comment = (output / "kommentar.md").read_text(encoding="utf-8")
    assert "Eingelesen aus #57" in comment
    assert "01-ZV.2026.Fulda.txt" in comment and "| 640.000 € |" in comment and "| 910.000 € |" in comment
    assert json.loads((output / "kommentar.json").read_text(encoding="utf-8")) == {"body": comment}
    pull_request = json.loads((output / "pull-request.json").read_text(encoding="utf-8"))
    assert pull_request["head"] == "einlesen/issue-57" and pull_request["base"] == "main"
    assert "Aus #57." in pull_request["body"]


def test_only_files_attached_to_the_issue_are_downloaded_and_under_names_of_ours(tmp_path: Path) -> None:
    attached = "https://github.com/user-attachments/files/24100003/..%2F..%2Fdata%2Fgebietskoerperschaften.yaml.txt"
    event = event_with_document_field(
        f"[vereinbarung.pdf](https://evil.example/vereinbarung.pdf)\n"
        f"[auch.pdf](https://github.com.evil.example/user-attachments/files/1/auch.pdf)\n"
        f"[harmlos.txt]({attached})\n[programm.sh](https://github.com/user-attachments/files/24100004/programm.sh)"
    )
    downloads = Downloads({attached: b"Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n"})
    partners = (REPO / "data" / "gebietskoerperschaften.yaml").read_bytes()

    opened, output, folder = run(event, downloads, tmp_path)

    assert not opened and downloads.asked == [attached]
    assert [p.name for p in (output / "eingang").iterdir()] == ["01-data_gebietskoerperschaften.yaml.txt"]
    assert (folder.path / "gebietskoerperschaften.yaml").read_bytes() == partners
    comment = (output / "kommentar.md").read_text(encoding="utf-8")
    assert "2 andere Links nicht geladen: nur an das Issue angehängte Dateien" in comment
    assert "evil.example" not in comment  # an address from the issue is never passed on
    assert "nicht eingelesen: 02-programm.sh: diese Art Datei wird nicht gelesen. Erlaubt sind PDF" in comment
    assert "Nichts angelegt" in comment and not (output / "pull-request.json").exists()


def test_a_failed_download_is_named_and_the_others_are_imported(tmp_path: Path, signed_text: SignedText) -> None:
    downloads = Downloads(
        {
            FULDA_URL: in_year(signed_text("fulda", 640_000, ["Projekt F"], "- "), 2026).encode("utf-8"),
            WETTERAU_URL: bytes(30 * MB),
        }
    )
    opened, output, _ = run(EVENT, downloads, tmp_path)
    assert opened
    assert downloads.served < 25 * MB + 1024 * 1024  # the large file is read only up to the limit
    assert not (output / "eingang" / "02-Zielvereinbarung_Wetteraukreis_2026.pdf").exists()
    comment = (output / "kommentar.md").read_text(encoding="utf-8")
    assert "- 02-Zielvereinbarung_Wetteraukreis_2026.pdf: größer als 25 MB" in comment


def test_the_comment_says_when_the_form_names_another_partner(tmp_path: Path, signed_text: SignedText) -> None:
    event = event_with_document_field(f"[zv.txt]({FULDA_URL})", partner="Landkreis Kassel")
    downloads = Downloads({FULDA_URL: in_year(signed_text("fulda", 640_000, ["F"], "- "), 2026).encode("utf-8")})
    _, output, _ = run(event, downloads, tmp_path)
    assert "**Achtung:** Das Formular nennt Landkreis Kassel 2026, das Dokument Landkreis Fulda 2026: bitte prüfen" in (
        output / "kommentar.md"
    ).read_text(encoding="utf-8")


def attachment(number: int, name: str) -> str:
    return f"https://github.com/user-attachments/files/{24200000 + number}/{name}"


def test_at_most_40_attachments_are_read_and_more_are_refused_before_any_download(tmp_path: Path) -> None:
    forty = [attachment(number, f"ZV_{number}.txt") for number in range(40)]
    downloads = Downloads(dict.fromkeys(forty, b"Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n"))
    _, output, _ = run(event_with_document_field("\n".join(forty)), downloads, tmp_path / "40")
    assert downloads.asked == forty
    assert "Nichts eingelesen" not in (output / "kommentar.md").read_text(encoding="utf-8")

    for count in (41, 603):
        urls = [attachment(number, f"ZV_{number}.pdf") for number in range(count)]
        downloads = Downloads({})  # every download would be a KeyError

        opened, output, folder = run(event_with_document_field("\n".join(urls)), downloads, tmp_path / str(count))

        assert not opened and downloads.asked == []
        comment = (output / "kommentar.md").read_text(encoding="utf-8")
        assert comment.startswith(
            f"Nichts eingelesen: an das Issue sind {count} Dateien angehängt, je Lauf werden höchstens 40 geladen."
        )
        assert "Bitte die Dokumente auf mehrere Issues „Neue Vereinbarung“ verteilen" in comment
        assert not (output / "pull-request.json").exists()
        assert not (folder.path / "vereinbarungen" / "2026").exists()


def test_a_run_downloads_at_most_100_mb_and_then_imports_nothing(tmp_path: Path, signed_text: SignedText) -> None:
    """Bytes count as they arrive, those of a file over 25 MB too: the fifth file would pass 100 MB."""
    fulda = in_year(signed_text("fulda", 640_000, ["Projekt F"], "- "), 2026).encode("utf-8")
    large = bytes(30 * MB)
    urls = [FULDA_URL, *(attachment(number, f"Scan_{number}.pdf") for number in range(2, 7))]
    downloads = Downloads({url: fulda if url == FULDA_URL else large for url in urls})

    opened, output, folder = run(event_with_document_field("\n".join(urls)), downloads, tmp_path)

    assert not opened
    assert downloads.asked == urls[:5] and downloads.served <= 100 * MB + 1
    comment = (output / "kommentar.md").read_text(encoding="utf-8")
    assert (
        "Nichts eingelesen: die angehängten Dateien sind zusammen größer als 100 MB; "
        "das Laden wurde bei Datei 5 von 6 abgebrochen." in comment
    )
    assert "Bitte die Dokumente auf mehrere Issues „Neue Vereinbarung“ verteilen" in comment
    assert "- 02-Scan_2.pdf: größer als 25 MB" in comment
    assert not (output / "pull-request.json").exists()
    assert not (folder.path / "vereinbarungen" / "2026").exists()  # Fulda's text arrived, but is not imported
    assert not (folder.path / "standardtexte" / "2026.yaml").exists()


def test_a_long_table_is_shortened_for_github_and_printed_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = {"partner": "fulda", "jahr": 2026, "budget": 640_000, "massnahmen": {}}
    created = BatchRow("01-ZV.2026.Fulda.txt", ImportResult(Path("fulda.yaml"), [], ["Abgleich"], values), None)
    failed = [
        BatchRow(f"{number:02d}-Scan.pdf", None, "kein Text erkannt: " + "Seite ohne Text, " * 120)
        for number in range(2, 41)
    ]
    outcome = Outcome([created, *failed], [], None)
    monkeypatch.setattr(issue_import, "import_issue", lambda *arguments: outcome)
    folder = DataFolder(tmp_path / "projekt")
    (tmp_path / "ereignis.json").write_text(json.dumps(EVENT), encoding="utf-8")

    status = main(["einlesen", "--daten", str(folder.path), str(tmp_path / "ereignis.json"), str(tmp_path / "aus")])

    assert status == 0
    note = re.compile(
        r"\n… gekürzt \(([0-9]+) von 40 Dateien gezeigt\); die vollständige Tabelle steht im Protokoll des "
        r"Workflows „Einlesen“ \(Schritt „Anhänge laden und einlesen“\)\.\n```\n"
    )
    comment = json.loads((tmp_path / "aus" / "kommentar.json").read_text(encoding="utf-8"))["body"]
    pull_request = json.loads((tmp_path / "aus" / "pull-request.json").read_text(encoding="utf-8"))["body"]
    for body in (comment, pull_request):
        shortened = note.search(body)
        assert len(body) <= GITHUB_LIMIT and shortened is not None
        shown = int(shortened.group(1))
        assert 1 < shown < 40 and f"{shown:02d}-Scan.pdf " in body and f"{shown + 1:02d}-Scan.pdf" not in body
        assert "01-ZV.2026.Fulda.txt" in body and "Die Entwürfe stehen im Pull Request" in body
    assert pull_request.endswith("Aus #57.\n")
    printed = capsys.readouterr().out
    assert all(row.file in printed for row in failed) and "gekürzt" not in printed


def test_the_import_table_lists_files_by_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`make import DATEI=<ordner>` (and the issue's attachments, read the same way): 11 before 100."""
    folder = DataFolder(tmp_path / "projekt")
    stack = tmp_path / "stapel"
    stack.mkdir()
    for name in ("100-Kassel.txt", "11-Fulda.txt", "2-Wetterau.txt", "Anschreiben.txt"):
        (stack / name).write_text("Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\n", encoding="utf-8")

    main(["import", "--daten", str(folder.path), str(stack)])

    rows = [line.split(" ", 1)[0] for line in capsys.readouterr().out.splitlines()[1:5]]
    assert rows == ["2-Wetterau.txt", "11-Fulda.txt", "100-Kassel.txt", "Anschreiben.txt"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "nicht gefunden"),
        ("<html>Not Found</html>", "kein JSON"),
        (b"\xff\xfe{}", "kein JSON"),
        ("[1, 2]", "kein JSON-Objekt"),
    ],
    ids=["fehlt", "HTML", "kein UTF-8", "Liste"],
)
def test_an_event_file_that_is_not_githubs_event_is_named(
    content: str | bytes | None, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = DataFolder(tmp_path / "projekt")
    event = tmp_path / "ereignis.json"
    if content is not None:
        event.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    status = main(["einlesen", "--daten", str(folder.path), str(event), str(tmp_path / "aus")])

    assert status == 2
    message = capsys.readouterr().err
    assert f"Ereignisdatei {event}: {problem}. Erwartet wird das Ereignis von GitHub als JSON-Objekt" in message
    assert "Unerwarteter Fehler" not in message and not (tmp_path / "aus").exists()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://github.com/user-attachments/files/1/a.pdf", True),
        ("https://objects.githubusercontent.com/github-production-repository-file/1/a.pdf", True),
        ("http://github.com/user-attachments/files/1/a.pdf", False),
        ("https://github.com.evil.example/a.pdf", False),
        ("https://evilgithub.com/a.pdf", False),
        ("https://githubusercontent.com.evil.example/a.pdf", False),
    ],
)
def test_downloads_follow_redirects_to_githubs_hosts_only(url: str, allowed: bool) -> None:
    assert allowed_address(url) is allowed


@pytest.mark.parametrize(
    "change",
    [
        lambda event: event.update(action="unlabeled"),
        lambda event: event["label"].update(name="bug"),
    ],
    ids=["Label entfernt", "anderes Label"],
)
def test_only_the_label_einlesen_starts_an_import(change: Any, tmp_path: Path) -> None:
    event = copy.deepcopy(EVENT)
    change(event)
    assert not is_einlesen_event(event)
    (tmp_path / "ereignis.json").write_text(json.dumps(event), encoding="utf-8")
    folder = DataFolder(tmp_path / "projekt")
    result = aqb("einlesen", str(tmp_path / "ereignis.json"), str(tmp_path / "aus"), cwd=folder.root)
    assert result.returncode == 2 and "nichts zu tun" in result.stderr
    assert not (tmp_path / "aus").exists()


def test_make_einlesen_comments_even_when_nothing_was_attached(tmp_path: Path) -> None:
    """The workflow's step as it runs there: make einlesen; no attachment gives a comment and exit 1."""
    folder = DataFolder(tmp_path / "projekt")
    (tmp_path / "ereignis.json").write_text(json.dumps(event_with_document_field("_No response_")), "utf-8")
    event = f"EREIGNIS={tmp_path / 'ereignis.json'}"
    result = subprocess.run(
        ["make", "-s", "-f", str(REPO / "Makefile"), "einlesen", event, f"BIN={REPO / '.venv' / 'bin'}", "INSTALLED="],
        cwd=folder.root,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    comment = json.loads((folder.root / ".einlesen" / "kommentar.json").read_text(encoding="utf-8"))["body"]
    assert "Keine PDF- oder Textdatei angehängt." in comment and "Nichts angelegt" in comment
    assert not (folder.root / ".einlesen" / "pull-request.json").exists()


# -- a download that fails: what went wrong, in plain German ---------------------------------------


@pytest.fixture
def direct(monkeypatch: pytest.MonkeyPatch) -> None:
    """Downloads go straight to the address, never through a proxy the environment names."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def closed_port() -> int:
    """A port on this machine nobody listens on: a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def failed_download(url: str) -> str:
    with pytest.raises(DownloadError) as failed:
        issue_import.download(url)
    return str(failed.value)


@pytest.mark.usefixtures("direct")
def test_a_download_github_does_not_answer_is_explained_in_the_comment(
    tmp_path: Path, closed_port: int, signed_text: SignedText
) -> None:
    fulda = in_year(signed_text("fulda", 640_000, ["Projekt F"], "- "), 2026).encode("utf-8")

    unreachable = f"http://127.0.0.1:{closed_port}/datei.pdf"

    def fetch(url: str, limit: int) -> bytes:  # GitHub's host, as if it refused the second file
        return issue_import.download(unreachable, limit) if url == WETTERAU_URL else fulda

    folder = DataFolder(tmp_path / "projekt")
    request = read_request(EVENT)
    outcome = import_issue(request, load_dataset(folder.path, strict=False), folder.path, tmp_path / "eingang", fetch)
    write_outputs(request, outcome, tmp_path / "aus")

    comment = (tmp_path / "aus" / "kommentar.md").read_text(encoding="utf-8")
    assert (
        "- 02-Zielvereinbarung_Wetteraukreis_2026.pdf: nicht geladen – GitHub hat die Verbindung abgelehnt. "
        "Bitte später das Label „einlesen“ neu setzen; dann wird erneut geladen."
    ) in comment
    assert "01-ZV.2026.Fulda.txt" in comment and "Error" not in comment and "127.0.0.1" not in comment


@pytest.mark.usefixtures("direct")
def test_a_file_github_does_not_know_asks_for_it_again(tmp_path: Path) -> None:
    with serve(tmp_path) as address:
        message = failed_download(address + "fehlt.pdf")
    assert message == (
        "nicht geladen – GitHub kennt die Datei nicht (Antwort 404). Bitte die Datei erneut an das Issue anhängen."
    )


@pytest.mark.usefixtures("direct")
def test_a_download_without_an_answer_ends_after_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(issue_import, "DOWNLOAD_TIMEOUT", 1)
    with socket.socket() as silent:  # takes connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        message = failed_download(f"http://127.0.0.1:{silent.getsockname()[1]}/datei.pdf")
    assert message.startswith("nicht geladen – GitHub hat nicht innerhalb von 1 Sekunden geantwortet. Bitte später")


def test_a_download_without_a_network_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(*arguments: object, **keywords: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", unknown)
    message = failed_download(FULDA_URL)
    assert message.startswith(
        "nicht geladen – Die Adresse von GitHub wurde nicht gefunden (keine Internetverbindung?). Bitte später"
    )

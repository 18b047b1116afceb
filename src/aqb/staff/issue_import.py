"""The "Neue Vereinbarung" issue, read when a maintainer adds the label `einlesen`: its attached files
become drafts, and the workflow opens a pull request with them.

Everything in the issue is untrusted: the text is only searched for links to files attached to it
(github.com/user-attachments/…), which are downloaded under limits (size per file and per run, number
of files), from GitHub's hosts only, under names of our making, and read by the same importer as
`make import` (PDFs in a child process with limits). Nothing from the issue is run, and the only names
the workflow gets from here are made of the issue's number. This module writes the pull request's text
and the comment for the issue into an output folder; .github/workflows/einlesen.yml does the git and
GitHub steps.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.problems import escaped
from aqb.document.formats import DocumentError, format_by_name, kind_of
from aqb.staff.batch import SOURCE_SUFFIXES, BatchRow, import_folder, table
from aqb.staff.issue_form import DOCUMENT_LABEL, PARTNER_LABEL, YEAR_LABEL

LABEL = "einlesen"
_MB = 1024 * 1024
# GitHub's limit for a file attached to an issue; a signed agreement is far smaller.
MAX_BYTES = 25 * _MB
# A year's stack is a few dozen PDFs of well under a megabyte each; the issue's text is the author's,
# so without a cap one issue could make the runner download thousands of files or gigabytes.
MAX_ATTACHMENTS = 40
MAX_TOTAL_BYTES = 100 * _MB
# GitHub refuses a comment or a pull request whose body is longer (in characters).
MAX_BODY = 65_536
DOWNLOAD_TIMEOUT = 60  # seconds per file
_CHUNK = _MB  # read in pieces, so that a failed download still tells how much arrived
_LATER = "Bitte später das Label „einlesen“ neu setzen; dann wird erneut geladen."
_WORKFLOW_LOG = "im Protokoll des Workflows „Einlesen“ (Schritt „Anhänge laden und einlesen“)"
_SPLIT = (
    f"Bitte die Dokumente auf mehrere Issues „Neue Vereinbarung“ verteilen (je Issue höchstens "
    f"{MAX_ATTACHMENTS} Dateien, zusammen höchstens {MAX_TOTAL_BYTES // _MB} MB) und dort jeweils "
    "das Label „einlesen“ setzen."
)
# Files attached to an issue (new and old form of the address); nothing else is ever downloaded.
_ATTACHMENT = re.compile(
    r"https://github\.com/(?:user-attachments/files|[\w.-]+/[\w.-]+/files)/[0-9]+/[^\s()<>\[\]\"']+"
)
_LINK = re.compile(r"https?://[^\s()<>\[\]\"']+")
# Where GitHub sends the download of an attachment.
_ALLOWED_HOSTS = re.compile(r"(?:github\.com|(?:[\w-]+\.)*githubusercontent\.com)")

# The file at an address, of which at most `limit` + 1 bytes are read: a longer answer shows the file
# is larger than it may be, without downloading the rest.
Fetch = Callable[[str, int], bytes]


class DownloadError(Exception):
    """A file could not be downloaded (German message); `received` bytes of it had arrived."""

    def __init__(self, message: str, received: int = 0) -> None:
        super().__init__(message)
        self.received = received


@dataclass(frozen=True)
class IssueRequest:
    number: int
    default_branch: str
    partner: str  # as chosen in the form ("" when none)
    year: str
    attachments: tuple[str, ...]  # addresses of attached files
    refused_links: tuple[str, ...]  # other links in the document field: never downloaded


def is_einlesen_event(event: dict[str, Any]) -> bool:
    label = event.get("label") or {}
    return event.get("action") == "labeled" and label.get("name") == LABEL and "issue" in event


def read_request(event: dict[str, Any]) -> IssueRequest:
    issue = event["issue"]
    fields = form_fields(str(issue.get("body") or ""))
    document = fields.get(DOCUMENT_LABEL, "")
    attachments = tuple(dict.fromkeys(_ATTACHMENT.findall(document)))
    others = tuple(link for link in _LINK.findall(document) if not _ATTACHMENT.fullmatch(link))
    return IssueRequest(
        number=int(issue["number"]),
        default_branch=str(event["repository"]["default_branch"]),
        partner=fields.get(PARTNER_LABEL, ""),
        year=fields.get(YEAR_LABEL, ""),
        attachments=attachments,
        refused_links=others,
    )


def form_fields(body: str) -> dict[str, str]:
    """The answers of an issue form, as GitHub writes them: "### <label>", a blank line, the answer."""
    fields: dict[str, str] = {}
    label = None
    for line in body.replace("\r\n", "\n").split("\n"):
        if line.startswith("### "):
            label = line[4:].strip()
            fields.setdefault(label, "")
        elif label is not None:
            fields[label] += line + "\n"
    return {key: "" if value.strip() == "_No response_" else value.strip() for key, value in fields.items()}


def download(url: str, limit: int = MAX_BYTES) -> bytes:
    """The file at `url`, following redirects only to GitHub's hosts: at most `limit` + 1 bytes (see Fetch)."""
    opener = urllib.request.build_opener(_GitHubRedirectsOnly)
    request = urllib.request.Request(url, headers={"User-Agent": "aqb-einlesen"})
    content = bytearray()
    try:
        with opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            while len(content) <= limit and (chunk := response.read(min(_CHUNK, limit + 1 - len(content)))):
                content += chunk
    except (OSError, ValueError, http.client.HTTPException) as error:
        if isinstance(error, urllib.error.HTTPError):
            error.close()  # GitHub's answer (an error page) is not read
        raise DownloadError(f"nicht geladen – {_why_not_loaded(error)}", len(content)) from None
    return bytes(content)


def _why_not_loaded(error: Exception) -> str:
    """What went wrong with a download, in plain German (never the name of a Python exception)."""
    if isinstance(error, urllib.error.HTTPError):
        if error.code == 404:
            return "GitHub kennt die Datei nicht (Antwort 404). Bitte die Datei erneut an das Issue anhängen."
        if error.code in (401, 403):
            return f"GitHub verweigert den Zugriff auf die Datei (Antwort {error.code})."
        return f"GitHub antwortete mit einem Fehler (Antwort {error.code}). {_LATER}"
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return f"GitHub hat nicht innerhalb von {DOWNLOAD_TIMEOUT} Sekunden geantwortet. {_LATER}"
    if isinstance(reason, socket.gaierror):
        return f"Die Adresse von GitHub wurde nicht gefunden (keine Internetverbindung?). {_LATER}"
    if isinstance(reason, ConnectionRefusedError):
        return f"GitHub hat die Verbindung abgelehnt. {_LATER}"
    if isinstance(reason, ssl.SSLError):
        return f"Keine sichere Verbindung zu GitHub möglich. {_LATER}"
    if isinstance(reason, (ConnectionError, http.client.HTTPException)):
        return f"Die Verbindung zu GitHub brach beim Laden ab. {_LATER}"
    if isinstance(reason, ValueError):
        return "Die Adresse der Datei ist ungültig."
    return f"Keine Verbindung zu GitHub. {_LATER}"


def allowed_address(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" and _ALLOWED_HOSTS.fullmatch(parts.hostname or "") is not None


class _GitHubRedirectsOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not allowed_address(newurl):
            raise DownloadError("nicht geladen – GitHub leitet auf eine Adresse außerhalb von GitHub um.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def file_name(number: int, url: str) -> str:
    """A name of our making: the position, then the attachment's name reduced to safe characters."""
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")[:80] or "datei"
    return f"{number:02d}-{safe}"


@dataclass(frozen=True)
class Outcome:
    rows: list[BatchRow]
    skipped: list[str]  # German, one line per file or link that was not read
    mismatch: str | None  # the form names another partner or year than the document
    refusal: str | None = None  # German: too many or too large attachments, nothing was imported


def import_issue(
    request: IssueRequest, dataset: Dataset, data_dir: Path, inbox: Path, fetch: Fetch = download
) -> Outcome:
    """Download the attachments into `inbox` (empty, ours) and import them like `make import <ordner>`;
    more than MAX_ATTACHMENTS files or MAX_TOTAL_BYTES are refused, and then nothing is imported."""
    # Other links are not repeated in our comment: it must not pass on an address from the issue.
    skipped = [f"{len(request.refused_links)} andere Links nicht geladen: nur an das Issue angehängte Dateien"]
    skipped = skipped if request.refused_links else []
    inbox.mkdir(parents=True, exist_ok=False)
    if len(request.attachments) > MAX_ATTACHMENTS:
        refusal = (
            f"Nichts eingelesen: an das Issue sind {len(request.attachments)} Dateien angehängt, "
            f"je Lauf werden höchstens {MAX_ATTACHMENTS} geladen. {_SPLIT}"
        )
        return Outcome([], skipped, None, refusal)
    fetched = _fetch_all(request.attachments, inbox, fetch)
    if fetched.refusal is not None:  # what did arrive is not imported: the maintainer splits the issue
        return Outcome([], skipped + fetched.skipped, None, fetched.refusal)
    rows = import_folder(dataset, data_dir, inbox)
    return Outcome(rows, skipped + fetched.skipped, _mismatch(request, rows, dataset))


@dataclass(frozen=True)
class _Fetched:
    skipped: list[str]  # German, one line per attachment not in the inbox
    refusal: str | None  # the attachments are larger than MAX_TOTAL_BYTES together


def _fetch_all(attachments: tuple[str, ...], inbox: Path, fetch: Fetch) -> _Fetched:
    """Each file of a kind the importer reads (aqb.document.formats) into `inbox`; every byte received,
    of any file, counts against MAX_TOTAL_BYTES, so a run never receives more (but for the one byte that
    shows there was more)."""
    skipped: list[str] = []
    remaining = MAX_TOTAL_BYTES
    for number, url in enumerate(attachments, start=1):
        name = file_name(number, url)
        refused = _refused_by_name(name)
        if refused is not None:
            skipped.append(refused)
            continue
        if remaining <= 0:
            return _Fetched(skipped, _too_large(number, len(attachments)))
        limit = min(MAX_BYTES, remaining)
        try:
            content = fetch(url, limit)
        except DownloadError as error:
            remaining -= error.received
            skipped.append(f"{escaped(name)}: {error}")
            continue
        remaining -= len(content)
        if len(content) <= limit:
            try:
                kind_of(name, content)  # what the bytes say must be what the name says
            except DocumentError as error:
                skipped.append(f"nicht eingelesen: {error}")
                continue
            (inbox / name).write_bytes(content)
        elif limit == MAX_BYTES:
            skipped.append(f"{escaped(name)}: größer als {MAX_BYTES // _MB} MB")
        else:
            return _Fetched(skipped, _too_large(number, len(attachments)))
    return _Fetched(skipped, None)


def _refused_by_name(name: str) -> str | None:
    """Why a file is not downloaded, by its name (aqb.document.formats), or None when it is read."""
    try:
        form = format_by_name(name)
    except DocumentError as error:
        return f"nicht eingelesen: {error}"
    if not any(suffix in SOURCE_SUFFIXES for suffix in form.suffixes):
        return f"{escaped(name)}: nicht eingelesen – ein {form.label} wird noch nicht gelesen; bitte als PDF anhängen."
    return None


def _too_large(number: int, count: int) -> str:
    return (
        f"Nichts eingelesen: die angehängten Dateien sind zusammen größer als {MAX_TOTAL_BYTES // _MB} MB; "
        f"das Laden wurde bei Datei {number} von {count} abgebrochen. {_SPLIT}"
    )


def _mismatch(request: IssueRequest, rows: list[BatchRow], dataset: Dataset) -> str | None:
    """One document, and the form says otherwise: say so (only names from our data are repeated)."""
    created = [row.result.values for row in rows if row.result is not None]
    if len(created) != 1:
        return None
    found = dataset.partners[created[0]["partner"]].bezeichnung, str(created[0]["jahr"])
    known = {partner.bezeichnung for partner in dataset.partners.values()}
    named = (request.partner if request.partner in known else "", request.year if request.year.isdigit() else "")
    if named == found or not any(named):
        return None
    form = " ".join(part for part in named if part) or "etwas anderes"
    return f"Das Formular nennt {form}, das Dokument {found[0]} {found[1]}: bitte prüfen, welches stimmt."


def write_outputs(request: IssueRequest, outcome: Outcome, folder: Path) -> bool:
    """The comment for the issue (kommentar.md, and as the API wants it, kommentar.json), and
    pull-request.json and zweig.txt when a draft was made; True if so."""
    created = outcome.refusal is None and any(row.result is not None for row in outcome.rows)
    comment = _comment(request, outcome, created)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kommentar.md").write_text(comment, encoding="utf-8")
    (folder / "kommentar.json").write_text(json.dumps({"body": comment}, ensure_ascii=False), encoding="utf-8")
    if not created:
        return False
    branch = f"einlesen/issue-{request.number}"
    source = f"\nAus #{request.number}.\n"
    pull_request = {
        "title": f"Vereinbarungen aus #{request.number} eingelesen",
        "head": branch,
        "base": request.default_branch,
        "body": _comment(request, outcome, created, room=MAX_BODY - len(source)) + source,
        "maintainer_can_modify": True,
    }
    (folder / "pull-request.json").write_text(json.dumps(pull_request, ensure_ascii=False, indent=2), "utf-8")
    (folder / "zweig.txt").write_text(branch + "\n", encoding="utf-8")
    return True


def _comment(request: IssueRequest, outcome: Outcome, created: bool, room: int = MAX_BODY) -> str:
    """The comment in at most `room` characters: a long import table is shortened (the command
    printed all of it to the workflow's log); the rest is bounded by MAX_ATTACHMENTS lines."""
    notes = [
        *(f"- {line}" for line in outcome.skipped),
        *([f"- **Achtung:** {outcome.mismatch}"] if outcome.mismatch else []),
    ]
    if outcome.refusal is not None:
        return "\n".join([outcome.refusal, *(["", *notes] if notes else [])]) + "\n"
    head = f"Eingelesen aus #{request.number} (`make import`):\n\n```text\n"
    if created:
        closing = (
            "Die Entwürfe stehen im Pull Request zu diesem Issue. Jeder offene Punkt darin (`offene_punkte`) "
            "ist mit dem unterzeichneten Dokument zu erledigen; erst dann wird veröffentlicht."
        )
    else:
        closing = "Nichts angelegt; der Grund steht oben. Bitte die Datei prüfen und das Label neu setzen."
    tail = "\n".join(["", "```", *notes, "", closing]) + "\n"
    rows = table(outcome.rows, reasons_below=False) if outcome.rows else "Keine PDF- oder Textdatei angehängt."
    return head + _shortened(rows, room - len(head) - len(tail)) + tail


def _shortened(rows: str, room: int) -> str:
    """The table in at most `room` characters: whole lines from the top, then where the rest is."""
    if len(rows) <= room:
        return rows
    total = rows.count("\n")  # lines below the heading, one per file
    room = max(room - len(_cut_note(total, total)) - 1, 0)  # the note never grows with fewer lines shown
    kept = rows[: room + 1].rsplit("\n", 1)[0] if "\n" in rows[: room + 1] else rows[:room]
    return kept + "\n" + _cut_note(kept.count("\n"), total)


def _cut_note(shown: int, total: int) -> str:
    return f"… gekürzt ({shown} von {total} Dateien gezeigt); die vollständige Tabelle steht {_WORKFLOW_LOG}."

"""The "Neue Vereinbarung" issue, read when a maintainer adds the label `einlesen`: its attached files
become drafts, and the workflow opens a pull request with them.

Everything in the issue is untrusted: the text is only searched for links to files attached to it
(github.com/user-attachments/…), which are downloaded with a size limit, from GitHub's hosts only,
under names of our making, and read by the same importer as `make import` (PDFs in a child process
with limits). Nothing from the issue is run, and the only names the workflow gets from here are made
of the issue's number. This module writes the pull request's text and the comment for the issue into
an output folder; .github/workflows/einlesen.yml does the git and GitHub steps.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aqb.data.dataset import Dataset
from aqb.data.problems import escaped
from aqb.staff.batch import SOURCE_SUFFIXES, BatchRow, import_folder, table
from aqb.staff.issue_form import DOCUMENT_LABEL, PARTNER_LABEL, YEAR_LABEL

LABEL = "einlesen"
# GitHub's limit for a file attached to an issue; a signed agreement is far smaller.
MAX_BYTES = 25 * 1024 * 1024
DOWNLOAD_TIMEOUT = 60  # seconds per file
# Files attached to an issue (new and old form of the address); nothing else is ever downloaded.
_ATTACHMENT = re.compile(
    r"https://github\.com/(?:user-attachments/files|[\w.-]+/[\w.-]+/files)/[0-9]+/[^\s()<>\[\]\"']+"
)
_LINK = re.compile(r"https?://[^\s()<>\[\]\"']+")
# Where GitHub sends the download of an attachment.
_ALLOWED_HOSTS = re.compile(r"(?:github\.com|(?:[\w-]+\.)*githubusercontent\.com)")

Fetch = Callable[[str], bytes]


class DownloadError(Exception):
    """A file could not be downloaded (German message)."""


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


def download(url: str) -> bytes:
    """The file at `url`, following redirects only to GitHub's hosts, at most MAX_BYTES."""
    opener = urllib.request.build_opener(_GitHubRedirectsOnly)
    request = urllib.request.Request(url, headers={"User-Agent": "aqb-einlesen"})
    try:
        with opener.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            content: bytes = response.read(MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        raise DownloadError(f"nicht geladen ({type(error).__name__})") from None
    if len(content) > MAX_BYTES:
        raise DownloadError(f"größer als {MAX_BYTES // (1024 * 1024)} MB")
    return content


def allowed_address(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme == "https" and _ALLOWED_HOSTS.fullmatch(parts.hostname or "") is not None


class _GitHubRedirectsOnly(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not allowed_address(newurl):
            raise DownloadError("leitet auf eine Adresse außerhalb von GitHub um")
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


def import_issue(
    request: IssueRequest, dataset: Dataset, data_dir: Path, inbox: Path, fetch: Fetch = download
) -> Outcome:
    """Download the attachments into `inbox` (empty, ours) and import them like `make import <ordner>`."""
    # Other links are not repeated in our comment: it must not pass on an address from the issue.
    skipped = [f"{len(request.refused_links)} andere Links nicht geladen: nur an das Issue angehängte Dateien"]
    skipped = skipped if request.refused_links else []
    inbox.mkdir(parents=True, exist_ok=False)
    for number, url in enumerate(request.attachments, start=1):
        name = file_name(number, url)
        if not name.lower().endswith(SOURCE_SUFFIXES):
            skipped.append(f"{escaped(name)}: nicht eingelesen – nur PDF- und Textdateien (.pdf, .txt)")
            continue
        try:
            (inbox / name).write_bytes(fetch(url))
        except DownloadError as error:
            skipped.append(f"{escaped(name)}: {error}")
    rows = import_folder(dataset, data_dir, inbox)
    return Outcome(rows, skipped, _mismatch(request, rows, dataset))


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
    created = [row for row in outcome.rows if row.result is not None]
    lines = [
        f"Eingelesen aus #{request.number} (`make import`):",
        "",
        "```text",
        table(outcome.rows) if outcome.rows else "Keine PDF- oder Textdatei angehängt.",
        "```",
        *(f"- {line}" for line in outcome.skipped),
        *([f"- **Achtung:** {outcome.mismatch}"] if outcome.mismatch else []),
        "",
    ]
    if created:
        lines.append(
            "Die Entwürfe stehen im Pull Request zu diesem Issue. Jeder offene Punkt darin (`offene_punkte`) "
            "ist mit dem unterzeichneten Dokument zu erledigen; erst dann wird veröffentlicht."
        )
    else:
        lines.append("Nichts angelegt; der Grund steht oben. Bitte die Datei prüfen und das Label neu setzen.")
    comment = "\n".join(lines) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kommentar.md").write_text(comment, encoding="utf-8")
    (folder / "kommentar.json").write_text(json.dumps({"body": comment}, ensure_ascii=False), encoding="utf-8")
    if not created:
        return False
    branch = f"einlesen/issue-{request.number}"
    pull_request = {
        "title": f"Vereinbarungen aus #{request.number} eingelesen",
        "head": branch,
        "base": request.default_branch,
        "body": comment + f"\nAus #{request.number}.\n",
        "maintainer_can_modify": True,
    }
    (folder / "pull-request.json").write_text(json.dumps(pull_request, ensure_ascii=False, indent=2), "utf-8")
    (folder / "zweig.txt").write_text(branch + "\n", encoding="utf-8")
    return True

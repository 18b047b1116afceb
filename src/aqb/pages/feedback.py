"""The box "Fehler melden" below every page: on GitHub (with an account) and by e-mail (without one).

The e-mail address is set once, in mkdocs.yml (`extra.fehler_melden_email`); where none is set, the
page says so instead of offering an address nobody reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from aqb.pages.context import SiteData

QUESTION_FOR_OTHER_PAGES = "Stimmt etwas auf dieser Seite nicht, oder fehlt etwas?"


@dataclass(frozen=True)
class Report:
    """What a report of one page starts with: its subject, the question the page asks, and the text
    both ways get (the GitHub issue in Markdown, the e-mail as plain text); `edit_path` is the file
    staff edit for this page (None for pages made from many files)."""

    subject: str
    question: str
    issue_body: str
    mail_body: str
    edit_path: str | None = None
    edit_what: str = ""


def page_report(page_url: str, title: str, edit_path: str | None) -> Report:
    """A page without a signed text: which page, what is wrong, what would be right."""
    return Report(
        subject=f"Fehler auf der Seite „{title}“",
        question=QUESTION_FOR_OTHER_PAGES,
        issue_body=(
            f"**Welche Seite?** {page_url}\n\n"
            "**Was stimmt nicht?**\n\n"
            "**Was wäre richtig, und woher wissen Sie das?**\n"
        ),
        mail_body=f"Seite: {page_url}\n\nWas stimmt nicht?\n\n\nWas wäre richtig, und woher wissen Sie das?\n\n",
        edit_path=edit_path,
        edit_what="den Text dieser Seite",
    )


def mail_link(address: str, subject: str, body: str) -> str:
    """A mailto: link with subject and text filled in, every character of them percent-encoded."""
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def feedback(site: SiteData, report: Report) -> dict[str, str | None]:
    """The template's data for "Fehler melden": the links that work in this build, and the address if set."""
    email = site.report_email or None
    return {
        "frage": report.question,
        "github_url": site.repository.report_url(report.subject, report.issue_body),
        "email": email,
        "mailto": mail_link(email, report.subject, report.mail_body) if email else None,
        "bearbeiten_url": site.repository.edit_url(report.edit_path) if report.edit_path else None,
        "bearbeiten_text": report.edit_what if report.edit_path else None,
    }

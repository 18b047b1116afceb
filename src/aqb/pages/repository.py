"""Where the project's repository lives: links to report a mistake, to edit a record, to ask for one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from aqb.data.addresses import address_problem

# The issue form for staff without git (.github/ISSUE_TEMPLATE/neue-vereinbarung.yml, from aqb.staff.issue_form).
NEW_AGREEMENT_TEMPLATE = "neue-vereinbarung.yml"


@dataclass(frozen=True)
class Repository:
    """`address` is the repository's web address (empty where not set, e.g. a local build); `edit_path`
    and `issue_path` are what the hosting service puts after it to edit a file or open an issue."""

    address: str = ""
    edit_path: str = "edit/main/"
    issue_path: str = "issues/new"

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Repository:
        """From mkdocs.yml `extra.repository` (adresse, bearbeiten, melden)."""
        defaults = cls()
        return cls(
            address=str(settings.get("adresse") or "").strip().rstrip("/"),
            edit_path=str(settings.get("bearbeiten") or defaults.edit_path).strip("/") + "/",
            issue_path=str(settings.get("melden") or defaults.issue_path).strip("/"),
        )

    @property
    def known(self) -> bool:
        """Set and usable: an address that would not be published gives no links in a preview either."""
        return not self.problems()

    def edit_url(self, path: str) -> str | None:
        """The page where a file of the repository is edited in the browser (a pull request follows)."""
        return f"{self.address}/{self.edit_path}{path}" if self.known else None

    def report_url(self, title: str, body: str) -> str | None:
        """A new issue with title and text already filled in."""
        return self._new_issue({"title": title, "body": body})

    def new_agreement_url(self) -> str | None:
        """The issue form for a missing agreement."""
        return self._new_issue({"template": NEW_AGREEMENT_TEMPLATE})

    def _new_issue(self, query: dict[str, str]) -> str | None:
        return f"{self.address}/{self.issue_path}?{urlencode(query)}" if self.known else None

    def problems(self) -> list[str]:
        """Why this setting cannot be published (a production build needs the links to work)."""
        if not self.address:
            return ["Die Adresse des Repositorys fehlt (extra.repository.adresse oder AQB_REPOSITORY)"]
        problem = address_problem(self.address)
        if problem is None and (urlsplit(self.address).query or urlsplit(self.address).fragment):
            problem = f"darf kein ? oder # enthalten: '{self.address}'"
        return [f"Die Adresse des Repositorys {problem}"] if problem else []

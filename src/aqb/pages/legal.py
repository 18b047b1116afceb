"""What a German public-sector site must say about who runs it, checked before publishing."""

from __future__ import annotations

import re
from typing import Any

from aqb.data.problems import has_control_characters
from aqb.pages.repository import Repository

# Impressum (§ 5 DDG, § 18 MStV) and Datenschutzerklärung (Art. 13 DSGVO) need these from the operator.
OPERATOR_FIELDS = {
    "name": "Name der verantwortlichen Stelle",
    "anschrift": "Postanschrift",
    "email": "E-Mail-Adresse",
    "vertreten_durch": "vertretungsberechtigte Person",
    "verantwortlich_inhalt": "Verantwortliche Person für den Inhalt (§ 18 Abs. 2 MStV)",
    "datenschutz_kontakt": "Kontakt für Datenschutzfragen",
    "barrierefreiheit_kontakt": "Kontakt für Rückmeldungen zur Barrierefreiheit",
}


_ALL_OPERATOR_FIELDS = (*OPERATOR_FIELDS, "telefon")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?[0-9 ()/-]{3,30}")
_REPOSITORY_PATH = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*/?")


def setting_problems(operator: Any, repository: Any, report_email: Any = None) -> list[str]:
    """German messages for mkdocs.yml's extra.betreiber, extra.repository and extra.fehler_melden_email,
    checked before every build."""
    return _operator_problems(operator) + _repository_problems(repository) + _report_email_problems(report_email)


def _report_email_problems(report_email: Any) -> list[str]:
    if report_email is None or report_email == "":
        return []  # not set: every page says that no address is set yet
    if not isinstance(report_email, str) or not _EMAIL.fullmatch(report_email.strip()):
        return [f"extra.fehler_melden_email ist keine E-Mail-Adresse: '{report_email}'"]
    return []


def _operator_problems(operator: Any) -> list[str]:
    problems = []
    if not isinstance(operator, dict):
        return ["extra.betreiber muss aus Feldern bestehen (name: …, anschrift: …)"]
    for key, value in operator.items():
        if key not in _ALL_OPERATOR_FIELDS:
            problems.append(
                f"extra.betreiber.{key} ist kein bekanntes Feld; erlaubt: {', '.join(_ALL_OPERATOR_FIELDS)}"
            )
        elif value is not None and not isinstance(value, str):
            problems.append(f"extra.betreiber.{key} muss ein Text sein: '{value}'")
        elif value and has_control_characters(value.replace("\n", " ")):
            problems.append(f"extra.betreiber.{key} enthält ein Steuerzeichen")
    email = operator.get("email")
    if isinstance(email, str) and email and not _EMAIL.fullmatch(email):
        problems.append(f"extra.betreiber.email ist keine E-Mail-Adresse: '{email}'")
    phone = operator.get("telefon")
    if isinstance(phone, str) and phone and not _PHONE.fullmatch(phone):
        problems.append(f"extra.betreiber.telefon ist keine Telefonnummer: '{phone}'")
    return problems


def _repository_problems(repository: Any) -> list[str]:
    problems = []
    if not isinstance(repository, dict):
        return ["extra.repository muss aus Feldern bestehen (adresse, bearbeiten, melden)"]
    for key in ("bearbeiten", "melden"):
        value = repository.get(key)
        plain = isinstance(value, str) and _REPOSITORY_PATH.fullmatch(value) and ".." not in value.split("/")
        if value is not None and not plain:
            problems.append(f"extra.repository.{key} muss ein Pfad wie „edit/main/“ sein: '{value}'")
    address = repository.get("adresse")
    if address:
        problems.extend(Repository.from_settings(repository).problems())
    return problems


def missing_operator_fields(operator: dict[str, Any]) -> list[str]:
    return [label for key, label in OPERATOR_FIELDS.items() if not str(operator.get(key) or "").strip()]


def publication_problems(
    operator: dict[str, Any], site_url: str, production: bool, repository: Repository
) -> list[str]:
    """Why a production build must not be published (empty outside production builds)."""
    if not production:
        return []
    problems = repository.problems()
    problems += [
        f"Impressum/Datenschutz: in mkdocs.yml fehlt extra.betreiber: {label}"
        for label in missing_operator_fields(operator)
    ]
    if not site_url or "127.0.0.1" in site_url or "localhost" in site_url:
        problems.append(f"Die öffentliche Adresse fehlt (SITE_URL), gesetzt ist: '{site_url}'")
    return problems

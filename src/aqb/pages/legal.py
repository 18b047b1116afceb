"""What a German public-sector site must say about who runs it, checked before publishing."""

from __future__ import annotations

from typing import Any

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

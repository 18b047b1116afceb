"""Web addresses from data and settings: they say where they go, and nothing else.

An address is the whole evidence for a record known only from a public source, and the settings
put addresses into every page. So an address is https (mailto where a mail address is meant; plain
http only for the local preview), has no user name or password (`https://amt.de@evil.example/`
goes to evil.example), an ASCII host name (an international domain only in its xn-- form, so a
Cyrillic "е" cannot pass for a Latin one), and no spaces, quotes or angle brackets.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_HOST = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_LOCAL_HOSTS = ("127.0.0.1", "localhost")
# Characters an address may hold as written (RFC 3986, percent-escapes included); no quotes, spaces, < > \ ^ ` { | }.
_ADDRESS_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


def address_problem(value: str, *, local: bool = False) -> str | None:
    """Why `value` may not be used as a link (German), or None. `local` allows http://127.0.0.1 too."""
    if not _ADDRESS_CHARACTERS.fullmatch(value):
        return f"enthält Zeichen, die in keiner Adresse stehen (Leerzeichen, Anführungszeichen …): '{value}'"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return f"ist keine gültige Adresse: '{value}'"
    host = parts.hostname or ""
    if local and parts.scheme == "http" and host in _LOCAL_HOSTS:
        return None
    if parts.scheme != "https":
        return f"muss mit https:// beginnen: '{value}'"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return f"darf keinen Benutzernamen oder kein Passwort enthalten ('…@'): '{value}'"
    if not _HOST.fullmatch(host) or host != parts.netloc.lower().removesuffix(f":{port}" if port else ""):
        return f"hat keinen gültigen Rechnernamen (internationale Namen nur in der Form xn--…): '{value}'"
    if "." not in host:
        return f"hat keinen vollständigen Rechnernamen (mit Punkt, z. B. example.de): '{value}'"
    return None


def host_of(value: str) -> str:
    """The host name a reader is sent to ('wetteraukreis.de'), without a leading 'www.'."""
    return (urlsplit(value).hostname or "").removeprefix("www.")


def settings_problems(site_url: str, repository: str) -> list[str]:
    """German messages for the settings a build reads from the environment (SITE_URL, AQB_REPOSITORY)."""
    problems = []
    if site_url:
        problem = address_problem(site_url, local=True)
        if problem:
            problems.append(f"SITE_URL {problem}")
    if repository:
        problem = address_problem(repository)
        if problem:
            problems.append(f"AQB_REPOSITORY {problem}")
        elif urlsplit(repository).query or urlsplit(repository).fragment:
            problems.append(f"AQB_REPOSITORY darf kein '?' oder '#' enthalten: '{repository}'")
    return problems

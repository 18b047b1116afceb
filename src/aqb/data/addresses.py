"""Web addresses from data and settings: they say where they go, and nothing else.

An address is the whole evidence for a record known only from a public source, and the settings
put addresses into every page. So an address is https (mailto where a mail address is meant; plain
http only for the local preview), has no user name or password (`https://amt.de@evil.example/`
goes to evil.example), an ASCII host name (an international domain only in its xn-- form, so a
Cyrillic "е" cannot pass for a Latin one) that is no IP address (which names no public body), and
no spaces, quotes or angle brackets.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

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
    return _host_problem(host, parts.netloc, port, value)


def _host_problem(host: str, netloc: str, port: int | None, value: str) -> str | None:
    if not _HOST.fullmatch(host) or host != netloc.lower().removesuffix(f":{port}" if port else ""):
        return f"hat keinen gültigen Rechnernamen (internationale Namen nur in der Form xn--…): '{value}'"
    if host.rsplit(".", 1)[-1].isdigit():  # no top-level domain is a number: an IP address (10.0.0.1, 127.1)
        return f"nennt eine IP-Adresse statt eines Rechnernamens: '{value}'"
    if "." not in host:
        return f"hat keinen vollständigen Rechnernamen (mit Punkt, z. B. example.de): '{value}'"
    return None


# RFC 3986 §2.3: a percent-escape of one of these is the character itself.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def comparable_address(value: str) -> str:
    """`value` (a checked https address) in the form two spellings of one address share.

    Only what certainly leads to the same page (RFC 3986 §6.2.2 and §6.2.3): the fragment (#…) is never
    sent to the server, the host name's case and the default port :443 change nothing, an empty path is
    "/", a percent-escape's hex digits have no case and an escaped unreserved character is the character.
    A trailing slash, the case of the path and the query are the server's to interpret: kept.
    """
    parts = urlsplit(value)
    port = parts.port
    host = (parts.hostname or "") + (f":{port}" if port not in (None, 443) else "")
    path = re.sub(r"%[0-9A-Fa-f]{2}", _normal_escape, parts.path) or "/"
    query = re.sub(r"%[0-9A-Fa-f]{2}", _normal_escape, parts.query)
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def _normal_escape(found: re.Match[str]) -> str:
    char = chr(int(found.group()[1:], 16))
    return char if char in _UNRESERVED else found.group().upper()


def host_of(value: str) -> str:
    """The host name a reader is sent to ('wetteraukreis.de'), without a leading 'www.'."""
    return (urlsplit(value).hostname or "").removeprefix("www.")


def public_address(site_url: str) -> str:
    """The site's public address as configured (ending in "/"), or "" where none is configured.

    A local address (http://127.0.0.1:8000/, the default of mkdocs.yml and what `make serve` puts in
    place of the configured one) is where one person previews the site: it leads nowhere for anyone
    else, so it is never written into a download or a citation."""
    if not site_url or urlsplit(site_url).hostname in _LOCAL_HOSTS:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


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

"""Web addresses as people type them, made into addresses a server accepts, or one clear error.

``de.wikipedia.org/wiki/Köln`` is everyday input: the path and query are percent-encoded as UTF-8 (what
browsers send) and an international host name is IDNA-encoded (``münchen.de`` → ``xn--mnchen-3ya.de``).
A port out of range or not a number, a broken IPv6 literal, a host name with an empty or overlong label,
and any scheme but http(s) are a ``FetchError`` naming the problem. A redirect's ``Location`` goes
through the same rules (servers send raw UTF-8 there, which ``http.client`` reads as Latin-1).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from reader.core.errors import FetchError

# RFC 3986 characters that may stay as they are; "%" too, so an address already encoded is not encoded twice.
_PATH_SAFE = "/%:@!$&'()*+,;=~-._"
_QUERY_SAFE = _PATH_SAFE + "?"
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_SHOWN = 80


def _shown(url: str) -> str:
    return url if len(url) <= _SHOWN else url[: _SHOWN - 1] + "…"


def normalize_url(url: str) -> str:
    """An http(s) address ready to send: encoded path, query and host, no fragment, no credentials.

    Raises:
        FetchError: not http(s), no host, bad port, broken IPv6 literal or an invalid host name.
    """
    text = re.sub(r"[\t\n\r]", "", url.strip())  # browsers drop these too (WHATWG URL parsing)
    shown = _shown(_CONTROLS.sub("", text))
    if _CONTROLS.search(text):
        raise FetchError(f"{shown} is not a valid web address (it contains control characters).")
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # "Invalid IPv6 URL": an unclosed or stray bracket
        raise FetchError(f"{shown} is not a valid web address (its IPv6 address is broken).") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        kind = f"{scheme}://" if scheme else "this kind of"
        raise FetchError(f"Only http and https links can be opened, not {kind} links.")
    try:
        port = parts.port
    except ValueError as exc:
        raise FetchError(
            f"{shown} is not a valid web address (the port must be a number from 1 to 65535)."
        ) from exc
    if port == 0:
        raise FetchError(f"{shown} is not a valid web address (the port must be a number from 1 to 65535).")
    host = parts.hostname
    if not host:
        raise FetchError(f"{shown} is not a valid web address.")
    netloc = _encode_host(host, shown, bracketed="[" in parts.netloc)
    if parts.port is not None:
        netloc += f":{port}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    query = quote(parts.query, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


def _encode_host(host: str, shown: str, *, bracketed: bool) -> str:
    if bracketed:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError as exc:
            raise FetchError(f"{shown} is not a valid web address (its IPv6 address is broken).") from exc
        return f"[{host}]"
    if any(ch in host for ch in '[]%\\ "<>^`{|}'):
        raise FetchError(f"{shown} is not a valid web address (the server name has invalid characters).")
    try:
        encoded = host.encode("idna").decode("ascii")
    except UnicodeError as exc:  # an empty label ("a..b"), a label over 63 characters, unencodable text
        raise FetchError(f"{shown} is not a valid web address (the server name is not valid).") from exc
    return encoded


def join_location(current: str, location: str) -> str:
    """The address a redirect points to, encoded like any other (raw UTF-8 in the header is undone)."""
    try:
        location = location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass  # not UTF-8 read as Latin-1: keep the text as it came
    try:
        joined = urljoin(current, location.strip())
    except ValueError as exc:  # a broken IPv6 literal
        shown = _shown(_CONTROLS.sub("", location))
        raise FetchError(f"The server redirected to {shown}, which is not a valid web address.") from exc
    return normalize_url(joined)

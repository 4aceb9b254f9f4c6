"""OPML import and export of subscriptions (the format every feed reader exchanges).

Import parses with defusedxml, which refuses entity declarations and external references (no "billion
laughs", no reading local files through an entity); nested folders are flattened, and every outline with
an ``xmlUrl`` is a subscription. Export writes OPML 2.0 with the standard library.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.errors import InputError

MAX_OPML_BYTES = 5 * 1024 * 1024
MAX_OUTLINES = 10_000


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str
    site_url: str | None = None


def parse_opml(data: bytes, name: str = "the file") -> list[OpmlFeed]:
    """The subscriptions listed in an OPML document, in order, without duplicates.

    Raises:
        InputError: not XML, not OPML, or forbidden XML constructs (entities, DTD references).
    """
    import defusedxml
    import defusedxml.ElementTree as SafeET

    if len(data) > MAX_OPML_BYTES:
        raise InputError(f"{name} is too big for a list of subscriptions.")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"{name} uses XML features Reader refuses for safety (entities or a DTD).") from exc
    except ET.ParseError as exc:
        raise InputError(f"{name} is not a valid OPML file ({exc}).") from exc
    if root.tag.lower() != "opml":
        raise InputError(f"{name} is not an OPML file (its root element is <{root.tag}>).")
    feeds: dict[str, OpmlFeed] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or urlsplit(url).scheme.lower() not in ("http", "https") or url in feeds:
            continue
        title = (outline.get("title") or outline.get("text") or urlsplit(url).hostname or url).strip()
        site = (outline.get("htmlUrl") or "").strip() or None
        feeds[url] = OpmlFeed(url, title, site)
        if len(feeds) >= MAX_OUTLINES:
            break
    return list(feeds.values())


def read_opml(path: Path) -> list[OpmlFeed]:
    try:
        size = path.stat().st_size
        if size > MAX_OPML_BYTES:
            raise InputError(f"{path.name} is too big for a list of subscriptions.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"File not found: {path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{path.name} is a folder, not a file.") from exc
    except OSError as exc:
        raise InputError(f"Could not read {path.name}: {exc.strerror or exc}") from exc
    return parse_opml(data, path.name)


def build_opml(feeds: Iterable[OpmlFeed], title: str = "Reader subscriptions") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.title, "title": feed.title, "xmlUrl": feed.url}
        if feed.site_url:
            attributes["htmlUrl"] = feed.site_url
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

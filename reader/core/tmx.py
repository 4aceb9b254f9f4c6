"""TMX 1.4, the translation memory exchange format: written for other tools, read from them, safely.

Writing uses the standard library's ElementTree (it escapes everything; characters XML cannot carry are
dropped). Reading uses defusedxml, which refuses entity declarations (no "billion laughs" expansion, no
file read through an external entity) and never fetches a DTD: the ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``
line most tools write is accepted and ignored. A file is read whole, up to MAX_TMX_BYTES.

Other tools' files: ``<seg>`` may hold inline markup. The native codes in ``<bpt>``, ``<ept>``, ``<ph>``,
``<it>`` and ``<ut>`` (``<b>``, ``{1}``) are left out, the text of ``<hi>`` and ``<sub>`` kept. Language
tags are reduced to the codes Reader uses (``de-DE`` → ``de``; ``pt-BR`` → ``pb`` and ``zh-TW`` → ``zt``,
Argos Translate's codes), and written back as BCP 47 tags. TMX 1.1's ``lang`` attribute is read too.
"""

from __future__ import annotations

import calendar
import io
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader import __version__
from reader.core.errors import InputError
from reader.core.files import NotRegularFileError, read_capped, write_text_atomically

__all__ = ["MAX_TMX_BYTES", "TmxPair", "parse_tmx", "read_tmx", "to_tmx", "write_tmx"]

MAX_TMX_BYTES = 100 * 1024 * 1024
MAX_PAIRS = 1_000_000
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NATIVE_CODE = frozenset({"bpt", "ept", "ph", "it", "ut"})  # inline tags whose content is markup, not text
_MAX_INLINE_DEPTH = 32
# Characters XML 1.0 cannot carry at all (ElementTree would write them and produce a broken file).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
# Reader's codes (Argos Translate's) that are not plain ISO 639-1, and their BCP 47 tags.
_TO_BCP47 = {"pb": "pt-BR", "zt": "zh-TW"}


@dataclass(frozen=True, slots=True)
class TmxPair:
    """One source sentence and its translation (a ``<tu>`` with two ``<tuv>``), in Reader's codes.

    ``created``/``changed``: Unix seconds, 0 when unknown.
    """

    source_lang: str
    source: str
    target_lang: str
    target: str
    created: float = 0.0
    changed: float = 0.0


def reader_lang(tag: str) -> str:
    """A BCP 47 / TMX language tag as Reader's code: ``de-DE`` → ``de``, ``pt-BR`` → ``pb``."""
    parts = [p.lower() for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        return ""
    primary, rest = parts[0], parts[1:]
    if primary == "pt" and "br" in rest:
        return "pb"
    if primary == "zh" and any(p in ("tw", "hk", "mo", "hant") for p in rest):
        return "zt"
    return primary


def bcp47(code: str) -> str:
    """Reader's language code as a tag other tools understand."""
    return _TO_BCP47.get(code, code)


def _tmx_date(seconds: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def _parse_date(text: str | None) -> float:
    match = _DATE.match(text or "")
    if not match:
        return 0.0
    try:
        return float(calendar.timegm(tuple(int(g) for g in match.groups()) + (0, 0, 0)))
    except (ValueError, OverflowError):
        return 0.0


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def to_tmx(pairs: Iterable[TmxPair], srclang: str | None = None) -> str:
    """A TMX 1.4 document of ``pairs``.

    Args:
        srclang: the header's source language; default: the pairs' one source language, or ``*all*``
            when they have several.
    """
    items = list(pairs)
    if srclang is None:
        sources = {p.source_lang for p in items}
        srclang = bcp47(sources.pop()) if len(sources) == 1 else "*all*"
    root = ET.Element("tmx", version="1.4")
    header = {
        "creationtool": "Reader",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": "Reader",
        "adminlang": "en",
        "srclang": srclang,
        "datatype": "plaintext",
        "creationdate": _tmx_date(time.time()),
    }
    ET.SubElement(root, "header", header)
    body = ET.SubElement(root, "body")
    for pair in items:
        tu = ET.SubElement(body, "tu")
        if srclang == "*all*":
            tu.set("srclang", bcp47(pair.source_lang))
        if pair.created:
            tu.set("creationdate", _tmx_date(pair.created))
        if pair.changed:
            tu.set("changedate", _tmx_date(pair.changed))
        for lang, text in ((pair.source_lang, pair.source), (pair.target_lang, pair.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: bcp47(lang)})
            ET.SubElement(tuv, "seg").text = _xml_text(text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_tmx(pairs: Iterable[TmxPair], path: Path, srclang: str | None = None) -> None:
    """Write ``pairs`` to ``path`` as TMX 1.4 (atomically: a failed write leaves no half file).

    Raises:
        InputError: the file cannot be written.
    """
    write_text_atomically(path, to_tmx(pairs, srclang))


def _seg_text(element: ET.Element, depth: int = 0) -> str:
    """The text of a ``<seg>``: its own text and that of ``<hi>``/``<sub>``, without native codes."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag not in _NATIVE_CODE and depth < _MAX_INLINE_DEPTH:
            parts.append(_seg_text(child, depth + 1))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_tmx(data: bytes, name: str = "the file") -> list[TmxPair]:
    """The sentence pairs of a TMX document: each ``<tu>``'s source ``<tuv>`` with each of its others.

    The source variant is the one in the ``<tu>``'s (else the header's) ``srclang``; with ``*all*`` or
    none, the first. Variants with an empty segment or no language are skipped.

    Raises:
        InputError: too big, not XML, not TMX, or XML constructs refused for safety (entities).
    """
    import defusedxml
    import defusedxml.ElementTree as SafeET

    if len(data) > MAX_TMX_BYTES:
        raise InputError(
            f"{name} is too big for a translation memory file (over {MAX_TMX_BYTES // 2**20} MiB)."
        )
    pairs: list[TmxPair] = []
    header_src = ""
    seen_body = False
    depth = 0
    try:
        # Streamed: each <tu> is read, turned into pairs and cleared, so a large memory never becomes a
        # tree of millions of elements; a file that is not TMX is refused at its first element.
        for event, element in SafeET.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
            if event == "start":
                depth += 1
                if depth == 1 and tag.lower() != "tmx":
                    raise InputError(f"{name} is not a TMX file (its root element is <{tag[:40]}>).")
                if depth == 2 and tag == "header":
                    header_src = reader_lang(element.get("srclang", ""))
                seen_body = seen_body or (depth == 2 and tag == "body")
                continue
            depth -= 1
            if tag == "tu":
                pairs.extend(_unit_pairs(element, header_src))
                element.clear()
                if len(pairs) > MAX_PAIRS:
                    raise InputError(
                        f"{name} holds more than {MAX_PAIRS:,} translation pairs: too many to import."
                    )
    except defusedxml.DefusedXmlException as error:
        raise InputError(
            f"{name} uses XML features Reader refuses for safety (entity declarations)."
        ) from error
    except ET.ParseError as error:
        raise InputError(f"{name} is not a valid TMX file (broken XML: {error}).") from error
    except RecursionError as error:
        raise InputError(f"{name} is not a valid TMX file (it is nested too deeply).") from error
    if not seen_body:
        raise InputError(f"{name} is not a valid TMX file (it has no <body>).")
    return pairs


def _unit_pairs(tu: ET.Element, header_src: str) -> list[TmxPair]:
    """A ``<tu>``'s source variant paired with each of its other variants."""
    variants = []
    for tuv in tu.findall("tuv"):
        lang = reader_lang(tuv.get(_XML_LANG) or tuv.get("lang") or "")
        seg = tuv.find("seg")
        text = _SPACE.sub(" ", _seg_text(seg)).strip() if seg is not None else ""
        if lang and text:
            variants.append((lang, text))
    if len(variants) < 2:
        return []
    srclang = reader_lang(tu.get("srclang", "")) or header_src
    source = next((v for v in variants if v[0] == srclang), variants[0])
    created = _parse_date(tu.get("creationdate"))
    changed = _parse_date(tu.get("changedate")) or created
    return [
        TmxPair(source[0], source[1], lang, text, created, changed)
        for lang, text in variants
        if lang != source[0]
    ]


def read_tmx(path: Path) -> list[TmxPair]:
    """``parse_tmx`` of a file, read with a size cap (a FIFO or ``/dev/zero`` is refused, not read).

    Raises:
        InputError: the file cannot be read, or is not a usable TMX file.
    """
    try:
        data = read_capped(path, MAX_TMX_BYTES)
    except NotRegularFileError as error:
        raise InputError(f"{path} is not a file Reader can import: {error}.") from error
    except OSError as error:
        raise InputError(f"Could not read {path}: {error.strerror or error}.") from error
    return parse_tmx(data, path.name)

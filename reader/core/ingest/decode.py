"""Bytes → text for files and pages: BOM first, then a declared charset, then detection.

Users open pages saved by old sites (cp1252 without a charset), exports from Windows tools (UTF-16
with a BOM) and plain UTF-8. Getting the umlauts right matters more than speed, but detection is
only run when the cheaper answers (BOM, declaration, valid UTF-8) are not available.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from reader.core.errors import InputError

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers treat these labels as windows-1252 (WHATWG Encoding Standard); so do we, because pages
# that claim Latin-1 routinely contain cp1252 quotes and dashes.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-user-defined": "cp1252",
    "utf8": "utf-8",
    "unicode": "utf-16",
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)

# Codecs Python knows that no web page may use: transforms that are not text encodings are filtered by
# ``_is_text_encoding``; these are text codecs that would run escape processing or, for UTF-7, let
# "+ADw-script+AD4-" become markup after sanitizing (browsers never honour UTF-7 either).
_REFUSED = frozenset({"utf-7", "undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode"})

# How much of the data detection looks at: enough for a confident guess, bounded for big files.
_DETECT_SAMPLE = 256 * 1024


def bom_encoding(data: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``data``, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def normalize_charset(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when the label is unknown or empty."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a label with a NUL byte
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return None  # rot13, base64, hex, zlib, bz2, uu, quopri, utf-7, …: ignore it and detect
    return info.name


def sniff_html_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or an XML declaration (first 4 KiB), if any."""
    head = data[:4096]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return normalize_charset(match.group(1).decode("ascii", "replace")) if match else None


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text (NUL bytes without a UTF-16/32 BOM, or many controls)."""
    if bom_encoding(data) is not None:
        return False
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode file or page bytes: BOM > declared charset > valid UTF-8 > detection.

    Args:
        data: the raw bytes.
        declared: a charset from an HTTP header or ``<meta>``; ignored if unknown to Python or if the
            bytes are not valid in it (pages often lie about their charset).

    Returns:
        The text, without a BOM. Bytes that fit no encoding are replaced (U+FFFD), never dropped.

    Raises:
        InputError: when the data is binary rather than text.
    """
    bom = bom_encoding(data)
    if bom is not None:
        return data.decode(bom, errors="replace").lstrip("\ufeff")
    if looks_binary(data):
        raise InputError("This file is not text (it looks like binary data).")
    codec = normalize_charset(declared)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # the declaration is wrong; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected is not None:
        try:
            return data.decode(detected)
        except UnicodeDecodeError:
            pass
    return data.decode(codec or "cp1252", errors="replace")


# Non-ASCII characters that Western European text (German, French, English, ...) decoded as cp1252
# is made of: accented letters and typographic punctuation. Text in another single-byte charset
# (cp1251 Cyrillic, cp1250 Polish) decoded as cp1252 shows other symbols or far too many accents.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŸ\u00a0“”„‘’‚–—…•€«»°§©®·½¼¾£¥¢¿¡´¨"
)


def _detect(data: bytes) -> str | None:
    """Guess the charset of non-UTF-8 data: cp1252 when it reads as Western text, else charset-normalizer."""
    sample = data[:_DETECT_SAMPLE]
    if _reads_as_western(sample):
        return "cp1252"
    best = from_bytes(sample).best()
    return normalize_charset(best.encoding) if best is not None else None


def _reads_as_western(sample: bytes) -> bool:
    """Short German or French snippets fool statistical detectors; this plausibility check does not."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    western = sum(1 for ch in non_ascii if ch in _WESTERN)
    letters = sum(1 for ch in text if ch.isalpha())
    accented = sum(1 for ch in non_ascii if ch.isalpha())
    return western >= 0.95 * len(non_ascii) and accented <= 0.3 * max(letters, 1)

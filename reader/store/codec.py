"""Identity and serialisation helpers: canonical sources, content hashes, runs and spans as JSON."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.core.document import Article, LanguageRun, SentenceOrigin, SentencePair, Span
from reader.core.export import span_from_dict, span_to_dict
from reader.core.translate.cache import normalize_source

_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_source(source: str) -> str:
    """One spelling per source, so the same page saved twice is found again.

    URLs: scheme and host lowercased, default port, fragment and tracking parameters (``utm_*``, ``fbclid``,
    ``gclid``, ...) dropped, remaining query parameters sorted. Anything else is a file path, made absolute.
    """
    source = source.strip()
    if not source:
        return ""
    parts = urlsplit(source)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        host = (parts.hostname or "").lower().rstrip(".")
        try:
            port = parts.port
        except ValueError:
            port = None
        netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
        if parts.username:
            netloc = f"{parts.username}@{netloc}"
        query = sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
        )
        return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
    if scheme == "file":
        return str(Path(parts.path).resolve())
    if "://" in source:
        return source
    return str(Path(source).expanduser().resolve())


def content_hash(article: Article) -> str:
    """sha256 of the normalized title and block texts: identical content has the same hash."""
    digest = hashlib.sha256()
    digest.update(normalize_source(article.title).encode())
    for block in article.blocks:
        digest.update(b"\x00")
        digest.update(normalize_source(block.text).encode())
    return digest.hexdigest()


def runs_to_json(runs: tuple[LanguageRun, ...]) -> str | None:
    if not runs:
        return None
    return json.dumps([[r.start, r.end, r.lang, r.confidence] for r in runs], separators=(",", ":"))


def runs_from_json(data: str | None) -> tuple[LanguageRun, ...]:
    if not data:
        return ()
    return tuple(LanguageRun(int(s), int(e), str(lang), float(c)) for s, e, lang, c in json.loads(data))


def spans_to_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([span_to_dict(s) for s in spans], ensure_ascii=False, separators=(",", ":"))


def spans_from_json(data: str | None) -> tuple[Span, ...]:
    if not data:
        return ()
    return tuple(span_from_dict(item) for item in json.loads(data))


def sentences_to_json(pairs: tuple[SentencePair, ...]) -> str | None:
    """Compact JSON ``[[ss, se, ts, te, score, origin], ...]``; None when there are no pairs."""
    if not pairs:
        return None
    return json.dumps(
        [[p.source[0], p.source[1], p.target[0], p.target[1], p.score, p.origin.value] for p in pairs],
        separators=(",", ":"),
    )


def sentences_from_json(data: object, source_length: int, target_length: int) -> tuple[SentencePair, ...]:
    """The stored sentence pairs, or () when they do not fit the texts they index.

    A row written by an older or damaged library, or edited by hand, must never crash the view: every pair
    must lie inside the block's text and the translation's text, with a known origin and a finite score,
    else the whole list is dropped (a partial mapping would link the wrong sentences).
    """
    if not data or not isinstance(data, str):
        return ()
    try:
        items = json.loads(data)
    except ValueError:
        return ()
    return sentence_pairs(items, source_length, target_length) or ()


def sentence_pairs(items: object, source_length: int, target_length: int) -> tuple[SentencePair, ...] | None:
    """Pairs from their JSON lists (see ``sentences_to_json``); None when any is malformed or out of range."""
    if not isinstance(items, list):
        return None
    pairs = []
    for item in items:
        if not isinstance(item, list) or len(item) != 6:
            return None
        ss, se, ts, te, score, origin = item
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (ss, se, ts, te)):
            return None
        if not (0 <= ss <= se <= source_length and 0 <= ts <= te <= target_length):
            return None
        if score is not None and (
            isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score)
        ):
            return None
        try:
            kind = SentenceOrigin(origin)
        except ValueError:
            return None
        pairs.append(SentencePair((ss, se), (ts, te), None if score is None else float(score), kind))
    return tuple(pairs)

"""Date recognition on public labelled data nobody here wrote: overlap P/R/F1, value accuracy, speed.

Usage:
    uv run python benchmarks/dates_real.py [--data DIR] [--lang en,de,fr,es] [--errors 20]

Reads the dev material in ``../shared/data/dates/`` (see each dataset's README for source and licence;
TimeBank/AQUAINT and the Spanish TimeBank have no stated licence and are only measured on here):

- en: TimeBank 1.2 + AQUAINT (``tbaq_cleaned``), TimeML TIMEX3, 256 documents;
- de: WikiWarsDE first half (``wikiwarsde/keyinline``), TIMEX2, 11 documents;
- fr: French TimeBank first half (``french_timebank``), TimeML TIMEX3, 54 documents;
- es: Spanish TimeBank train (``spanish_timebank_xtn``), BIO tokens (joined with spaces to make text).

Scoring, exactly:
- Gold points are TIMEX3 of type DATE or TIME, and TIMEX2 whose ``val`` is a calendar, clock or
  ``*_REF`` value (not a ``P...`` duration, not ``set="YES"``/``periodicity``, not empty); the document
  creation time is never counted. Durations and sets are out of scope: a found span that overlaps only
  a duration or set is neither a hit nor a false alarm (it is dropped before scoring).
- Overlap: precision = found spans that overlap some gold point / found spans; recall = gold points
  overlapped by some found span. Exact = gold points found with exactly the same span.
- Value accuracy at the gold's granularity, over the gold points that were found: our value is cut to the
  gold value's length ("1939-09-01" counts for gold "1939-09"; "1939" does not count for "1939-09").
  TIMEX2 ``mod`` (START/END) is not compared. ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` compare as such.
- Speed: CPU time of ``find_article_dates`` per 2,000 words of each set (grammars built beforehand).
- Each document is annotated block by block (blank-line paragraphs) with ``find_article_dates`` and the
  document creation time as reference, as Reader does for an article with a published date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.annotate.dates import find_article_dates  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dates"
LANGS = ("en", "de", "fr", "es")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    value: str
    point: bool  # False: a duration or set (out of scope; masks found spans over it)


@dataclass
class Doc:
    name: str
    lang: str
    reference: dt.date
    text: str
    gold: list[Gold] = field(default_factory=list)


# -- loaders -------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _inline(
    body: str, tag: str, point_of: Callable[[dict[str, str]], tuple[str, bool]]
) -> tuple[str, list[Gold]]:
    """Strip inline XML tags from ``body``; keep text offsets of every ``tag`` element."""
    out: list[str] = []
    length = 0
    stack: list[tuple[int, dict[str, str]]] = []
    gold: list[Gold] = []
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m[2] != tag or m[4]:
            continue
        if not m[1]:
            stack.append((length, dict(_ATTR.findall(m[3]))))
        elif stack:
            start, attrs = stack.pop()
            value, point = point_of(attrs)
            gold.append(Gold(start, length, value, point))
    out.append(html.unescape(body[pos:]))
    return "".join(out), gold


def _timeml_point(attrs: dict[str, str]) -> tuple[str, bool]:
    return attrs.get("value", ""), attrs.get("type") in ("DATE", "TIME")


def _timex2_point(attrs: dict[str, str]) -> tuple[str, bool]:
    value = attrs.get("val", "")
    is_set = attrs.get("set") == "YES" or "periodicity" in attrs
    return value, bool(value) and not value.startswith("P") and not is_set


def load_timeml(path: Path, lang: str) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert dct is not None and body is not None, path
    text, gold = _inline(body[1], "TIMEX3", _timeml_point)
    return Doc(path.stem, lang, dt.date.fromisoformat(dct[1]), text, gold)


def load_wikiwars(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DATETIME>\s*<TIMEX2 val=\"(\d{4}-\d\d-\d\d)", raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert dct is not None and body is not None, path
    text, gold = _inline(body[1], "TIMEX2", _timex2_point)
    return Doc(path.name.split(".")[0], "de", dt.date.fromisoformat(dct[1]), text, gold)


_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?)\]»%]")
_NO_SPACE_AFTER = re.compile(r"[(\[«¿¡]$")


def load_bio(path: Path, lang: str) -> list[Doc]:
    """XTN BIO files: a ``*!-DCTVALUE=...-!*`` line opens each document; sentences become paragraphs."""
    docs: list[Doc] = []
    doc: Doc | None = None
    parts: list[str] = []
    length = 0
    open_gold: tuple[int, int, str, str] | None = None

    def close() -> None:
        nonlocal open_gold
        if open_gold is not None and doc is not None:
            start, end, kind, value = open_gold
            doc.gold.append(Gold(start, end, value, kind in ("DATE", "TIME")))
        open_gold = None

    def finish() -> None:
        close()
        if doc is not None:
            doc.text = "".join(parts)
            docs.append(doc)

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("*!-DCTVALUE="):
            finish()
            ref = re.search(r"\d{4}-\d\d-\d\d", line)
            assert ref is not None
            doc = Doc(f"{path.stem}-{len(docs)}", lang, dt.date.fromisoformat(ref[0]), "")
            parts, length = [], 0
            continue
        if doc is None:
            continue
        if not line.strip():
            close()
            if parts and parts[-1] != "\n\n":
                parts.append("\n\n")
                length += 2
            continue
        token, tag, value = (line.split("\t") + ["O", "-"])[:3]
        if (
            parts
            and parts[-1] != "\n\n"
            and not _NO_SPACE_BEFORE.match(token)
            and not _NO_SPACE_AFTER.search(parts[-1])
        ):
            parts.append(" ")
            length += 1
        start = length
        parts.append(token)
        length += len(token)
        if tag.startswith("B-") or tag.startswith("I-") and open_gold is None:
            close()
            open_gold = (start, length, tag[2:], value)
        elif tag.startswith("I-") and open_gold is not None:
            open_gold = (open_gold[0], length, open_gold[2], open_gold[3])
        else:
            close()
    finish()
    return docs


def load(lang: str, data: Path = DATA) -> list[Doc]:
    if lang == "en":
        return [load_timeml(p, "en") for p in sorted((data / "tbaq_cleaned").glob("*/*.tml"))]
    if lang == "de":
        return [load_wikiwars(p) for p in sorted((data / "wikiwarsde" / "keyinline").glob("*.key.xml"))]
    if lang == "fr":
        return [load_timeml(p, "fr") for p in sorted((data / "french_timebank").glob("*.tml"))]
    if lang == "es":
        return load_bio(data / "spanish_timebank_xtn" / "es" / "train.tsv", "es")
    raise ValueError(f"no dev data for {lang!r}")


# -- annotate and score --------------------------------------------------------------------------------

_BLOCK = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def annotate(doc: Doc) -> list[tuple[int, int, str | None]]:
    """Found (start, end, value) over the whole document, block by block as Reader annotates articles."""
    blocks = [(m.start(), m.group()) for m in _BLOCK.finditer(doc.text)]
    spans = find_article_dates([(text, doc.lang) for _, text in blocks], reference=doc.reference)
    return [
        (offset + s.start, offset + s.end, s.value)
        for (offset, _), found in zip(blocks, spans, strict=True)
        for s in found
    ]


def _bc_to_iso(value: str) -> str:
    """TIMEX "BC0260" is the ISO 8601 astronomical year "-0259" (there is no year 0)."""
    m = re.fullmatch(r"BC(\d{4})(.*)", value)
    return f"-{int(m[1]) - 1:04d}{m[2]}" if m else value


def _matches(gold: str, ours: str, reference: dt.date) -> bool:
    if gold == "PRESENT_REF":
        return ours in ("PRESENT_REF", reference.isoformat())
    if gold.endswith("_REF") or ours.endswith("_REF"):
        return gold == ours
    gold = re.sub(r"(?:-X+)+$", "", _bc_to_iso(gold))  # "1968-XX": the year is what is known
    if len(ours) < len(gold):
        return False
    return all(g == o or g == "X" for g, o in zip(gold, ours, strict=False))


def value_ok(gold: str, ours: str | None, reference: dt.date) -> bool:
    """Our value at the gold's granularity; a range of ours counts when either end matches (gold
    annotates the two ends of "1990 bis 1999" separately)."""
    if ours is None:
        return False
    return any(_matches(gold, part, reference) for part in {ours, *ours.split("/")})


def shape(text: str) -> str:
    return re.sub(r"\d", "9", re.sub(r"\s+", " ", text.strip().lower()))[:40]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    hit_found: int = 0
    hit_gold: int = 0
    exact: int = 0
    value_ok: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def error(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        if len(self.examples[kind]) < 3:
            self.examples[kind].append(example)

    @property
    def precision(self) -> float:
        return self.hit_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.hit_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.hit_gold if self.hit_gold else 0.0


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 40) : start].replace("\n", " ")
    right = text[end : end + 30].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def score(docs: list[Doc], into: Score | None = None) -> Score:
    s = into if into is not None else Score()
    for doc in docs:
        began = time.process_time()  # CPU time: the figure stays readable on a loaded shared machine
        found = annotate(doc)
        s.seconds += time.process_time() - began
        s.words += len(doc.text.split())
        points = [g for g in doc.gold if g.point]
        masks = [g for g in doc.gold if not g.point]

        def overlaps(a: tuple[int, int], b: Gold) -> bool:
            return a[0] < b.end and b.start < a[1]

        for start, end, _value in found:
            if any(overlaps((start, end), g) for g in points):
                s.hit_found += 1
                s.found += 1
            elif not any(overlaps((start, end), g) for g in masks):
                s.found += 1
                s.error(f"spurious: {shape(doc.text[start:end])}", _context(doc.text, start, end))
        for g in points:
            s.gold += 1
            hits = [f for f in found if overlaps((f[0], f[1]), g)]
            if not hits:
                s.error(f"missed: {shape(doc.text[g.start : g.end])}", _context(doc.text, g.start, g.end))
                continue
            s.hit_gold += 1
            best = max(hits, key=lambda f: min(f[1], g.end) - max(f[0], g.start))
            s.exact += (best[0], best[1]) == (g.start, g.end)
            if value_ok(g.value, best[2], doc.reference):
                s.value_ok += 1
            else:
                s.error(
                    f"value: {shape(doc.text[g.start : g.end])}",
                    f"{_context(doc.text, g.start, g.end)} gold {g.value} ours {best[2]} "
                    f"(ref {doc.reference})",
                )
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--lang", default=",".join(LANGS))
    parser.add_argument("--errors", type=int, default=20)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"dates_real: no data folder at {args.data}")
    total = Score()
    print(
        f"{'lang':5} {'gold':>5} {'found':>5} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6} {'value':>6} "
        f"{'ms/2kw':>7}"
    )
    for lang in args.lang.split(","):
        docs = load(lang, args.data)
        annotate(docs[0])  # builds the language's grammar outside the timing
        s = score(docs)
        ms = s.seconds * 1000 * 2000 / max(1, s.words)
        print(
            f"{lang:5} {s.gold:5d} {s.found:5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.exact / max(1, s.gold):6.3f} {s.value_accuracy:6.3f} {ms:7.1f}"
        )
        for key, n in s.errors.items():
            total.errors[f"{lang} {key}"] += n
            total.examples[f"{lang} {key}"] = s.examples[key]
    print(f"\nThe {args.errors} most frequent error kinds (spurious = found, overlaps no gold point):")
    for key, n in total.errors.most_common(args.errors):
        print(f"{n:4d}  {key}")
        for example in total.examples[key][:2]:
            print(f"        {example}")


if __name__ == "__main__":
    main()

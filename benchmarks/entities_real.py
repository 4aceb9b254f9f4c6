"""Entity recognition on public labelled dev data (../shared/data/ner), scored the conlleval way.

Usage:
    uv run python benchmarks/entities_real.py [--limit N] [--errors 20] [--model PATH] [--no-own]

Each dev sentence is written out as text (tokens joined by spaces, or as in the original where the set
records spacing) and given to ``EntityAnnotator.recognize`` with the set's language, so the real API is
measured, tokenizer included. Score: typed exact-span F1 (a predicted span counts only if its start, end and
type equal a gold span's), micro-averaged; per type P/R/F1 per dataset. Tag mapping (benchmarks/ner_data.py):
GermEval outer spans, OTH → MISC, *deriv → MISC, *part ignored (neither gold nor a prediction inside such
a word counts); HIPE prod/HumanProd → MISC, time dropped; CoNLL/UNER/KIND/wikigold types as they are.
GermEval dev and UNER EWT dev are partly used for training: their rows ("-heldout") score only the part
the shipped model never saw (last 25 % of GermEval dev, second half of EWT dev).
Also printed: speed (ms per 2,000 words, tagger + gazetteer load in a fresh process, size on disk), the most
frequent error kinds with examples, and our own hand-labelled set (benchmarks/entities_accuracy.py).
The sets that mark documents (CoNLL-2003 en, CoNLL-2002 nl) are scored a second time with each document
given to ``recognize_article`` as one article, the path the app takes (its memory of people named earlier
finds a surname alone); the per-sentence rows stay the headline figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ner_data import Sentence, article_sets, dev_sets  # noqa: E402
from reader.core.annotate.entities import MODEL_FILE, BuiltinRecognizer, EntityAnnotator  # noqa: E402
from reader.core.annotate.gazetteer import GAZETTEER_FILE  # noqa: E402
from reader.resources import resource_path  # noqa: E402

TYPES = ("PER", "ORG", "LOC", "MISC")
Gold = tuple[int, int, str]


def as_text(sentence: Sentence) -> tuple[str, list[Gold], list[tuple[int, int]]]:
    """Text of a sentence, its gold spans and the ignored character ranges (GermEval *part words)."""
    tokens, tags, spaces = sentence
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for word, space in zip(tokens, spaces, strict=True):
        offsets.append((pos, pos + len(word)))
        parts.append(word + (" " if space else ""))
        pos += len(word) + (1 if space else 0)
    gold: list[Gold] = []
    ignored: list[tuple[int, int]] = []
    start = -1
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and not tag.startswith("I-"):
            gold.append((offsets[start][0], offsets[i - 1][1], kind))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = i, tag[2:]
        if tag == "X":
            ignored.append(offsets[i])
    return "".join(parts).rstrip(" "), gold, ignored


class Score:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def row(self, kind: str | None = None) -> tuple[float, float, float, int]:
        keys = [kind] if kind else list(TYPES)
        tp = sum(self.tp[k] for k in keys)
        pred = sum(self.pred[k] for k in keys)
        gold = sum(self.gold[k] for k in keys)
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, gold


def score_set(
    recognizer: EntityAnnotator,
    lang: str,
    sentences: list[Sentence],
    errors: Counter[str],
    examples: dict,
    documents: list[list[Sentence]] | None = None,
) -> tuple[Score, int]:
    """Score each sentence alone (``recognize``), or with ``documents`` each document as one article
    (``recognize_article``, the app's path: a surname alone is found after the full name)."""
    score = Score()
    overlaps = 0
    if documents is None:
        predictions = [recognizer.recognize(as_text(s)[0], lang) for s in sentences]
    else:
        sentences = [s for document in documents for s in document]
        predictions = [
            spans
            for document in documents
            for spans in recognizer.recognize_article([(as_text(s)[0], lang) for s in document])
        ]
    for sentence, spans in zip(sentences, predictions, strict=True):
        text, gold, ignored = as_text(sentence)
        overlaps += sum(1 for a, b in zip(spans, spans[1:], strict=False) if a.end > b.start)
        pred = [
            (s.start, s.end, s.kind.value)
            for s in spans
            if not any(a <= s.start and s.end <= b for a, b in ignored)
        ]
        gold_set, pred_set = set(gold), set(pred)
        for g in gold:
            score.gold[g[2]] += 1
            if g in pred_set:
                score.tp[g[2]] += 1
        for p in pred:
            score.pred[p[2]] += 1
        for g in gold:
            if g in pred_set:
                continue
            near = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
            same = [p for p in near if (p[0], p[1]) == (g[0], g[1])]
            if same:
                kind = f"type {g[2]} as {same[0][2]}"
            elif near:
                kind = f"boundary {g[2]}"
                text_pred = text[near[0][0] : near[0][1]]
                _note(errors, examples, lang, kind, f"{text[g[0] : g[1]]!r} got {text_pred!r}")
                continue
            else:
                kind = f"missed {g[2]}"
            _note(errors, examples, lang, kind, repr(text[g[0] : g[1]]))
        for p in pred:
            if p not in gold_set and not any(g[0] < p[1] and p[0] < g[1] for g in gold):
                _note(errors, examples, lang, f"spurious {p[2]}", repr(text[p[0] : p[1]]))
    return score, overlaps


def _note(errors: Counter[str], examples: dict, lang: str, kind: str, example: str) -> None:
    key = f"{lang}: {kind}"
    errors[key] += 1
    if len(examples[key]) < 6:
        examples[key].append(example)


def two_thousand_words() -> list[tuple[str, str]]:
    """About 2,000 words of dev text in blocks of ~100 words: German then English news."""
    blocks: list[tuple[str, str]] = []
    for lang, name, sentences in dev_sets():
        if name not in ("germeval2014-dev-heldout", "conll2003-dev"):
            continue
        words: list[str] = []
        total = 0
        for sentence in sentences:
            text = as_text(sentence)[0]
            words.append(text)
            total += len(text.split())
            if sum(len(w.split()) for w in words) >= 100:
                blocks.append((" ".join(words), lang))
                words = []
            if total >= 1000:
                break
    return blocks


def speed() -> tuple[float, int, float, float]:
    blocks = two_thousand_words()
    words = sum(len(t.split()) for t, _ in blocks)
    annotator = EntityAnnotator()
    annotator.recognize_article(blocks)
    runs = []
    for _ in range(7):
        t0 = time.perf_counter()
        annotator.recognize_article(blocks)
        runs.append((time.perf_counter() - t0) * 1000)
    ms = statistics.median(runs) * 2000 / words
    code = (
        "import time; t=time.perf_counter(); from reader.core.annotate.entities import BuiltinRecognizer; "
        "BuiltinRecognizer().recognize('Angela Merkel besuchte Paris.', 'de'); "
        "print(time.perf_counter()-t, time.process_time())"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True).stdout.split()
        for _ in range(3)
    ]
    load = statistics.median(float(wall) for wall, _ in runs)
    cpu = statistics.median(float(cpu) for _, cpu in runs)
    return ms, words, load, cpu


def seconds_per_mib() -> float:
    """One 512 KiB paragraph of German dev text (no line breaks): seconds per MiB (issue 14: < 10 s)."""
    sentences = [as_text(s)[0] for _, name, group in dev_sets() if name == "sonar-dev" for s in group]
    pieces: list[str] = []
    size = 0
    while size < 512 * 1024:
        for text in sentences:
            pieces.append(text)
            size += len(text.encode()) + 1
            if size >= 512 * 1024:
                break
    paragraph = " ".join(pieces)
    t0 = time.perf_counter()
    EntityAnnotator().recognize_article([(paragraph, "de")])
    took = time.perf_counter() - t0
    return took / (len(paragraph.encode()) / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences per set")
    parser.add_argument("--errors", type=int, default=20)
    parser.add_argument("--model", type=Path, help="a tagger model file other than the shipped one")
    parser.add_argument("--no-own", action="store_true", help="skip our own set (entities_accuracy.py)")
    args = parser.parse_args()
    annotator = EntityAnnotator(builtin=BuiltinRecognizer(model=args.model))
    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    print("typed exact-span P / R / F1 (conlleval), built-in recognizer")
    total_overlaps = 0
    for lang, name, sentences in dev_sets():
        if args.limit:
            sentences = sentences[: args.limit]
        t0 = time.perf_counter()
        score, overlaps = score_set(annotator, lang, sentences, errors, examples)
        total_overlaps += overlaps
        p, r, f, n = score.row()
        took = time.perf_counter() - t0
        print(f"{lang} {name:26} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({n} gold, {len(sentences)} sentences)")
        cells = []
        for kind in TYPES:
            kp, kr, kf, kn = score.row(kind)
            if kn or score.pred[kind]:
                cells.append(f"{kind} {kp:.2f}/{kr:.2f}/{kf:.2f} ({kn})")
        print("      " + "   ".join(cells) + f"   [{took:.1f} s]")
    print("\nthe sets that mark documents, each document given as one article (recognize_article):")
    for lang, name, documents in article_sets():
        score, overlaps = score_set(annotator, lang, [], Counter(), defaultdict(list), documents)
        total_overlaps += overlaps
        p, r, f, n = score.row()
        cells = "   ".join(
            f"{k} {score.row(k)[0]:.2f}/{score.row(k)[1]:.2f}/{score.row(k)[2]:.2f}" for k in TYPES
        )
        print(f"{lang} {name:26} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({n} gold, {len(documents)} documents)")
        print("      " + cells)
    print(f"overlapping spans returned: {total_overlaps}")
    print(f"\n{args.errors} most frequent error kinds (with examples):")
    for key, count in errors.most_common(args.errors):
        print(f"  {count:5}  {key}: " + ", ".join(examples[key][:4]))
    ms, words, load, cpu = speed()
    model = args.model or resource_path(*MODEL_FILE)
    lists = sum(p.stat().st_size for p in resource_path("entities", "words").glob("*.txt.gz"))
    size = model.stat().st_size + resource_path(*GAZETTEER_FILE).stat().st_size + lists
    print(f"\nspeed: {ms:.0f} ms per 2,000 words ({words}-word de/en dev text, median of 7, entities only)")
    print(
        f"load (fresh process: gazetteer + tagger + first call): {load * 1000:.0f} ms wall, "
        f"process CPU time including interpreter start {cpu * 1000:.0f} ms"
    )
    print(
        f"one long paragraph: {seconds_per_mib():.1f} s per MiB (512 KiB of German dev text, no line break)"
    )
    print(
        f"size on disk: tagger {model.stat().st_size / 1e6:.1f} MB, word ranks and noun forms "
        f"{lists / 1e6:.1f} MB, tagger + gazetteer + word lists {size / 1e6:.1f} MB"
    )
    if not args.no_own:
        print("\nour own hand-labelled set (benchmarks/entities_accuracy.py):", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "entities_accuracy.py")], cwd=ROOT, check=False
        )


if __name__ == "__main__":
    main()

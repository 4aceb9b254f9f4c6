"""Alternative translations of one sentence: time for a 30-token sentence, model loaded (issue 11: < 1 s).

The benchmark-size model of ``benchmarks/translate.py`` (random-weight de→en, transformer-base shape:
6+6 layers, d_model 512, int8, 32k SentencePiece; built once under $READER_BENCH_DIR). The engine's own
settings (beam 4, its decode cap: 2 × source tokens + 16) and its ``alternatives()`` path: three
alternatives asked for, so ``num_hypotheses`` 4 and beam 4. Random weights never emit the end token, so
every hypothesis runs to the cap (76 tokens for 30 source tokens): the worst case, about twice what a real
model writes for a 30-token sentence. A second figure caps the decode at 1.2 × source + 4 (about a real
translation's length) to show the typical case. Each figure is the median of 7 runs after one warm-up.

Usage: uv run python benchmarks/alternatives.py
Prints: ``alternatives_30_tokens_s=<median wall time, engine cap>``, ``alternatives_30_tokens_typical_s=``
(the realistic cap) and the CPU seconds of both (what the wall time is on an idle machine).
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.translate import _DE, packages_dir  # noqa: E402

RUNS = 7


def thirty_token_sentence(encode: object) -> str:
    """German-vocabulary words, added until the package's tokenizer makes exactly 30 pieces of it."""
    words: list[str] = []
    for index in range(200):
        words.append(_DE[(index * 7) % len(_DE)])
        sentence = " ".join([words[0].capitalize(), *words[1:]]) + "."
        if len(encode(sentence)) >= 30:  # type: ignore[operator]
            return sentence
    raise RuntimeError("could not make a 30-token sentence")


def measure(decode_ratio: float, decode_extra: int) -> tuple[float, float, int, int]:
    from reader.core.translate.engine import EngineSettings, TranslationEngine
    from reader.core.translate.packages import PackageManager

    manager = PackageManager(packages_dir("transformer"))
    settings = replace(EngineSettings(), decode_ratio=decode_ratio, decode_extra=decode_extra)
    engine = TranslationEngine(manager, settings=settings)
    (package,) = manager.find_path("de", "en") or []
    model = engine._models.get(package)  # loaded before timing: the figure is with the model loaded
    sentence = thirty_token_sentence(model._encode)
    tokens = len(model._encode(sentence))
    engine.alternatives(sentence, "de", "en", count=3)  # warm-up
    times = []
    cpu = []
    found = 0
    for _ in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        alternatives = engine.alternatives(sentence, "de", "en", count=3)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        found = len(alternatives)
    return statistics.median(times), statistics.median(cpu), tokens, found


def main() -> None:
    worst, worst_cpu, tokens, found = measure(2.0, 16)
    typical, typical_cpu, _tokens, _found = measure(1.2, 4)
    print(f"sentence_tokens={tokens} alternatives_returned={found} runs={RUNS}")
    # CPU seconds too: on a shared machine the wall time is mostly waiting for a core; one beam search
    # runs on one thread, so on an idle machine the wall time is about the CPU time.
    print(f"alternatives_30_tokens_cpu_s={worst_cpu:.3f} typical_cpu_s={typical_cpu:.3f}")
    print(f"alternatives_30_tokens_s={worst:.3f}")
    print(f"alternatives_30_tokens_typical_s={typical:.3f}")


if __name__ == "__main__":
    main()

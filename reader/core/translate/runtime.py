"""Loaded translation models: a CTranslate2 translator plus the package's own tokenizer.

``ModelPool`` loads lazily, keeps the most recently used models (a pivot needs two at once, a mixed
article a third), and releases the ones idle for longer than a limit. ``LoadedModel.translate`` runs
batched ``translate_batch`` calls over sentences sorted by length, each with a decode cap relative
to its longest source (random-weight models never emit EOS; real ones stop far sooner), and returns each
sentence's translation with its score.

The score is the mean log-probability per token of the hypothesis (0 = certain). CTranslate2's
``return_scores`` gives the sum of the token log-probabilities divided by ``N ** length_penalty``, where N
counts the generated tokens including the end token when the model emitted it (measured against
``score_batch`` on 4.8.5, beam 1 and 4, length_penalty 0, 0.2 and 1: equal to 4 decimals). We decode with
``return_end_token=True`` so N is exactly the hypothesis length, and store
``score * N ** (length_penalty - 1)``, which is the plain mean whatever ``length_penalty`` is set to.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.cancel import CancelToken
from reader.core.errors import ModelError
from reader.core.translate import _argos
from reader.core.translate.batching import posting_order
from reader.core.translate.packages import InstalledPackage


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Tuning of the translation engine; defaults chosen by ``benchmarks/translate.py`` on 2 cores.

    Attributes:
        beam_size: 1 is greedy (fastest); argos uses 4.
        intra_threads, inter_threads: CTranslate2 threads per sub-batch, and sub-batches run in
            parallel (replicas share the weights). Measured on 2 shared cores (beam 4, 1,000
            words): inter 2 × intra 1 ≈ 4.7-6.6 s, inter 1 × intra 1 ≈ 6.8-7.6 s, inter 1 ×
            intra 2 ≈ 10.3 s; one thread per replica wins, as it did for argos.
        compute_type: "auto" = int8 where the CPU supports it, else CTranslate2's default.
        max_batch_tokens: padded tokens per ``translate_batch`` sub-batch.
        max_length_spread: a sub-batch's longest source is at most this × its shortest, which
            keeps padding and the shared decode cap close to every sentence's own.
        decode_ratio, decode_extra: a sentence decodes at most ratio × source tokens + extra
            (capped by max_decoding_length).
        first_tier_sentences: the first (visible) block is translated alone, then the other
            visible ones; then tiers in reading order of this many sentences, doubling up to
            tier_sentences. Small tiers stream sooner, large ones batch better: at beam 1 on the
            benchmark article, 16 → 2.9-3.0 s, 48 → 2.5-2.6 s, 4 → 4.0-4.7 s.
        max_loaded_models: models kept in memory; idle_seconds: ``release_idle`` drops models unused
            for longer.
    """

    beam_size: int = 4
    intra_threads: int = 1
    inter_threads: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    compute_type: str = "auto"
    max_batch_tokens: int = 2048
    max_length_spread: float = 1.25
    decode_ratio: float = 2.0
    decode_extra: int = 16
    max_decoding_length: int = 512
    length_penalty: float = 0.2
    first_tier_sentences: int = 16
    tier_sentences: int = 48
    max_loaded_models: int = 3
    idle_seconds: float = 300.0


def _decode_pieces(processor: Any, pieces: list[str]) -> str:
    """SentencePiece decoding that also works when the model speaks pieces the tokenizer lacks.

    Opus-MT packages ship the SOURCE side's tokenizer only; the model emits target pieces that this
    tokenizer does not know, and ``decode_pieces`` copies those verbatim, word marker included
    ("▁The minister▁said"). Every "▁" left over is a word boundary, as argos decodes it. Deliberate
    difference from argos: it also turns "_" into a space, which corrupts identifiers, URLs and file
    names in the text; a literal "_" is kept here.
    """
    return str(processor.decode_pieces(pieces)).replace("\u2581", " ")


def _decode_bpe(tokenizer: Any, pieces: list[str]) -> str:
    """argos's BPE decoding (joins "xx@@ yy", then Moses detokenizes), plus the one case it misses:
    a hypothesis cut off (decode cap) after a "continued" piece would keep its "@@"."""
    if pieces and pieces[-1].endswith("@@"):
        pieces = [*pieces[:-1], pieces[-1][:-2]]
    return str(tokenizer.decode(pieces))


class Hypothesis(NamedTuple):
    """A translation of one sentence and its mean log-probability per token."""

    text: str
    score: float


@dataclass(frozen=True, slots=True)
class Aligned:
    """A translation with what the glossary needs to put a term in: the target pieces, which source
    piece each attends to, and where each source piece lies in the sentence (characters)."""

    hypothesis: Hypothesis
    pieces: list[str]  # target pieces, without the target prefix and the end token
    attention: list[list[float]]  # one row per target piece, one column per source piece
    source_spans: list[tuple[int, int]]  # (start, end) of each source piece in the sentence
    decode: Callable[[list[str]], str]


def mean_log_prob(score: float, length: int, length_penalty: float) -> float:
    """CTranslate2's hypothesis score as the mean log-probability per token (see the module docstring)."""
    return float(score) * max(1, length) ** (length_penalty - 1.0)


def _char_spans(text: str, byte_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """SentencePiece reports piece offsets in UTF-8 bytes of the input; the glossary works in characters."""
    char_at = [0] * (len(text.encode("utf-8")) + 1)
    position = 0
    for index, char in enumerate(text):
        width = len(char.encode("utf-8"))
        for offset in range(width):
            char_at[position + offset] = index
        position += width
    char_at[position] = len(text)
    return [(char_at[min(b, position)], char_at[min(e, position)]) for b, e in byte_spans]


def _compute_type(requested: str) -> str:
    if requested != "auto":
        return requested
    import ctranslate2

    return "int8" if "int8" in ctranslate2.get_supported_compute_types("cpu") else "default"


class LoadedModel:
    """One package in memory: translator, tokenizer, target prefix."""

    def __init__(self, package: InstalledPackage, settings: EngineSettings) -> None:
        import ctranslate2

        self.package = package
        self.settings = settings
        self.last_used = time.monotonic()
        argos_package = _argos.import_argos("argostranslate.package")
        try:
            meta = argos_package.Package(package.path)
            self.translator = ctranslate2.Translator(
                str(package.path / "model"),
                device="cpu",
                compute_type=_compute_type(settings.compute_type),
                inter_threads=settings.inter_threads,
                intra_threads=settings.intra_threads,
            )
        except (OSError, RuntimeError, ValueError) as error:
            raise ModelError(f"The {package.pair} package could not be loaded; reinstall it.") from error
        self.target_prefix: str = getattr(meta, "target_prefix", "") or ""
        sp_path: Path = package.path / "sentencepiece.model"
        self._encode: Callable[[str], list[str]]
        self._decode: Callable[[list[str]], str]
        # Where each source piece lies in the text: SentencePiece knows; argos's BPE tokenizer does not,
        # so glossary terms are put in only on SentencePiece packages (all but the oldest).
        self._spans: Callable[[str], list[tuple[int, int]]] | None = None
        self.end_token = "</s>"
        try:
            config = json.loads((package.path / "model" / "config.json").read_text(encoding="utf-8"))
            self.end_token = str(config.get("eos_token") or self.end_token)
        except (OSError, ValueError, AttributeError):
            pass
        if sp_path.exists():
            import sentencepiece

            processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
            self._encode = lambda text: list(processor.encode(text, out_type=str))
            self._decode = lambda pieces: _decode_pieces(processor, pieces)

            def spans(text: str) -> list[tuple[int, int]]:
                proto = processor.encode(text, return_type="proto")
                return _char_spans(text, [(piece.begin, piece.end) for piece in proto.pieces])

            self._spans = spans
        else:
            tokenizer = getattr(meta, "tokenizer", None)  # argos BPETokenizer: sacremoses + subword-nmt
            if tokenizer is None:
                raise ModelError(f"The {package.pair} package has no tokenizer; reinstall it.")
            self._encode = tokenizer.encode
            self._decode = lambda pieces: _decode_bpe(tokenizer, pieces)

    def translate(
        self,
        sentences: Sequence[str],
        cancel: CancelToken | None = None,
        *,
        urgent: bool = False,
        on_done: Callable[[list[int], list[Hypothesis]], None] | None = None,
    ) -> list[Hypothesis]:
        """Translate sentences; results (text and score) in input order.

        The sentences are cut into sub-batches, each with a decode cap from its longest sentence, and
        all are posted to CTranslate2 at once (asynchronous), which runs them on its ``inter_threads``
        replicas: for throughput, or for latency when ``urgent`` (``batching.py``).
        ``on_done(indices, hypotheses)`` is called, from this thread, for each sub-batch as soon as it
        is done, so a caller can deliver what is ready.
        """
        tokens = [self._encode(s) for s in sentences]
        out = [Hypothesis("", 0.0)] * len(tokens)  # each filled as its sub-batch is done

        def batch_done(indices: list[int], results: list[Any]) -> None:
            hypotheses = [self._hypothesis(done.hypotheses[0], done.scores[0]) for done in results]
            for i, hypothesis in zip(indices, hypotheses, strict=True):
                out[i] = hypothesis
            if on_done is not None:
                on_done(indices, hypotheses)

        self._run_batches(tokens, cancel, urgent=urgent, on_batch=batch_done)
        return out

    def translate_aligned(
        self, sentences: Sequence[str], cancel: CancelToken | None = None, *, urgent: bool = False
    ) -> list[Aligned] | None:
        """``translate`` with cross-attention returned, for the glossary (same batches, same output);
        None when the tokenizer cannot say where its pieces lie (argos's BPE packages)."""
        if self._spans is None:
            return None
        tokens = [self._encode(s) for s in sentences]
        results = self._run_batches(tokens, cancel, urgent=urgent, return_attention=True)
        out = []
        for sentence, source, done in zip(sentences, tokens, results, strict=True):
            pieces = list(done.hypotheses[0])
            first = 1 if self.target_prefix and pieces[:1] == [self.target_prefix] else 0
            last = len(pieces) - 1 if pieces and pieces[-1] == self.end_token else len(pieces)
            attention = done.attention[0]
            out.append(
                Aligned(
                    self._hypothesis(pieces, done.scores[0]),
                    pieces[first:last],
                    [list(row)[: len(source)] for row in attention[first:last]],
                    self._spans(sentence),
                    self._finish_pieces,
                )
            )
        return out

    def _run_batches(
        self,
        tokens: list[list[str]],
        cancel: CancelToken | None,
        *,
        urgent: bool,
        on_batch: Callable[[list[int], list[Any]], None] | None = None,
        **extra: Any,
    ) -> list[Any]:
        """CTranslate2 results for tokenized sentences, in input order (see ``translate``)."""
        settings = self.settings
        self.last_used = time.monotonic()
        if cancel is not None:
            cancel.raise_if_cancelled()
        if not tokens:
            return []
        lengths = [len(t) for t in tokens]
        batches = posting_order(
            lengths,
            settings.inter_threads,
            settings.max_batch_tokens,
            settings.max_length_spread,
            urgent=urgent,
        )
        pending = []
        for batch in batches:
            kwargs: dict[str, Any] = dict(extra)
            if self.target_prefix:
                kwargs["target_prefix"] = [[self.target_prefix]] * len(batch)
            results = self.translator.translate_batch(
                [tokens[i] for i in batch],
                beam_size=settings.beam_size,
                length_penalty=settings.length_penalty,
                replace_unknowns=True,
                max_decoding_length=self._cap(max(lengths[i] for i in batch)),
                asynchronous=True,
                return_scores=True,
                return_end_token=True,
                **kwargs,
            )
            pending.append((batch, results))
        out: list[Any] = [None] * len(tokens)
        for batch, results in _as_completed(pending) if on_batch is not None else pending:
            done = [result.result() for result in results]
            for i, result in zip(batch, done, strict=True):
                out[i] = result
            if on_batch is not None:
                on_batch(batch, done)
        self.last_used = time.monotonic()
        return out

    def alternatives(self, sentence: str, count: int, cancel: CancelToken | None = None) -> list[Hypothesis]:
        """The ``count`` best hypotheses for one sentence, best first (beam at least ``count``)."""
        if cancel is not None:
            cancel.raise_if_cancelled()
        self.last_used = time.monotonic()
        tokens = self._encode(sentence)
        settings = self.settings
        kwargs: dict[str, Any] = {}
        if self.target_prefix:
            kwargs["target_prefix"] = [[self.target_prefix]]
        result = self.translator.translate_batch(
            [tokens],
            beam_size=max(settings.beam_size, count),
            num_hypotheses=count,
            length_penalty=settings.length_penalty,
            replace_unknowns=True,
            max_decoding_length=self._cap(len(tokens)),
            return_scores=True,
            return_end_token=True,
            **kwargs,
        )[0]
        self.last_used = time.monotonic()
        return [self._hypothesis(h, s) for h, s in zip(result.hypotheses, result.scores, strict=True)]

    def _cap(self, length: int) -> int:
        cap = int(self.settings.decode_ratio * length + self.settings.decode_extra)
        return max(1, min(self.settings.max_decoding_length, cap))

    def _hypothesis(self, pieces: list[str], score: float) -> Hypothesis:
        mean = mean_log_prob(score, len(pieces), self.settings.length_penalty)
        if pieces and pieces[-1] == self.end_token:
            pieces = pieces[:-1]
        return Hypothesis(self._finish(pieces), round(mean, 4))

    def _finish_pieces(self, pieces: list[str]) -> str:
        return self._finish(pieces) if pieces else ""

    def _finish(self, pieces: list[str]) -> str:
        text = self._decode(pieces)
        if self.target_prefix and text.startswith(self.target_prefix):
            text = text[len(self.target_prefix) :]
        return text[1:] if text.startswith(" ") else text


def _as_completed(pending: list[tuple[list[int], list[Any]]]) -> Iterator[tuple[list[int], list[Any]]]:
    """Posted sub-batches as they finish (the replicas run in parallel, so not in posting order).
    CTranslate2's asynchronous results can only be polled or waited on one by one; a 2 ms poll costs
    nothing next to a decode and delivers a finished paragraph within 2 ms."""
    waiting = list(pending)
    while waiting:
        ready = [entry for entry in waiting if all(result.done() for result in entry[1])]
        if not ready:
            time.sleep(0.002)
            continue
        for entry in ready:
            waiting.remove(entry)
            yield entry


class ModelPool:
    """Lazily loaded models, most recently used kept, idle ones released."""

    def __init__(self, settings: EngineSettings) -> None:
        self.settings = settings
        self._models: OrderedDict[tuple[Path, str], LoadedModel] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, package: InstalledPackage) -> LoadedModel:
        key = (package.path, package.model_id)
        with self._lock:
            model = self._models.get(key)
            if model is not None:
                self._models.move_to_end(key)
                model.last_used = time.monotonic()
                return model
        model = LoadedModel(package, self.settings)
        with self._lock:
            for stale in [k for k in self._models if k[0] == package.path]:
                del self._models[stale]  # the package was replaced on disk: its old model goes
            self._models[key] = model
            while len(self._models) > max(1, self.settings.max_loaded_models):
                self._models.popitem(last=False)
        return model

    def loaded(self) -> list[InstalledPackage]:
        with self._lock:
            return [model.package for model in self._models.values()]

    def release_idle(self, older_than: float | None = None) -> None:
        limit = self.settings.idle_seconds if older_than is None else older_than
        now = time.monotonic()
        with self._lock:
            for key in [k for k, m in self._models.items() if now - m.last_used >= limit]:
                del self._models[key]

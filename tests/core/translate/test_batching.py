"""Which sentences go into which CTranslate2 sub-batch, and in which order they are posted."""

from __future__ import annotations

from reader.core.translate.batching import posting_order


def _flat(batches: list[list[int]]) -> list[int]:
    return sorted(i for batch in batches for i in batch)


def test_urgent_call_puts_one_batch_on_each_replica_longest_first() -> None:
    batches = posting_order([14, 22, 18, 20], 2, 2048, 1.25, urgent=True)
    assert batches == [[3, 1], [0, 2]]


def test_throughput_cut_keeps_lengths_close_and_fills_every_replica() -> None:
    lengths = [5, 6, 40, 42, 7, 41]
    batches = posting_order(lengths, 2, 2048, 1.25)
    assert _flat(batches) == list(range(6))
    for batch in batches:
        assert max(lengths[i] for i in batch) <= 1.25 * min(lengths[i] for i in batch)
    assert max(lengths[i] for i in batches[0]) == 42  # longest first: short ones fill in at the end


def test_many_urgent_sentences_fall_back_to_the_throughput_cut() -> None:
    lengths = [10 + i for i in range(20)]  # 10 per replica is past the few a step carries for free
    assert posting_order(lengths, 2, 2048, 1.25, urgent=True) == posting_order(lengths, 2, 2048, 1.25)

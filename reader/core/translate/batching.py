"""How one model call's sentences are cut into CTranslate2 sub-batches, and in which order they are posted.

CTranslate2 runs posted sub-batches on its ``inter_threads`` replicas, each free replica taking the next
one in posting order. Two cuts:

- for throughput, sentences sorted by length and cut into sub-batches of at most ``max_batch_tokens``
  padded tokens (and into at least one per replica, so every replica works), lengths kept within
  ``max_length_spread`` of each other so the padding and the shared decode cap stay close to every
  sentence's own;
- for latency (``urgent``: a few sentences someone is waiting for), exactly one sub-batch per replica. A
  decoding step costs nearly the same for one sentence as for a few (it reads every weight either way),
  so the call lasts about one sentence's decode instead of several in turn.

Sub-batches are posted longest first (longest-processing-time-first: the short ones fill in at the end).

Tried and dropped: letting the first paragraph "lead" an urgent call (its sentences spread over the
replicas and posted ahead of the headline's). On the benchmark article, at beam 4, 10 runs for each
model shape, the paragraph came no sooner (0.34-0.50 s against 0.30-0.56 s), since the headline then
decodes beside the paragraph's last sub-batch and the replicas share the memory bandwidth, while the
headline came later (0.44-0.75 s instead of with the paragraph).
"""

from __future__ import annotations

from collections.abc import Sequence

# An urgent call puts at most this many sentences on one replica; beyond that a decoding step is no
# longer nearly free per extra sentence, and mixing lengths would cost more than it saves.
URGENT_PER_REPLICA = 4


def length_batches(
    lengths: Sequence[int], replicas: int, max_batch_tokens: int, max_length_spread: float
) -> list[list[int]]:
    """Indices cut for throughput (see the module docstring), shortest sentences first."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    parts = max(1, min(replicas, len(order)))
    budget = min(max_batch_tokens, max(1, sum(lengths) // parts))
    batches = []
    start = 0
    while start < len(order):
        end = start + 1
        # sorted by length: the padded size of order[start:end+1] is its last length × count
        shortest = max(1, lengths[order[start]])
        while (
            end < len(order)
            and lengths[order[end]] * (end + 1 - start) <= budget
            and lengths[order[end]] <= shortest * max_length_spread
        ):
            end += 1
        batches.append(order[start:end])
        start = end
    return batches


def even_batches(
    lengths: Sequence[int], replicas: int, max_batch_tokens: int, max_length_spread: float
) -> list[list[int]]:
    """Indices cut for latency: one length-sorted slice per replica; past a few sentences per replica
    (a step then costs per sentence) or the token budget, the throughput cut."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    parts = max(1, min(replicas, len(order)))
    size = -(-len(order) // parts)  # sentences per replica, rounded up
    longest = max(lengths, default=1)
    if size > URGENT_PER_REPLICA or longest * size > max_batch_tokens:
        return length_batches(lengths, replicas, max_batch_tokens, max_length_spread)
    return [order[i : i + size] for i in range(0, len(order), size)]


def posting_order(
    lengths: Sequence[int],
    replicas: int,
    max_batch_tokens: int,
    max_length_spread: float,
    *,
    urgent: bool = False,
) -> list[list[int]]:
    """The sub-batches of one call, as indices into ``lengths``, in the order to post them."""
    cut = even_batches if urgent else length_batches
    batches = cut(lengths, replicas, max_batch_tokens, max_length_spread)
    return sorted(batches, key=lambda batch: -max(lengths[i] for i in batch))

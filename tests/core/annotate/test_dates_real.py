"""Quality floor on public labelled data (``../shared/data/dates``, beside the clone): a fixed slice of each
dev set, scored exactly as ``benchmarks/dates_real.py`` scores all of it. The floors are the figures
reached on these slices minus 0.03, so a change that loses recall, precision or values fails here."""

from __future__ import annotations

import pytest

from benchmarks.dates_real import DATA, load, score

# language → (documents in the slice, F1 floor, value-accuracy floor); reached: F1 0.939 / 0.963 / 0.923
# / 0.871, values 0.874 / 0.829 / 0.833 / 0.937 (en TimeBank+AQUAINT, de WikiWarsDE, fr FTiB, es TimeBank).
SLICES = {
    "en": (80, 0.909, 0.844),
    "de": (3, 0.933, 0.799),
    "fr": (54, 0.893, 0.803),
    "es": (60, 0.841, 0.907),
}

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"public dev data not found at {DATA}")


@pytest.mark.parametrize("lang", sorted(SLICES))
def test_dev_slice_stays_above_its_floor(lang: str) -> None:
    documents, f1_floor, value_floor = SLICES[lang]
    docs = load(lang)[:documents]
    result = score(docs)
    assert result.gold > 150, "the slice lost its gold annotations: is the data folder complete?"
    assert result.f1 >= f1_floor, result.errors.most_common(10)
    assert result.value_accuracy >= value_floor, result.errors.most_common(10)

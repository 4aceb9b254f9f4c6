"""Quality floor on public labelled data (``../shared/data/dates``, beside the clone): a fixed slice of each
dev set, scored exactly as ``benchmarks/dates_real.py`` scores all of it. The floors are the figures
reached on these slices minus 0.03, so a change that loses recall, precision or values fails here."""

from __future__ import annotations

import pytest

from benchmarks.dates_real import DATA, load, score

# language → (documents in the slice, F1 floor, value-accuracy floor); reached: F1 0.933 / 0.947 / 0.897
# / 0.847, values 0.873 / 0.837 / 0.784 / 0.944 (en TimeBank+AQUAINT, de WikiWarsDE, fr FTiB, es TimeBank).
SLICES = {
    "en": (80, 0.903, 0.843),
    "de": (3, 0.917, 0.807),
    "fr": (54, 0.867, 0.754),
    "es": (60, 0.817, 0.914),
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

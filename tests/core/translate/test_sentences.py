"""The offline sentence splitter: each sentence is translated on its own, so wrong splits show."""

from __future__ import annotations

import pytest

from reader.core.translate.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Am 3. Okt. 2024 sagte Dr. Müller: „Das ist z. B. gut.“ Dann ging er. Die U.S.A. sind groß.",
            [
                "Am 3. Okt. 2024 sagte Dr. Müller: „Das ist z. B. gut.“",
                "Dann ging er.",
                "Die U.S.A. sind groß.",
            ],
        ),
        (
            "Das Treffen findet am 12. Januar statt. Wirklich? Ja!",
            ["Das Treffen findet am 12. Januar statt.", "Wirklich?", "Ja!"],
        ),
        (
            'He said "Go now." Then J. R. Smith left, approx. at noon.',
            ['He said "Go now."', "Then J. R. Smith left, approx. at noon."],
        ),
        ("Erste Zeile ohne Punkt\nZweite Zeile.", ["Erste Zeile ohne Punkt", "Zweite Zeile."]),
        ("version 2.5 is out. it works.", ["version 2.5 is out. it works."]),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected

"""Mapping sentence offsets through hyphenation, finding the sentence at an offset, and the tooltips."""

from __future__ import annotations

from reader.core.document import SentenceOrigin, SentencePair
from reader.ui.reading_layout import hyphenate
from reader.ui.sentence_marks import (
    SOFT_HYPHEN,
    BodyPlacement,
    record_shifts,
    sentence_index_at,
    sentence_tooltip,
)

TEXT = "Die Bundesregierung beschloss weitreichende Klimaschutzmaßnahmen. Sie gelten sofort."


def placement_of(text: str, prepared: str) -> BodyPlacement:
    placement = BodyPlacement(len(text))
    record_shifts(text, prepared, 0, placement.shifts)
    return placement


def test_offsets_survive_hyphenation_both_ways() -> None:
    hyphenated = hyphenate(TEXT, "de")
    assert hyphenated.count(SOFT_HYPHEN) >= 4
    placement = placement_of(TEXT, hyphenated)
    assert placement.rendered_length == len(hyphenated)
    for offset, char in enumerate(TEXT):
        rendered = placement.to_rendered(offset)
        assert hyphenated[rendered] == char
        assert placement.to_source(rendered) == offset
    second = TEXT.index("Sie")
    assert hyphenated[placement.to_rendered(second) : placement.rendered_end(len(TEXT))] == hyphenate(
        TEXT[second:], "de"
    )


def test_soft_hyphens_already_in_the_text_are_not_counted_twice() -> None:
    text = f"Donau{SOFT_HYPHEN}dampf{SOFT_HYPHEN}schifffahrt fährt."
    prepared = hyphenate(text, "de")
    placement = placement_of(text, prepared)
    assert placement.rendered_length == len(prepared)
    assert prepared[placement.to_rendered(text.index("fährt"))] == "f"


def test_the_space_after_a_sentence_belongs_to_it_and_uncovered_text_to_none() -> None:
    first, second = TEXT.index("."), TEXT.index("Sie")
    pairs = (
        SentencePair((0, first + 1), (0, 10)),
        SentencePair((second, len(TEXT) - 7), (11, 20)),  # " sofort." left as is: no pair covers it
    )
    assert sentence_index_at(pairs, TEXT, 0, target=False) == 0
    assert sentence_index_at(pairs, TEXT, first + 1, target=False) == 0  # the space between
    assert sentence_index_at(pairs, TEXT, second, target=False) == 1
    assert sentence_index_at(pairs, TEXT, len(TEXT) - 3, target=False) is None
    assert sentence_index_at(pairs, "x" * 20, 12, target=True) == 1


def test_tooltips_say_why_a_sentence_looks_as_it_does() -> None:
    unsure = SentencePair((0, 1), (0, 1), -2.14)
    assert sentence_tooltip(unsure, -1.2) == "The model was unsure of this sentence (score −2.1)"
    assert sentence_tooltip(unsure, None) == ""  # underlining turned off
    assert sentence_tooltip(SentencePair((0, 1), (0, 1), -0.3), -1.2) == ""
    glossary = SentencePair((0, 1), (0, 1), -2.0, SentenceOrigin.GLOSSARY)
    assert (
        sentence_tooltip(glossary, -1.2)
        == "The model was unsure of this sentence (score −2.0)\nGlossary applied"
    )
    assert (
        sentence_tooltip(SentencePair((0, 1), (0, 1), None, SentenceOrigin.MEMORY), -1.2)
        == "Your translation"
    )

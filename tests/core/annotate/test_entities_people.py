"""People the built-in recognizer finds from little evidence (a given name alone inside a sentence), and
places it must not take for people (our own sentences)."""

from __future__ import annotations

from reader.core.annotate.entities import BuiltinRecognizer
from reader.core.document import SpanKind

RECOGNIZER = BuiltinRecognizer()
PER = SpanKind.PERSON


def found(text: str, lang: str) -> list[tuple[str, SpanKind]]:
    return [(s.text, s.kind) for s in RECOGNIZER.recognize(text, lang)]


def test_a_given_name_alone_inside_a_sentence_is_a_person() -> None:
    assert ("Jürgen", PER) in found("Am Abend kam auch Jürgen dazu und brachte Kuchen mit.", "de")
    assert ("Brigitte", PER) in found("Nach dem Spiel umarmte sie Brigitte lange.", "de")


def test_a_given_name_that_is_also_a_word_or_place_stays_unmarked() -> None:
    # "Rose" is a flower and a given name; "Mai" a month and a name: neither is a person here.
    assert found("Im Garten blühte eine Rose neben dem Zaun.", "de") == []
    assert found("Die Sitzung wurde auf Mai verschoben.", "de") == []


def test_a_listed_city_after_a_verb_of_saying_stays_a_place() -> None:
    # The tagger reads "said X would" as a person; a listed place that is no given name or surname is not.
    assert found("A spokesman said Kyiv would not give up.", "en") == [("Kyiv", SpanKind.LOCATION)]
    assert ("Ankara", SpanKind.LOCATION) in found("The envoy said Ankara had agreed.", "en")

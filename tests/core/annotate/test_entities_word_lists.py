"""The word lists the entity tagger weighs (German noun forms, surnames), and what a reader sees because of
them: rare German common nouns are not highlighted, a lone surname is a person."""

from __future__ import annotations

from reader.core.annotate.entities import BuiltinRecognizer
from reader.core.annotate.word_lists import is_surname, noun_class
from reader.core.document import SpanKind

RECOGNIZER = BuiltinRecognizer()


def test_german_noun_forms_names_and_compounds() -> None:
    assert noun_class("Linienbussen", "de") == "noun"  # an inflected form (dative plural)
    assert noun_class("Schröder", "de") == "name"
    assert noun_class("Wolga", "de") in ("name", "both")
    # a compound no dictionary lists, whose last part is a known noun
    assert noun_class("Windradbaustellen", "de") == "compound"
    assert noun_class("Bundesliga-Saison", "de") == "compound"
    assert noun_class("Nyktoborsz", "de") is None
    # only capitalized German words: other languages and lower case are not looked up
    assert noun_class("Linienbussen", "en") is None
    assert noun_class("Linienbussen", None) is None
    assert noun_class("linienbussen", "de") is None


def test_surnames() -> None:
    assert is_surname("Castaño") and is_surname("Janssens") and is_surname("Kowalski")
    assert not is_surname("Tisch") and not is_surname("castaño")


def test_rare_german_common_nouns_are_not_highlighted() -> None:
    text = (
        "Die Stadtwerke ersetzen die alten Linienbusse durch Elektrofahrzeuge, und in den Schulkantinen "
        "gibt es wieder Milchreis. Schäden in Millionenhöhe meldeten die Versicherungen."
    )
    assert RECOGNIZER.recognize(text, "de") == ()


def test_german_names_beside_rare_nouns_are_still_found() -> None:
    text = "Bürgermeisterin Helga Wendtland eröffnete in Offenburg die neuen Fahrradabstellanlagen."
    found = [(s.text, s.kind) for s in RECOGNIZER.recognize(text, "de")]
    assert found == [("Helga Wendtland", SpanKind.PERSON), ("Offenburg", SpanKind.LOCATION)]

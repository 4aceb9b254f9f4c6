"""The built-in entity recognizer: issue examples, German nouns, linking, article memory, accuracy floors."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.annotate.entities import BuiltinRecognizer, EntityAnnotator
from reader.core.annotate.linking import link_entities
from reader.core.document import Span, SpanKind

PER, ORG, LOC, MISC = SpanKind.PERSON, SpanKind.ORGANIZATION, SpanKind.LOCATION, SpanKind.MISC
ROOT = Path(__file__).resolve().parents[3]


def found(text: str, lang: str | None) -> list[tuple[str, SpanKind]]:
    return [(s.text, s.kind) for s in BuiltinRecognizer().recognize(text, lang)]


def test_spans_are_offsets_sorted_non_overlapping_and_marked_builtin() -> None:
    text = "Die Außenministerin Annalena Baerbock reiste nach Kiew und traf Vertreter der Nato."
    spans = BuiltinRecognizer().recognize(text, "de")
    assert [(s.text, s.kind) for s in spans] == [("Annalena Baerbock", PER), ("Kiew", LOC), ("Nato", ORG)]
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start
    assert all(text[s.start : s.end] == s.text and s.detail == "builtin" for s in spans)


def test_german_nouns_are_not_entities() -> None:
    text = (
        "Die Regierung will im Sommer mehr Geld für Schulen, Straßen und die Bahn ausgeben, "
        "sagte der Minister. Frieden und Freiheit, Wirtschaft und Arbeit stehen im Mittelpunkt."
    )
    assert found(text, "de") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Der NATO-Chef sprach von der Ukraine-Krise.", "de", [("NATO", ORG), ("Ukraine", LOC)]),
        ("Der EU-Gipfel und US-Beamte trafen sich.", "de", [("EU", ORG), ("US", LOC)]),
        (
            "Gespräche mit den Vereinigten Staaten und Russlands Führung.",
            "de",
            [("Vereinigten Staaten", LOC), ("Russlands", LOC)],
        ),
        ("Russia's army moved towards Ukraine’s border.", "en", [("Russia", LOC), ("Ukraine", LOC)]),
    ],
)
def test_compounds_and_inflections_mark_the_entity_part(
    text: str, lang: str, expected: list[tuple[str, SpanKind]]
) -> None:
    assert found(text, lang) == expected


def test_acronyms_and_spelled_out_organisations() -> None:
    assert found("Die OSZE und die Nato beraten, ebenso die NATO.", "de") == [
        ("OSZE", ORG),
        ("Nato", ORG),
        ("NATO", ORG),
    ]
    assert found(
        "Beobachter der Organisation für Sicherheit und Zusammenarbeit in Europa reisen ab.", "de"
    ) == [("Organisation für Sicherheit und Zusammenarbeit in Europa", ORG)]
    assert found("The Ministry of Foreign Affairs and the Atlantic Council disagreed.", "en") == [
        ("Ministry of Foreign Affairs", ORG),
        ("Atlantic Council", ORG),
    ]
    assert found("Shares of Beispiel AG fell; the CEO spoke on TV.", "en") == [("Beispiel AG", ORG)]


def test_titles_before_unknown_names_make_people() -> None:
    assert found("Außenminister Zbigniew Kowalczyk sprach mit Generalsekretär Ostrowski.", "de") == [
        ("Zbigniew Kowalczyk", PER),
        ("Ostrowski", PER),
    ]
    assert found("Foreign Minister Kowalczyk met NATO-Generalsekretär Rutte.", "en")[0] == ("Kowalczyk", PER)


def test_a_surname_seen_earlier_in_the_article_is_a_person() -> None:
    blocks = [
        ("Die Ministerin Jolanta Wiśniewska kam nach Berlin.", "de"),
        ("Wiśniewska sagte, Wiśniewskas Plan sei fertig.", "de"),
        ("Wiśniewska's plan was praised.", "en"),
    ]
    result = EntityAnnotator().recognize_article(blocks)
    assert [(s.text, s.kind) for s in result[1]] == [("Wiśniewska", PER), ("Wiśniewskas", PER)]
    assert [(s.text, s.kind) for s in result[2]] == [("Wiśniewska", PER)]


def test_english_unknown_capitalized_names_count_but_sentence_starts_do_not() -> None:
    assert found("Officials said the talks in Kharkivska went well.", "en") == [("Kharkivska", LOC)]
    assert found("Yesterday the Tarnovian delegation left.", "en") == [("Tarnovian", MISC)]


def test_same_entity_links_across_languages() -> None:
    recognizer = BuiltinRecognizer()
    original = recognizer.recognize(
        "Nato-Generalsekretär Jens Stoltenberg reiste nach München und Russland.", "de"
    )
    translated = recognizer.recognize(
        "NATO Secretary-General Stoltenberg travelled to Munich and Russia.", "en"
    )
    pairs = {(original[i].text, translated[j].text) for i, j in link_entities(original, translated)}
    assert pairs == {
        ("Nato", "NATO"),
        ("Jens Stoltenberg", "Stoltenberg"),
        ("München", "Munich"),
        ("Russland", "Russia"),
    }
    assert {s.value for s in original} >= {"org:nato", "per:stoltenberg", "loc:RU"}


def test_link_falls_back_to_the_surface_when_types_differ() -> None:
    original = [Span(0, 5, ORG, "Gamma", "org:gamma")]
    translated = [Span(4, 9, MISC, "Gamma", "misc:gamma"), Span(10, 15, LOC, "Delta", "loc:delta")]
    assert link_entities(original, translated) == [(0, 0)]


def test_empty_and_unknown_language() -> None:
    assert found("", "de") == [] and found("   ", None) == []
    assert ("Berlin", LOC) in found("Treffen in Berlin mit der NATO.", None)


def test_concurrent_first_use_gives_the_same_answers() -> None:
    text = "Bundeskanzler Olaf Scholz traf in Paris Emmanuel Macron und Vertreter der EU."
    expected = found(text, "de")
    results: list[list[tuple[str, SpanKind]]] = []
    threads = [threading.Thread(target=lambda: results.append(found(text, "de"))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 6


def test_importing_the_recognizer_loads_no_data_and_no_spacy() -> None:
    code = (
        "import sys; import reader.core.annotate.entities as e; "
        "from reader.core.annotate import gazetteer as g; "
        "e.EntityAnnotator(); print(g.is_loaded(), 'spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_labelled_set_precision_and_recall_floors() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import entities_accuracy as bench
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    table = bench.score(EntityAnnotator(), bench.SUBSET["all"])
    assert table["all"]["gold"] >= 150
    for key in ("all", "de", "en"):
        precision, recall, _typed = bench.figures(table[key])
        assert precision >= 0.9, (key, precision)
        assert recall >= 0.8, (key, recall)

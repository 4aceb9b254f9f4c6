"""The built-in entity recognizer: the API contract, issue 9's error patterns (our own sentences), languages,
article memory, long input, the sample article, and the hand-labelled set's floors."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.core.annotate.annotator import Annotator
from reader.core.annotate.entities import BuiltinRecognizer, EntityAnnotator
from reader.core.document import Span, SpanKind

PER, ORG, LOC, MISC = SpanKind.PERSON, SpanKind.ORGANIZATION, SpanKind.LOCATION, SpanKind.MISC
ROOT = Path(__file__).resolve().parents[3]
RECOGNIZER = BuiltinRecognizer()


def found(text: str, lang: str | None) -> list[tuple[str, SpanKind]]:
    return [(s.text, s.kind) for s in RECOGNIZER.recognize(text, lang)]


def assert_contract(text: str, spans: tuple[Span, ...]) -> None:
    for a, b in zip(spans, spans[1:], strict=False):
        assert a.end <= b.start, (a, b)
    assert all(text[s.start : s.end] == s.text and s.text.strip() == s.text for s in spans)


def test_spans_are_offsets_sorted_non_overlapping_and_marked_builtin() -> None:
    text = "Die Außenministerin Annalena Baerbock reiste nach Kiew und traf Vertreter der Nato."
    spans = RECOGNIZER.recognize(text, "de")
    assert [(s.text, s.kind) for s in spans] == [("Annalena Baerbock", PER), ("Kiew", LOC), ("Nato", ORG)]
    assert_contract(text, spans)
    assert all(s.detail == "builtin" for s in spans)


def test_german_nouns_are_not_entities() -> None:
    text = (
        "Die Regierung will im Sommer mehr Geld für Schulen, Straßen und die Bahn ausgeben, "
        "sagte der Minister. Frieden und Freiheit, Wirtschaft und Arbeit stehen im Mittelpunkt."
    )
    assert found(text, "de") == []


def test_generic_nouns_and_thing_acronyms_are_not_entities() -> None:
    assert found("Die Partei will in der Region mehr Wohnungen bauen.", "de") == []
    assert found("Der DAX stieg, die ISBN stand im Impressum, der Fernseher kann Full-HD.", "de") == []
    assert found("The ISBN is on the back and the DAX closed higher.", "en") == []


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


def test_long_names_from_the_gazetteer_are_kept_whole() -> None:
    assert found(
        "Beobachter der Organisation für Sicherheit und Zusammenarbeit in Europa reisen ab.", "de"
    ) == [("Organisation für Sicherheit und Zusammenarbeit in Europa", ORG)]
    assert found("The Ministry of Foreign Affairs and the Atlantic Council disagreed.", "en") == [
        ("Ministry of Foreign Affairs", ORG),
        ("Atlantic Council", ORG),
    ]


def test_multi_word_names_are_not_cut_short() -> None:
    assert found("Borussia Dortmund und Bayer Leverkusen trennten sich unentschieden.", "de") == [
        ("Borussia Dortmund", ORG),
        ("Bayer Leverkusen", ORG),
    ]


def test_a_club_named_after_its_city_is_an_organisation() -> None:
    assert ("Real Madrid", ORG) in found("Juventus beat Real Madrid 2-1 in Turin on Tuesday.", "en")


def test_titles_and_honorifics_are_not_part_of_the_name() -> None:
    assert found("Außenminister Zbigniew Kowalczyk sprach mit Generalsekretär Ostrowski.", "de") == [
        ("Zbigniew Kowalczyk", PER),
        ("Ostrowski", PER),
    ]
    people = found("Mrs. Okonkwo and Dr. Brandtner arrived late.", "en")
    assert people == [("Okonkwo", PER), ("Brandtner", PER)]


def test_abbreviations_keep_their_period() -> None:
    assert ("U.S.", LOC) in found("Talks in the U.S. ended on Monday.", "en")


def test_regions_and_nations_are_places() -> None:
    assert found("Die Pendler kommen aus dem Elsass und der Ortenau.", "de") == [
        ("Elsass", LOC),
        ("Ortenau", LOC),
    ]
    assert ("Scotland", LOC) in found("Voters in Scotland and Wales went to the polls.", "en")
    assert ("Vlaanderen", LOC) in found("De regering van Vlaanderen besliste gisteren.", "nl")


def test_all_capitals_datelines_are_not_organisations() -> None:
    assert found("MADRID (Reuters) - The government said that Spain would grow.", "en") == [
        ("MADRID", LOC),
        ("Reuters", ORG),
        ("Spain", LOC),
    ]


def test_german_events_and_currencies_are_other_names() -> None:
    found_misc = found("Nach dem Zweiten Weltkrieg kostete das Brot zwei Euro.", "de")
    assert ("Zweiten Weltkrieg", MISC) in found_misc and ("Euro", MISC) in found_misc


def test_people_the_lists_do_not_know() -> None:
    # Unknown given names and surnames, a lone surname at the start of a sentence.
    assert found("Lena Brückner und Tobias Harlander gewannen den Preis.", "de") == [
        ("Lena Brückner", PER),
        ("Tobias Harlander", PER),
    ]
    assert ("Kowalski", PER) in found("Kowalski sagte am Montag, der Plan sei gut.", "de")
    assert ("Okafor", PER) in found("The plan will work, said Okafor.", "en")
    assert found("Henderson scored twice for the team on Saturday.", "en") == [("Henderson", PER)]


def test_surname_particles_stay_in_the_name() -> None:
    assert found("Elio Di Rupo en Frank Van Boxmeer spraken in Brussel.", "nl") == [
        ("Elio Di Rupo", PER),
        ("Frank Van Boxmeer", PER),
        ("Brussel", LOC),
    ]


def test_german_places_the_old_lists_missed() -> None:
    assert ("Wolga", LOC) in found("Die Schiffe fuhren auf der Wolga flussaufwärts.", "de")


def test_german_nation_adjectives_are_other_names() -> None:
    assert found("Die deutschen Soldaten und die britischen Piloten kehrten heim.", "de") == [
        ("deutschen", MISC),
        ("britischen", MISC),
    ]


def test_english_and_dutch_nation_words_are_other_names() -> None:
    en = found("The Dutch minister met Palestinians and South Korean diplomats in Oslo.", "en")
    assert ("Dutch", MISC) in en
    assert ("Palestinians", MISC) in en
    assert ("South Korean", MISC) in en
    assert ("Oslo", LOC) in en
    nl = found("De Belgische regering en de Amerikaanse ambassadeur spraken met Vlamingen in Gent.", "nl")
    assert ("Belgische", MISC) in nl
    assert ("Amerikaanse", MISC) in nl
    assert ("Vlamingen", MISC) in nl
    assert ("Gent", LOC) in nl


def test_a_place_in_a_results_line_is_its_club() -> None:
    assert found("Stockport 2 Exeter 1", "en") == [("Stockport", ORG), ("Exeter", ORG)]
    assert ("Wigan", ORG) in found("Saturday: Bristol v Wigan", "en")
    # a country playing is still a place (national teams), and a city in ordinary prose stays a place
    assert ("Norway", LOC) in found("Norway 3 Iceland 0", "en")
    assert ("Exeter", LOC) in found("She moved to Exeter in 2019 with 2 children.", "en")


def test_a_surname_seen_earlier_in_the_article_is_a_person() -> None:
    blocks = [
        ("Die Ministerin Jolanta Wiśniewska kam nach Berlin.", "de"),
        ("Später sprach Wiśniewska mit Journalisten.", "de"),
        ("Wiśniewska's plan was praised.", "en"),
    ]
    result = EntityAnnotator().recognize_article(blocks)
    assert ("Wiśniewska", PER) in [(s.text, s.kind) for s in result[1]]
    assert [(s.text, s.kind) for s in result[2]] == [("Wiśniewska", PER)]


class CountingRecognizer(BuiltinRecognizer):
    """The real recognizer, counting how often it runs."""

    calls = 0

    def recognize_with_memory(self, text: str, lang: str | None, surnames: set[str]) -> tuple[Span, ...]:
        CountingRecognizer.calls += 1
        return super().recognize_with_memory(text, lang, surnames)


def test_recognize_article_runs_the_recognizer_once_per_block() -> None:
    blocks = [("Olaf Scholz traf Emmanuel Macron.", "de"), ("Scholz sprach.", "de"), ("Hi.", "en")]
    annotator = EntityAnnotator(builtin=CountingRecognizer())
    CountingRecognizer.calls = 0
    annotator.recognize_article(blocks)
    assert CountingRecognizer.calls == len(blocks)


def test_missing_unknown_and_uncased_languages() -> None:
    assert found("", "de") == [] and found("   ", None) == []
    text = "Treffen in Berlin mit der NATO."
    # No code and an unknown code get the same, language-neutral recognizer (not German's, not English's).
    assert found(text, None) == found(text, "") == found(text, "xx") == [("Berlin", LOC), ("NATO", ORG)]
    assert found(text, "de-AT") == found(text, "de")
    # Scripts without capital letters: no built-in entities (a spaCy model adds them), never a wrong guess.
    assert found("Talks in Berlin with NATO.", "zh") == []
    assert found("زار الرئيس برلين", "ar") == []


def test_a_long_paragraph_is_annotated_in_windows() -> None:
    # One "paragraph" with no sentence punctuation: the recognizer must cut it into windows, not slow down
    # with its square (issue 14 item 13). The timing figure is in benchmarks/entities_real.py.
    unit = "und dann sprach Olaf Scholz in Berlin mit Vertretern der NATO über die Lage "
    text = unit * 400  # ~30,000 characters, 5,600 words, no period
    spans = RECOGNIZER.recognize(text, "de")
    assert_contract(text, spans)
    assert sum(1 for s in spans if s.text == "Berlin" and s.kind is LOC) >= 380
    assert sum(1 for s in spans if s.kind is ORG and s.text == "NATO") >= 380


def test_sample_article_highlights() -> None:
    from reader.core.ingest import load_file
    from reader.resources import sample_article_path

    article = load_file(sample_article_path())
    assert ("Kehl", LOC) in found(article.title, "de")
    french = {"La région Grand Est", "C’est une excellente"}
    english = {"Cross-border commuters", "Many of the commuters", "What commuters say"}
    blocks = []
    for block in article.blocks:
        lang = (
            "fr"
            if any(m in block.text for m in french)
            else "en"
            if any(m in block.text for m in english)
            else "de"
        )
        blocks.append((block.text, lang))
    spans = [s for group in EntityAnnotator().recognize_article(blocks) for s in group]
    pairs = {(s.text, s.kind) for s in spans}
    for name in ("Kehl", "Ortenau", "Grand Est"):
        assert (name, LOC) in pairs, name
    assert ("Deutsche Bahn", ORG) in pairs
    assert not any(s.text == "Region" for s in spans)
    assert not any(s.text == "Rhin" and s.kind is MISC for s in spans)


def test_the_annotator_merges_entities_and_dates_without_overlap() -> None:
    from reader.core.document import Article, Block, BlockKind

    text = "Am 3. März 2025 traf Olaf Scholz in Berlin ein."
    article = Article(title="t", blocks=(Block("b0", BlockKind.PARAGRAPH, text, lang="de"),))
    spans = Annotator().annotate_article(article)["b0"].original
    assert_contract(text, spans)
    assert {(s.text, s.kind) for s in spans} >= {("Olaf Scholz", PER), ("Berlin", LOC)}


def test_concurrent_first_use_gives_the_same_answers() -> None:
    text = "Bundeskanzler Olaf Scholz traf in Paris Emmanuel Macron und Vertreter der EU."
    fresh = BuiltinRecognizer()
    expected = found(text, "de")
    results: list[list[tuple[str, SpanKind]]] = []

    def run() -> None:
        results.append([(s.text, s.kind) for s in fresh.recognize(text, "de")])

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 6


def test_importing_the_recognizer_loads_no_data_and_no_spacy() -> None:
    code = (
        "import sys; import reader.core.annotate.entities as e; "
        "from reader.core.annotate import gazetteer as g; "
        "e.EntityAnnotator(); print(g.is_loaded(), 'spacy' in sys.modules, 'pycrfsuite' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]


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


def test_word_ranks_tell_ordinary_words_from_rare_names() -> None:
    from reader.core.annotate.word_ranks import rank_class

    assert rank_class("Die", "de") == "r0"
    assert rank_class("Anleger", "de") not in ("rare", "na")
    assert rank_class("Wiśniewska", "de") == "rare"
    assert rank_class("the", "en") == "r0"
    assert rank_class("the", "xx") == rank_class("the", None) == "na"


def test_an_initial_belongs_to_the_name() -> None:
    assert ("K. Pietrowski", PER) in found("The bowler K. Pietrowski took four wickets for Kent.", "en")


def test_events_and_competitions_are_other_names() -> None:
    assert ("World Cup", MISC) in found("Portugal hopes to host the World Cup again.", "en")
    es = found("El Valencia ganó la Copa del Rey ante el Betis en Sevilla.", "es")
    assert ("Valencia", ORG) in es  # a city after "el" is its club
    assert ("Copa del Rey", MISC) in es
    assert ("Sevilla", LOC) in es


def test_unknown_acronyms_in_running_text_are_organisations() -> None:
    assert ("ZVKB", ORG) in found("Los afiliados de la ZVKB votaron la huelga el lunes.", "es")
    # an all-capitals headline is not a row of organisations
    assert ("HEADLINE", ORG) not in found("STRIKE HEADLINE CAUSES CHAOS", "en")


def test_dutch_names_keep_their_s() -> None:
    assert ("Israëli's", MISC) in found("De Israëli's en de Palestijnen praatten in Caïro.", "nl")


def test_festivals_and_us_states() -> None:
    assert found("Die Berlinale beginnt am Donnerstag in Berlin.", "de") == [
        ("Berlinale", ORG),
        ("Berlin", LOC),
    ]
    assert ("Texas", LOC) in found("Storms hit Texas and Ohio overnight.", "en")
    assert ("Kalifornien", LOC) in found("Die Brände in Kalifornien wüten weiter.", "de")


def test_a_two_word_place_in_a_capitals_headline_stays_whole() -> None:
    spans = found("STORMS HIT LOS ANGELES AGAIN", "en")
    assert ("LOS ANGELES", LOC) in spans
    assert ("ANGELES", LOC) not in spans


def test_a_given_name_with_particles_and_an_unknown_surname_is_a_person() -> None:
    assert ("Marco Di Stefanelli", PER) in found("Gisteren sprak Marco Di Stefanelli in Gent.", "nl")
    # a demonym before a title is not a person ("German Chancellor")
    assert ("German Chancellor", PER) not in found("German Chancellor Olaf Scholz met the press.", "en")

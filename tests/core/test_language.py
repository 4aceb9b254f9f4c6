"""Language identification on real lingua models: per block, per sentence run, per article."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reader.core.document import Article, Block, BlockKind
from reader.core.language import DEFAULT_LANGUAGES, LanguageIdentifier

LABELLED_SET = Path(__file__).resolve().parents[1] / "data" / "langid" / "mixed_news.json"

QUOTE_EN = "Nobody here wants a trade war, but we will defend our workers if we have to."
MIXED_DE = (
    "Die Ministerin äußerte sich am Abend vor Journalisten in Berlin zu den Zöllen. "
    f"Auf Englisch sagte sie: “{QUOTE_EN}” "
    "Anschließend fuhr sie zurück ins Kanzleramt, wo die Beratungen bis in die Nacht dauerten."
)


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


def _article(*texts: str) -> Article:
    blocks = tuple(Block(id=f"b{i}", kind=BlockKind.PARAGRAPH, text=text) for i, text in enumerate(texts))
    return Article(title="Test", blocks=blocks)


def _merged(langs: list[str]) -> list[str]:
    return [lang for i, lang in enumerate(langs) if i == 0 or langs[i - 1] != lang]


def test_labelled_mixed_news_set_is_at_least_98_percent_right(identifier: LanguageIdentifier) -> None:
    data = json.loads(LABELLED_SET.read_text(encoding="utf-8"))
    right = total = 0
    misses = []
    for doc in data["documents"]:
        paragraphs = doc["paragraphs"]
        article = Article(
            title=doc["title"],
            blocks=tuple(
                Block(id=f"b{i}", kind=BlockKind(p["kind"]), text=p["text"]) for i, p in enumerate(paragraphs)
            ),
        )
        for block, gold in zip(identifier.identify(article).blocks, paragraphs, strict=True):
            gold_parts = _merged([part["lang"] for part in gold.get("parts", [])])
            expected_runs = gold_parts if len(gold_parts) > 1 else []
            total += 1
            if block.lang == gold["lang"] and _merged([run.lang for run in block.runs]) == expected_runs:
                right += 1
            else:
                misses.append((block.text[:50], gold["lang"], block.lang))
    assert len(data["documents"]) >= 5 and total >= 60
    assert right / total >= 0.98, misses


def test_very_short_blocks_take_the_language_around_them(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            "SHARE:",
            "Die Stadtwerke erhöhen zum ersten Januar die Preise für Strom und Gas um acht Prozent.",
            "on",
            "Verbraucherschützer raten deshalb dazu, die eigenen Verträge jetzt genau zu prüfen.",
            "2024",
        )
    )
    assert [block.lang for block in article.blocks] == ["de"] * 5
    assert article.lang == "de"
    assert article.blocks[4].confidence == 0.0  # no letters: inherited, nothing detected


def test_the_same_short_line_follows_an_english_page(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            "The city council approved a new network of protected bike lanes after a long debate.",
            "on",
            "Shops on the high street fear that losing parking spaces will drive customers to the malls.",
        )
    )
    assert article.blocks[1].lang == "en"


def test_a_confident_one_word_block_keeps_its_own_language(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            "Commuters in the city faced long delays on Monday after a power failure stopped the trams.",
            "Straßenbahnhaltestelle",
            "Engineers said the service should be back to normal by the evening rush hour.",
        )
    )
    assert article.blocks[1].lang == "de"
    assert article.blocks[1].confidence >= 0.95
    assert article.lang == "en"


def test_mixed_block_gets_sentence_runs_in_order(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            MIXED_DE,
            "Die Gespräche mit Washington sollen in der kommenden Woche in Brüssel fortgesetzt werden.",
        )
    )
    block = article.blocks[0]
    assert block.lang == "de"
    assert [run.lang for run in block.runs] == ["de", "en", "de"]
    runs = block.runs
    assert runs[0].start == 0 and runs[-1].end == len(MIXED_DE)
    assert all(a.end == b.start for a, b in zip(runs, runs[1:], strict=False))
    assert QUOTE_EN in MIXED_DE[runs[1].start : runs[1].end]
    assert "Ministerin" not in MIXED_DE[runs[1].start : runs[1].end]
    assert all(0.0 < run.confidence <= 1.0 for run in runs)
    assert article.blocks[1].runs == ()
    assert article.lang == "de"


def test_article_language_is_the_one_with_most_characters(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            "Le gouvernement a présenté mercredi un plan pour rénover les écoles les plus anciennes du pays.",
            "Les travaux commenceront dès l'été prochain dans trois régions pilotes, selon le ministère.",
            "The plan was welcomed by teachers' unions in a short statement.",
        )
    )
    assert [block.lang for block in article.blocks] == ["fr", "fr", "en"]
    assert article.lang == "fr"


def test_detect_one_text(identifier: LanguageIdentifier) -> None:
    lang, confidence = identifier.detect("Il governo ha approvato ieri sera la nuova legge sul bilancio.")
    assert lang == "it" and 0.5 < confidence <= 1.0
    assert identifier.detect("") == (None, 0.0)
    assert identifier.detect("   \n\t ") == (None, 0.0)
    assert identifier.detect("12.01.2024 – 18:30") == (None, 0.0)


def test_language_set_is_configurable() -> None:
    only_de_en = LanguageIdentifier(["de", "en", "xx"])
    spanish = "El ayuntamiento aprobó ayer un nuevo plan para mejorar el transporte público en la ciudad."
    assert only_de_en.detect(spanish)[0] in {"de", "en"}
    assert only_de_en.languages == ("de", "en")
    assert LanguageIdentifier(["es", "de", "en"]).detect(spanish)[0] == "es"
    assert "es" in LanguageIdentifier().languages and len(DEFAULT_LANGUAGES) >= 40
    with pytest.raises(ValueError):
        LanguageIdentifier([])
    with pytest.raises(ValueError):
        LanguageIdentifier(["xx", "gl"])


def test_precise_models_stay_under_the_cap() -> None:
    identifier = LanguageIdentifier(max_precise_languages=2)
    identifier.identify(
        _article(
            "Die Regierung hat am Mittwoch neue Regeln für den Wohnungsbau in den Städten beschlossen.",
            "Critics said the rules would do little to bring rents down in the next few years.",
            "Teilen:",
        )
    )
    assert set(identifier.precise_languages) == {"de", "en"}
    result = identifier.identify(
        _article(
            "Partager",
            "Le conseil municipal a voté lundi soir la fermeture de deux piscines pendant l'hiver.",
            "El alcalde de la ciudad vecina anunció que sus piscinas seguirán abiertas todo el año.",
        )
    )
    assert set(identifier.precise_languages) == {"fr", "es"}
    assert [block.lang for block in result.blocks] == ["fr", "fr", "es"]


def test_one_instance_serves_several_threads(identifier: LanguageIdentifier) -> None:
    articles = [
        _article(MIXED_DE, "on"),
        _article(
            "The minister spoke to reporters in Berlin on Monday evening about the new tariffs.", "Trending"
        ),
    ] * 4
    expected = [identifier.identify(article) for article in articles]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(identifier.identify, articles))
    assert results == expected


def test_importing_and_constructing_builds_nothing() -> None:
    code = (
        "import sys; from reader.core.language import LanguageIdentifier; LanguageIdentifier(); "
        "print('lingua' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


def test_the_hard_coded_language_lists_match_the_installed_lingua() -> None:
    from lingua import Language

    from reader.core.language.identifier import LINGUA_LANGUAGES

    assert {language.iso_code_639_1.name.lower() for language in Language.all()} == LINGUA_LANGUAGES
    assert set(DEFAULT_LANGUAGES) <= LINGUA_LANGUAGES


def test_a_confident_short_line_keeps_its_own_language(identifier: LanguageIdentifier) -> None:
    article = identifier.identify(
        _article(
            "The poet wrote to his teacher in the spring of that year about what poetry should become.",
            "Je est un autre",
            "That short sentence, he said, was the whole of his programme for the years to come.",
        )
    )
    assert [block.lang for block in article.blocks] == ["en", "fr", "en"]


def test_a_two_mebibyte_line_and_many_short_paragraphs_finish(identifier: LanguageIdentifier) -> None:
    """Both never finished or took 70 s before (issue 14 items 13, 17); the figures are in
    benchmarks/hostile_inputs.py, this only guards against a return of the unbounded cost."""
    english = "The council met on Tuesday to discuss the budget for the schools. "
    line = (english * (2**21 // len(english) + 1))[: 2**21]
    started = time.perf_counter()
    article = identifier.identify(_article(line, *(f"Item {i} of the list, short." for i in range(20_000))))
    assert article.blocks[0].lang == "en" and article.lang == "en"
    assert time.perf_counter() - started < 120


def test_a_hundred_thousand_very_short_lines_take_their_neighbours_language_in_linear_time(
    identifier: LanguageIdentifier,
) -> None:
    """Each short line used to look for its neighbours by slicing the whole block list: quadratic."""
    first = "The city council approved a new network of protected bike lanes after a long debate."
    last = "Shops on the high street fear that losing parking spaces will drive customers away."
    started = time.perf_counter()
    article = identifier.identify(_article(first, *(["on"] * 100_000), last))
    assert {block.lang for block in article.blocks} == {"en"}
    assert time.perf_counter() - started < 60  # linear: a second or two; quadratic: many minutes

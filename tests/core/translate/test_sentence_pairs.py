"""Every translated block carries its sentence pairs: exact offsets both ways, the model's score, the origin.

Real tiny random-weight packages: the wording is nonsense, so the tests assert structure (offsets, order,
scores, origins, what comes from where), never wording.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.document import (
    Article,
    Block,
    BlockKind,
    LanguageRun,
    SentenceOrigin,
    Translation,
    TranslationStatus,
)
from reader.core.translate.cache import MemoryTranslationCache
from reader.core.translate.engine import EngineSettings, TranslationEngine
from reader.core.translate.packages import PackageManager
from reader.core.translate.plan import locate_sentences
from reader.core.translate.runtime import LoadedModel, mean_log_prob
from reader.core.translate.sentences import split_sentences

SETTINGS = EngineSettings(beam_size=2)


def paragraph(block_id: str, text: str, lang: str | None = "de", runs: tuple[LanguageRun, ...] = ()) -> Block:
    return Block(block_id, BlockKind.PARAGRAPH, text, lang=lang, confidence=0.9, runs=runs)


def check_pairs(block_text: str, translation: Translation) -> list[tuple[str, str]]:
    """The pairs as (source sentence, target sentence), after checking the offsets are exact and ordered."""
    assert translation.status is TranslationStatus.TRANSLATED and translation.text is not None
    text = translation.text
    out = []
    previous_source = previous_target = 0
    for pair in translation.sentences:
        (s0, s1), (t0, t1) = pair.source, pair.target
        assert previous_source <= s0 < s1 <= len(block_text)
        assert previous_target <= t0 <= t1 <= len(text)
        source = block_text[s0:s1]
        assert source == source.strip() and source  # a sentence, not its surrounding whitespace
        out.append((source, text[t0:t1]))
        previous_source, previous_target = s1, t1
    return out


def test_pairs_cover_every_sentence_with_exact_offsets_and_scores(argos_packages: PackageManager) -> None:
    text = "  Der Minister plant eine Brücke.   Die Stadt sagte heute nichts!\nGestern trifft er die Leute. "
    (result,) = TranslationEngine(argos_packages, settings=SETTINGS).translate_article(
        Article("", (paragraph("b0", text),)), "en"
    )
    pairs = check_pairs(text, result)
    assert [source for source, _target in pairs] == [
        "Der Minister plant eine Brücke.",
        "Die Stadt sagte heute nichts!",
        "Gestern trifft er die Leute.",
    ]
    # The translation is the sentences' translations joined by one space (the block's own leading and
    # trailing whitespace kept), nothing lost or added.
    assert result.text == "  " + " ".join(target for _source, target in pairs) + " "
    for pair in result.sentences:
        assert pair.origin is SentenceOrigin.MODEL
        assert pair.score is not None and -20 < pair.score < 0  # a mean log-probability per token


def test_a_mixed_block_pairs_only_the_translated_runs(argos_packages: PackageManager) -> None:
    german, english, tail = (
        "Er sagte: ",
        "the city plans a new bridge",
        " und ging nach Hause. Dann schlief er.",
    )
    text = german + english + tail
    runs = (
        LanguageRun(0, len(german), "de", 0.9),
        LanguageRun(len(german), len(german) + len(english), "en", 0.9),
        LanguageRun(len(german) + len(english), len(text), "de", 0.9),
    )
    (result,) = TranslationEngine(argos_packages, settings=SETTINGS).translate_article(
        Article("", (paragraph("b0", text, runs=runs),)), "en"
    )
    pairs = check_pairs(text, result)
    assert [source for source, _target in pairs] == ["Er sagte:", "und ging nach Hause.", "Dann schlief er."]
    english_at = text.index(english)
    assert all(
        not (s < english_at + len(english) and english_at < e)
        for (s, e) in (p.source for p in result.sentences)
    )
    assert english in (result.text or "")  # kept as is, in place, and without a pair


def test_pivot_pairs_score_the_least_sure_hop(argos_packages: PackageManager) -> None:
    text = "Der Minister plant eine Brücke. Die Stadt sagte heute nichts."
    engine = TranslationEngine(argos_packages, settings=SETTINGS)
    (result,) = engine.translate_article(Article("", (paragraph("b0", text),)), "fr")
    assert result.detail == "de→en→fr"
    pairs = check_pairs(text, result)
    assert len(pairs) == 2
    # Each hop on its own, to compare: the pair's score is the lower of the two.
    (de_en,) = argos_packages.find_path("de", "en") or []
    (en_fr,) = argos_packages.find_path("en", "fr") or []
    first = LoadedModel(de_en, SETTINGS).translate(["Der Minister plant eine Brücke."], urgent=True)[0]
    second = LoadedModel(en_fr, SETTINGS).translate([first.text], urgent=True)[0]
    assert result.sentences[0].score == pytest.approx(min(first.score, second.score), abs=2e-3)


def test_chinese_target_joins_sentences_without_spaces(
    layout_package: Callable[[str], Path], tmp_path: Path
) -> None:
    manager = PackageManager(tmp_path / "p", cache_dir=tmp_path / "cache")
    manager.install_file(layout_package("F"))  # en→zt, Opus-MT multi-target
    text = "The minister said nothing. The city plans a bridge."
    block = paragraph("b0", text, lang="en")
    (result,) = TranslationEngine(manager, settings=EngineSettings(beam_size=1)).translate_article(
        Article("", (block,)), "zt"
    )
    pairs = check_pairs(text, result)
    assert len(pairs) == 2
    assert result.text == "".join(target for _source, target in pairs)
    assert result.sentences[0].target[1] == result.sentences[1].target[0]


def test_cache_keeps_pairs_and_scores_and_serves_them_without_a_model(argos_packages: PackageManager) -> None:
    cache = MemoryTranslationCache()
    article = Article(
        "Der Zug",
        (paragraph("b0", "Der Minister plant eine Brücke. Die Stadt sagte heute nichts."),),
        lang="de",
    )
    first = TranslationEngine(argos_packages, cache, SETTINGS).translate_article(article, "en")
    assert len(cache) == 3  # one entry per sentence: the title's and the paragraph's two
    fresh = TranslationEngine(argos_packages, cache, SETTINGS)
    again = fresh.translate_article(article, "en")
    assert again == first and fresh.loaded_packages() == []
    # A sentence is reused in another paragraph (and another article): only the new one goes to the model.
    other = Article("", (paragraph("b9", "Die Stadt sagte heute nichts. Das Wetter ist gut."),))
    (reused,) = fresh.translate_article(other, "en")
    assert reused.sentences[0].score == first[1].sentences[1].score
    assert (
        check_pairs(other.blocks[0].text, reused)[0][1] == check_pairs(article.blocks[0].text, first[1])[1][1]
    )


def test_the_stored_score_is_the_mean_log_probability_per_token(argos_packages: PackageManager) -> None:
    """Whatever length_penalty is, the score is what score_batch says the hypothesis is worth per token."""
    (package,) = argos_packages.find_path("de", "en") or []
    for penalty in (0.0, 0.2, 1.0):
        model = LoadedModel(
            package, EngineSettings(beam_size=2, length_penalty=penalty, compute_type="float32")
        )
        sentence = "Die Regierung plant heute eine neue Schule für die Stadt."
        tokens = model._encode(sentence)
        raw = model.translator.translate_batch(
            [tokens],
            beam_size=2,
            length_penalty=penalty,
            return_scores=True,
            return_end_token=True,
            max_decoding_length=40,
        )[0]
        pieces = raw.hypotheses[0]
        ended = pieces[-1] == model.end_token
        scored = model.translator.score_batch([tokens], [pieces[:-1] if ended else pieces])[0].log_probs
        log_probs = scored if ended else scored[:-1]  # score_batch always adds the end token
        expected = sum(log_probs) / len(log_probs)
        assert mean_log_prob(raw.scores[0], len(pieces), penalty) == pytest.approx(expected, abs=1e-3)


def test_sentences_are_found_in_the_text_in_order() -> None:
    text = "Ja. Ja.  Nein!\n\tJa."
    split = split_sentences(text, "de")
    spans = locate_sentences(text, split)
    assert spans == [(0, 3), (4, 7), (9, 14), (16, 19)]  # the second "Ja." after the first, not on it
    assert locate_sentences("Erster Satz.", ["Zweiter Satz."]) is None

"""The pipeline on the real engines: languages, streamed translations with their highlights, annotations."""

from __future__ import annotations

from dataclasses import replace

from reader.core.annotate.annotator import Annotator
from reader.core.document import Span, SpanKind, Translation, TranslationStatus
from reader.core.ingest import parse_text
from reader.core.language import LanguageIdentifier
from reader.core.pipeline import Pipeline
from reader.core.translate.engine import TranslationEngine
from reader.core.translate.packages import PackageManager

TEXT = (
    "Die Außenminister trafen sich am Dienstag in Berlin, um über die Lage in der Ukraine zu sprechen.\n\n"
    "The talks in Brussels went on until late at night, officials said on Tuesday.\n"
)


def make_pipeline(packages: PackageManager) -> tuple[Pipeline, list[str]]:
    """A pipeline over real engines, recording which of them were asked for."""
    built: list[str] = []
    identifier = LanguageIdentifier(("de", "en", "fr"))
    annotator = Annotator()
    engine = TranslationEngine(packages)

    def get_identifier() -> LanguageIdentifier:
        built.append("identifier")
        return identifier

    def get_engine() -> TranslationEngine:
        built.append("engine")
        return engine

    def get_annotator() -> Annotator:
        built.append("annotator")
        return annotator

    return Pipeline(get_identifier, get_engine, get_annotator), built


def test_run_identifies_translates_and_annotates(argos_packages: PackageManager) -> None:
    pipeline, built = make_pipeline(argos_packages)
    assert built == []  # building the pipeline loads nothing
    result = pipeline.run(parse_text(TEXT), "en")
    assert set(built) == {"identifier", "engine", "annotator"}
    assert [b.lang for b in result.article.blocks] == ["de", "en"]
    statuses = [(t.block_id, t.status) for t in result.translations]
    # First the title (the placeholder "Untitled" text ingest gives a titleless text: English already).
    assert statuses == [
        ("title", TranslationStatus.SAME_LANGUAGE),
        ("b0", TranslationStatus.TRANSLATED),
        ("b1", TranslationStatus.SAME_LANGUAGE),
    ]
    assert result.article.title_lang == "en" and result.title_translation == result.translations[0]
    assert result.annotations is not None
    german = result.annotations[result.article.blocks[0].id].original
    assert {"Berlin", "Ukraine"} <= {s.text for s in german if s.kind is SpanKind.LOCATION}
    assert any(s.kind is SpanKind.DATE for s in german)
    only_languages = pipeline.run(parse_text(TEXT), annotate=False)
    assert only_languages.translations == [] and only_languages.annotations is None


def test_translate_streams_each_block_with_its_highlights(argos_packages: PackageManager) -> None:
    pipeline, _built = make_pipeline(argos_packages)
    article = pipeline.identify(parse_text(TEXT))
    streamed: list[tuple[Translation, tuple[Span, ...]]] = []
    result = pipeline.translate(article, "fr", on_block=lambda t, spans: streamed.append((t, spans)))
    assert [t.block_id for t, _spans in streamed][0] == "title"  # the title first
    assert {t.block_id for t, _spans in streamed} == {"title"} | {b.id for b in article.blocks}
    assert all(t.status is TranslationStatus.TRANSLATED for t in result)  # de→fr through English
    # The title's pair first (ingest's placeholder title "Untitled" is English), then the blocks' in order.
    assert pipeline.missing_pairs(article, "es") == [("en", "es"), ("de", "es")]


def test_the_title_is_identified_in_its_own_language_and_translated_first(
    argos_packages: PackageManager,
) -> None:
    pipeline, _built = make_pipeline(argos_packages)
    article = replace(parse_text(TEXT), title="Die Außenminister beraten über die Lage in der Ukraine")
    # An English article with a German headline: the headline is judged on its own text.
    article = article.with_blocks(article.blocks[1:])
    identified = pipeline.identify(article)
    assert identified.lang == "en" and identified.title_lang == "de"
    assert [b.id for b in identified.blocks] == [b.id for b in article.blocks]  # no pseudo-block left in
    result = pipeline.run(article, "en", annotate=False)
    title = result.title_translation
    assert title is not None and title.block_id == "title" and title.status is TranslationStatus.TRANSLATED
    assert title.text and title.sentences and title.sentences[0].source == (0, len(article.title))
    assert [t.block_id for t in result.translations] == ["title", "b1"]
    untranslated = pipeline.translate(identified, "en", include_title=False)
    assert [t.block_id for t in untranslated] == ["b1"]


def test_alternatives_pass_through_to_the_engine(argos_packages: PackageManager) -> None:
    pipeline, _built = make_pipeline(argos_packages)
    found = pipeline.alternatives("Der Minister sagte heute nichts.", "de", "en", count=2)
    assert 1 <= len(found) <= 2 and all(a.text and a.score is not None and a.score < 0 for a in found)

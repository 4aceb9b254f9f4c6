"""The pipeline on the real engines: languages, streamed translations with their highlights, annotations."""

from __future__ import annotations

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
    statuses = [t.status for t in result.translations]
    assert statuses == [TranslationStatus.TRANSLATED, TranslationStatus.SAME_LANGUAGE]
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
    assert {t.block_id for t, _spans in streamed} == {b.id for b in article.blocks}
    assert all(t.status is TranslationStatus.TRANSLATED for t in result)  # de→fr through English
    assert pipeline.missing_pairs(article, "es") == [("de", "es"), ("en", "es")]

-- Reader library, schema 4: the translation cache keeps one row per sentence with the model's score (mean
-- log-probability per token), so a block's sentence pairs and confidence are rebuilt exactly from it.
-- Rows written before were keyed by whole paragraphs and carry no score: a sentence key would never find
-- them (or, for a one-sentence paragraph, would find it without a score), so the table starts afresh.
-- Nothing the reader saved is lost: a saved article keeps its translations in article_translations.

DROP TABLE translation_cache;
CREATE TABLE translation_cache (
    package     TEXT NOT NULL,
    version     TEXT NOT NULL,
    target      TEXT NOT NULL,
    source_text TEXT NOT NULL,  -- one sentence, normalized (reader.core.translate.cache.normalize_source)
    translation TEXT NOT NULL,  -- the model's output for it
    score       REAL NOT NULL,  -- its mean log-probability per token
    created_at  REAL NOT NULL,
    PRIMARY KEY (package, version, target, source_text)
) WITHOUT ROWID;

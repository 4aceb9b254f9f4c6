-- Reader library, schema 5: sentence pairs of stored translations, the reader's translation memory and glossary.

-- A translation's sentence pairs: JSON [[source_start, source_end, target_start, target_end, score, origin], ...]
-- (offsets into the block's text and the translation's text; score NULL when no model produced it). NULL: none
-- kept (a translation stored before schema 5, or one that is not TRANSLATED).
ALTER TABLE article_translations ADD COLUMN sentences TEXT;

-- The reader's corrections, per language pair, keyed by the normalized source sentence
-- (reader.core.translate.cache.normalize_source: NFC, whitespace collapsed).
CREATE TABLE translation_memory (
    id          INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source      TEXT NOT NULL,   -- the sentence as the reader saw it
    source_key  TEXT NOT NULL,   -- normalize_source(source)
    target      TEXT NOT NULL,   -- the reader's translation
    created_at  REAL NOT NULL,
    updated_at  REAL NOT NULL,
    UNIQUE (source_lang, target_lang, source_key)
);
CREATE INDEX translation_memory_updated ON translation_memory (updated_at);  -- the list, newest change first

-- Full-text index over the memory (external content: the text lives once, in translation_memory), kept in
-- sync by triggers, so every write path (the app, an import, a backup restore) keeps it true.
CREATE VIRTUAL TABLE translation_memory_fts USING fts5 (
    source, target,
    content = 'translation_memory', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER translation_memory_ai AFTER INSERT ON translation_memory BEGIN
    INSERT INTO translation_memory_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
END;
CREATE TRIGGER translation_memory_ad AFTER DELETE ON translation_memory BEGIN
    INSERT INTO translation_memory_fts (translation_memory_fts, rowid, source, target)
    VALUES ('delete', old.id, old.source, old.target);
END;
CREATE TRIGGER translation_memory_au AFTER UPDATE OF source, target ON translation_memory BEGIN
    INSERT INTO translation_memory_fts (translation_memory_fts, rowid, source, target)
    VALUES ('delete', old.id, old.source, old.target);
    INSERT INTO translation_memory_fts (rowid, source, target) VALUES (new.id, new.source, new.target);
END;

-- The reader's terms per language pair: target NULL means "keep as is" (names, brand terms).
CREATE TABLE glossary (
    id          INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT,
    created_at  REAL NOT NULL,
    UNIQUE (source_lang, target_lang, source)
);

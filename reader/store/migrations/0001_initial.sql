-- Reader library, schema 1: articles with their blocks, translations, annotations, tags and full-text index.
-- Times are Unix seconds (REAL, UTC). Lists of runs and spans are JSON text.

CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    source          TEXT    NOT NULL DEFAULT '',   -- canonical URL or absolute file path; '' when unknown
    content_hash    TEXT    NOT NULL,              -- sha256 of the normalized title and block texts
    title           TEXT    NOT NULL,
    byline          TEXT,
    site            TEXT,
    published       TEXT,                          -- ISO 8601 date when known
    lang            TEXT,                          -- dominant language of the original
    langs           TEXT    NOT NULL DEFAULT ',',  -- ',de,en,': every language of the original's blocks
    target_lang     TEXT,                          -- the language it was last read in
    block_count     INTEGER NOT NULL DEFAULT 0,
    added_at        REAL    NOT NULL,
    updated_at      REAL    NOT NULL,
    opened_at       REAL,
    position_block  TEXT,
    position_seq    INTEGER,
    position_offset INTEGER NOT NULL DEFAULT 0,
    archived        INTEGER NOT NULL DEFAULT 0,
    favourite       INTEGER NOT NULL DEFAULT 0,
    deleted_at      REAL
);
CREATE UNIQUE INDEX articles_source ON articles (source) WHERE source <> '';
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_added ON articles (added_at);
CREATE INDEX articles_published ON articles (published, added_at);
CREATE INDEX articles_title ON articles (title COLLATE NOCASE);

CREATE TABLE blocks (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    block_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    level       INTEGER NOT NULL DEFAULT 0,
    text        TEXT    NOT NULL,
    lang        TEXT,
    confidence  REAL    NOT NULL DEFAULT 0,
    runs        TEXT,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

CREATE TABLE language_overrides (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    block_id    TEXT    NOT NULL,
    lang        TEXT    NOT NULL,
    PRIMARY KEY (article_id, block_id)
) WITHOUT ROWID;

CREATE TABLE article_translations (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    block_id    TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    text        TEXT,
    source_lang TEXT,
    detail      TEXT,
    PRIMARY KEY (article_id, target, block_id)
) WITHOUT ROWID;

CREATE TABLE annotations (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    block_id    TEXT    NOT NULL,
    original    TEXT    NOT NULL,   -- JSON list of spans in the block's text
    translation TEXT    NOT NULL,   -- JSON list of spans in its translation
    PRIMARY KEY (article_id, block_id)
) WITHOUT ROWID;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_article ON article_tags (article_id);

-- The translation engine's cache (reader.core.translate.cache.TranslationKey).
CREATE TABLE translation_cache (
    package     TEXT NOT NULL,
    version     TEXT NOT NULL,
    target      TEXT NOT NULL,
    source_text TEXT NOT NULL,
    translation TEXT NOT NULL,
    created_at  REAL NOT NULL,
    PRIMARY KEY (package, version, target, source_text)
) WITHOUT ROWID;

-- One row per article (rowid = articles.id), rewritten in the same transaction as every save.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, body, translation,
    tokenize = 'unicode61 remove_diacritics 2'
);

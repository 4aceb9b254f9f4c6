-- Reader library, schema 2: feed subscriptions, the items each has delivered, and refresh state.

CREATE TABLE feed_sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT    NOT NULL UNIQUE,       -- the feed document's address
    site_url        TEXT,
    title           TEXT    NOT NULL,
    added_at        REAL    NOT NULL,
    etag            TEXT,                          -- validators of the last 200 answer (conditional GET)
    last_modified   TEXT,
    checked_at      REAL,                          -- last refresh attempt
    succeeded_at    REAL,                          -- last refresh that reached the feed (200 or 304)
    error           TEXT,                          -- the last refresh's failure, shown on the source's row
    error_count     INTEGER NOT NULL DEFAULT 0,    -- failures in a row
    full_fetch      INTEGER NOT NULL DEFAULT 1,    -- fetch and extract each article's page (else the summary)
    translate       INTEGER NOT NULL DEFAULT 1,    -- translate new articles with the installed packages
    keep_articles   INTEGER NOT NULL DEFAULT 200,  -- 0: no limit
    keep_days       INTEGER NOT NULL DEFAULT 60    -- 0: no limit
);

-- One row per entry a source has delivered. article_id is the library entry (shared when two feeds
-- carry the same article); owned = 1 when the refresh created that entry, so retention may remove it.
CREATE TABLE feed_items (
    source_id       INTEGER NOT NULL REFERENCES feed_sources (id) ON DELETE CASCADE,
    item_key        TEXT    NOT NULL,
    url             TEXT,
    title           TEXT    NOT NULL,              -- the original title
    title_translated TEXT,                         -- the title in the reader's language, when translated
    published       TEXT,
    updated         TEXT,
    seen_at         REAL    NOT NULL,
    article_id      INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    owned           INTEGER NOT NULL DEFAULT 0,
    error           TEXT,                          -- why this entry could not be saved
    PRIMARY KEY (source_id, item_key)
) WITHOUT ROWID;
CREATE INDEX feed_items_article ON feed_items (article_id);
CREATE INDEX feed_items_seen ON feed_items (source_id, seen_at);

CREATE TABLE feed_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

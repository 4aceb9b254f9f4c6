-- Reader library, schema 3: the page furniture left out of an article at ingest ("SHARE:", "Trending"), kept
-- so that "Show what was left out" also works on an article opened from the library. A JSON list of strings.

ALTER TABLE articles ADD COLUMN dropped TEXT NOT NULL DEFAULT '[]';

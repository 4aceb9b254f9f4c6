"""Feeds: subscribe to news sources and turn their new entries into library articles, offline after fetch."""

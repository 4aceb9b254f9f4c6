"""Sizes, time spans and language names read the way people say them, in their locale (Babel)."""

from __future__ import annotations

from reader.core import display


def test_sizes_follow_the_locale() -> None:
    assert display.file_size(57_300_000, locale="en") == "57.3 MB"
    assert display.file_size(57_300_000, locale="de") == "57,3 MB"
    assert display.file_size(820_000, locale="en") == "820 kB"
    assert display.file_size(1_250_000_000, locale="en") == "1.2 GB"
    assert display.file_size(None) == ""
    assert display.download_size(97_300_000, locale="en") == "about 97 MB"
    assert display.download_size(104_000_000, locale="en") == "about 100 MB"
    assert display.download_size(400_000, locale="en") == "less than 1 MB"
    assert display.download_size(None) == "size unknown"


def test_time_spans_and_language_names() -> None:
    assert display.time_ago(3 * 86400 + 60) == "3 days ago"
    assert display.time_ago(7300, locale="de") == "vor 2 Stunden"
    assert display.time_ago(20) == "just now"
    assert display.language_name("de") == "German"
    assert display.language_name("de", locale="de") == "Deutsch"
    assert display.language_name("qq") == "QQ" and display.language_name(None) == "Unknown"
    assert display.pair_label("de", "en") == "German → English"
    assert display.language_names()["fr"] == "French"

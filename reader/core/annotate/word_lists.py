"""Word lists the entity tagger weighs: German noun forms, and surnames.

Is a capitalized German word a known common noun, or a known proper name?
In German every noun has a capital, so the capital letter that marks names elsewhere says little, and the
tagger took rare common nouns ("Linienbussen", "Millionenhöhe") for places and people. Wiktionary's noun
list with all inflected forms (built by ``tools/build_german_nouns.py``, provenance in
``resources/entities/PROVENANCE.md``) tells them apart, and a compound whose last part is a known noun
("Solarstromanlagen") is most likely a common noun too.

Is a capitalized word a surname somewhere? A lone unknown word was most often typed a place ("Castaño");
Faker's surname lists (``tools/build_surnames.py``) let the tagger weigh it as a person. Each list is
loaded on first use.
"""

from __future__ import annotations

import gzip
import threading

from reader.resources import resource_path

LANGUAGES = frozenset({"de"})  # languages with a noun list
# The shortest last part of a compound that counts: shorter ones ("Ei", "Au") end too many names.
MIN_HEAD = 4
# Endings of German adjectives: a capitalized one starts a name ("Europäische Union"), and its last
# letters often spell a noun ("-tische", "-liche").
_ADJECTIVE_ENDINGS = tuple(
    f"{stem}{end}" for stem in ("isch", "lich", "ig") for end in ("e", "en", "er", "es", "em")
)
_lists: dict[str, frozenset[str]] = {}
_lock = threading.Lock()


def _load(name: str) -> frozenset[str]:
    with _lock:
        words = _lists.get(name)
        if words is None:
            path = resource_path("entities", "words", f"{name}.txt.gz")
            with gzip.open(path, "rt", encoding="utf-8") as f:
                words = frozenset(f.read().split("\n")) - {""}
            _lists[name] = words
        return words


def noun_class(word: str, lang: str | None) -> str | None:
    """For a capitalized word in a listed language: "noun" (a known common-noun form), "name" (a known
    proper-name form), "both", "compound" (ends in a known noun: "Solarstromanlagen", "Bundesliga-Saison"),
    or None (unknown, or not applicable)."""
    if lang not in LANGUAGES or not word[:1].isupper():
        return None
    nouns = _load(f"{lang}-nouns")
    names = _load(f"{lang}-names")
    noun, name = word in nouns, word in names
    if noun or name:
        return "both" if noun and name else "noun" if noun else "name"
    if word.casefold().endswith(_ADJECTIVE_ENDINGS):
        return None  # "Statistische" is no compound of "Tische"
    tail = word.rpartition("-")[2]
    if tail != word and tail[:1].isupper():
        return "compound" if tail in nouns else None
    for i in range(3, len(word) - MIN_HEAD + 1):
        if word[i:].capitalize() in nouns:
            return "compound"
    return None


def is_surname(word: str) -> bool:
    return word in _load("surnames")

"""Build the German noun forms the entity tagger uses (``resources/entities/words/de-nouns.txt.gz`` and
``de-names.txt.gz``) from the german-nouns package (Wiktionary data).

Run once, with the throwaway build-time package (it is not a Reader dependency)::

    uv run --with 'german-nouns==1.2.5' python tools/build_german_nouns.py

In German every noun has a capital, so a capital letter says little; the commonest wrong guesses of the
tagger were capitalized common nouns taken for places or people ("Linienbussen", "Millionenhöhe").
``de-nouns`` lists every inflected form of the nouns that Wiktionary lists as common nouns only;
``de-names`` lists the forms of entries that are (also) place names, given names, surnames or other proper
names ("Wolga", "Schröder"). Both one form a line, sorted; the data is CC BY-SA 4.0 (provenance in
resources/entities/PROVENANCE.md).
"""

from __future__ import annotations

import csv
import gzip
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "entities" / "words"
NAME_KINDS = frozenset({"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname"})
# Parts of speech that make an entry no plain common noun (abbreviations, letters, bound morphemes).
SKIPPED_KINDS = frozenset({"Abkürzung", "Buchstabe", "Symbol", "Affix", "Gebundenes Lexem", "Redewendung"})


def _forms(row: dict[str, str]) -> set[str]:
    """The lemma and its inflected forms, capitalized words of at least three letters, without spaces."""
    values = [row["lemma"]] + [v for k, v in row.items() if k not in ("lemma", "pos") and "genus" not in k]
    return {v for v in values if v and len(v) >= 3 and v[:1].isupper() and " " not in v and "\n" not in v}


def main() -> int:
    nouns: set[str] = set()
    names: set[str] = set()
    source = files("german_nouns").joinpath("nouns.csv")
    with source.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            kinds = set((row.get("pos") or "").split(","))
            if "Substantiv" not in kinds or kinds & SKIPPED_KINDS:
                continue
            (names if kinds & NAME_KINDS else nouns).update(_forms(row))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, words in (("de-nouns", nouns), ("de-names", names)):
        path = OUT / f"{name}.txt.gz"
        with gzip.GzipFile(path, "wb", mtime=0) as out:  # mtime=0: the same words give the same bytes
            out.write(("\n".join(sorted(words)) + "\n").encode())
        print(f"{name}: {len(words)} forms -> {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

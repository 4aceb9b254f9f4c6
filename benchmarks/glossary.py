"""Glossary terms in the output: how many are honoured, and what else in the sentence changes (issue 11).

A test set written for this benchmark (below: 40 German news-style sentences, 55 term occurrences, a
glossary of 14 entries: names kept as they are, terms with a translation; some sentences hold a term
in an inflected form the glossary does not list, to show that limit). The benchmark-size model of
``benchmarks/translate.py`` (random-weight de→en, transformer-base shape, int8; decode cap 1.5 × source
+ 10 as there). Random weights never write a glossary term by themselves, so every term the output
holds is one the engine put in: the figure is the enforcement's, not the model's luck.

For each sentence the engine translates it twice: without the glossary (the model's output) and with it.
Printed:
- ``terms_matched_pct``: term occurrences the matcher finds in the source (inflected forms it misses);
- ``terms_honoured_pct``: term occurrences whose rendering is in the output, of all occurrences, and
  ``terms_honoured_of_matched_pct`` of the matched ones;
- ``model_words_kept_pct``: words of the model's output still there, in order, once the terms are in
  (difflib matching blocks over whole words; the words a term replaced count as not kept);
- ``words_replaced_per_term``: model words taken out per term put in (the rest of the sentence is
  untouched when this is about the number of words the model wrote for the term, 1-2);
- seconds per sentence without and with the glossary (one sentence per call, model loaded).

Usage: uv run python benchmarks/glossary.py
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.translate import CAP_EXTRA, CAP_RATIO, packages_dir  # noqa: E402

# (source, target or None = keep as is)
GLOSSARY = [
    ("Deutsche Bahn", None),
    ("Bundestag", None),
    ("Olaf Scholz", None),
    ("Annalena Baerbock", None),
    ("Siemens", None),
    ("Europäische Zentralbank", "European Central Bank"),
    ("Bundesregierung", "federal government"),
    ("Haushalt", "budget"),
    ("Minister", "minister"),
    ("Rathaus", "town hall"),
    ("Brücke", "bridge"),
    ("Gewerkschaft", "trade union"),
    ("Streik", "strike"),
    ("Wahl", "election"),
]

# Each sentence and the glossary sources it contains (as the glossary writes them); an entry written
# "~Minister" is there only in an inflected form ("Ministers", "Streiks"): the matcher should miss it.
TEST_SET = [
    ("Die Deutsche Bahn kündigte am Montag neue Verbindungen an.", ["Deutsche Bahn"]),
    ("Der Bundestag stimmte dem Haushalt nach langer Debatte zu.", ["Bundestag", "Haushalt"]),
    ("Olaf Scholz traf sich am Dienstag mit Vertretern der Gewerkschaft.", ["Olaf Scholz", "Gewerkschaft"]),
    ("Annalena Baerbock reiste nach Paris, um über die Lage zu sprechen.", ["Annalena Baerbock"]),
    ("Siemens will im nächsten Jahr tausend neue Stellen schaffen.", ["Siemens"]),
    ("Die Europäische Zentralbank hob die Zinsen erneut an.", ["Europäische Zentralbank"]),
    ("Die Bundesregierung plant eine Reform der Rente.", ["Bundesregierung"]),
    ("Der Minister sagte, der Haushalt sei solide finanziert.", ["Minister", "Haushalt"]),
    ("Vor dem Rathaus versammelten sich am Abend viele Menschen.", ["Rathaus"]),
    ("Die neue Brücke über den Fluss soll im Herbst eröffnet werden.", ["Brücke"]),
    ("Die Gewerkschaft rief für Donnerstag zu einem Streik auf.", ["Gewerkschaft", "Streik"]),
    ("Nach der Wahl begannen die Gespräche über eine Koalition.", ["Wahl"]),
    ("Die Deutsche Bahn rechnet wegen des Streiks mit Ausfällen.", ["Deutsche Bahn", "~Streik"]),
    ("Im Bundestag wurde über die Brücke in der Stadt gestritten.", ["Bundestag", "Brücke"]),
    ("Die Rede des Ministers wurde mit Spannung erwartet.", ["~Minister"]),
    ("Der Haushalt der Stadt weist ein großes Defizit aus.", ["Haushalt"]),
    ("Siemens und die Deutsche Bahn unterzeichneten einen Vertrag.", ["Siemens", "Deutsche Bahn"]),
    ("Olaf Scholz verteidigte die Pläne der Bundesregierung.", ["Olaf Scholz", "Bundesregierung"]),
    ("Annalena Baerbock sprach mit dem Minister aus Polen.", ["Annalena Baerbock", "Minister"]),
    ("Die Europäische Zentralbank warnte vor steigenden Preisen.", ["Europäische Zentralbank"]),
    ("Der Streik legte den Verkehr in vielen Städten lahm.", ["Streik"]),
    ("Die Wahl findet im kommenden Frühjahr statt.", ["Wahl"]),
    ("Im Rathaus wurde der neue Plan für die Innenstadt vorgestellt.", ["Rathaus"]),
    ("Die Brücke ist seit Wochen für Lastwagen gesperrt.", ["Brücke"]),
    ("Die Gewerkschaft fordert mehr Lohn für die Beschäftigten.", ["Gewerkschaft"]),
    ("Die Bundesregierung und die Gewerkschaft einigten sich.", ["Bundesregierung", "Gewerkschaft"]),
    ("Der Minister besuchte am Mittwoch das Werk von Siemens.", ["Minister", "Siemens"]),
    ("Die Ausgaben im Haushalt sollen um zwei Prozent steigen.", ["Haushalt"]),
    ("Vor der Wahl warb Olaf Scholz für seine Politik.", ["Wahl", "Olaf Scholz"]),
    ("Die Debatte im Bundestag dauerte bis spät in die Nacht.", ["Bundestag"]),
    ("Die Pläne der Europäischen Zentralbank überraschten die Märkte.", ["~Europäische Zentralbank"]),
    ("Die Deutsche Bahn will die Brücke bis zum Sommer erneuern.", ["Deutsche Bahn", "Brücke"]),
    ("Der Streik der Lokführer endete am Freitag.", ["Streik"]),
    ("Das Rathaus bleibt wegen Bauarbeiten geschlossen.", ["Rathaus"]),
    ("Annalena Baerbock kritisierte die Entscheidung scharf.", ["Annalena Baerbock"]),
    ("Die Wahl des neuen Bürgermeisters ist im Mai.", ["Wahl"]),
    ("Ein Sprecher der Bundesregierung wies die Vorwürfe zurück.", ["Bundesregierung"]),
    ("Siemens meldete einen deutlichen Anstieg des Gewinns.", ["Siemens"]),
    ("Der Minister legte den Haushalt für das nächste Jahr vor.", ["Minister", "Haushalt"]),
    ("Die Gewerkschaft drohte mit einem neuen Streik im Winter.", ["Gewerkschaft", "Streik"]),
]


def main() -> None:
    from reader.core.document import Article, Block, BlockKind
    from reader.core.translate.cache import MemoryTranslationCache
    from reader.core.translate.engine import EngineSettings, TranslationEngine
    from reader.core.translate.glossary_apply import find_terms, honoured
    from reader.core.translate.memory import GlossaryTerm, MemoryGlossary
    from reader.core.translate.packages import PackageManager

    terms = [GlossaryTerm("de", "en", source, target) for source, target in GLOSSARY]
    glossary = MemoryGlossary(terms)
    manager = PackageManager(packages_dir("transformer"))
    settings = EngineSettings(decode_ratio=CAP_RATIO, decode_extra=CAP_EXTRA)
    plain = TranslationEngine(manager, MemoryTranslationCache(), settings)
    enforcing = TranslationEngine(manager, MemoryTranslationCache(), settings, glossary=glossary)
    ordered = glossary.terms("de", "en")

    expected = matched = honoured_count = honoured_matched = 0
    kept = total = replaced = put_in = 0
    seconds = plain_seconds = 0.0
    for index, (sentence, present) in enumerate(TEST_SET):
        article = Article("", (Block(f"b{index}", BlockKind.PARAGRAPH, sentence, lang="de"),))
        started = time.perf_counter()
        (base,) = plain.translate_article(article, "en")
        plain_seconds += time.perf_counter() - started
        started = time.perf_counter()
        (result,) = enforcing.translate_article(article, "en")
        seconds += time.perf_counter() - started
        text = result.text or ""
        hits = find_terms(sentence, ordered)
        found_sources = {sentence[h.start : h.end].casefold() for h in hits}
        for name in present:
            source = name.lstrip("~")
            rendering = dict(GLOSSARY)[source] or source
            expected += 1
            is_matched = not name.startswith("~") and source.casefold() in {
                f.casefold() for f in found_sources
            }
            matched += is_matched
            ok = any(honoured(text, h) for h in hits if h.rendering.casefold() == rendering.casefold())
            honoured_count += ok
            honoured_matched += ok and is_matched
        base_words = (base.text or "").split()
        new_words = text.split()
        rendered_words = sum(len(h.rendering.split()) for h in hits)
        blocks = difflib.SequenceMatcher(None, base_words, new_words, autojunk=False).get_matching_blocks()
        same = sum(b.size for b in blocks)
        taken_out = len(base_words) - same
        kept += same
        replaced += taken_out
        total += len(base_words)
        put_in += len(hits) if rendered_words else 0

    print(f"sentences={len(TEST_SET)} term_occurrences={expected} glossary_entries={len(GLOSSARY)}")
    print(f"terms_matched_pct={100 * matched / expected:.1f}")
    print(f"terms_honoured_pct={100 * honoured_count / expected:.1f}")
    print(f"terms_honoured_of_matched_pct={100 * honoured_matched / max(1, matched):.1f}")
    print(f"model_words_kept_pct={100 * kept / max(1, total):.1f}")
    print(f"words_replaced_per_term={replaced / max(1, put_in):.2f}")
    print(f"seconds_per_sentence_plain={plain_seconds / len(TEST_SET):.3f}")
    print(f"seconds_per_sentence_with_glossary={seconds / len(TEST_SET):.3f}")


if __name__ == "__main__":
    main()

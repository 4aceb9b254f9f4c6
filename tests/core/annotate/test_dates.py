"""Date recognition: the issue's examples, traps that must stay silent, resolution, and the accuracy floor."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from reader.core.annotate.dates import SUPPORTED_LANGUAGES, find_dates
from reader.core.document import SpanKind

DATA = Path(__file__).resolve().parents[2] / "data" / "dates"
TUESDAY = dt.date(2022, 1, 4)


def found(
    text: str, lang: str | None, reference: dt.date | None = TUESDAY
) -> list[tuple[str, str | None, str | None]]:
    return [(s.text, s.value, s.detail) for s in find_dates(text, lang, reference=reference)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Treffen am 21. Oktober 2021 in Brüssel.", ("21. Oktober 2021", "2021-10-21", "date")),
        ("de", "Riga, Lettland, 30. November 2021.", ("30. November 2021", "2021-11-30", "date")),
        ("en", "It happened on 30 November 2021.", ("30 November 2021", "2021-11-30", "date")),
        ("fr", "La grève a eu lieu le 5 décembre 2019.", ("5 décembre 2019", "2019-12-05", "date")),
        ("es", "La reunión será el 6 de febrero.", ("6 de febrero", "2022-02-06", "day-month")),
        ("de", "Das war am 4. Januar.", ("4. Januar", "2022-01-04", "day-month")),
        ("en", "Talks resume on 12 January.", ("12 January", "2022-01-12", "day-month")),
        ("de", "Ein Beamter sagte am Dienstag, es gebe Fortschritte.", ("Dienstag", "2022-01-04", "weekday")),
        ("en", "She flew to Kyiv on Tuesday.", ("Tuesday", "2022-01-04", "weekday")),
        ("en", "A dispute broke out in October.", ("October", "2021-10", "month")),
        ("en", "Ministers will talk later in January.", ("January", "2022-01", "month")),
        ("de", "Das Format wird seit 2002 genutzt.", ("2002", "2002", "year")),
        ("en", "Sanctions were tightened in 2021.", ("2021", "2021", "year")),
        ("de", "Das Treffen ist für nächste Woche geplant.", ("nächste Woche", "2022-W02", "relative")),
        ("en", "The talks collapsed yesterday.", ("yesterday", "2022-01-03", "relative")),
        ("en", "Prices rose sharply last year.", ("last year", "2021", "relative")),
        (
            "de",
            "Die Konferenz läuft vom 10. bis 12. Januar.",
            ("vom 10. bis 12. Januar", "2022-01-10/2022-01-12", "range"),
        ),
        ("de", "Frist: 04.01.2022.", ("04.01.2022", "2022-01-04", "date")),
        ("en", "Filed 2022-01-04 by the clerk.", ("2022-01-04", "2022-01-04", "date")),
        ("en", "Posted 1/4/2022 online.", ("1/4/2022", "2022-01-04", "date")),
        ("de", "Veröffentlicht am 1/4/2022.", ("1/4/2022", "2022-04-01", "date")),
        ("de", "Beginn um 14:30 Uhr.", ("14:30 Uhr", "T14:30", "time")),
        ("it", "Il decreto entra in vigore il 1º maggio 2022.", ("1º maggio 2022", "2022-05-01", "date")),
        ("nl", "De stemming is op 6 december 2022.", ("6 december 2022", "2022-12-06", "date")),
        (
            "pt",
            "O segundo turno será em 30 de outubro de 2022.",
            ("30 de outubro de 2022", "2022-10-30", "date"),
        ),
    ],
)
def test_issue_examples_are_found_with_iso_values(
    lang: str, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in found(text, lang)


def test_weekday_before_bracketed_date_takes_that_date() -> None:
    text = "sagte ein Nato-Beamter am Dienstag (4. Januar)."
    assert found(text, "de") == [
        ("Dienstag", "2022-01-04", "weekday"),
        ("4. Januar", "2022-01-04", "day-month"),
    ]


def test_spans_are_exact_sorted_non_overlapping_date_spans() -> None:
    text = (
        "Am 12. Januar um 10:00 Uhr beginnt es, am 13. Januar geht es weiter; seit 2002 gibt es das Format."
    )
    spans = find_dates(text, "de", reference=TUESDAY)
    assert [s.text for s in spans] == ["12. Januar", "10:00 Uhr", "13. Januar", "2002"]
    assert spans[1].value == "2022-01-12T10:00"
    for span in spans:
        assert span.kind is SpanKind.DATE and text[span.start : span.end] == span.text
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Some 2,000 troops crossed the border."),
        ("de", "Rund 2.000 Soldaten und 2021 Millionen Euro."),
        ("de", "Karten kosten ab 2022 Euro, siehe Seite 12."),
        ("en", "Tickets cost € 2021 each; see page 2021 of the report."),
        ("de", "Er kam mit dem Zug, und die Leute gingen in die Stadt."),
        ("de", "Mai Thi Nguyen-Kim erklärte das Virus."),
        ("en", "Thousands march on the capital and we may win."),
        ("en", "May she succeed, her allies said."),
        ("en", "The Sun reported it and the Sunday Times followed."),
        ("en", "Call 0161 868 8000 or +49 30 1234 5678."),
        ("de", "Bayern gewann 3:1 gegen Dortmund, Endstand 2:0."),
        ("en", "Install version 3.11.2 or release 10.12.2021."),
        ("es", "Plácido Domingo cantó por la mañana."),
        ("fr", "Mars, la planète rouge, et Ariane 5."),
        ("en", "Turnout was 76.5% and shares rose 2.3% to $20.21."),
    ],
)
def test_traps_produce_nothing(lang: str, text: str) -> None:
    assert found(text, lang) == []


def test_without_reference_values_are_partial_or_absent() -> None:
    spans = found("On 4 January, in October and on Tuesday, or yesterday; in 2021.", "en", reference=None)
    assert spans == [
        ("4 January", "--01-04", "day-month"),
        ("October", "--10", "month"),
        ("Tuesday", None, "weekday"),
        ("yesterday", None, "relative"),
        ("2021", "2021", "year"),
    ]


def test_resolution_follows_the_reference_date() -> None:
    late_december = dt.date(2021, 12, 28)
    assert found("Die Sitzung ist am 12. Januar.", "de", late_december) == [
        ("12. Januar", "2022-01-12", "day-month")
    ]
    assert found("Der Streit begann im Dezember.", "de", TUESDAY) == [("Dezember", "2021-12", "month")]
    assert found("He resigned last May.", "en", TUESDAY) == [("May", "2021-05", "month")]


def test_weekday_direction_follows_tense_and_modifiers() -> None:
    thursday = dt.date(2022, 1, 6)
    assert found("The minister said on Monday that talks failed.", "en", thursday)[0][1] == "2022-01-03"
    assert found("The ministers will meet on Monday.", "en", thursday)[0][1] == "2022-01-10"
    assert found("Le vote aura lieu mardi prochain.", "fr", thursday)[0][:2] == (
        "mardi prochain",
        "2022-01-11",
    )
    assert found("Am vergangenen Freitag wurde gewählt.", "de", thursday)[0][:2] == (
        "vergangenen Freitag",
        "2021-12-31",
    )


def test_unsupported_or_missing_language_gets_numeric_forms_only() -> None:
    assert found("Sitzung am 04.01.2022, 4. Januar, 2022-01-05.", None) == [
        ("04.01.2022", "2022-01-04", "date"),
        ("2022-01-05", "2022-01-05", "date"),
    ]
    assert found("Posted 1/4/2022 and 13/1/2022.", "fi") == [("13/1/2022", "2022-01-13", "date")]
    assert found("Am 4. Januar 2022.", "de-AT") == [("4. Januar 2022", "2022-01-04", "date")]
    assert find_dates("", "en") == ()
    assert set(SUPPORTED_LANGUAGES) >= {"de", "en", "fr", "es", "it", "nl", "pt"}


def test_concurrent_first_use_gives_the_same_answers() -> None:
    text = "Il vertice si terrà dal 5 al 9 luglio; ieri il ministro ha parlato."
    results: list[object] = []

    def work() -> None:
        results.append(find_dates(text, "it", reference=TUESDAY))

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6 and all(r == results[0] for r in results)
    assert [s.text for s in results[0]] == ["dal 5 al 9 luglio", "ieri"]  # type: ignore[attr-defined]


def _labelled() -> list[tuple[str, dt.date, str, list[tuple[int, int, str]]]]:
    docs = []
    for path in sorted(DATA.glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        for doc in payload["documents"]:
            gold = []
            for item in doc["dates"]:
                start = -1
                for _ in range(item.get("occurrence", 0) + 1):
                    start = doc["text"].index(item["text"], start + 1)
                gold.append((start, start + len(item["text"]), item["value"]))
            docs.append((payload["lang"], dt.date.fromisoformat(doc["reference"]), doc["text"], gold))
    return docs


def test_labelled_set_precision_and_recall_floors() -> None:
    """Overlap counts as a hit; both floors are 0.95 over every labelled mention (de/en/fr/es/it/nl/pt)."""
    found_total = found_ok = gold_total = gold_hit = 0
    for lang, reference, text, gold in _labelled():
        spans = find_dates(text, lang, reference=reference)
        found_total += len(spans)
        gold_total += len(gold)
        found_ok += sum(any(s.start < e and b < s.end for b, e, _v in gold) for s in spans)
        gold_hit += sum(any(s.start < e and b < s.end for s in spans) for b, e, _v in gold)
    assert gold_total >= 200
    assert found_ok / found_total >= 0.95
    assert gold_hit / gold_total >= 0.95

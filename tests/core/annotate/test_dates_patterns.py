"""Date patterns added for real text (issue 9): each with sentences of our own, and the year a partial
date takes from the text before it."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.annotate.dates import find_article_dates, find_dates

TUESDAY = dt.date(2022, 1, 4)  # first quarter of 2022


def found(text: str, lang: str, reference: dt.date | None = TUESDAY) -> list[tuple[str, str | None]]:
    return [(s.text, s.value) for s in find_dates(text, lang, reference=reference)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # now, currently, recently, the future
        ("en", "Prices are now higher than before.", ("now", "2022-01-04")),
        ("en", "Rates are currently low.", ("currently", "2022-01-04")),
        ("en", "The bank recently cut its rates.", ("recently", "PAST_REF")),
        ("en", "Nobody knows what happens in the future.", ("in the future", "FUTURE_REF")),
        ("de", "Die Lage ist derzeit ruhig.", ("derzeit", "2022-01-04")),
        ("de", "Der Trainer hat kürzlich gekündigt.", ("kürzlich", "PAST_REF")),
        ("es", "Ahora el proyecto avanza.", ("Ahora", "2022-01-04")),
        ("fr", "Le chantier avance actuellement sans retard.", ("actuellement", "2022-01-04")),
        ("it", "Attualmente il cantiere è fermo.", ("Attualmente", "2022-01-04")),
        ("nl", "Momenteel ligt de bouw stil.", ("Momenteel", "2022-01-04")),
        ("pt", "Atualmente a obra está parada.", ("Atualmente", "2022-01-04")),
        # quarters: without a year, the latest such quarter begun by the published date
        ("en", "Third-quarter profit rose 5%.", ("Third-quarter", "2021-Q3")),
        ("en", "Sales fell sharply in the quarter.", ("the quarter", "2021-Q4")),
        ("en", "Sales fell in the fourth quarter of 2020.", ("the fourth quarter of 2020", "2020-Q4")),
        ("en", "The first quarter looks better.", ("The first quarter", "2022-Q1")),
        ("de", "Im dritten Quartal 2021 sank der Umsatz.", ("dritten Quartal 2021", "2021-Q3")),
        (
            "es",
            "Las ventas cayeron en el tercer trimestre de 2021.",
            ("el tercer trimestre de 2021", "2021-Q3"),
        ),
        ("it", "Le vendite sono calate nel terzo trimestre.", ("terzo trimestre", "2021-Q3")),
        ("nl", "De omzet daalde in het derde kwartaal.", ("het derde kwartaal", "2021-Q3")),
        ("pt", "As vendas caíram no terceiro trimestre.", ("terceiro trimestre", "2021-Q3")),
        # decades and centuries (TimeML values: "199" is the 1990s, "18" the 19th century)
        ("en", "Housing boomed in the 1990s.", ("the 1990s", "199")),
        ("en", "The mill was built in the 1880s.", ("the 1880s", "188")),
        ("de", "In den 1990er Jahren schrumpfte die Stadt.", ("den 1990er Jahren", "199")),
        ("en", "The town grew in the 19th century.", ("the 19th century", "18")),
        ("de", "Die Burg stammt aus dem 13. Jahrhundert.", ("13. Jahrhundert", "12")),
        ("fr", "Le château date du XIXe siècle.", ("XIXe siècle", "18")),
        ("es", "La iglesia es del siglo XII.", ("siglo XII", "11")),
        # seasons
        ("en", "The plan was drafted in the spring of last year.", ("the spring of last year", "2021-SP")),
        ("en", "Work resumes in spring 2023.", ("spring 2023", "2023-SP")),
        ("de", "Im Herbst kam es zum Streit.", ("Herbst", "2022-FA")),
        ("de", "Im vergangenen Sommer war es heiß.", ("vergangenen Sommer", "2021-SU")),
        ("fr", "Les travaux reprendront au printemps 2023.", ("printemps 2023", "2023-SP")),
        ("nl", "Het museum opent in de zomer van 2023.", ("de zomer van 2023", "2023-SU")),
        # holidays
        ("en", "The shops close on Christmas Day.", ("Christmas Day", "2021-12-25")),
        ("de", "Am Heiligabend bleibt das Rathaus zu.", ("Heiligabend", "2021-12-24")),
        ("de", "Die Läden bleiben an Ostern 2024 geschlossen.", ("Ostern 2024", "2024-03-31")),
        ("de", "Am Pfingstmontag fährt kein Bus.", ("Pfingstmontag", "2022-06-06")),
        ("en", "Retailers expect record sales over Thanksgiving.", ("Thanksgiving", "2021-11-25")),
        ("fr", "Le musée ferme le lundi de Pâques 2023.", ("lundi de Pâques 2023", "2023-04-10")),
        # modifiers kept in the span, parts of the day, AP abbreviations, a time before its day
        ("en", "The deal should close early next year.", ("early next year", "2023")),
        ("de", "Ende 1941 stand die Front vor Moskau.", ("Ende 1941", "1941")),
        ("en", "The vote was held on Wednesday night.", ("Wednesday night", "2021-12-29TNI")),
        ("de", "Das Spiel ist am Mittwochabend.", ("Mittwochabend", "2022-01-05TEV")),
        ("en", "Applications close Sept. 30.", ("Sept. 30", "2021-09-30")),
        (
            "en",
            "The strike began at 10 p.m. Monday, union leaders said.",
            ("10 p.m. Monday", "2022-01-03T22:00"),
        ),
        # parts of today, yesterday, tomorrow
        ("en", "He spoke to reporters last night.", ("last night", "2022-01-03TNI")),
        ("de", "Die Kanzlerin spricht heute Abend.", ("heute Abend", "2022-01-04TEV")),
        ("fr", "Le maire parlera ce soir.", ("ce soir", "2022-01-04TEV")),
        ("es", "El presidente habló anoche.", ("anoche", "2022-01-03TNI")),
        ("it", "Il sindaco parlerà stasera.", ("stasera", "2022-01-04TEV")),
        ("nl", "De burgemeester spreekt vanavond.", ("vanavond", "2022-01-04TEV")),
        ("pt", "O prefeito fala esta noite.", ("esta noite", "2022-01-04TNI")),
        ("es", "El avión aterrizó a las 8.15 hora local (07.15 GMT).", ("07.15 GMT", "T07:15")),
        # year lists and ranges, a day before its day-month
        ("es", "Hubo elecciones en los años 1988, 1994 y 2000.", ("1994", "1994")),
        ("de", "Nach den Balkankriegen (1912/13) kam der Weltkrieg.", ("1912/13", "1912/1913")),
        ("de", "Charles de Gaulle (1890–1970) führte das freie Frankreich.", ("1890–1970", "1890/1970")),
        ("de", "Am 8. und 9. Mai 1945 wurde gefeiert.", ("8.", "1945-05-08")),
        ("en", "Prices peaked in mid-November.", ("mid-November", "2021-11")),
        # bare years in date context, years of an era
        ("de", "Die Schlacht vor Verdun 1916 kostete Hunderttausende das Leben.", ("1916", "1916")),
        ("en", "He was convicted for the 1996 bombing.", ("1996", "1996")),
        ("de", "Der Tempel wurde 260 v. Chr. zerstört.", ("260 v. Chr.", "-0259")),
        ("en", "The city was founded in 753 BC.", ("753 BC", "-0752")),
    ],
)
def test_pattern_is_found_with_its_value(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert expected in found(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Profit was $4 million in the third quarter of 2021, up from $3 million a year earlier.",
         [("the third quarter of 2021", "2021-Q3"), ("a year earlier", "2020-Q3")]),
        ("en", "Third-quarter profit rose to $5 million from $4 million a year ago.",
         [("Third-quarter", "2021-Q3"), ("a year ago", "2020-Q3")]),
        ("de", "Am 3. März 2021 begann die Messe, zwei Tage später war sie ausverkauft.",
         [("3. März 2021", "2021-03-03"), ("zwei Tage später", "2021-03-05")]),
        ("de", "Der Vertrag wurde am 12. Mai 1955 unterzeichnet; am selben Tag trat er in Kraft.",
         [("12. Mai 1955", "1955-05-12"), ("am selben Tag", "1955-05-12")]),
        ("en", "The ship sailed on June 3, 1921, and the next day it sank.",
         [("June 3, 1921", "1921-06-03"), ("the next day", "1921-06-04")]),
    ],
)  # fmt: skip
def test_anaphoric_dates_count_from_the_last_date(
    lang: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, lang) == expected


def test_partial_date_takes_the_year_of_an_explicit_date_before_it() -> None:
    assert found("Am 8. Mai 1945 und am 9. Mai wurde kapituliert.", "de") == [
        ("8. Mai 1945", "1945-05-08"),
        ("9. Mai", "1945-05-09"),
    ]


def test_history_article_carries_the_year_across_paragraphs() -> None:
    blocks = [
        ("Der Krieg begann 1914 im Westen; 1915 folgte der Gaskrieg, 1916 die Schlacht um Verdun.", "de"),
        ("Am 21. Februar begann der Angriff. Im Juli folgte die Schlacht an der Somme.", "de"),
    ]
    spans = find_article_dates(blocks, reference=dt.date(2011, 2, 16))
    assert [(s.text, s.value) for s in spans[1]] == [("21. Februar", "1916-02-21"), ("Juli", "1916-07")]


def test_news_keeps_partial_dates_on_the_published_date() -> None:
    # A year in passing ("joined in 2018") says nothing about a later day-month in a news story.
    text = "Jane Doe, who joined in April 2018, said results for the year ending June 30 would improve."
    assert ("June 30", "2022-06-30") in found(text, "en")
    blocks = [("Kopp's 1987 car was found in a garage.", "en"), ("He was last seen in December.", "en")]
    spans = find_article_dates(blocks, reference=TUESDAY)
    assert [(s.text, s.value) for s in spans[1]] == [("December", "2021-12")]


def test_deictic_expressions_stay_on_the_published_date_in_history_text() -> None:
    blocks = [("Die Stadt wurde 1850 gegründet, 1870 erweitert und 1890 eingemeindet.", "de"),
              ("Im kommenden Sommer feiert sie ein Fest.", "de")]  # fmt: skip
    spans = find_article_dates(blocks, reference=TUESDAY)
    assert [(s.text, s.value) for s in spans[1]] == [("kommenden Sommer", "2022-SU")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Die Rote Armee griff mit 1500 Panzern und 3000 Flugzeugen an."),
        ("es", "La sede está en la calle Mayo, 2021, de Fráncfort."),
        ("en", "Page 2023 of the filing lists 1,200 donors."),
        ("en", "Now the alliance has a new mission."),
        ("en", "She wore a Spring collection dress."),
        ("de", "Der Sommer ist eine Jahreszeit."),
        ("en", "The 2020 delegates voted, and 1999 cases were closed."),
        ("de", "Die Hotline 0800 2021 2022 ist frei."),
        ("de", "Rund 1500-2000 Soldaten warteten."),
        ("en", "Easter Island lies in the Pacific."),
    ],
)
def test_new_patterns_stay_silent_on_traps(lang: str, text: str) -> None:
    assert found(text, lang) == []


def test_long_paragraph_gives_every_repeat_its_spans() -> None:
    """Not a timing test: the number of regex matches and kept spans grows with the text, and the
    spans stay sorted and non-overlapping however long the paragraph."""
    sentence = "On 8 May 1945 and on 9 May the war ended, officials said on Tuesday; prices rose now. "
    spans = find_dates(sentence * 400, "en", reference=TUESDAY)
    assert len(spans) == 400 * len(find_dates(sentence, "en", reference=TUESDAY))
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize("reference", [dt.date(2022, 1, 4), dt.date(1, 1, 1), dt.date(9999, 12, 31), None])
def test_edge_cases_give_values_or_none_never_an_error(reference: dt.date | None) -> None:
    text = (
        "Am 29. Februar und am 31. Dezember 2199, Ostern, morgen, im nächsten Sommer, zwei Tage später, "
        "im dritten Quartal und 9999 v. Chr."
    )
    spans = find_dates(text, "de", reference=reference)
    assert [s.text for s in spans][:2] == ["29. Februar", "31. Dezember 2199"]
    if reference == TUESDAY:
        assert spans[0].value == "2020-02-29"  # the nearest 29 February


@pytest.mark.parametrize(
    ("lang", "text", "weekday"),
    [
        ("fr", "Dimanche soir, le comité invite les habitants.", "Dimanche soir"),
        ("es", "Domingo por la noche habrá fiesta.", "Domingo"),
        ("it", "Domenica sera ci sarà la festa.", "Domenica sera"),
        ("pt", "Domingo haverá festa na praça.", "Domingo"),
    ],
)
def test_weekday_opening_a_sentence_is_found_in_lowercase_languages(
    lang: str, text: str, weekday: str
) -> None:
    # French (no weekday prefixes in its table) raised IndexError ("no such group") here before.
    assert [s.text for s in find_dates(text, lang, reference=TUESDAY)] == [weekday]

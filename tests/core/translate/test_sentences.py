"""The offline sentence splitter: each sentence is translated on its own, so wrong splits show."""

from __future__ import annotations

import pytest

from reader.core.translate.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Am 3. Okt. 2024 sagte Dr. Müller: „Das ist z. B. gut.“ Dann ging er. Die U.S.A. sind groß.",
            [
                "Am 3. Okt. 2024 sagte Dr. Müller: „Das ist z. B. gut.“",
                "Dann ging er.",
                "Die U.S.A. sind groß.",
            ],
        ),
        (
            "Das Treffen findet am 12. Januar statt. Wirklich? Ja!",
            ["Das Treffen findet am 12. Januar statt.", "Wirklich?", "Ja!"],
        ),
        (
            'He said "Go now." Then J. R. Smith left, approx. at noon.',
            ['He said "Go now."', "Then J. R. Smith left, approx. at noon."],
        ),
        ("Erste Zeile ohne Punkt\nZweite Zeile.", ["Erste Zeile ohne Punkt", "Zweite Zeile."]),
        ("version 2.5 is out. it works.", ["version 2.5 is out. it works."]),
        ("   ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("zh", "北京今天下雨。明天会晴吗？会的！", ["北京今天下雨。", "明天会晴吗？", "会的！"]),
        ("zh", "他说：“好！”然后走了。", ["他说：“好！”", "然后走了。"]),
        (
            "ja",
            "東京は晴れです。「本当？」と彼は聞いた。はい！",
            ["東京は晴れです。", "「本当？」と彼は聞いた。", "はい！"],
        ),
        (
            "hi",
            "आज बारिश हो रही है। कल धूप होगी। क्या तुम आओगे?",
            ["आज बारिश हो रही है।", "कल धूप होगी।", "क्या तुम आओगे?"],
        ),
        ("bn", "আজ বৃষ্টি হচ্ছে। কাল রোদ উঠবে।", ["আজ বৃষ্টি হচ্ছে।", "কাল রোদ উঠবে।"]),
        ("ur", "آج بارش ہو رہی ہے۔ کیا تم آؤ گے؟ ہاں۔", ["آج بارش ہو رہی ہے۔", "کیا تم آؤ گے؟", "ہاں۔"]),
        ("ar", "هل ستأتي غدا؟ نعم سآتي. شكرا.", ["هل ستأتي غدا؟", "نعم سآتي.", "شكرا."]),
        ("fa", "آیا فردا می‌آیی؟ بله می‌آیم.", ["آیا فردا می‌آیی؟", "بله می‌آیم."]),
        ("el", "Τι ώρα είναι; Είναι τρεις. Πού πας;", ["Τι ώρα είναι;", "Είναι τρεις.", "Πού πας;"]),
        ("el", "Τι ώρα είναι\u037e Είναι τρεις.", ["Τι ώρα είναι\u037e", "Είναι τρεις."]),
    ],
)
def test_split_sentences_in_each_script(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_ascii_semicolon_ends_a_sentence_only_in_greek() -> None:
    assert split_sentences("Erstens; Zweitens kommt.", "de") == ["Erstens; Zweitens kommt."]
    assert split_sentences("Erstens; Zweitens kommt.") == ["Erstens; Zweitens kommt."]


ABBREVIATED = {
    "de": [
        "Am 3. Okt. 2024 traf Dr. Weber die Ministerin.",
        "Sie sprachen z. B. über Nr. 5.",
        "Das ist so.",
        "Dann ging er.",
    ],
    "en": [
        "The U.S. team met Dr. Smith at 5 p.m. on Friday.",
        "It was Sept. 5 and cold.",
        "See No. 5 later.",
        "We left.",
    ],
    "fr": [
        "M. Dupont et Mme Martin sont arrivés le 3 sept. 2024 à Paris.",
        "Ils ont vu le Dr. Roux, etc.",
        "Puis ils sont partis.",
    ],
}


@pytest.mark.parametrize("lang", sorted(ABBREVIATED))
def test_abbreviations_do_not_end_sentences(lang: str) -> None:
    expected = ABBREVIATED[lang]
    assert split_sentences(" ".join(expected), lang) == expected

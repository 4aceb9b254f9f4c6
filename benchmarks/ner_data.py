"""Readers for the public NER sets in ../shared/data/ner (see its README), mapped to PER/ORG/LOC/MISC.

Every reader returns sentences as ``(tokens, tags, space_after)``: BIO2 tags over Reader's four types, plus
``X`` for tokens the scoring ignores (GermEval ``*part``: a name inside a longer word, e.g. "EU-Staaten").
Tag mapping:
- GermEval 2014: outer column; PER/ORG/LOC as is, OTH → MISC, ``*deriv`` → MISC (CoNLL convention:
  "deutschen" is MISC there), ``*part`` → X (ignored). The inner (nested) column is not used.
- HIPE-2022 (NewsEye, SoNAR): NE-COARSE-LIT; pers/org/loc as is, prod and HumanProd → MISC, time → O.
- CoNLL-2002/2003, wikigold, Europeana (IOB1 → BIO2), UNER, KIND: PER/ORG/LOC/MISC as is.

Used by ``benchmarks/entities_real.py`` (dev figures) and ``tools/train_entity_tagger.py`` (training, which
reads only the openly licensed sets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ner"
Sentence = tuple[list[str], list[str], list[bool]]

_TYPES = {
    "PER": "PER",
    "PERS": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "MISC": "MISC",
    "OTH": "MISC",
    "PROD": "MISC",
    "HUMANPROD": "MISC",
}


def _map(tag: str) -> str:
    """One raw tag to B-/I-TYPE, O or X."""
    if tag in ("O", "_", "") or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    upper = kind.upper()
    if upper.endswith("PART"):
        return "X"
    if upper.endswith("DERIV"):
        return f"{prefix}-MISC"
    mapped = _TYPES.get(upper)
    return f"{prefix}-{mapped}" if mapped else "O"


def _bio2(tags: list[str]) -> list[str]:
    """IOB1 (an I- may start a span) to BIO2; BIO2 input comes back unchanged."""
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev == "X" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def _sentence(tokens: list[str], raw: list[str], space: list[bool] | None = None) -> Sentence:
    return tokens, _bio2([_map(t) for t in raw]), space or [True] * len(tokens)


def read_columns(
    path: Path, token_col: int, tag_col: int, sep: str | None = None, *, comments: bool = False
) -> list[Sentence]:
    """Blank-line separated sentences; -DOCSTART- lines (and with ``comments``, ``#`` lines) skipped."""
    return _columns(path.read_text("utf-8").splitlines(), token_col, tag_col, sep, comments)


def read_column_documents(path: Path, token_col: int, tag_col: int) -> list[list[Sentence]]:
    """The sentences of each document (the parts between -DOCSTART- lines), for sets that mark them."""
    chunks = re.split(r"^-DOCSTART-.*$", path.read_text("utf-8"), flags=re.MULTILINE)
    documents = [_columns(chunk.splitlines(), token_col, tag_col, None, False) for chunk in chunks]
    return [d for d in documents if d]


def _columns(
    lines: list[str], token_col: int, tag_col: int, sep: str | None, comments: bool
) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    raw: list[str] = []
    for line in lines:
        if comments and line.startswith("#"):
            continue
        cols = line.split(sep) if line.strip() else []
        if not cols or cols[0] == "-DOCSTART-":
            if tokens:
                sentences.append(_sentence(tokens, raw))
            tokens, raw = [], []
            continue
        tokens.append(cols[token_col])
        raw.append(cols[tag_col] if len(cols) > tag_col else "O")
    if tokens:
        sentences.append(_sentence(tokens, raw))
    return sentences


def read_pseudo_sentences(path: Path) -> list[Sentence]:
    """Europeana: one token per line and no sentence breaks; cut after sentence-final punctuation."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    raw: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split()
        if len(cols) < 2:
            continue
        tokens.append(cols[0])
        raw.append(cols[-1])
        if (cols[0] in (".", "!", "?") and len(tokens) >= 4) or len(tokens) >= 60:
            sentences.append(_sentence(tokens, raw))
            tokens, raw = [], []
    if tokens:
        sentences.append(_sentence(tokens, raw))
    return sentences


def read_hipe(path: Path) -> list[Sentence]:
    """HIPE-2022 TSV: NE-COARSE-LIT column, sentences end at ``EndOfSentence``, NoSpaceAfter kept."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    raw: list[str] = []
    space: list[bool] = []

    def flush() -> None:
        nonlocal tokens, raw, space
        if tokens:
            sentences.append(_sentence(tokens, raw, space))
        tokens, raw, space = [], [], []

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or line.startswith("TOKEN\t"):
            if "document_id" in line:
                flush()
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0]:
            continue
        misc = cols[-1]
        tag = cols[1]
        tokens.append(cols[0])
        raw.append("O" if tag.upper().endswith("TIME") else tag)
        space.append("NoSpaceAfter" not in misc)
        if "EndOfSentence" in misc:
            flush()
    flush()
    return sentences


def read_germeval(path: Path) -> list[Sentence]:
    return read_columns(path, 1, 2, sep="\t", comments=True)


def read_uner(path: Path) -> list[Sentence]:
    return read_columns(path, 1, 2, sep="\t", comments=True)


# Dev sets the benchmark scores: (language, name, reader). Each one's licence is in its README.
def dev_sets() -> Iterator[tuple[str, str, list[Sentence]]]:
    yield "de", "germeval2014-dev-heldout", germeval_split()[1]
    yield "de", "newseye-dev", read_hipe(DATA / "de/newseye/HIPE-2022-v2.1-newseye-dev-de.tsv")
    yield "de", "sonar-dev", read_hipe(DATA / "de/sonar/HIPE-2022-v2.1-sonar-dev-de.tsv")
    yield "en", "conll2003-dev", read_columns(DATA / "en/conll2003/eng.testa", 0, 3)
    yield "en", "uner_ewt-dev-heldout", uner_ewt_split()[1]
    yield "es", "conll2002-dev", read_columns(DATA / "es/conll2002/esp.testa", 0, -1)
    yield "nl", "conll2002-dev", read_columns(DATA / "nl/conll2002/ned.testa", 0, -1)
    yield "fr", "newseye-dev", read_hipe(DATA / "fr/newseye/HIPE-2022-v2.1-newseye-dev-fr.tsv")
    yield "it", "kind_wikinews-dev", read_columns(DATA / "it/kind_wikinews/WN_dev.tsv", 0, 1, sep="\t")
    yield "pt", "uner_bosque-dev", read_uner(DATA / "pt/uner_bosque/pt_bosque-ud-dev.iob2")


# Dev sets that mark documents: scored a second time with each document as one article.
def article_sets() -> Iterator[tuple[str, str, list[list[Sentence]]]]:
    yield "en", "conll2003-dev", read_column_documents(DATA / "en/conll2003/eng.testa", 0, 3)
    yield "nl", "conll2002-dev", read_column_documents(DATA / "nl/conll2002/ned.testa", 0, -1)


# GermEval dev is the only modern German news set here: training uses its first part, the benchmark
# reports the rest ("germeval2014-dev-heldout"), which the shipped model never saw.
GERMEVAL_TRAIN_FRACTION = 0.75


def germeval_split() -> tuple[list[Sentence], list[Sentence]]:
    sentences = read_germeval(DATA / "de/germeval2014/dev.tsv")
    cut = int(len(sentences) * GERMEVAL_TRAIN_FRACTION)
    return sentences[:cut], sentences[cut:]


def uner_ewt_split() -> tuple[list[Sentence], list[Sentence]]:
    """UNER English-EWT dev, web text: the first half trains, the second half is reported."""
    sentences = read_uner(DATA / "en/uner_ewt/en_ewt-ud-dev.iob2")
    cut = len(sentences) // 2
    return sentences[:cut], sentences[cut:]

"""Build the surname list the entity tagger uses (``resources/entities/words/surnames.txt.gz``) from Faker.

Run once, with the throwaway build-time package (it is not a Reader dependency)::

    uv run --with 'faker==40.63.0' python tools/build_surnames.py

A lone unknown capitalized word was most often typed a place ("Castaño", "Viana Baptista" in Spanish
news); knowing that it is a common surname somewhere lets the tagger weigh it as a person. The list is
the union of Faker's person providers' surnames (``last_names``, and the lists per gender where a language
inflects them) for the European and American locales below: a name list, not a generator (MIT licence;
provenance in resources/entities/PROVENANCE.md). Names that are also places ("Madrid", "Paris") stay in
it: the tagger also sees the gazetteer, and learns which wins.
"""

from __future__ import annotations

import gzip
import importlib
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "entities" / "words" / "surnames.txt.gz"
LOCALES = (
    "de_DE de_AT de_CH en_US en_GB en_IE fr_FR fr_CH es_ES es_MX es_AR es_CO es_CL it_IT nl_NL nl_BE pt_PT "
    "pt_BR pl_PL cs_CZ sk_SK hr_HR sl_SI hu_HU ro_RO sv_SE da_DK no_NO fi_FI tr_TR lt_LT lv_LV et_EE"
).split()
LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]+$")


def main() -> int:
    names: set[str] = set()
    for loc in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ModuleNotFoundError:
            continue
        # "last_names", and per gender where a language inflects them ("last_names_male", "male_last_names")
        for attr in (a for a in dir(provider) if "last_names" in a):
            values = getattr(provider, attr, ())
            if not isinstance(values, (list, tuple, dict)):
                continue
            values = values.keys() if isinstance(values, dict) else values
            names.update(v for v in values if len(v) >= 3 and LATIN_NAME.match(v))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:  # mtime=0: the same names give the same bytes
        out.write(("\n".join(sorted(names)) + "\n").encode())
    print(f"surnames: {len(names)} -> {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingest figures: extraction time and peak memory by page size, and the hostile-input cases.

Run: ``uv run python benchmarks/extract_limits.py [MB ...]`` (default 0.5 1 2). Each size runs in a
fresh process so peak RSS is per case. Prints one line per case; these figures justify
``MAX_MARKUP_CHARS`` in ``reader/core/ingest/html.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

_CHILD = r"""
import json, resource, sys, time
from reader.core.ingest import html as html_extract
from reader.core.ingest import parse_html
from reader.resources import sample_article_path
case, mb = sys.argv[1], float(sys.argv[2])
para = ("<div class='c'><p>Der Stadtrat hat am Dienstag über den Haushalt beraten, and the mayor said it "
        "was fine. Weitere Details folgen.</p><ul><li><a href='/x'>Link eins</a></li><li><a href='/y'>Link "
        "zwei</a></li></ul></div>\n")
if case == "size":  # measure extraction itself, past the cap that normally refuses such pages
    html_extract.MAX_MARKUP_CHARS = 2**31
    html = ("<html><head><title>T</title></head><body><article>" + para * int(mb * 2**20 / len(para))
            + "</article></body></html>").encode()
elif case == "line":
    line = ("Ein langer Satz ohne Umbruch. " * 80_000)[:2_000_000]
    html = ("<html><body><p>" + line + "</p></body></html>").encode()
elif case == "nested":
    html = ("<html><body><p>Vorher.</p>" + "<div>" * 20_000 + "<p>Innen.</p>" + "</div>" * 20_000
            + "</body></html>").encode()
else:
    html = sample_article_path().read_bytes()
start = time.perf_counter()
try:
    blocks = len(parse_html(html).blocks)
except Exception as exc:  # the too-big refusal is a result too
    blocks = f"{type(exc).__name__}: {exc}"
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
result = {"case": case, "bytes": len(html), "seconds": elapsed, "peak_rss_mb": rss, "blocks": blocks}
print(json.dumps(result))
"""


def run(case: str, mb: float = 0.0) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, case, str(mb)], capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    sizes = [float(a) for a in sys.argv[1:]] or [0.5, 1.0, 2.0]
    started = time.perf_counter()
    cases = [("sample", 0.0), *(("size", mb) for mb in sizes), ("line", 0.0), ("nested", 0.0)]
    for case, mb in cases:
        r = run(case, mb)
        label = f"{case} {mb:g} MB" if case == "size" else case
        print(
            f"{label:<14} {int(str(r['bytes'])) / 2**20:6.2f} MB  {float(str(r['seconds'])):6.2f} s  "
            f"peak RSS {float(str(r['peak_rss_mb'])):5.0f} MB  blocks: {r['blocks']}"
        )
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

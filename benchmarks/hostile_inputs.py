"""Seconds per MiB for each hostile input of issue 14 (items 13, 14, 17, 18, 19), through ingest and language
identification (the stages before translation and annotation; entity recognition has its own benchmark).

Run: ``nice uv run python benchmarks/hostile_inputs.py [CASE ...]``. Each case runs in a fresh process with a
time limit (TIMEOUT seconds), so one runaway case cannot stall the rest; the target is < 10 s per MiB on
2 cores for any input under the caps, or a refusal naming the limit in well under a second.
"""

from __future__ import annotations

import subprocess
import sys

TIMEOUT = 300

_CHILD = r"""
import sys, time
from reader.core.document import Article
from reader.core.errors import InputError
from reader.core.ingest import parse_html, parse_markdown, parse_text
from reader.core.language import LanguageIdentifier

case = sys.argv[1]
english = "The council met on Tuesday to discuss the budget for the city schools and the library. "
german = "Der Rat traf sich am Dienstag, um über den Haushalt der städtischen Schulen zu sprechen. "
russian = "Москва сообщила о новых переговорах по энергетике и ценам на газ в следующем месяце. "


def html_page(body):
    head = "<html><head><title>Hostile</title></head><body><article>"
    return (head + body + "</article></body></html>").encode()


if case == "md-brackets-199KB":
    kind, data = "md", "[" * 199_000 + "\n\n" + english
elif case == "md-unclosed-emphasis-1MiB":
    kind, data = "md", ("**a " * 2**18) + "\n\n" + english
elif case == "md-unclosed-links-1MiB":
    kind, data = "md", ("[a](" * 2**18) + "\n\n" + english
elif case == "txt-one-2MiB-line":
    kind, data = "txt", (english * (2**21 // len(english) + 1))[: 2**21]
elif case == "txt-one-2MiB-line-mixed":
    kind, data = "txt", ((english + german) * (2**21 // len(english + german) + 1))[: 2**21]
elif case == "txt-100000-short-paragraphs":
    kind, data = "txt", "\n\n".join(f"Paragraph {i}: a short line." for i in range(100_000))
elif case == "txt-100000-one-word-lines":
    kind, data = "txt", english + "\n\n" + "\n\n".join(["on"] * 100_000) + "\n\n" + english
elif case == "html-one-1.9MiB-paragraph":
    kind, data = "html", html_page("<p>" + (english * 25_000)[: int(1.9 * 2**20)] + "</p>")
elif case == "html-20000-nested-blockquotes":
    kind, data = "html", html_page(
        "<p>" + english + "</p>" + "<blockquote>" * 20_000 + "<p>" + german + "</p>"
        + "</blockquote>" * 20_000 + "<p>" + english + "</p>"
    )
elif case == "html-russian-816KB":
    paragraphs = "".join(f"<p>{i}. {russian * 5}</p>\n" for i in range(1_100))
    kind, data = "html", html_page(paragraphs)
elif case == "html-10MiB-of-br":
    kind, data = "html", html_page("<br>" * (10 * 2**18))
elif case == "html-one-9.9MiB-paragraph":
    kind, data = "html", html_page("<p>" + (english * 120_000)[: int(9.9 * 2**20)] + "</p>")
elif case == "search-14000-terms":
    import tempfile
    from pathlib import Path
    from reader.core.document import Block, BlockKind
    from reader.store.library import Library
    folder = Path(tempfile.mkdtemp())
    library, _ = Library.open(folder / "library.sqlite3")
    for i in range(200):
        library.save_article(Article(f"Article {i}", (Block("b0", BlockKind.PARAGRAPH, english + german),),
                                     source=f"https://example.org/{i}"))
    query = " ".join(f"word{i}" for i in range(14_000))
    started = time.perf_counter()
    hits = library.search(query)
    elapsed = time.perf_counter() - started
    size = len(query.encode()) / 2**20
    print(f"{case}: {elapsed:.2f} s for {size:.3f} MiB of query ({len(hits)} hits)")
    sys.exit(0)
else:
    raise SystemExit(f"unknown case {case}")

raw = data if isinstance(data, bytes) else data.encode()
size = len(raw) / 2**20
identifier = LanguageIdentifier()
identifier.detect("Warm the detector up with one sentence of English.")  # model loading is not the case
started = time.perf_counter()
try:
    if kind == "html":
        article = parse_html(raw)
    elif kind == "md":
        article = parse_markdown(data)
    else:
        article = parse_text(data)
    parsed = time.perf_counter()
    article = identifier.identify(article)
    outcome = f"{len(article.blocks)} blocks, lang {article.lang}"
except InputError as error:
    parsed = time.perf_counter()
    outcome = f"refused: {error}"
done = time.perf_counter()
print(
    f"{case}: {done - started:.2f} s for {size:.2f} MiB = {(done - started) / size:.1f} s/MiB "
    f"(ingest {parsed - started:.2f} s, languages {done - parsed:.2f} s; {outcome})"
)
"""

CASES = (
    "md-brackets-199KB",
    "md-unclosed-emphasis-1MiB",
    "md-unclosed-links-1MiB",
    "txt-one-2MiB-line",
    "txt-one-2MiB-line-mixed",
    "txt-100000-short-paragraphs",
    "txt-100000-one-word-lines",
    "html-one-1.9MiB-paragraph",
    "html-20000-nested-blockquotes",
    "html-russian-816KB",
    "html-10MiB-of-br",
    "html-one-9.9MiB-paragraph",
    "search-14000-terms",
)


def main(argv: list[str]) -> int:
    for case in argv or CASES:
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, case], capture_output=True, text=True, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired:
            print(f"{case}: did not finish in {TIMEOUT} s", flush=True)
            continue
        line = done.stdout.strip() or f"{case}: failed: {done.stderr.strip().splitlines()[-1:]}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Feeds benchmark: 50 sources of 20 items on 50 local hosts; refresh cost, GUI stall, search afterwards.

Serves 50 RSS feeds from 50 HTTP servers on 127.0.0.1 … 127.0.0.50 (Linux routes all of 127/8 to the
loopback device: 50 real hosts, so the per-host pace applies as it would on the web), each with 20
entries and an 800-word German article page per entry. Then prints:

1. ``first_refresh_s``: subscribing state filled by a real refresh of all 1,000 entries (feed summaries,
   no page fetch, no translation: only to make every entry known; not a target).
2. ``refresh_304_s``: refresh of all 50 with nothing new, every feed answering 304 (target < 2 s); 5 runs.
3. ``gui_stall_ms``: 2 new entries appear in every feed; the window's FeedController processes the 100 new
   800-word articles (fetch the page, extract, detect in the analysis child process, annotate, save) in its
   worker while a 10 ms timer ticks on the GUI thread; the longest gap between ticks (target < 100 ms).
4. ``translate_*``: the same for ``--translate-articles`` more articles with translation on, using the
   transformer-base-shaped benchmark model of benchmarks/translate.py (random weights, so the text is
   nonsense but the cost is real); seconds per article and the stall, reported separately.
5. library search p50/p95 with ``--articles`` (10,000) articles in the same library, with benchmarks/
   library.py's generator and measurement (target p95 < 20 ms).

Usage: uv run python benchmarks/feeds.py [--articles 10000] [--translate-articles 10] [--skip-translate]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.translate import german_article  # noqa: E402

SOURCES, ITEMS = 50, 20


class Site:
    """One host: /feed.xml (conditional: ETag per version) and /a/<n>.html article pages."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.first_item = 0  # the feed lists items first_item … first_item + ITEMS - 1, newest first
        self.version = 1
        self.pages: dict[int, bytes] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.answer(self)

        self.server = ThreadingHTTPServer((f"127.0.0.{number + 1}", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.base = f"http://127.0.0.{number + 1}:{self.server.server_address[1]}"

    @property
    def etag(self) -> str:
        return f'"{self.number}-{self.version}"'

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Meldung {self.number}-{i}: Gespräche über Sicherheit</title>"
            f"<link>{self.base}/a/{i}.html</link><guid>{self.number}-{i}</guid>"
            f"<pubDate>Mon, 30 Nov 2026 {i % 24:02d}:00:00 +0000</pubDate>"
            f"<description>Die Regierung verlangt neue Gespräche über Sicherheit ({i}).</description></item>"
            for i in reversed(range(self.first_item, self.first_item + ITEMS))
        )
        return (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Quelle {self.number}'
            f"</title><link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def page(self, i: int) -> bytes:
        if i not in self.pages:
            body = "".join(f"<p>{p}</p>" for p in german_article(800, seed=self.number * 1000 + i))
            self.pages[i] = (
                f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Meldung {self.number}-{i}'
                f"</title></head><body><nav><a href='/'>Start</a></nav><article><h1>Meldung {self.number}-{i}"
                f"</h1>{body}</article><footer>Impressum</footer></body></html>"
            ).encode()
        return self.pages[i]

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path
        if path == "/feed.xml":
            if request.headers.get("If-None-Match") == self.etag:
                request.send_response(304)
                request.send_header("ETag", self.etag)
                request.send_header("Content-Length", "0")
                request.end_headers()
                return
            body, kind = self.feed(), "application/rss+xml"
        elif path.startswith("/a/") and path.endswith(".html"):
            body, kind = self.page(int(path[3:-5])), "text/html; charset=utf-8"
        else:
            request.send_error(404)
            return
        request.send_response(200)
        request.send_header("Content-Type", kind)
        request.send_header("ETag", self.etag)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def publish(self, count: int) -> None:
        self.first_item += count
        self.version += 1


def stall_while(start: Any, connect_done: Any, limit: float) -> tuple[float, float]:
    """Run ``start()`` and tick every 10 ms on the GUI thread until ``connect_done``'s callback is called.

    Returns (longest gap between ticks in ms, seconds). The wait is one ``QEventLoop.exec()``, as the app
    runs ``QApplication.exec()``: with PySide6 6.12 on Python 3.11 every Python-to-Qt call returning
    void lowers None's reference count by one (``processEvents()`` by about eleven), so a polling loop of
    ``processEvents()`` crashes the interpreter within a minute ("deallocating None").
    """
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    loop = QEventLoop()
    connect_done(loop.quit)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    QTimer.singleShot(int(limit * 1000), loop.quit)
    started = time.perf_counter()
    timer.start()
    QTimer.singleShot(0, start)
    loop.exec()
    timer.stop()
    seconds = time.perf_counter() - started
    return (max(gaps) * 1000 if gaps else 0.0), seconds


def run_window_refresh(services: Any, target: str, limit: float) -> tuple[float, float, list[Any]]:
    from reader.app.feed_refresh import FeedController
    from reader.app.operations import Operations
    from reader.app.runner import TaskRunner

    runner = TaskRunner()
    ops = Operations(runner)
    controller = FeedController(ops, services, target)
    reports: list[Any] = []
    controller.refresh_finished.connect(reports.extend)
    ops.failed.connect(lambda message: print(f"  failed: {message}"))

    def connect_done(quit_loop: Any) -> None:
        controller.busy_changed.connect(lambda busy: None if busy else quit_loop())

    stall, seconds = stall_while(controller.refresh, connect_done, limit)
    runner.shutdown()
    return stall, seconds, reports


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000, help="library size for the search figures")
    parser.add_argument("--translate-articles", type=int, default=10)
    parser.add_argument("--skip-translate", action="store_true")
    parser.add_argument("--time-limit", type=float, default=1800)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from benchmarks.library import Generator, measure, save_all
    from reader.app.feeds import FeedService
    from reader.app.services import Services
    from reader.store.feeds import SourceSettings
    from reader.store.library import Library

    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841 - Qt needs it alive
    root = Path(tempfile.mkdtemp(prefix="reader-feeds-bench-"))
    sites = [Site(n) for n in range(SOURCES)]
    library, _notice = Library.open(root / "library.sqlite3")
    services = Services(library=library, in_process=False)  # detection/annotation in the child, as the app
    feeds = FeedService(services)
    for site in sites:
        source, _ = feeds.store.add_source(f"{site.base}/feed.xml", f"Quelle {site.number}")
        feeds.store.update_settings(source.id, SourceSettings(full_fetch=False, translate=False))

    started = time.perf_counter()
    reports = feeds.refresh(translate=False, annotate=False)
    print(
        f"first_refresh_s={time.perf_counter() - started:.1f} (1,000 entries from feed summaries; "
        f"{sum(r.new for r in reports)} saved, {sum(bool(r.error) for r in reports)} feed errors)"
    )
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        reports = feeds.refresh(translate=False, annotate=False)
        runs.append(time.perf_counter() - started)
        assert all(r.unchanged for r in reports), [r.error for r in reports if r.error]
    print(f"refresh_304_s median={statistics.median(runs):.2f} max={max(runs):.2f} (50 feeds, target < 2)")

    for source in feeds.sources():
        feeds.store.update_settings(source.id, SourceSettings(full_fetch=True, translate=False))
    for site in sites:
        site.publish(2)
    stall, seconds, reports = run_window_refresh(services, "en", args.time_limit)
    new = sum(r.new for r in reports)
    print(
        f"gui_stall_ms={stall:.0f} while processing {new} new 800-word articles in {seconds:.1f} s "
        f"({seconds / max(new, 1):.2f} s each: fetch, extract, detect, annotate, save; target < 100 ms)"
    )

    if not args.skip_translate and args.translate_articles:
        from benchmarks.translate import packages_dir

        translated_services = Services(library=library, in_process=False, packages_dir=packages_dir())
        for source in feeds.sources()[: args.translate_articles]:
            feeds.store.update_settings(source.id, SourceSettings(full_fetch=True, translate=True))
        for site in sites[: args.translate_articles]:
            site.publish(1)
        stall, seconds, reports = run_window_refresh(translated_services, "en", args.time_limit)
        new = sum(r.new for r in reports)
        print(
            f"translate_gui_stall_ms={stall:.0f} translate_s_per_article={seconds / max(new, 1):.1f} "
            f"({new} new 800-word articles with the transformer-base-shaped model, beam as configured)"
        )
        translated_services.close()

    print(f"saving {args.articles} generated articles for the search figures…", flush=True)
    save_all(library, Generator(7), args.articles, args.time_limit)
    print(f"library: {library.count()} articles, {len(feeds.sources())} feeds")
    measure(library, Generator(7), 7)
    services.close()
    library.close()
    for site in sites:
        site.server.shutdown()
    shutil.rmtree(root, ignore_errors=True)
    # Interpreter shutdown with a QApplication, pool threads and the analysis child's pipes torn down in
    # arbitrary order has crashed in a C extension's dealloc (after every figure was printed): leave directly.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()

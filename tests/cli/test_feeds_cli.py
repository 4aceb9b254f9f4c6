"""`reader feeds …` end to end through the CLI entry point, against the local news site, then offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from tests.fixtures.feeds_site import FeedSite
from tests.fixtures.http_server import LocalHTTPServer


@pytest.fixture
def site(http_server: LocalHTTPServer) -> FeedSite:
    return FeedSite(http_server)


@pytest.fixture
def db(tmp_path: Path, argos_packages_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("reader.core.paths.argos_packages_dir", lambda: argos_packages_dir)
    return tmp_path / "library.sqlite3"


def feeds(db: Path, *args: str) -> int:
    return main(["feeds", "--db", str(db), *args])


def test_add_refresh_list_then_read_offline(
    db: Path, site: FeedSite, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    assert feeds(db, "add", site.url("/de/")) == 0
    assert "subscribed to Stadtanzeiger & Nachrichten" in capsys.readouterr().out
    assert feeds(db, "add", site.url("/broken.xml")) == 2  # not a feed: one line, exit 2
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1
    assert feeds(db, "refresh", "--to", "en") == 0
    assert capsys.readouterr().out.strip() == "Stadtanzeiger & Nachrichten: 3 new"
    assert feeds(db, "refresh") == 0
    assert capsys.readouterr().out.strip() == "Stadtanzeiger & Nachrichten: unchanged"
    assert site.not_modified == 1

    attempts = request.getfixturevalue("no_network")  # from here on every connection attempt fails
    assert feeds(db, "list") == 0
    out = capsys.readouterr().out
    assert "3/3" in out and site.url("/de/rss.xml") in out
    assert main(["library", "--db", str(db), "search", "Brücke"]) == 0
    assert "Neue Brücke über den Fluss eröffnet" in capsys.readouterr().out
    assert main(["library", "--db", str(db), "export", "1", "--format", "md"]) == 0
    assert "Brücke" in capsys.readouterr().out
    assert attempts == []


def test_errors_opml_and_remove(
    db: Path, site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_bytes(site.document("subscriptions.opml"))
    assert feeds(db, "import-opml", str(opml)) == 0
    assert "2 feeds added, 0 already subscribed" in capsys.readouterr().out
    assert feeds(db, "add", site.url("/huge.xml")) == 2
    assert "too big" in capsys.readouterr().err
    (tmp_path / "more.opml").write_text(
        f'<opml version="2.0"><body><outline text="Gone" xmlUrl="{site.url("/gone.xml")}"/></body></opml>'
    )
    assert feeds(db, "import-opml", str(tmp_path / "more.opml")) == 0
    capsys.readouterr()
    assert feeds(db, "refresh", "--no-translate", "--no-annotate") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Gone: error: Page not found (HTTP 404): " + site.url("/gone.xml") in lines
    assert "Harbour Gazette: 2 new" in lines  # the title the OPML gave
    assert feeds(db, "list") == 0
    assert "error: Page not found" in capsys.readouterr().out
    out = tmp_path / "out.opml"
    assert feeds(db, "export-opml", str(out)) == 0
    assert out.read_bytes().count(b"<outline") == 3
    capsys.readouterr()
    assert (
        feeds(db, "settings", site.url("/gone.xml"), "--summary-only", "--no-translate", "--keep", "5") == 0
    )
    assert capsys.readouterr().out.strip() == (
        "Gone: feed summaries only, not translated; keeps at most 5 articles for 60 days "
        "(starred and tagged ones always)"
    )
    assert feeds(db, "settings", site.url("/gone.xml"), "--days", "-1") == 2
    assert feeds(db, "remove", site.url("/gone.xml")) == 0
    assert feeds(db, "remove", "999") == 2
    assert "There is no feed '999'" in capsys.readouterr().err
    assert feeds(db, "import-opml", str(tmp_path / "missing.opml")) == 2
    assert feeds(db, "refresh", "--to", "english!") == 2

"""Files and URLs → Article: the first stage of Reader's pipeline.

``load_source`` is what the CLI, the UI workers and the library call: it accepts a path, a
``file://`` URL or an ``http(s)://`` URL. HTML goes through trafilatura (see ``html_extract``), plain
text and Markdown through the small line-level parsers in ``textparse``. Every failure the user can
cause is an ``InputError`` / ``FetchError`` with a one-line message.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reader.core.cancel import CancelToken, ProgressCallback
from reader.core.document import Article, Block, BlockKind
from reader.core.errors import InputError
from reader.core.files import NotRegularFileError, read_capped, user_path
from reader.core.ingest.decode import decode_bytes, looks_binary, sniff_html_charset
from reader.core.ingest.fetch import MAX_DOWNLOAD_BYTES, fetch_url, megabytes
from reader.core.ingest.html import MAX_MARKUP_BYTES, RawBlock, clean_text, extract_page
from reader.core.ingest.text import ParsedText, markdown_blocks, text_blocks

__all__ = [
    "MAX_HTML_FILE_BYTES",
    "MAX_MARKUP_BYTES",
    "MAX_TEXT_FILE_BYTES",
    "decode_bytes",
    "load_file",
    "load_source",
    "load_url",
    "parse_html",
    "parse_markdown",
    "parse_text",
]

# Raw HTML may be mostly scripts and styles, which are removed before the (slower) markup limit
# applies; text is cheap to parse, but 5 MB is already a long book.
MAX_HTML_FILE_BYTES = MAX_DOWNLOAD_BYTES
MAX_TEXT_FILE_BYTES = 5 * 1024 * 1024

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(//)?")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NOT_WORD = re.compile(r"[\W_]+")


def load_source(
    source: str, *, cancel: CancelToken | None = None, progress: ProgressCallback | None = None
) -> Article:
    """Open what the user typed or dropped: an http(s) URL, a ``file://`` URL or a path.

    Raises:
        InputError: unsupported scheme or type, or a file that cannot be read as an article.
        FetchError: the URL could not be fetched.
        CancelledError: ``cancel`` was set.
    """
    source = source.strip()
    if not source:
        raise InputError("Nothing to open: give a file or an http(s) link.")
    match = _SCHEME.match(source)
    if match and (match.group(2) or match.group(1).lower() in {"javascript", "data", "mailto", "about"}):
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            return load_url(source, cancel=cancel, progress=progress)
        if scheme == "file":
            parts = urlsplit(source)
            if parts.netloc not in ("", "localhost"):
                raise InputError(f"Only local files can be opened, not files on {parts.netloc}.")
            return load_file(Path(url2pathname(unquote(parts.path))))
        raise InputError(f"Reader opens files and http(s) links, not {scheme}: links.")
    return load_file(user_path(source))


def load_file(path: Path) -> Article:
    """Read an HTML, text or Markdown file into an Article (type chosen by the file's suffix).

    Raises:
        InputError: missing, a folder, unreadable, empty, too big, binary, unsupported or no text.
    """
    name = path.name or str(path)
    try:
        if not path.exists():
            hint = " (for a web page, start the link with https://)" if _looks_like_domain(str(path)) else ""
            raise InputError(f"File not found: {path}{hint}")
        if path.is_dir():
            raise InputError(f"{name} is a folder, not a file.")
        size = path.stat().st_size
    except PermissionError as exc:
        raise InputError(f"Permission denied: {path}") from exc
    suffix = path.suffix.lower()
    kind = _kind_for(suffix)
    if kind is None:
        readable = ", ".join(sorted(HTML_SUFFIXES | TEXT_SUFFIXES | MARKDOWN_SUFFIXES))
        what = f"{suffix} files" if suffix else "files without a suffix"
        raise InputError(f"Reader cannot open {what} ({readable} work).")
    limit = MAX_HTML_FILE_BYTES if kind == "html" else MAX_TEXT_FILE_BYTES
    if size > limit:
        raise InputError(f"{name} is too big to read ({megabytes(size)}; the limit is {megabytes(limit)}).")
    try:
        data = read_capped(path, limit)  # a regular file only: never a FIFO (blocks) or /dev/zero (endless)
    except NotRegularFileError as exc:
        raise InputError(f"{name} is not a regular file (it is a device, pipe or socket).") from exc
    except PermissionError as exc:
        raise InputError(f"Permission denied: {path}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{name} is a folder, not a file.") from exc
    except OSError as exc:
        raise InputError(f"Could not read {name}: {exc.strerror or exc}") from exc
    if len(data) > limit:  # it grew since stat()
        raise InputError(f"{name} is too big to read (more than the {megabytes(limit)} limit).")
    if not data.strip():
        raise InputError(f"{name} is empty.")
    source = str(path.resolve())
    if looks_binary(data):
        raise InputError(f"{name} is not a text or HTML file (it contains binary data).")
    if kind == "html":
        return parse_html(data, source=source, fallback_title=path.stem)
    text = decode_bytes(data)
    if kind == "markdown":
        return parse_markdown(text, source=source, fallback_title=path.stem)
    return parse_text(text, source=source, fallback_title=path.stem)


def load_url(
    url: str, *, cancel: CancelToken | None = None, progress: ProgressCallback | None = None
) -> Article:
    """Fetch a web page and extract its article (plain-text and Markdown responses work too)."""
    page = fetch_url(url, cancel=cancel, progress=progress)
    if cancel is not None:
        cancel.raise_if_cancelled()
    fallback = _title_from_url(page.final_url)
    mime = page.content_type
    if mime in ("text/plain", "text/markdown", "text/x-markdown"):
        if looks_binary(page.body):
            raise InputError("This link is not a text page (it contains binary data).")
        text = decode_bytes(page.body, page.charset)
        parse = parse_markdown if mime != "text/plain" else parse_text
        return parse(text, source=url, fallback_title=fallback)
    return parse_html(
        page.body, url=page.final_url, charset=page.charset, source=url, fallback_title=fallback
    )


def parse_html(
    data: bytes,
    *,
    url: str | None = None,
    charset: str | None = None,
    source: str = "",
    fallback_title: str | None = None,
) -> Article:
    """Extract an article from HTML bytes.

    Args:
        data: the page as received or read from disk.
        url: the page's address, for metadata (site, canonical URL).
        charset: the charset from the HTTP header; otherwise the page's ``<meta>`` or detection.
        source: recorded as ``Article.source`` (defaults to ``url``).
        fallback_title: used when the page has neither a title nor a heading.

    Raises:
        InputError: binary data, a page too big to extract, or no article text.
    """
    if not data.strip():
        raise InputError("This page is empty.")
    if looks_binary(data):
        raise InputError("This is not an HTML page (it contains binary data).")
    text = decode_bytes(data, charset or sniff_html_charset(data))
    page = extract_page(text, url=url)
    if not page.blocks:
        raise InputError("No article text found on this page.")
    site = page.site
    if site is None and url:
        site = urlsplit(url).hostname
    return _article(
        page.title,
        page.blocks,
        source=source or url or "",
        fallback_title=fallback_title or (_title_from_url(url) if url else None),
        byline=page.author,
        site=site,
        published=_iso_date(page.date),
    )


def parse_text(text: str, *, source: str = "", fallback_title: str | None = None) -> Article:
    """Plain text: paragraphs split on blank lines; a short first line becomes the title."""
    return _from_parsed(text_blocks(text), source=source, fallback_title=fallback_title)


def parse_markdown(text: str, *, source: str = "", fallback_title: str | None = None) -> Article:
    """Markdown: headings, paragraphs, lists, quotes, code; front-matter title/author/date if present."""
    return _from_parsed(markdown_blocks(text), source=source, fallback_title=fallback_title)


# -- assembly ----------------------------------------------------------------------------------------
def _from_parsed(parsed: ParsedText, *, source: str, fallback_title: str | None) -> Article:
    if not parsed.blocks:
        raise InputError(
            "No article text found in this file." if parsed.title is None else "This file has only a title."
        )
    return _article(
        parsed.title,
        parsed.blocks,
        source=source,
        fallback_title=fallback_title,
        byline=parsed.author,
        published=_iso_date(parsed.date),
        dropped=tuple(parsed.dropped),
    )


def _article(
    title: str | None,
    raw: list[RawBlock],
    *,
    source: str,
    fallback_title: str | None,
    byline: str | None = None,
    site: str | None = None,
    published: str | None = None,
    dropped: tuple[str, ...] = (),
) -> Article:
    """Number the blocks, settle the title and drop a first heading that only repeats it."""
    raw = list(raw)
    first_heading = next((i for i, b in enumerate(raw[:3]) if b.kind is BlockKind.HEADING), None)
    if title:
        if first_heading is not None and _same_text(raw[first_heading].text, title):
            del raw[first_heading]
    elif raw and raw[0].kind is BlockKind.HEADING and len(raw) > 1:
        title = raw.pop(0).text
    else:
        heading = next((b for b in raw if b.kind is BlockKind.HEADING), None)
        title = heading.text if heading is not None else None
    if not raw:  # e.g. a directory listing: its only text is the heading that repeats the title
        raise InputError(f"No article text found here, only a title ({clean_text(title or '')[:80]}).")
    title = clean_text(title or "") or clean_text(fallback_title or "") or "Untitled"
    blocks = tuple(Block(id=f"b{i}", kind=b.kind, text=b.text, level=b.level) for i, b in enumerate(raw))
    return Article(
        title=title,
        blocks=blocks,
        source=source,
        byline=byline,
        site=site,
        published=published,
        dropped=dropped,
    )


def _same_text(a: str, b: str) -> bool:
    return _NOT_WORD.sub("", a).casefold() == _NOT_WORD.sub("", b).casefold()


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a date string that starts with one (trafilatura, front matter), else None."""
    match = _ISO_DATE.match((value or "").strip())
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1000 <= year <= 9999):
        return None
    return match.group(0)


def _looks_like_domain(text: str) -> bool:
    return bool(re.match(r"^(www\.|[a-z0-9-]+\.(com|org|net|de|fr|uk|eu|info|news)(/|$))", text, re.I))


def _kind_for(suffix: str) -> str | None:
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return None


def _title_from_url(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    stem = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]).rsplit(".", 1)[0]
    return stem.replace("-", " ").replace("_", " ").strip() or parts.hostname

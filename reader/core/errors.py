"""Errors with a message meant for the user.

Anything the user can cause or fix (bad input, a dead URL, a missing model, a full disk) is raised
as a ReaderError whose ``str()`` is one calm line that can go straight into the status bar or onto
stderr. Anything else is a bug in Reader and is reported as such.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base class: ``str(error)`` is a one-line, user-facing explanation."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ReaderError):
    """The file or page cannot be read as an article (empty, binary, too big, unsupported)."""


class FetchError(ReaderError):
    """A URL could not be fetched (DNS, refused, timeout, HTTP status, wrong type, too big)."""


class CancelledError(ReaderError):
    """The user cancelled the operation."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class ModelError(ReaderError):
    """A translation or NER model is missing, broken or could not be installed."""


class StoreError(ReaderError):
    """The library database could not be read or written (disk full, read-only, corrupt, locked)."""

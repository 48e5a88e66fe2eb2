"""What the linkage services refuse, in words meant for the person who asked."""

from __future__ import annotations


class LinkageError(ValueError):
    """A request the linkage services refuse; the message is meant for the person who made it."""


class ImportFileError(LinkageError):
    """An external list that cannot be imported as given; nothing of it was kept."""

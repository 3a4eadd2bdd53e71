"""The store's errors, each described for a person: the data, a lost application, a conflict.

``lib.store`` raises them and re-exports them; ``lib.store_import`` refuses a file with
``ImportRefusedError``, also a ``StoreError``, so a page that catches ``StoreError`` catches all.
"""

from __future__ import annotations

from lib.model import Application


class StoreError(Exception):
    """A problem with the stored data, described for a person."""


class NotFoundError(StoreError):
    """The application asked for does not exist (any more)."""


class ConflictError(StoreError):
    """The application was saved elsewhere (another tab) since the copy being saved was read."""

    def __init__(self, app: Application, revision: int) -> None:
        """Say which application changed; keep the stored copy and its revision."""
        super().__init__(
            f"{app.company} was changed elsewhere (another tab or window) since you opened it."
        )
        self.current = app
        self.revision = revision

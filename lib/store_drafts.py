"""The store's drafts (each with its last versions) and settings (the sender, the defaults)."""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from pydantic import ValidationError
from sqlalchemy import Connection, exc, select, update

from lib.model import Defaults, Draft, DraftKind, DraftSource, DraftVersion, Sender
from lib.store_account import AccountAndUse
from lib.store_errors import NotFoundError, StoreError
from lib.store_rows import insert_version, mine, prune_versions, put_draft, upsert, utc_text
from lib.store_schema import version_of, which_draft
from lib.store_tables import draft_versions, drafts, settings

TYPING_WINDOW = timedelta(seconds=60)
SettingT = TypeVar("SettingT", Sender, Defaults)


class DraftsAndSettings(AccountAndUse):
    """Drafts, their versions, and the user's settings."""

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, draft: Draft, source: DraftSource = "typed") -> None:
        """Save the latest text of a draft, replacing the previous one; when the text changed,
        record it as a version written by ``source``, keeping the newest KEPT_VERSIONS.

        Typing is saved often (each time the text area loses focus), so a typed save within
        TYPING_WINDOW of the newest version, itself typed, updates that version instead of
        adding one: a minute of typing does not push the history out.
        """
        try:
            with self._transaction() as conn:
                before = self._draft(conn, *which_draft(draft))
                if draft.text != (before.text if before else ""):
                    self._record_version(conn, draft, source)
                put_draft(conn, draft)
        except exc.IntegrityError as error:  # no such application (of this owner)
            raise NotFoundError(
                f"There is no application with the id {draft.application_id}."
            ) from error

    @staticmethod
    def _record_version(conn: Connection, draft: Draft, source: DraftSource) -> None:
        """Add (or, for typing, extend) a version of a draft, then prune the old ones."""
        newest = conn.execute(
            select(draft_versions.c.seq, draft_versions.c.data)
            .where(*_one_draft(conn, *which_draft(draft)))
            .order_by(draft_versions.c.at.desc(), draft_versions.c.seq.desc())
            .limit(1)
        ).first()
        version = version_of(draft, source)
        if newest is not None and source == "typed":
            last = DraftVersion.model_validate_json(newest.data)
            if last.source == "typed" and draft.updated_at - last.at < TYPING_WINDOW:
                version = version.model_copy(update={"id": last.id})
                conn.execute(
                    update(draft_versions)
                    .where(mine(conn, draft_versions), draft_versions.c.seq == newest.seq)
                    .values(at=utc_text(version.at), data=version.model_dump_json())
                )
                return
        insert_version(conn, version)
        prune_versions(conn, *which_draft(draft))

    def draft_versions(
        self, app_id: str, interviewer_id: str, kind: DraftKind
    ) -> list[DraftVersion]:
        """Return the kept versions of one person's draft, newest first."""
        with self._reading() as conn:
            rows = conn.execute(
                select(draft_versions.c.data)
                .where(*_one_draft(conn, app_id, interviewer_id, kind))
                .order_by(draft_versions.c.at.desc(), draft_versions.c.seq.desc())
            ).scalars()
            return [DraftVersion.model_validate_json(data) for data in rows]

    def list_draft_versions(self) -> list[DraftVersion]:
        """Return every kept draft version, oldest first (the export's order)."""
        with self._reading() as conn:
            rows = conn.execute(
                select(draft_versions.c.data)
                .where(mine(conn, draft_versions))
                .order_by(draft_versions.c.at, draft_versions.c.seq)
            ).scalars()
            return [DraftVersion.model_validate_json(data) for data in rows]

    def get_draft(self, app_id: str, interviewer_id: str, kind: DraftKind) -> Draft | None:
        """Return the saved draft to one person, if any."""
        with self._reading() as conn:
            return self._draft(conn, app_id, interviewer_id, kind)

    @staticmethod
    def _draft(conn: Connection, app_id: str, interviewer_id: str, kind: str) -> Draft | None:
        """Read one draft in a transaction."""
        data = conn.execute(
            select(drafts.c.data).where(
                mine(conn, drafts),
                drafts.c.application_id == app_id,
                drafts.c.interviewer_id == interviewer_id,
                drafts.c.kind == kind,
            )
        ).scalar()
        return Draft.model_validate_json(data) if data is not None else None

    def list_drafts(self, app_id: str | None = None) -> list[Draft]:
        """Return all saved drafts, or those of one application."""
        with self._reading() as conn:
            query = (
                select(drafts.c.data)
                .where(mine(conn, drafts))
                .order_by(drafts.c.application_id, drafts.c.interviewer_id, drafts.c.kind)
            )
            if app_id is not None:
                query = query.where(drafts.c.application_id == app_id)
            return [Draft.model_validate_json(data) for data in conn.execute(query).scalars()]

    # -- the sender ----------------------------------------------------------------------

    def get_sender(self) -> Sender:
        """Return the user's own name and contact details (empty until set)."""
        return self._get_setting("sender", Sender)

    def save_sender(self, sender: Sender) -> None:
        """Save the user's own name and contact details."""
        with self._transaction() as conn:
            self._put_setting(conn, "sender", sender)

    def get_defaults(self) -> Defaults:
        """Return what a new interview starts with (country, timezone, follow-up profile)."""
        return self._get_setting("defaults", Defaults)

    def save_defaults(self, defaults: Defaults) -> None:
        """Save what a new interview starts with."""
        with self._transaction() as conn:
            self._put_setting(conn, "defaults", defaults)

    def _get_setting(self, key: str, model: type[SettingT]) -> SettingT:
        """Read one stored setting; a damaged one is reported, not raised as a crash."""
        with self._reading() as conn:
            query = select(settings.c.value).where(mine(conn, settings), settings.c.key == key)
            value = conn.execute(query).scalar()
        if value is None:
            return model()
        try:
            return model.model_validate_json(value)
        except ValidationError as error:
            raise StoreError(
                f"Saved settings are damaged ({error.error_count()} problems)."
            ) from error

    @staticmethod
    def _put_setting(conn: Connection, key: str, value: Sender | Defaults) -> None:
        """Insert or replace one setting."""
        upsert(conn, settings, {"key": key, "value": value.model_dump_json()}, keys=("key",))


def _one_draft(conn: Connection, app_id: str, interviewer_id: str, kind: str) -> tuple:
    """Return the conditions that pick one draft's versions, of the transaction's owner."""
    return (
        mine(conn, draft_versions),
        draft_versions.c.application_id == app_id,
        draft_versions.c.interviewer_id == interviewer_id,
        draft_versions.c.kind == kind,
    )

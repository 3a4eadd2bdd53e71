"""An owner's account in the store: when they last signed out, deleting the account, and their
use of the host's LLM key per day (see lib/store.py for the rest of the store).

A sign-in cookie stays valid in the browser for its whole life (30 days with ``st.login``), so
signing out or deleting the account records the moment here, and a sign-in issued before it is
refused (lib/ui_account.py). Deleting an account removes every row of the owner but that one,
which holds only the sign-in key and the moment: without it, a copied cookie could come back to
an empty account.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Connection, delete, select

from lib.store_base import StoreBase
from lib.store_rows import add_up, mine, upsert, utc_text
from lib.store_tables import ACCOUNT_TABLES, accounts, llm_use


class AccountAndUse(StoreBase):
    """Sign-outs, account deletion and LLM use, for the store's one owner."""

    def record_sign_out(self, moment: datetime) -> None:
        """Record that the owner signed out at ``moment``: sign-ins issued before it end."""
        with self._transaction() as conn:
            self._signed_out(conn, moment)

    def signed_out_at(self) -> datetime | None:
        """Return when the owner last signed out or deleted their account, or None."""
        with self._reading() as conn:
            stamp = conn.execute(select(accounts.c.signed_out_at).where(mine(conn, accounts)))
            text = stamp.scalar()
        return datetime.fromisoformat(text) if text else None

    def delete_account(self, moment: datetime) -> None:
        """Remove everything the owner has (applications, drafts, settings, counts, LLM use)
        and record the deletion as a sign-out, in one transaction."""
        with self._transaction() as conn:
            for table in ACCOUNT_TABLES:
                conn.execute(delete(table).where(mine(conn, table)))
            self._signed_out(conn, moment)

    @staticmethod
    def _signed_out(conn: Connection, moment: datetime) -> None:
        upsert(conn, accounts, {"signed_out_at": utc_text(moment)}, keys=())

    def llm_use_on(self, day: date) -> tuple[int, int]:
        """Return the calls and tokens the owner spent on the host's LLM key on ``day``."""
        with self._reading() as conn:
            row = conn.execute(
                select(llm_use.c.calls, llm_use.c.tokens).where(
                    mine(conn, llm_use), llm_use.c.day == day.isoformat()
                )
            ).first()
        return (row.calls, row.tokens) if row is not None else (0, 0)

    def count_llm_use(self, day: date, calls: int, tokens: int) -> tuple[int, int]:
        """Add calls and tokens to the owner's use on ``day`` (tabs counting at once both
        count); return the day's total."""
        with self._transaction() as conn:
            total = add_up(
                conn,
                llm_use,
                keys={"day": day.isoformat()},
                amounts={"calls": calls, "tokens": tokens},
            )
        return total.calls, total.tokens


def utc_day(moment: datetime) -> date:
    """Return the UTC day a moment falls on: the day an allowance is counted in."""
    return moment.astimezone(UTC).date()

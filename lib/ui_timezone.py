"""The timezone picker (Streamlit): type a city, a country or EST / IST / CET to find a zone.

The value kept is the IANA name ("America/New_York"); what is shown and filtered while typing is
its label from ``lib.timezones`` (city, country, offset now, common name, abbreviations).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import streamlit as st

from lib.text import escape_markdown
from lib.timezones import FILTER_MODE, ShownIn, label, options, short_label, zone_difference

BROWSER_CHOICE = ""  # the option meaning "whatever timezone the browser reports"
HOW_TO_FIND = "Type a city, a country, an offset such as +05:30, or EST, CET, IST to find it."


def timezone_select(
    title: str,
    *,
    key: str,
    moment: datetime,
    browser: str | None = None,
    help: str = "",
    persist_state: Literal["page", "session"] | None = None,
) -> str:
    """Show a searchable timezone picker and return the IANA name chosen.

    ``browser``, when given, is the browser's zone, and adds a first option (``BROWSER_CHOICE``)
    meaning "your browser's timezone", shown with that zone. ``help`` comes before how to search;
    ``persist_state`` is as for ``st.selectbox``.
    """
    current = st.session_state.get(key)
    zones = options(moment, current if isinstance(current, str) else None)
    if browser is not None:
        zones = [BROWSER_CHOICE, *zones]

    def shown(zone: str) -> str:
        if zone == BROWSER_CHOICE:
            return f"Your browser's timezone ({short_label(browser or 'UTC', moment)} now)"
        return label(zone, moment)

    return st.selectbox(
        title,
        zones,
        format_func=shown,
        key=key,
        help=f"{help} {HOW_TO_FIND}".strip(),
        filter_mode=FILTER_MODE,
        persist_state=persist_state,
    )


def zone_note(interview_zone: str, moment: datetime, shown_in: ShownIn = "interview") -> None:
    """Say which timezone the times beside it are in, when the browser is in another one.

    ``shown_in`` is the zone the page shows its times in; nothing is shown when the browser
    reports no timezone, or one with the same offset now.
    """
    if sentence := zone_difference(interview_zone, st.context.timezone, moment, shown_in):
        st.caption(f":material/schedule: {escape_markdown(sentence)}")

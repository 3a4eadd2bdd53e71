"""The dates a debrief gives, read from the phrases people say ("they'll decide by the 12th").

A small, exact reader of the forms a decision date takes, relative to the day of the debrief:
"the 12th" (the next 12th on or after today), "Friday" and "by Friday" (the first Friday after
today), "next Friday" (the Friday of next week), "in two weeks", "within 10 days", "end of the
week" (this week's Friday), "end of next week", "end of the month", "December 12", "12 Dec",
"the 3rd of January", "12/15" (US month/day), "2026-12-15" and "tomorrow". A day that already
passed this year means next year's. Anything else is no date; a guess would be worse than none.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from lib.phrasing import NUMBER_WORDS

MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {
    short: number
    for short, number in (
        *((name[:3], number) for name, number in MONTHS.items() if name != "may"),
        ("sept", 9),
    )
}
WEEKDAYS = tuple(name.casefold() for name in calendar.day_name)  # Monday is 0, as date.weekday()
_AMOUNTS = {"a couple of": 2, "couple of": 2, "a": 1, "an": 1} | {
    word: value for value, word in enumerate(NUMBER_WORDS)
}
_FRIDAY = 4

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)"
_AMOUNT = "|".join(re.escape(word) for word in sorted(_AMOUNTS, key=len, reverse=True))
_DATE = re.compile(
    "|".join(
        (
            rf"(?P<us>(?<![\d/.])(?P<us_m>1[0-2]|0?[1-9])/(?P<us_d>{_DAY})(?:/(?P<us_y>\d{{4}}|\d{{2}}))?(?![\d/]))",
            r"(?P<iso>(?<!\d)(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?!\d))",
            rf"(?P<md>\b(?P<md_mon>{_MONTH})\.?\s+(?P<md_d>{_DAY}){_ORDINAL}?\b(?:,?\s+(?P<md_y>\d{{4}})\b)?)",
            rf"(?P<dm>\b(?:the\s+)?(?P<dm_d>{_DAY}){_ORDINAL}?\s+(?:of\s+)?(?P<dm_mon>{_MONTH})\b\.?"
            rf"(?:,?\s+(?P<dm_y>\d{{4}})\b)?)",
            rf"(?P<dom>\bthe\s+(?P<dom_d>{_DAY}){_ORDINAL}\b)",
            rf"(?P<wd>\b(?:(?P<wd_next>next)\s+|(?:this\s+)?(?:coming\s+)?)(?P<wd_day>{'|'.join(WEEKDAYS)})\b)",
            rf"(?P<rel>\b(?:in|within)\s+(?:the\s+next\s+)?(?P<rel_n>\d{{1,3}}|{_AMOUNT})\s+"
            r"(?P<rel_unit>days?|weeks?|months?)\b)",
            r"(?P<end>\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?P<end_next>next\s+)?"
            r"(?P<end_unit>week|month)\b)",
            r"(?P<tomorrow>\btomorrow\b)",
        )
    ),
    re.IGNORECASE,
)
DATE_WORDS = frozenset(  # the words a date phrase is made of
    (*MONTHS, *WEEKDAYS, *NUMBER_WORDS, *"a an couple of the this coming next in within".split())
) | frozenset("day days week weeks month months end tomorrow st nd rd th".split())


def find_date(text: str, today: date) -> tuple[date, tuple[int, int]] | None:
    """Return the first date ``text`` gives that is not before ``today``, with its span."""
    for match in _DATE.finditer(text):
        found = _resolve(match, today)
        if found is not None and found >= today:
            return found, match.span()
    return None


def _resolve(match: re.Match[str], today: date) -> date | None:
    """Return the day one date phrase means, or None when there is no such day."""
    group = match.group
    if group("us"):
        return _day_of_year(int(group("us_m")), int(group("us_d")), group("us_y"), today)
    if group("iso"):
        return _day_of_year(int(group("iso_m")), int(group("iso_d")), group("iso_y"), today)
    if group("md"):
        month = MONTHS[group("md_mon").casefold()]
        return _day_of_year(month, int(group("md_d")), group("md_y"), today)
    if group("dm"):
        month = MONTHS[group("dm_mon").casefold()]
        return _day_of_year(month, int(group("dm_d")), group("dm_y"), today)
    if group("dom"):
        return _next_day_of_month(int(group("dom_d")), today)
    if group("wd"):
        weekday = WEEKDAYS.index(group("wd_day").casefold())
        if group("wd_next"):
            return _monday_of_next_week(today) + timedelta(days=weekday)
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    if group("rel"):
        amount = group("rel_n").casefold()
        count = int(amount) if amount.isdigit() else _AMOUNTS[" ".join(amount.split())]
        unit = group("rel_unit").casefold().rstrip("s")
        if unit == "month":
            return _add_months(today, count, keep_day=True)
        return today + timedelta(days=count * (7 if unit == "week" else 1))
    if group("end"):
        later = bool(group("end_next"))
        if group("end_unit").casefold() == "month":
            return _add_months(today, int(later), keep_day=False)
        if later:
            return _monday_of_next_week(today) + timedelta(days=_FRIDAY)
        return today + timedelta(days=(_FRIDAY - today.weekday()) % 7)
    return today + timedelta(days=1)  # tomorrow


def _day_of_year(month: int, day: int, year: str | None, today: date) -> date | None:
    """Return month/day in the year given ("26" is 2026), else its next one from ``today``."""
    if year is not None:
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        return _valid(full_year, month, day)
    for candidate_year in range(today.year, today.year + 5):  # 29 February waits for a leap year
        found = _valid(candidate_year, month, day)
        if found is not None and found >= today:
            return found
    return None


def _next_day_of_month(day: int, today: date) -> date | None:
    """Return the next such day of a month on or after ``today`` ("the 31st" skips November)."""
    for months_ahead in range(13):
        first = _add_months(today.replace(day=1), months_ahead, keep_day=True)
        found = _valid(first.year, first.month, day)
        if found is not None and found >= today:
            return found
    return None


def _monday_of_next_week(today: date) -> date:
    """Return the Monday of the week after this one."""
    return today + timedelta(days=7 - today.weekday())


def _add_months(start: date, months: int, keep_day: bool) -> date:
    """Return the same day ``months`` later (the month's last day if it is shorter), or, with
    ``keep_day`` false, that month's last day."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last) if keep_day else last)


def _valid(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when the calendar has no such day (30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None

"""Timezones a person can find: by city, country, common name or abbreviation, with the offset now.

The zones are the IANA zone data's own list (``zone.tab`` in the tzdata package, one zone per
populated region, plus UTC). Cities, countries and names such as "Eastern Time" come from the
Unicode CLDR through babel; abbreviations such as EST, CET and IST come from the zone data, for
the year of the moment asked about. Nothing here is a hand-made list of places.

Offsets are written with a hyphen-minus ("UTC-05:00"), the character a person types when they
filter the list by offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib.resources import files
from typing import Final, Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from lib.model import known_timezones

UTC_NAME = "UTC"
SEPARATOR = " · "
# How the picker filters while a person types: "contains" keeps the order of ``options``, so the
# zone that names its time comes first; Streamlit's default "fuzzy" puts the shortest labels
# first (Panama, which has no daylight saving, before New York for "EST").
FILTER_MODE: Final = "contains"
# Etc/GMT+5 is five hours *behind* UTC: POSIX signs, the inverse of what the name suggests.
_FIXED_OFFSET = re.compile(r"^(?:Etc/)?GMT[+-]\d{1,2}$")
_UTC_ALIASES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}
    | {"GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "GMT+0", "Etc/GMT+0", "GMT-0", "Etc/GMT-0"}
    | {"Greenwich", "Etc/Greenwich"}
)
_NO_COUNTRY = frozenset({"001", "ZZ"})  # CLDR's "world" and "unknown region"
ShownIn = Literal["interview", "browser"]


@dataclass(frozen=True)
class Place:
    """What a zone is called: its city, its country and its common name, in English."""

    city: str  # "New York"; "" for UTC and the fixed offsets
    country: str  # "United States"; "" when the zone has none
    name: str  # "Eastern Time", CLDR's name of the time kept there; "" when it has none


@cache
def listed_zones() -> tuple[str, ...]:
    """Return the zones offered for picking: the zone data's regions and UTC, by name.

    Old names (US/Eastern, Asia/Calcutta) and the fixed offsets (Etc/GMT+5) are left out: each
    region appears once, under its current name.
    """
    table = (files("tzdata.zoneinfo") / "zone.tab").read_text(encoding="utf-8")
    names = {
        line.split("\t")[2]
        for line in table.splitlines()
        if line.strip() and not line.startswith("#")
    }
    return tuple(sorted(name for name in names | {UTC_NAME} if is_known(name)))


def is_known(name: str | None) -> bool:
    """Whether ``name`` is an IANA timezone this machine knows."""
    return bool(name) and name in known_timezones()


def is_utc(name: str) -> bool:
    """Whether ``name`` is UTC under one of its names (UTC, Etc/UTC, GMT, Zulu...)."""
    return name in _UTC_ALIASES


def is_fixed_offset(name: str) -> bool:
    """Whether ``name`` is one of the inverted fixed offsets, such as Etc/GMT+5 (UTC-05:00)."""
    return bool(_FIXED_OFFSET.match(name)) and not is_utc(name)


@cache
def _english() -> Locale:
    """Return the English locale of CLDR."""
    return Locale.parse("en")


@cache
def place(name: str) -> Place:
    """Return a zone's city, country and common name, from CLDR ("" where it has none)."""
    if is_utc(name) or is_fixed_offset(name):
        return Place("", "", "Coordinated Universal Time" if is_utc(name) else "")
    english = _english()
    canonical = get_global("zone_aliases").get(name, name)
    code = get_global("zone_territories").get(canonical, "ZZ")
    country = "" if code in _NO_COUNTRY else english.territories.get(code, "")
    try:
        city = get_timezone_location(canonical, locale=english, return_city=True)
    except LookupError:  # a name CLDR does not know
        city = canonical.rsplit("/", 1)[-1].replace("_", " ")
    names = _metazone_names(canonical)
    common = names.get("generic") or names.get("standard") or ""
    return Place(city if city not in (country, canonical) else "", country, common)


def _metazone_names(name: str) -> dict[str, str]:
    """Return CLDR's long names of the time a zone keeps: generic, standard, daylight."""
    metazone = get_global("meta_zones").get(name)
    names = _english().meta_zones.get(metazone, {}).get("long", {}) if metazone else {}
    return dict(names)


@cache
def _main_zones() -> dict[str, bool]:
    """Return the zones that stand for a time of the world, each with whether it is *the* one.

    These are the zones CLDR maps the Windows timezones to: the city a person most often means
    when they name that time. The one whose Windows name is its CLDR name (New York for
    "Eastern Standard Time") is the zone for that name above all.
    """
    aliases, found = get_global("zone_aliases"), {}
    for windows_name, zone in get_global("windows_zone_mapping").items():
        name = aliases.get(zone, zone)
        standard = _metazone_names(name).get("standard")
        found[name] = found.get(name, False) or windows_name == standard
    return found


def prominence(name: str) -> int:
    """Return 0 for the zone that names its time (New York for EST), 1 for a main one, else 2."""
    main = _main_zones()
    return 2 if name not in main else 0 if main[name] else 1


@cache
def abbreviations(name: str, year: int) -> tuple[str, ...]:
    """Return the zone data's letter abbreviations of a zone in ``year``: ("EST", "EDT").

    Standard time comes first. Numeric ones ("+03") are left out: the offset says the same.
    """
    zone = _zone(name)
    found: dict[str, timedelta] = {}
    for month in (1, 7):
        moment = datetime(year, month, 1, 12, tzinfo=UTC).astimezone(zone)
        abbreviation = moment.tzname() or ""
        if abbreviation[:1].isalpha() and abbreviation not in found:
            found[abbreviation] = moment.dst() or timedelta(0)
    return tuple(sorted(found, key=lambda abbreviation: abs(found[abbreviation])))


@cache
def _zone(name: str) -> ZoneInfo:
    """Return the zone named ``name``, kept (zoneinfo itself keeps only the last few in use)."""
    return ZoneInfo(name)


def offset(name: str, moment: datetime) -> timedelta:
    """Return a zone's offset from UTC at ``moment``."""
    return moment.astimezone(_zone(name)).utcoffset() or timedelta(0)


def offset_text(name: str, moment: datetime) -> str:
    """Return a zone's offset at ``moment`` as "UTC-05:00" (a hyphen-minus, as typed)."""
    minutes = int(offset(name, moment).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def label(name: str, moment: datetime) -> str:
    """Return how a zone is listed, with its offset at ``moment``.

    For example "New York (United States), UTC-05:00 · Eastern Time · EST, EDT": city, country,
    offset, common name and abbreviations, so that typing any of them finds it. An old name
    kept from before (US/Eastern) ends with that name, to tell it from the current one.
    """
    if not is_known(name):
        return name
    head, tail = _label_parts(name, moment.year)
    return f"{head}{offset_text(name, moment)}{tail}"


@cache
def _label_parts(name: str, year: int) -> tuple[str, str]:
    """Return what a zone's label says before and after its offset, in ``year``."""
    if is_fixed_offset(name):
        return "", " (a fixed offset, no daylight saving)"
    old_name = "" if name in listed_zones() else name  # US/Eastern beside America/New_York
    if is_utc(name):
        after = ["Coordinated Universal Time", old_name]
        return "UTC, ", "".join(SEPARATOR + part for part in after if part)
    where = place(name)
    city = where.city or where.country or name
    if where.city and where.country:
        city = f"{where.city} ({where.country})"
    after = [where.name, ", ".join(abbreviations(name, year)), old_name]
    return f"{city}, ", "".join(SEPARATOR + part for part in after if part)


def options(moment: datetime, current: str | None = None) -> list[str]:
    """Return the zones to pick from, in the order they are offered, with ``current`` among them.

    UTC comes first, then the zones that name their time (New York for Eastern Time, Los Angeles
    for Pacific Time), then those whose time has a name in letters (EST, IST, CET), then the
    rest; in each group the other main zones first, then west to east at ``moment``. Typing
    filters this list without reordering it (see ``search``), so the zone a person most likely
    means comes first: New York for "EST", and Dublin before Tashkent (Uzbekistan holds "ist").

    ``current`` (the value already chosen) is kept even when it is not listed, such as an old
    name from an import, so that showing the picker never changes it.
    """
    names = list(listed_zones())
    if current and is_known(current) and current not in names:
        names.append(current)
    return sorted(
        names,
        key=lambda name: (
            not is_utc(name),
            0 if prominence(name) == 0 else 1 if abbreviations(name, moment.year) else 2,
            prominence(name),
            offset(name, moment),
            _label_parts(name, moment.year),
        ),
    )


def search(query: str, moment: datetime) -> list[str]:
    """Return the zones the picker shows while ``query`` is typed, in the order shown.

    The same rule as the picker's filter (``FILTER_MODE``): the labels that contain the typed
    text, ignoring case, in the order of ``options``.
    """
    wanted = query.strip().lower()
    if not wanted:
        return []
    return [name for name in options(moment) if wanted in label(name, moment).lower()]


def short_label(name: str, moment: datetime) -> str:
    """Return a zone in a few words: "New York, UTC-05:00", "UTC", or "UTC-05:00"."""
    if is_utc(name):
        return "UTC"
    if is_fixed_offset(name):
        return offset_text(name, moment)
    where = place(name)
    return f"{where.city or where.country or name}, {offset_text(name, moment)}"


def spoken(name: str, moment: datetime) -> str:
    """Return a zone in a sentence: "New York time (UTC-05:00)", "UTC", or "UTC-05:00"."""
    if is_utc(name) or is_fixed_offset(name):
        return short_label(name, moment)
    where = place(name)
    return f"{where.city or where.country or name} time ({offset_text(name, moment)})"


def zone_difference(
    interview_zone: str, browser_zone: str | None, moment: datetime, shown_in: ShownIn = "interview"
) -> str | None:
    """Say which timezone the times shown are in, when the interview's and the browser's differ.

    ``shown_in`` is the zone the page shows its times in. None when both zones have the same
    offset at ``moment`` (Paris and Berlin), or when the browser's zone is unknown.
    """
    if not browser_zone or not is_known(interview_zone) or not is_known(browser_zone):
        return None
    if offset(interview_zone, moment) == offset(browser_zone, moment):
        return None
    interview, browser = spoken(interview_zone, moment), spoken(browser_zone, moment)
    if shown_in == "browser":
        return f"Times are in {browser}, your browser's timezone; the interview is in {interview}."
    return f"Times are in {interview}; your browser is in {browser}."

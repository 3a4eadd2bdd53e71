"""Timezones a person can find by city, country or abbreviation, each with its offset that day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lib.timezones import (
    abbreviations,
    label,
    listed_zones,
    offset,
    offset_text,
    options,
    place,
    prominence,
    search,
    short_label,
    zone_difference,
)

JANUARY = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)
JULY = datetime(2027, 7, 15, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("query", "zone"),
    [
        ("New York", "America/New_York"),
        ("new york", "America/New_York"),
        ("Paris", "Europe/Paris"),
        ("London", "Europe/London"),
        ("Tokyo", "Asia/Tokyo"),
        ("Kolkata", "Asia/Kolkata"),
        ("India", "Asia/Kolkata"),
        ("UTC", "UTC"),
        ("EST", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("Eastern", "America/New_York"),
        ("Ireland", "Europe/Dublin"),
        ("Germany", "Europe/Berlin"),
        ("+05:30", "Asia/Kolkata"),
        ("GMT", "Europe/London"),
    ],
)
def test_a_city_country_or_abbreviation_finds_its_zone_first(query: str, zone: str) -> None:
    """Typing a city, a country, an offset or a common abbreviation puts the zone meant first."""
    assert search(query, JANUARY)[0] == zone


def test_est_offers_new_york_before_the_zones_without_daylight_saving() -> None:
    """For "EST", New York (EST and EDT) comes before Cancún and Panama, on EST all year."""
    found = search("EST", JULY)
    assert found[0] == "America/New_York"
    assert found.index("America/Cancun") > 0
    assert found.index("America/Panama") > 0
    assert abbreviations("America/Panama", 2027) == ("EST",)


def test_typing_filters_the_list_as_the_picker_does_without_reordering_it() -> None:
    """What typing shows is every label holding the text, in any case, in the list's own order."""
    zones = options(JANUARY)
    found = search("  pacific TIME ", JANUARY)
    assert found == [zone for zone in zones if "pacific time" in label(zone, JANUARY).lower()]
    assert found[0] == "America/Los_Angeles"
    assert [zones.index(zone) for zone in found] == sorted(zones.index(zone) for zone in found)


def test_cet_finds_the_central_european_zones_and_nothing_before_them() -> None:
    """Typing CET lists Paris, Berlin and the rest of Central European Time before anything else."""
    found = search("CET", JANUARY)
    central = [zone for zone in found if "CET" in abbreviations(zone, 2027)]
    assert {"Europe/Paris", "Europe/Berlin", "Europe/Madrid"} <= set(central)
    assert found[: len(central)] == central


def test_ist_lists_india_ireland_and_israel_each_by_name() -> None:
    """IST is three times: India, Ireland and Israel are all in the first eight, each saying so."""
    found = search("IST", JULY)
    ist = ["Asia/Jerusalem", "Asia/Kolkata", "Europe/Dublin"]
    assert sorted(zone for zone in found[:8] if "IST" in abbreviations(zone, 2027)) == ist
    labels = {zone: label(zone, JULY) for zone in ist}
    assert "India" in labels["Asia/Kolkata"]
    assert "Ireland" in labels["Europe/Dublin"]
    assert "Israel" in labels["Asia/Jerusalem"]
    assert all("IST" in text for text in labels.values()), labels


def test_a_place_the_data_does_not_know_finds_nothing() -> None:
    """A word in no zone's name finds nothing rather than a wrong zone."""
    assert search("Atlantis", JANUARY) == []
    assert search("   ", JANUARY) == []


@pytest.mark.parametrize(
    ("zone", "january", "july"),
    [
        ("America/New_York", "UTC-05:00", "UTC-04:00"),
        ("Europe/Paris", "UTC+01:00", "UTC+02:00"),
        ("Europe/London", "UTC+00:00", "UTC+01:00"),
        ("Australia/Sydney", "UTC+11:00", "UTC+10:00"),
        ("Asia/Kolkata", "UTC+05:30", "UTC+05:30"),
        ("Asia/Kathmandu", "UTC+05:45", "UTC+05:45"),
        ("America/St_Johns", "UTC-03:30", "UTC-02:30"),
    ],
)
def test_the_offset_is_the_one_in_force_that_day(zone: str, january: str, july: str) -> None:
    """Each zone shows the offset of the day asked about: daylight saving in July, not January."""
    assert offset_text(zone, JANUARY) == january
    assert offset_text(zone, JULY) == july
    assert january in label(zone, JANUARY)
    assert july in label(zone, JULY)


def test_labels_read_city_country_offset_name_and_abbreviations() -> None:
    """A zone reads as a person names it: "New York (United States), UTC-05:00 · Eastern Time"."""
    assert label("America/New_York", JANUARY) == (
        "New York (United States), UTC-05:00 · Eastern Time · EST, EDT"
    )
    assert label("Europe/Paris", JULY) == (
        "Paris (France), UTC+02:00 · Central European Time · CET, CEST"
    )
    assert label("Asia/Kolkata", JULY) == ("Kolkata (India), UTC+05:30 · India Standard Time · IST")
    assert label("UTC", JULY) == "UTC, UTC+00:00 · Coordinated Universal Time"
    assert short_label("America/New_York", JANUARY) == "New York, UTC-05:00"


def test_offsets_use_the_hyphen_minus_a_person_types() -> None:
    """West of UTC is written with "-" (U+002D), so typing "-05:00" finds it; never U+2212."""
    west = [label(zone, JANUARY) for zone in options(JANUARY) if "UTC-" in label(zone, JANUARY)]
    assert len(west) > 50
    assert not any("\u2212" in label(zone, JANUARY) for zone in options(JANUARY))


@pytest.mark.parametrize(
    ("zone", "true_offset"),
    [("Etc/GMT+5", "UTC-05:00"), ("Etc/GMT-3", "UTC+03:00"), ("Etc/GMT-14", "UTC+14:00")],
)
def test_inverted_etc_zones_are_not_listed_and_show_their_true_offset(
    zone: str, true_offset: str
) -> None:
    """Etc/GMT+5 is five hours behind UTC: it is not offered, and a stored one reads UTC-05:00."""
    assert not any(name.startswith("Etc/") for name in listed_zones())
    assert zone not in options(JANUARY)
    shown = label(zone, JANUARY)
    assert shown.startswith(true_offset)
    assert "GMT" not in shown  # the inverted name never stands beside the true offset
    assert zone in options(JANUARY, current=zone)  # a stored one stays pickable


def test_each_region_is_listed_once_under_its_current_name() -> None:
    """Old names (US/Eastern, Asia/Calcutta) are not offered beside their current ones."""
    zones = listed_zones()
    assert "Asia/Kolkata" in zones
    assert "Europe/Kyiv" in zones
    assert not {"US/Eastern", "Asia/Calcutta", "Europe/Kiev", "EST", "CET"} & set(zones)
    assert len(options(JANUARY)) == len(set(options(JANUARY))) == len(zones)


def test_an_old_stored_name_stays_and_says_which_it_is() -> None:
    """An imported US/Eastern stays the choice, shown as New York and told apart by its name."""
    shown = label("US/Eastern", JANUARY)
    assert shown.startswith("New York (United States), UTC-05:00")
    assert shown.endswith("US/Eastern")
    assert "US/Eastern" in options(JANUARY, current="US/Eastern")


def test_the_list_starts_with_utc_then_the_zones_that_name_their_time() -> None:
    """UTC, then Los Angeles, Denver, Chicago, New York...; then EST, CET...; the rest last."""
    zones = options(JANUARY)
    assert zones[:5] == [
        "UTC",
        "America/Los_Angeles",
        "America/Denver",
        "America/Chicago",
        "Pacific/Easter",
    ]

    def group(zone: str) -> int:
        return 0 if prominence(zone) == 0 else 1 if abbreviations(zone, 2027) else 2

    groups = [group(zone) for zone in zones[1:]]
    assert groups == sorted(groups)
    for number in (0, 1, 2):
        members = [zone for zone in zones[1:] if group(zone) == number]
        order = [(prominence(zone), offset(zone, JANUARY)) for zone in members]
        assert order == sorted(order), number  # main zones first, each west to east
    assert zones.index("America/New_York") < zones.index("America/Detroit")
    assert zones.index("Asia/Tokyo") < zones.index("Asia/Dubai")  # JST has a name; +04 not
    assert place("America/New_York").city == "New York"


def test_the_difference_is_told_when_the_browser_is_elsewhere() -> None:
    """A New York interview seen from Paris says which clock the times are on, and both offsets."""
    assert zone_difference("America/New_York", "Europe/Paris", JANUARY) == (
        "Times are in New York time (UTC-05:00); your browser is in Paris time (UTC+01:00)."
    )
    assert zone_difference("America/New_York", "Europe/Paris", JULY, "browser") == (
        "Times are in Paris time (UTC+02:00), your browser's timezone; the interview is in New "
        "York time (UTC-04:00)."
    )


@pytest.mark.parametrize(
    ("interview", "browser"),
    [
        ("America/New_York", "America/New_York"),
        ("Europe/Paris", "Europe/Berlin"),  # other zones, same clock
        ("America/New_York", None),  # the browser reported none
        ("America/New_York", "Mars/Olympus"),
    ],
)
def test_nothing_is_said_when_the_clocks_agree_or_the_browser_is_unknown(
    interview: str, browser: str | None
) -> None:
    """Two zones on the same clock, or a browser that reports no known zone, need no sentence."""
    assert zone_difference(interview, browser, JANUARY) is None


def test_the_difference_follows_daylight_saving() -> None:
    """London and Reykjavik share a clock in winter only; a fixed offset goes by its true one."""
    assert zone_difference("Europe/London", "Atlantic/Reykjavik", JANUARY) is None
    assert zone_difference("Europe/London", "Atlantic/Reykjavik", JULY) is not None
    assert zone_difference("UTC", "Etc/GMT+5", JULY) == (
        "Times are in UTC; your browser is in UTC-05:00."
    )

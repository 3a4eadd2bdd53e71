"""How each person is addressed: the greeting a note opens with, and the choice kept on record.

A user meets Dr. Kwame Mensah at a bank and Siobhán at a start-up; the note to the first opens
"Dear Dr. Mensah," in a formal office, the second "Hi Siobhán,". A family-name-first name such
as Nguyễn Minh Khai needs the user's word ("Khai"), which the store and the export keep.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.guidance import CultureName
from lib.model import Application, Interviewer
from lib.names import HONORIFICS, address_as, greeting, guess_address, parse_name, salutation
from lib.store import open_store, parse_import
from tests.conftest import ApplicationFactory

EXPORTED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
CULTURES: tuple[CultureName, ...] = ("casual", "standard", "formal")


# --- the greeting, name by name ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "chosen", "casual", "standard", "formal"),
    [
        pytest.param(
            "Dr. Kwame Mensah", "", "Hi Kwame,", "Dear Kwame,", "Dear Dr. Mensah,", id="doctor"
        ),
        pytest.param(
            "Prof. Sipho Dlamini", "", "Hi Sipho,", "Dear Sipho,", "Dear Prof. Dlamini,", id="prof"
        ),
        pytest.param(
            "Ms. Olivia Wright-Patel",
            "",
            "Hi Olivia,",
            "Dear Olivia,",
            "Dear Ms. Wright-Patel,",
            id="ms-hyphenated-family-name",
        ),
        pytest.param(
            "Olivia Wright-Patel",
            "",
            "Hi Olivia,",
            "Dear Olivia,",
            "Dear Olivia Wright-Patel,",
            id="no-honorific-formal-uses-the-full-name",
        ),
        pytest.param(
            "Jean-Luc Moreau",
            "",
            "Hi Jean-Luc,",
            "Dear Jean-Luc,",
            "Dear Jean-Luc Moreau,",
            id="jean-luc",
        ),
        pytest.param(
            "Mary-Kate Doyle",
            "",
            "Hi Mary-Kate,",
            "Dear Mary-Kate,",
            "Dear Mary-Kate Doyle,",
            id="mary-kate",
        ),
        pytest.param(
            "María José Fernández",
            "",
            "Hi María José,",
            "Dear María José,",
            "Dear María José Fernández,",
            id="compound-given-name",
        ),
        pytest.param(
            "Nguyễn Minh Khai",
            "Khai",
            "Hi Khai,",
            "Dear Khai,",
            "Dear Nguyễn Minh Khai,",
            id="family-name-first-addressed-as-khai",
        ),
        pytest.param(
            "Dr. Nguyễn Minh Khai",
            "Khai",
            "Hi Khai,",
            "Dear Khai,",
            "Dear Dr. Nguyễn,",
            id="family-name-first-doctor",
        ),
        pytest.param(
            "Eleanor Whitcombe PhD",
            "",
            "Hi Eleanor,",
            "Dear Eleanor,",
            "Dear Dr. Whitcombe,",
            id="doctoral-suffix",
        ),
        pytest.param(
            "Siobhán Ní Bhriain",
            "",
            "Hi Siobhán,",
            "Dear Siobhán,",
            "Dear Siobhán Ní Bhriain,",
            id="siobhan",
        ),
        pytest.param("Oyelaran", "", "Hi Oyelaran,", "Dear Oyelaran,", "Dear Oyelaran,", id="one"),
        pytest.param(
            "Nguyễn Minh Khai",
            "Dr. Khai",
            "Hi Dr. Khai,",
            "Dear Dr. Khai,",
            "Dear Dr. Khai,",
            id="a-chosen-honorific-is-used-as-typed",
        ),
    ],
)
def test_each_office_greets_the_person_in_its_register(
    name: str, chosen: str, casual: str, standard: str, formal: str
) -> None:
    """Casual says "Hi" and the given name, standard "Dear" and the given name, formal the
    honorific and family name, or the full name when no honorific is known."""
    assert [greeting(name, chosen, culture) for culture in CULTURES] == [casual, standard, formal]


@pytest.mark.parametrize(
    ("name", "guess"),
    [
        ("Dr. Kwame Mensah", "Kwame"),
        ("Jean-Luc Moreau", "Jean-Luc"),
        ("Mary-Kate Doyle", "Mary-Kate"),
        ("María José Fernández", "María José"),
        ("Siobhán Ní Bhriain", "Siobhán"),
        ("Eleanor Whitcombe PhD", "Eleanor"),
        ("Oyelaran", "Oyelaran"),
    ],
)
def test_the_guess_is_the_whole_given_name(name: str, guess: str) -> None:
    """The guess offered in "Address as" is the given name, never half of a hyphenated one."""
    assert guess_address(name) == guess
    assert address_as(name) == guess


def test_a_chosen_address_wins_over_the_guess_with_its_spaces_tidied() -> None:
    """What the user typed in "Address as" is how the note greets them."""
    assert address_as("Nguyễn Minh Khai", "  Khai ") == "Khai"
    assert salutation("Nguyễn Minh Khai", "Khai", "standard") == "Khai"


def test_the_parts_of_a_titled_name() -> None:
    """The honorific, given and family names are read apart; the full name has no honorific."""
    parts = parse_name("Ms. Olivia Wright-Patel")
    assert (parts.honorific, parts.given, parts.family, parts.full) == (
        "Ms.",
        "Olivia",
        "Wright-Patel",
        "Olivia Wright-Patel",
    )


def test_a_formal_greeting_never_puts_the_honorific_before_the_whole_name() -> None:
    """ "Dear Ms. Olivia Wright-Patel," is wrong: the honorific goes with the family name only."""
    for name in ("Ms. Olivia Wright-Patel", "Dr. Kwame Mensah", "Prof. Sipho Dlamini"):
        parts = parse_name(name)
        assert f"{parts.honorific} {parts.full}" not in greeting(name, "", "formal")


# --- a property over generated names -----------------------------------------------------------

GIVEN = ["Olivia", "Kwame", "Sipho", "Siobhán", "Jean", "Luc", "Mary", "Kate", "Amara", "Ilse"]
FAMILY = ["Mensah", "Dlamini", "Wright", "Patel", "Whitcombe", "Moreau", "Okafor", "Lindqvist"]
TITLES = ["", "Dr. ", "Prof. ", "Ms. ", "Mr. ", "Mrs. "]
SUFFIXES = ["", " PhD", " MD"]


@st.composite
def names(draw: st.DrawFn) -> str:
    """A name of one to three words, any of them perhaps hyphenated, with perhaps a title."""

    def word(pool: list[str]) -> str:
        parts = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
        return "-".join(parts)

    words = [word(GIVEN), *(word(FAMILY) for _ in range(draw(st.integers(0, 2))))]
    return draw(st.sampled_from(TITLES)) + " ".join(words) + draw(st.sampled_from(SUFFIXES))


@given(name=names(), culture=st.sampled_from(CULTURES))
def test_generated_names_get_a_whole_greeting(name: str, culture: CultureName) -> None:
    """Whatever the name, the greeting ends with a comma, is never an honorific alone, and
    never uses half of a hyphenated word of the name."""
    line = greeting(name, "", culture)
    assert line.endswith(",")
    greeted = line.removeprefix("Hi ").removeprefix("Dear ").removesuffix(",").split()
    assert greeted, line
    assert any(word not in HONORIFICS.values() for word in greeted), line
    name_words = name.replace(".", "").split()
    for hyphenated in (word for word in name_words if "-" in word):
        halves = set(hyphenated.split("-"))
        whole_words = set(name_words)
        for word in greeted:
            assert word in whole_words or word not in halves, (name, line)


# --- kept on record: the store, the export and the import --------------------------------------


@pytest.fixture
def khai(make_application: ApplicationFactory) -> Application:
    """An application whose first person is Nguyễn Minh Khai, addressed as Khai, by email."""
    people = [p.model_dump() for p in make_application().interviewers]
    people[0] |= {"name": "Nguyễn Minh Khai", "address_as": "Khai", "channel": "email"}
    return make_application(channel="handwritten", interviewers=people)


@pytest.mark.both_databases
def test_address_and_channel_survive_the_store(database: Path | str, khai: Application) -> None:
    """Saved and read back from the database, Khai is still "Khai" and still gets an email,
    while the rest of the panel follows the interview's cards."""
    store = open_store(database)
    store.create(khai)
    stored = open_store(database).get(khai.id)
    person, other = stored.interviewers
    assert (person.address_as, person.channel) == ("Khai", "email")
    assert (other.address_as, other.channel) == ("", None)
    assert (stored.channel_for(person), stored.channel_for(other)) == ("email", "handwritten")
    assert stored == khai


@pytest.mark.both_databases
def test_address_and_channel_survive_export_and_import(
    database: Path | str, tmp_path: Path, khai: Application
) -> None:
    """Exported to JSON and imported on another machine, the choice of greeting and channel
    travels with the application."""
    source = open_store(database)
    source.create(khai)
    document = source.export_json(EXPORTED_AT)
    exported = json.loads(document)["applications"][0]["interviewers"][0]
    assert (exported["address_as"], exported["channel"]) == ("Khai", "email")

    target = open_store(tmp_path / "there.db")
    summary = target.import_file(parse_import(document.encode()))

    assert summary.added == 1
    person = target.get(khai.id).interviewers[0]
    assert (person.name, person.address_as, person.channel) == ("Nguyễn Minh Khai", "Khai", "email")
    assert target.get(khai.id) == khai


def test_one_word_after_an_honorific_is_the_family_name() -> None:
    """ "Mr. Bashir" is greeted as Mr. Bashir in every office, never "Hi Bashir,"."""
    assert [greeting("Mr. Bashir", "", c) for c in CULTURES] == [
        "Hi Mr. Bashir,",
        "Dear Mr. Bashir,",
        "Dear Mr. Bashir,",
    ]


def test_a_family_name_of_particles_alone_is_not_used_with_the_honorific() -> None:
    """ "Prof. al Von" would greet nobody: the full name is used instead."""
    assert greeting("Prof. Ana al Von", "", "formal") == "Dear Ana al Von,"
    assert greeting("Prof. Hassan al Din", "", "formal") == "Dear Prof. al Din,"


@pytest.mark.parametrize("title_only", ["Dr.", "Mr", "Prof. Dr."])
def test_a_name_that_is_only_a_title_is_refused(title_only: str) -> None:
    """A person called just "Dr." cannot be greeted: the notes page says to add the name."""
    with pytest.raises(ValueError, match="is only a title; add their name"):
        Interviewer(name=title_only)

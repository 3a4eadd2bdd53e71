"""The checklist and the next action: the plain-words coaching on top of every application.

The factory's interview is Monday 16 Nov 2026, 10:00 in New York, with Priya Raghunathan and
Seán O'Donnell. Its thank-you notes are ideal at 20:00 that evening, due Tue 17 Nov 10:00 and
late after the end of Wed 18 Nov; its one standard follow-up runs from Mon 23 Nov 09:00 to the
end of Fri 27 Nov (day 10, Thanksgiving, rolled on a day); moving on comes on Fri 4 Dec.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from lib.checklist import checklist, names, next_action, plural, when
from lib.guidance import RULES
from lib.model import Application
from tests.conftest import ApplicationFactory

NY = ZoneInfo("America/New_York")

MONDAY_3PM = datetime(2026, 11, 16, 15, 0, tzinfo=NY)  # the interview day, afternoon
MONDAY_9PM = datetime(2026, 11, 16, 21, 0, tzinfo=NY)  # after the ideal 20:00
TUESDAY_NOON = datetime(2026, 11, 17, 12, 0, tzinfo=NY)  # the thank-you is overdue
THURSDAY_NOON = datetime(2026, 11, 19, 12, 0, tzinfo=NY)  # the thank-you is late
THANKED_AT = datetime(2026, 11, 16, 18, 0, tzinfo=NY)
FOLLOWED_UP_AT = datetime(2026, 11, 24, 10, 0, tzinfo=NY)


def contact(who: str, kind: str, at: datetime) -> dict[str, Any]:
    """Return a contact record for the application factory."""
    return {"interviewer_id": who, "kind": kind, "at": at, "channel": "email"}


THANKED_PRIYA = [contact("priya", "thank_you", THANKED_AT)]
THANKED_BOTH = [*THANKED_PRIYA, contact("sean", "thank_you", THANKED_AT)]
FOLLOWED_UP = [
    *THANKED_BOTH,
    contact("priya", "follow_up", FOLLOWED_UP_AT),
    contact("sean", "call", FOLLOWED_UP_AT),
]


def with_people(make_application: ApplicationFactory, **changes: dict[str, Any]) -> Application:
    """Return the factory's application with some fields of some people changed, by person id."""
    people = [
        {**person.model_dump(), **changes.get(person.id, {})}
        for person in make_application().interviewers
    ]
    return make_application(interviewers=people)


def assess(app: Application, now: datetime, rule_id: str) -> tuple[str, str]:
    """Return the (state, detail) of one rule of the application's checklist."""
    (item,) = (item for item in checklist(app, now) if item.rule.id == rule_id)
    return item.state, item.detail


# --- when, names, plural ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(datetime(2026, 11, 16, 20, 0), "20:00 tonight", id="this-evening"),
        pytest.param(datetime(2026, 11, 16, 18, 0), "18:00 tonight", id="evening-from-18"),
        pytest.param(datetime(2026, 11, 16, 17, 59), "17:59 today", id="afternoon"),
        pytest.param(datetime(2026, 11, 16, 14, 0), "14:00 today", id="earlier-today"),
        pytest.param(datetime(2026, 11, 16, 23, 59, 59), "the end of today", id="end-of-today"),
        pytest.param(datetime(2026, 11, 17, 10, 0), "10:00 tomorrow", id="tomorrow"),
        pytest.param(datetime(2026, 11, 17, 23, 59, 59), "the end of tomorrow", id="end-tomorrow"),
        pytest.param(datetime(2026, 11, 15, 10, 0), "10:00 yesterday", id="yesterday"),
        pytest.param(datetime(2026, 11, 18, 23, 59, 59), "the end of Wednesday", id="end-of-day-2"),
        pytest.param(datetime(2026, 11, 19, 14, 0), "14:00 on Thursday", id="in-3-days"),
        pytest.param(datetime(2026, 11, 22, 14, 0), "14:00 on Sunday", id="in-6-days"),
        pytest.param(datetime(2026, 11, 23, 14, 0), "14:00 on Mon 23 Nov", id="in-a-week"),
        pytest.param(datetime(2026, 11, 30, 9, 0), "09:00 on Mon 30 Nov", id="in-two-weeks"),
        pytest.param(datetime(2026, 11, 13, 9, 0), "09:00 on Fri 13 Nov", id="days-ago"),
    ],
)
def test_when_says_a_moment_relative_to_now(moment: datetime, expected: str) -> None:
    """Deadlines read like a person says them: tonight, tomorrow, Thursday, Mon 30 Nov."""
    assert when(moment.replace(tzinfo=NY), MONDAY_3PM) == expected


@pytest.mark.parametrize(
    ("moment", "now", "expected"),
    [
        pytest.param(  # 02:00 UTC on Tuesday is still Monday 21:00 in New York
            datetime(2026, 11, 17, 10, 0, tzinfo=NY),
            datetime(2026, 11, 17, 2, 0, tzinfo=UTC),
            "10:00 tomorrow",
            id="utc-is-already-tuesday",
        ),
        pytest.param(
            datetime(2026, 11, 16, 20, 0, tzinfo=NY),
            datetime(2026, 11, 17, 0, 30, tzinfo=UTC),
            "20:00 tonight",
            id="utc-past-midnight",
        ),
        pytest.param(  # 20:00 UTC on Monday is 01:00 Tuesday in Kolkata
            datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata")),
            datetime(2026, 11, 16, 20, 0, tzinfo=UTC),
            "10:00 today",
            id="ahead-of-utc",
        ),
    ],
)
def test_when_counts_days_in_the_moments_timezone(
    moment: datetime, now: datetime, expected: str
) -> None:
    """ "Today" and "tomorrow" follow the interview's local calendar, not UTC's."""
    assert when(moment, now) == expected


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        ([], ""),
        (["Priya"], "Priya"),
        (["Priya", "Seán"], "Priya and Seán"),
        (["Priya", "Seán", "Ana"], "Priya, Seán and Ana"),
    ],
)
def test_names_joins_people_in_plain_english(people: list[str], expected: str) -> None:
    """A list of people reads as a sentence: "A, B and C"."""
    assert names(people) == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "no follow-ups"), (1, "1 follow-up"), (2, "2 follow-ups")]
)
def test_plural_counts_in_words(count: int, expected: str) -> None:
    """Counts read naturally: "no follow-ups", "1 follow-up", "2 follow-ups"."""
    assert plural(count, "follow-up") == expected


# --- next action ------------------------------------------------------------------------------

BOTH = "Priya Raghunathan and Seán O'Donnell"


@pytest.mark.parametrize(
    ("overrides", "now", "text", "rule", "urgency"),
    [
        pytest.param(
            {},
            datetime(2026, 11, 16, 9, 0, tzinfo=NY),
            f"After the interview (10:00 today), send thank-you notes to {BOTH}",
            "T2",
            "upcoming",
            id="before-the-interview",
        ),
        pytest.param(
            {},
            MONDAY_3PM,
            f"Send thank-you notes to {BOTH} by 20:00 tonight",
            "T2",
            "due",
            id="afternoon-aim-for-the-evening",
        ),
        pytest.param(
            {},
            MONDAY_9PM,
            f"Send thank-you notes to {BOTH} by 10:00 tomorrow",
            "T2",
            "due",
            id="evening-passed-aim-for-the-due-time",
        ),
        pytest.param(
            {},
            TUESDAY_NOON,
            f"Send thank-you notes to {BOTH} now: it was due 10:00 today, "
            "and after the end of tomorrow it looks late",
            "T2",
            "overdue",
            id="overdue-not-yet-late",
        ),
        pytest.param(
            {},
            THURSDAY_NOON,
            f"Send thank-you notes to {BOTH} anyway: it is late, but a late thank-you beats none",
            "T2",
            "overdue",
            id="late",
        ),
        pytest.param(
            {"contacts": THANKED_PRIYA},
            datetime(2026, 11, 16, 19, 0, tzinfo=NY),
            "Send Seán O'Donnell's thank-you by 20:00 tonight",
            "T2",
            "due",
            id="one-person-left",
        ),
        pytest.param(
            {"contacts": THANKED_PRIYA},
            TUESDAY_NOON,
            "Send Seán O'Donnell's thank-you now: it was due 10:00 today, "
            "and after the end of tomorrow it looks late",
            "T2",
            "overdue",
            id="one-person-left-overdue",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH},
            TUESDAY_NOON,
            "Tell your references that Northwind Analytics may call them soon",
            "N2",
            "overdue",
            id="references-not-told",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH, "references_notified": True},
            TUESDAY_NOON,
            "Wait for Northwind Analytics; follow up from 09:00 on Monday, "
            "by the end of Fri 27 Nov",
            "F1",
            "upcoming",
            id="waiting-for-the-follow-up",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH, "references_notified": True},
            datetime(2026, 11, 24, 10, 0, tzinfo=NY),
            "Follow up with Priya Raghunathan and Seán O'Donnell (Northwind Analytics) by the "
            "end of Friday",
            "F1",
            "due",
            id="in-the-follow-up-window",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH, "references_notified": True},
            datetime(2026, 11, 28, 12, 0, tzinfo=NY),
            "Follow up with Priya Raghunathan and Seán O'Donnell (Northwind Analytics) now; it was "
            "due the end of yesterday",
            "F1",
            "overdue",
            id="follow-up-overdue",
        ),
        pytest.param(
            {"contacts": FOLLOWED_UP, "references_notified": True},
            datetime(2026, 11, 25, 12, 0, tzinfo=NY),
            "Wait for Northwind Analytics's answer; with no reply by the end of Fri 4 Dec, move on",
            "F3",
            "upcoming",
            id="followed-up-waiting",
        ),
        pytest.param(
            {"contacts": FOLLOWED_UP, "references_notified": True},
            datetime(2026, 12, 5, 12, 0, tzinfo=NY),
            "No reply from Northwind Analytics: time to move on, "
            "and keep the people in your network",
            "F3",
            "due",
            id="time-to-move-on",
        ),
    ],
)
def test_next_action_along_the_way(
    make_application: ApplicationFactory,
    overrides: dict[str, Any],
    now: datetime,
    text: str,
    rule: str,
    urgency: str,
) -> None:
    """The one thing to do next is spelled out, naming the people and the deadline."""
    action = next_action(make_application(**overrides), now)
    assert (action.text, action.rule, action.urgency) == (text, rule, urgency)


@pytest.mark.parametrize(
    ("status", "text", "rule"),
    [
        ("offer", "Congratulations on the offer from Northwind Analytics", None),
        (
            "rejected",
            "Keep the people you met at Northwind Analytics in your network; ask about referrals",
            "F6",
        ),
        (
            "withdrawn",
            "Northwind Analytics is closed; your contacts there stay in your network",
            None,
        ),
        (
            "moved_on",
            "Northwind Analytics is closed; your contacts there stay in your network",
            None,
        ),
    ],
)
def test_next_action_on_a_closed_application(
    make_application: ApplicationFactory, status: str, text: str, rule: str | None
) -> None:
    """Once there is an outcome, nothing is urgent: the words fit how it ended."""
    action = next_action(make_application(status=status, contacts=THANKED_PRIYA), TUESDAY_NOON)
    assert (action.text, action.rule, action.urgency) == (text, rule, None)


@pytest.mark.parametrize(
    ("overrides", "now", "kind"),
    [
        pytest.param({}, MONDAY_3PM, "thank_you", id="thank-you"),
        pytest.param({"contacts": THANKED_BOTH}, MONDAY_9PM, "references", id="references"),
        pytest.param(
            {"contacts": THANKED_BOTH, "references_notified": True},
            datetime(2026, 11, 24, 12, 0, tzinfo=NY),
            "follow_up",
            id="follow-up",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH, "references_notified": True, "profile": "cautious"},
            datetime(2026, 12, 1, 12, 0, tzinfo=NY),
            "move_on",
            id="move-on",
        ),
        pytest.param({"status": "offer"}, TUESDAY_NOON, None, id="closed"),
    ],
)
def test_next_action_says_which_step_it_is_about(
    make_application: ApplicationFactory, overrides: dict[str, Any], now: datetime, kind: str | None
) -> None:
    """The next action names its kind of step, so the checklist can link to the page doing it."""
    action = next_action(make_application(**overrides), now)
    assert action.kind == kind, action


# --- checklist --------------------------------------------------------------------------------


def test_checklist_has_one_item_per_rule_in_playbook_order(
    make_application: ApplicationFactory,
) -> None:
    """Every rule of the playbook appears once, in the playbook's own order."""
    items = checklist(make_application(), MONDAY_3PM)
    assert [item.rule for item in items] == list(RULES.values())


@pytest.mark.parametrize(
    ("changes", "state", "detail"),
    [
        pytest.param(
            {"sean": {"title": ""}},
            "todo",
            "Add the exact title of Seán O'Donnell.",
            id="one-untitled",
        ),
        pytest.param(
            {"priya": {"title": ""}, "sean": {"title": ""}},
            "todo",
            f"Add the exact title of {BOTH}.",
            id="both-untitled",
        ),
        pytest.param({}, "done", "Names and titles noted for all 2 people.", id="all-titled"),
    ],
)
def test_s1_asks_for_every_title(
    make_application: ApplicationFactory,
    changes: dict[str, dict[str, Any]],
    state: str,
    detail: str,
) -> None:
    """S1 names whoever still lacks a title, and is ticked once everyone has one."""
    app = with_people(make_application, **changes)
    assert assess(app, MONDAY_3PM, "S1") == (state, detail)


def test_s1_asks_for_the_people_when_none_are_listed(make_application: ApplicationFactory) -> None:
    """An application with nobody on it asks for the people first."""
    app = make_application(interviewers=[])
    assert assess(app, MONDAY_3PM, "S1") == ("todo", "Add the people you met.")


@pytest.mark.parametrize(
    ("overrides", "state", "detail"),
    [
        pytest.param(
            {},
            "todo",
            "Did they say when they expect to decide? Add the date, or note that they did not say.",
            id="not-answered",
        ),
        pytest.param(
            {"decision_date": date(2026, 11, 20)},
            "done",
            "They expect to decide by Fri 20 Nov 2026.",
            id="date-given",
        ),
        pytest.param(
            {"decision_date_not_given": True},
            "missed",
            "They did not say when they will decide. Next time, ask before you leave: the "
            "answer sets your follow-up date. Until then the plan uses 7 to 10 days.",
            id="not-given",
        ),
    ],
)
def test_s2_tracks_the_decision_date(
    make_application: ApplicationFactory, overrides: dict[str, Any], state: str, detail: str
) -> None:
    """S2 is done with the date, a missed step with advice for next time, or still to ask."""
    assert assess(make_application(**overrides), MONDAY_3PM, "S2") == (state, detail)


@pytest.mark.parametrize(
    ("changes", "overrides", "state", "detail"),
    [
        pytest.param(
            {"sean": {"concerns": ""}},
            {"went_well": "The system design round"},
            "todo",
            "Write down what you discussed with Seán O'Donnell.",
            id="person-without-notes",
        ),
        pytest.param(
            {},
            {},
            "todo",
            "Note what went well, what went badly and what stood out.",
            id="no-overall-notes",
        ),
        pytest.param(
            {},
            {"stood_out": "They are hiring three engineers"},
            "done",
            "Notes written for every person and for the interview as a whole.",
            id="all-written",
        ),
    ],
)
def test_n1_asks_for_notes_on_everyone_and_the_whole(
    make_application: ApplicationFactory,
    changes: dict[str, dict[str, Any]],
    overrides: dict[str, Any],
    state: str,
    detail: str,
) -> None:
    """N1 names whoever has no notes yet, then asks for the notes on the interview as a whole."""
    people = with_people(make_application, **changes).model_dump()["interviewers"]
    app = make_application(interviewers=people, **overrides)
    assert assess(app, MONDAY_3PM, "N1") == (state, detail)


@pytest.mark.parametrize(
    ("notified", "state", "detail"),
    [
        (False, "todo", "Tell your references they may be contacted."),
        (True, "done", "Your references know a call may come."),
    ],
)
def test_n2_follows_the_references_toggle(
    make_application: ApplicationFactory, notified: bool, state: str, detail: str
) -> None:
    """N2 is ticked exactly when the references have been told."""
    app = make_application(references_notified=notified)
    assert assess(app, MONDAY_3PM, "N2") == (state, detail)


@pytest.mark.parametrize(
    ("contacts", "now", "state", "detail"),
    [
        pytest.param(
            [],
            MONDAY_3PM,
            "todo",
            "Thank-you notes: ideal 20:00 tonight, due 10:00 tomorrow, "
            "late after the end of Wednesday.",
            id="afternoon",
        ),
        pytest.param(
            [],
            MONDAY_9PM,
            "todo",
            "Thank-you notes: due 10:00 tomorrow, late after the end of Wednesday.",
            id="ideal-passed",
        ),
        pytest.param(
            [],
            TUESDAY_NOON,
            "warning",
            "Thank-you notes: due 10:00 today, late after the end of tomorrow.",
            id="overdue",
        ),
        pytest.param(
            THANKED_PRIYA,
            TUESDAY_NOON,
            "warning",
            "Thank-you notes: due 10:00 today, late after the end of tomorrow.",
            id="one-still-overdue",
        ),
        pytest.param(THANKED_BOTH, TUESDAY_NOON, "done", "Every thank-you was sent.", id="sent"),
    ],
)
def test_t2_shows_the_thank_you_deadlines(
    make_application: ApplicationFactory,
    contacts: list[dict[str, Any]],
    now: datetime,
    state: str,
    detail: str,
) -> None:
    """T2 gives the ideal, due and late moments, warns once overdue, and is done when sent."""
    assert assess(make_application(contacts=contacts), now, "T2") == (state, detail)


@pytest.mark.parametrize(
    ("contacts", "t1", "t3"),
    [
        pytest.param(
            [],
            ("todo", "Send a thank-you even if it went badly or you have lost interest."),
            ("todo", f"Still to thank: {BOTH}."),
            id="nobody-thanked",
        ),
        pytest.param(
            THANKED_PRIYA,
            ("todo", "Send a thank-you even if it went badly or you have lost interest."),
            ("todo", "Still to thank: Seán O'Donnell."),
            id="priya-thanked",
        ),
        pytest.param(
            THANKED_BOTH,
            ("done", "Every person has been thanked."),
            ("done", "A thank-you is logged for each of the 2 people."),
            id="everyone-thanked",
        ),
    ],
)
def test_t1_and_t3_name_who_is_still_to_thank(
    make_application: ApplicationFactory,
    contacts: list[dict[str, Any]],
    t1: tuple[str, str],
    t3: tuple[str, str],
) -> None:
    """Everyone gets their own thank-you; the checklist names the people still waiting."""
    app = make_application(contacts=contacts)
    assert (assess(app, TUESDAY_NOON, "T1"), assess(app, TUESDAY_NOON, "T3")) == (t1, t3)


@pytest.mark.parametrize("status", ["offer", "rejected", "withdrawn", "moved_on"])
def test_closed_application_does_not_claim_everyone_was_thanked(
    make_application: ApplicationFactory, status: str
) -> None:
    """Closing an application does not turn an unsent thank-you into a sent one (T1, T3)."""
    app = make_application(status=status, contacts=THANKED_PRIYA)
    assert assess(app, THURSDAY_NOON, "T1")[0] != "done"
    assert assess(app, THURSDAY_NOON, "T3") == ("todo", "Still to thank: Seán O'Donnell.")


@pytest.mark.parametrize(
    ("culture", "channel", "t12", "t13"),
    [
        ("casual", "email", "Casual office: write in a relaxed, warm and direct tone.", "email"),
        (
            "standard",
            "email",
            "Standard office: write in a friendly and professional tone.",
            "email",
        ),
        (
            "formal",
            "handwritten",
            "Formal office: write in a formal and precise tone.",
            "handwritten card",
        ),
        ("formal", "email", "Formal office: write in a formal and precise tone.", "email"),
    ],
)
def test_t12_and_t13_follow_the_culture_and_channel(
    make_application: ApplicationFactory, culture: str, channel: str, t12: str, t13: str
) -> None:
    """The tone follows the office culture, and the channel is the one chosen for the notes."""
    app = make_application(culture=culture, channel=channel)
    assert assess(app, MONDAY_3PM, "T12") == ("guide", t12)
    assert assess(app, MONDAY_3PM, "T13") == ("guide", f"Channel: {t13}.")


@pytest.mark.parametrize(
    ("recruiters", "state", "detail"),
    [
        pytest.param(
            ["priya", "sean"],
            "warning",
            "Everyone on this list is a recruiter. Thank the people at the employer directly, "
            "unless the recruiter insists on passing it on.",
            id="only-recruiters",
        ),
        pytest.param(
            ["sean"], "done", "Your thanks go to the employer's own people.", id="one-recruiter"
        ),
        pytest.param([], "done", "Your thanks go to the employer's own people.", id="none"),
    ],
)
def test_t14_warns_when_only_recruiters_would_be_thanked(
    make_application: ApplicationFactory, recruiters: list[str], state: str, detail: str
) -> None:
    """Thanks should reach the employer's people; a list of recruiters only is flagged."""
    app = with_people(make_application, **{who: {"is_recruiter": True} for who in recruiters})
    assert assess(app, MONDAY_3PM, "T14") == (state, detail)


@pytest.mark.parametrize(
    ("overrides", "now", "state", "detail"),
    [
        pytest.param(
            {},
            MONDAY_3PM,
            "todo",
            "Follow-up 1: from 09:00 on Mon 23 Nov to the end of Fri 27 Nov.",
            id="planned",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH},
            datetime(2026, 11, 24, 10, 0, tzinfo=NY),
            "todo",
            "Follow-up 1: from 09:00 yesterday to the end of Friday.",
            id="window-open",
        ),
        pytest.param(
            {"contacts": THANKED_BOTH},
            datetime(2026, 11, 28, 12, 0, tzinfo=NY),
            "warning",
            "Follow-up 1: from 09:00 on Mon 23 Nov to the end of yesterday.",
            id="overdue",
        ),
        pytest.param(
            {"decision_date": date(2026, 11, 20)},
            MONDAY_3PM,
            "todo",
            "Follow-up 1: from 09:00 on Mon 23 Nov to the end of Mon 23 Nov.",
            id="business-day-after-the-decision",
        ),
        pytest.param(
            {"contacts": FOLLOWED_UP},
            datetime(2026, 11, 25, 12, 0, tzinfo=NY),
            "done",
            "Every planned follow-up was made.",
            id="done",
        ),
        pytest.param(
            {"profile": "cautious"},
            MONDAY_3PM,
            "guide",
            "No follow-up is planned for this profile.",
            id="cautious",
        ),
    ],
)
def test_f1_gives_the_follow_up_window(
    make_application: ApplicationFactory,
    overrides: dict[str, Any],
    now: datetime,
    state: str,
    detail: str,
) -> None:
    """F1 says when to follow up, warns when the window has passed, and stays quiet if cautious."""
    assert assess(make_application(**overrides), now, "F1") == (state, detail)


STANDARD_BUDGET = "Standard profile: 1 follow-up per person after the thank-you; most used so far:"


@pytest.mark.parametrize(
    ("overrides", "state", "detail"),
    [
        pytest.param(
            {"contacts": THANKED_BOTH},
            "guide",
            f"{STANDARD_BUDGET} 0.",
            id="nothing-used",
        ),
        pytest.param(
            {"contacts": FOLLOWED_UP},
            "done",
            f"{STANDARD_BUDGET} 1.",
            id="budget-used",
        ),
        pytest.param(
            {
                "contacts": [
                    *FOLLOWED_UP,
                    contact("priya", "call", datetime(2026, 11, 30, 10, 0, tzinfo=NY)),
                ]
            },
            "warning",
            f"{STANDARD_BUDGET} 2. Over the limit with Priya Raghunathan: time to move on.",
            id="over-with-priya",
        ),
        pytest.param(
            {
                "contacts": [
                    *THANKED_BOTH,
                    *(
                        contact("priya", "other", datetime(2026, 11, d, 10, 0, tzinfo=NY))
                        for d in (24, 25)
                    ),
                ]
            },
            "guide",
            f"{STANDARD_BUDGET} 0.",
            id="networking-not-counted",
        ),
        pytest.param(
            {
                "profile": "cautious",
                "contacts": [*THANKED_BOTH, contact("sean", "call", THANKED_AT)],
            },
            "warning",
            "Cautious profile: no follow-ups per person after the thank-you; most used so far: 1."
            " Over the limit with Seán O'Donnell: time to move on.",
            id="cautious-over-with-sean",
        ),
        pytest.param(
            {
                "profile": "eager",
                "contacts": [
                    *THANKED_BOTH,
                    *(contact(who, "follow_up", FOLLOWED_UP_AT) for who in ("priya", "sean")),
                    *(
                        contact(who, "call", datetime(2026, 11, 30, 10, 0, tzinfo=NY))
                        for who in ("priya", "sean")
                    ),
                    contact("sean", "call", datetime(2026, 12, 1, 10, 0, tzinfo=NY)),
                ],
            },
            "warning",
            "Eager profile: 2 follow-ups per person after the thank-you; most used so far: 3."
            " Over the limit with Seán O'Donnell: time to move on.",
            id="eager-over-with-sean-only",
        ),
    ],
)
def test_f3_counts_follow_ups_against_the_profiles_budget(
    make_application: ApplicationFactory, overrides: dict[str, Any], state: str, detail: str
) -> None:
    """F3 counts follow-ups and calls per person, and names whoever went over the budget."""
    app = make_application(**overrides)
    assert assess(app, datetime(2026, 12, 2, 12, 0, tzinfo=NY), "F3") == (state, detail)


@pytest.mark.parametrize(
    ("status", "state", "detail"),
    [
        (
            "rejected",
            "todo",
            "Connect with the people you met and ask whether they know of other openings.",
        ),
        ("open", "guide", "If there is no offer, keep the people in your network."),
    ],
)
def test_f6_asks_to_keep_the_people_after_a_rejection(
    make_application: ApplicationFactory, status: str, state: str, detail: str
) -> None:
    """A rejection turns "keep the people in your network" into something to do now."""
    app = make_application(status=status, contacts=THANKED_BOTH)
    assert assess(app, THURSDAY_NOON, "F6") == (state, detail)


def test_the_next_follow_up_names_only_the_people_still_waiting(
    make_application: ApplicationFactory,
) -> None:
    """Priya got her follow-up; Seán did not: the next step names Seán alone, and a call from
    the employer does not count as the user's follow-up with Seán."""
    call_from_them = {
        **contact("sean", "call", FOLLOWED_UP_AT),
        "direction": "theirs",
    }
    only_priya = [*THANKED_BOTH, contact("priya", "follow_up", FOLLOWED_UP_AT)]
    now = datetime(2026, 11, 24, 12, 0, tzinfo=NY)
    app = make_application(contacts=only_priya, references_notified=True)
    assert next_action(app, now).text.startswith("Follow up with Seán O'Donnell (Northwind")
    called = make_application(contacts=[*only_priya, call_from_them], references_notified=True)
    assert next_action(called, now).text.startswith("Wait for Northwind Analytics")


def test_the_next_step_speaks_in_the_viewers_zone_when_given(
    make_application: ApplicationFactory,
) -> None:
    """Interviewed in New York at 10:00; a viewer in London reads the thank-you's best moment
    as 01:00 tomorrow (20:00 in New York), as their counts and the thank-you page do."""
    app = make_application(interview_at=datetime(2026, 11, 16, 10, 0, tzinfo=NY))
    now = datetime(2026, 11, 16, 12, 0, tzinfo=NY)
    assert "by 20:00 tonight" in next_action(app, now).text
    london = next_action(app, now, zone=ZoneInfo("Europe/London")).text
    assert "by 01:00 tomorrow" in london, london
    items = {item.rule.id: item.detail for item in checklist(app, now, ZoneInfo("Europe/London"))}
    assert "01:00 tomorrow" in items["T2"], items["T2"]

"""The checklist as a user reads it: the next action, every rule ticked from the data, N2.

The page file runs on its own, as a deep link (``/checklist?app=<id>``) opens it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Expander

from lib.guidance import RULES, SOURCES
from lib.model import Contact
from lib.store import Store
from tests.conftest import ApplicationFactory, links, shown

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = str(ROOT / "pages" / "checklist.py")
DONE = ":material/check_circle:"
MISSED = ":material/cancel:"
WARNING = ":material/warning:"


def open_checklist(app_id: str | None = None) -> AppTest:
    """Open the checklist, for one application when its id is given (as ``?app=<id>``)."""
    at = AppTest.from_file(CHECKLIST, default_timeout=30)
    if app_id is not None:
        at.query_params["app"] = app_id
    at.run()
    assert not at.exception, at.exception
    return at


def next_action(at: AppTest) -> str:
    """Return the next action as the user reads it (the alert that starts with **Next:**)."""
    (action,) = [
        shown(alert.value)
        for alert in (*at.error, *at.warning, *at.info)
        if alert.value.startswith("**Next:**")
    ]
    return action


def code_mark(rule_id: str) -> str:
    """The rule's code as the label shows it: small and grey, after the title."""
    return f":gray[:small[{rule_id}]]"


def item(at: AppTest, rule_id: str) -> Expander:
    """Return the checklist item of one rule."""
    (found,) = [e for e in at.expander if e.label.endswith(" " + code_mark(rule_id))]
    return found


def icon(at: AppTest, rule_id: str) -> str:
    """Return the state icon of one rule's item."""
    return item(at, rule_id).proto.icon


def item_text(at: AppTest, rule_id: str) -> str:
    """Return what one item says, as the user reads it: its label and the text inside it."""
    expander = item(at, rule_id)
    return " ".join(shown(text) for text in [expander.label, *(m.value for m in expander.markdown)])


def thank(store: Store, app_id: str, person_id: str) -> None:
    """Log a thank-you sent just now to one person."""
    store.log_contact(
        app_id, Contact(interviewer_id=person_id, kind="thank_you", at=datetime.now(UTC))
    )


@pytest.fixture
def an_hour_ago(store: Store, make_application: ApplicationFactory) -> str:
    """An interview with Priya and Seán that ended an hour ago; return its id."""
    moment = datetime.now(UTC) - timedelta(hours=1)
    return store.create(make_application(interview_at=moment)).id


def test_thank_yous_are_ticked_off_person_by_person(store: Store, an_hour_ago: str) -> None:
    """After the interview the user is told to thank both people; each logged note ticks one off."""
    at = open_checklist()
    action = next_action(at)
    assert "thank-you" in action, action
    assert "Priya Raghunathan" in action, action
    assert "Seán O'Donnell" in action, action

    thank(store, an_hour_ago, "priya")
    at.run()
    assert not at.exception, at.exception
    t3 = item_text(at, "T3")
    assert "Seán O'Donnell" in t3, t3
    assert "Priya" not in t3, t3
    assert icon(at, "T3") != DONE
    assert "Priya" not in next_action(at)

    thank(store, an_hour_ago, "sean")
    at.run()
    assert not at.exception, at.exception
    assert icon(at, "T3") == DONE
    assert icon(at, "T1") == DONE


def test_the_references_toggle_is_stored(store: Store, an_hour_ago: str) -> None:
    """The user says their references know; N2 is stored and done, and can be taken back."""
    at = open_checklist()
    assert icon(at, "N2") != DONE
    toggle = f"checklist_references_{an_hour_ago}"

    at.toggle(key=toggle).set_value(True).run()
    assert not at.exception, at.exception
    assert store.get(an_hour_ago).references_notified is True
    assert icon(at, "N2") == DONE
    assert at.toggle(key=toggle).value is True

    at.toggle(key=toggle).set_value(False).run()
    assert not at.exception, at.exception
    assert store.get(an_hour_ago).references_notified is False
    assert icon(at, "N2") != DONE


@pytest.mark.parametrize(
    ("decision", "state"),
    [
        pytest.param({"decision_date_not_given": True}, MISSED, id="not-given"),
        pytest.param({"decision_date": date(2026, 11, 27)}, DONE, id="date-given"),
    ],
)
def test_s2_says_whether_the_decision_date_was_asked(
    store: Store, make_application: ApplicationFactory, decision: dict[str, Any], state: str
) -> None:
    """Without a decision date S2 is missed, with advice for next time; with one it is done."""
    store.create(make_application(**decision))
    at = open_checklist()
    assert icon(at, "S2") == state
    if state == MISSED:
        assert "Next time" in item_text(at, "S2"), item_text(at, "S2")


@pytest.mark.parametrize(
    ("recruiters", "state"),
    [
        pytest.param((True, True), WARNING, id="only-recruiters"),
        pytest.param((True, False), DONE, id="an-employee-too"),
    ],
)
def test_t14_warns_when_only_recruiters_would_be_thanked(
    store: Store,
    make_application: ApplicationFactory,
    recruiters: tuple[bool, bool],
    state: str,
) -> None:
    """A panel of recruiters only gets a T14 warning; with someone from the employer it is done."""
    panel = [
        {"id": "rita", "name": "Rita Recruiter", "title": "Agency Partner"},
        {"id": "ola", "name": "Ola Nordmann", "title": "Talent Partner"},
    ]
    for person, is_recruiter in zip(panel, recruiters, strict=True):
        person["is_recruiter"] = is_recruiter
    store.create(make_application(interviewers=panel))
    at = open_checklist()
    assert icon(at, "T14") == state


def test_a_deep_link_opens_the_application_it_names(
    store: Store, make_application: ApplicationFactory
) -> None:
    """A link to the checklist of an older interview opens that one, not the latest."""
    now = datetime.now(UTC)
    older = store.create(
        make_application(
            company="Contoso",
            interview_at=now - timedelta(hours=3),
            interviewers=[{"id": "kim", "name": "Kim Park", "title": "CTO"}],
        )
    )
    latest = store.create(make_application(interview_at=now - timedelta(hours=1)))
    assert store.list_applications()[0].id == latest.id  # the picker would start there

    at = open_checklist(older.id)
    assert at.selectbox(key="checklist_app").value == older.id
    assert "Kim Park" in next_action(at)
    assert "Priya" not in next_action(at)


def test_every_rule_of_the_playbook_is_on_the_checklist(an_hour_ago: str) -> None:
    """The user sees one item for every rule, S1 to F7, in playbook order, each led by its title."""
    at = open_checklist()
    labels = [e.label for e in at.expander]
    assert len(labels) == len(RULES)
    for label, rule in zip(labels, RULES.values(), strict=True):
        assert label.startswith(rule.title), label  # the title leads
        assert label.endswith(f" {code_mark(rule.id)}"), label  # the code is a small grey mark
        assert not label.startswith(rule.id), label


def test_sources_are_named_by_title_not_file(an_hour_ago: str) -> None:
    """Inside an item, the guides a rule comes from are named by their titles."""
    at = open_checklist()
    for rule in RULES.values():
        (sources,) = [shown(c.value) for c in item(at, rule.id).caption if "Sources:" in c.value]
        assert sources == "Sources: " + "; ".join(SOURCES[name] for name in rule.sources)
        assert not [name for name in SOURCES if name in sources or name[:3] in sources]


def logged(at: datetime, *people: str) -> list[dict[str, Any]]:
    """Thank-you notes to some people, logged at one moment."""
    return [{"interviewer_id": who, "kind": "thank_you", "at": at} for who in people]


def test_the_next_thank_you_links_to_the_thank_you_page(an_hour_ago: str) -> None:
    """Told to send the thank-you notes, the user goes straight to the page that writes them."""
    at = open_checklist()
    assert "thank-you" in next_action(at)
    found = links(at)
    assert found[0] == ("Write the thank-you notes", f"/thank_you?app={an_hour_ago}")
    assert ("Edit the notes", f"/notes?app={an_hour_ago}") in found
    assert not [e.label for e in at.expander if e.proto.expanded]


def test_the_next_follow_up_links_to_the_follow_up_page(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Eight days on, with everyone thanked, the next step is the follow-up: one click to it."""
    interview = datetime.now(UTC) - timedelta(days=8)
    app = store.create(
        make_application(
            interview_at=interview,
            references_notified=True,
            contacts=logged(interview + timedelta(hours=5), "priya", "sean"),
        )
    )
    at = open_checklist(app.id)
    assert "Follow up" in next_action(at), next_action(at)
    assert links(at)[0] == ("Write the follow-up", f"/follow_up?app={app.id}")


def test_time_to_move_on_links_to_where_the_outcome_is_recorded(
    store: Store, make_application: ApplicationFactory
) -> None:
    """With no follow-up planned and no reply, moving on is one click away on the follow-up page."""
    interview = datetime.now(UTC) - timedelta(days=20)
    app = store.create(
        make_application(
            interview_at=interview,
            profile="cautious",
            references_notified=True,
            contacts=logged(interview + timedelta(hours=5), "priya", "sean"),
        )
    )
    at = open_checklist(app.id)
    assert "move on" in next_action(at), next_action(at)
    assert links(at)[0] == ("Record the outcome", f"/follow_up?app={app.id}")


def test_telling_the_references_opens_its_item_here(
    store: Store, make_application: ApplicationFactory
) -> None:
    """When the references are next, the step is done on this page: its item opens, no link away."""
    interview = datetime.now(UTC) - timedelta(hours=2)
    app = store.create(
        make_application(
            interview_at=interview,
            contacts=logged(interview + timedelta(hours=1), "priya", "sean"),
        )
    )
    at = open_checklist(app.id)
    assert "references" in next_action(at), next_action(at)
    assert links(at) == [("Edit the notes", f"/notes?app={app.id}")]
    assert [e.label for e in at.expander if e.proto.expanded] == [item(at, "N2").label]
    assert at.toggle(key=f"checklist_references_{app.id}").value is False


def test_without_any_interview_the_checklist_points_to_the_notes() -> None:
    """A new user opening the checklist is told to start with their notes, and can go there."""
    at = open_checklist()
    assert [shown(info.value) for info in at.info] == [
        "No interviews on record yet. Start with your notes."
    ]
    assert ("Write your interview notes", "/notes") in links(at)
    assert not at.expander

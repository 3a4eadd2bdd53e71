"""Interview notes as a user fills them in: new, refused, edited, closed, deleted, odd input.

Most stories open pages/notes.py on its own, as a deep link does (tests/test_app_smoke.py runs
every page that way too). Through app.py, AppTest resets Streamlit's legacy ``pages/`` flag
before every run, so bootstrap() reruns every run and the click of a button read by its return
value (Save, Delete) is lost; callbacks and typed values survive, so the page-switch story
goes through app.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Caption, Error, Header, Node, Widget

from lib.model import Contact
from lib.store import Store
from lib.text import escape_markdown
from tests.conftest import ApplicationFactory, links, shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
NOTES = str(ROOT / "pages" / "notes.py")
WIDGET_KINDS = (
    "text_input",
    "text_area",
    "selectbox",
    "radio",
    "date_input",
    "time_input",
    "checkbox",
)
SCRIPT = "<script>alert(1)</script><b>x</b>"
# The app's clock in these stories: the dates typed (November 2026) stay within the month or two
# that saves without a question (a date further away is asked about first).
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in New York, 16:00 in Paris


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Stop the app's clock at ``NOW`` (pages read it through lib.ui_support.now)."""
    monkeypatch.setattr("lib.ui_support.now", lambda: NOW)
    return NOW


# --- helpers ----------------------------------------------------------------------------------


def open_notes() -> AppTest:
    """Open the notes page (a new interview unless something else is picked)."""
    at = AppTest.from_file(NOTES, default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def widget(at: AppTest, key: str) -> Widget:
    """Return the widget with this key, whatever its kind."""
    for kind in WIDGET_KINDS:
        try:
            return getattr(at, kind)(key=key)
        except KeyError:
            continue
    raise KeyError(key)


def fill(at: AppTest, values: dict[str, Any]) -> None:
    """Type or pick each value into the widget with that key (the next run sends them)."""
    for key, value in values.items():
        widget(at, key).set_value(value)


def person(person_id: str, **values: Any) -> dict[str, Any]:
    """Return widget keys and values for one person on the panel."""
    return {f"notes_person_{person_id}_{name}": value for name, value in values.items()}


def people(at: AppTest) -> list[str]:
    """Return the ids of the people on the panel, in page order."""
    return list(at.session_state["notes_people"])


def click(at: AppTest, label: str) -> AppTest:
    """Click the button with this label, and check the page did not fail."""
    next(button for button in at.button if button.label == label).click().run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest) -> AppTest:
    """Click Save."""
    return click(at, "Save")


def nodes(node: Node) -> Iterator[Node]:
    """Every element under a node, in page order."""
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from nodes(child)


def errors_under(at: AppTest, anchor: Callable[[Node], bool]) -> list[str]:
    """Return the error messages shown right under the first element that matches."""
    found, messages = False, []
    for node in nodes(at.main):
        if not found:
            found = anchor(node)
        elif isinstance(node, Error):
            messages.append(shown(node.value))
        elif not isinstance(node, Block | Caption):
            break
    assert found, "the anchor is not on the page"
    return messages


def under_field(key: str) -> Callable[[Node], bool]:
    """Match the widget with this key."""
    return lambda node: getattr(node, "key", None) == key


def under_people(node: Node) -> bool:
    """Match the heading of the people section."""
    return isinstance(node, Header) and node.value == "The people you met"


def rendered_texts(at: AppTest) -> list[str]:
    """Return the raw markdown of everything shown as text: not what is typed into widgets."""
    texts = [toast.value for toast in at.toast]
    for node in (*nodes(at.main), *nodes(at.sidebar)):
        label = getattr(node, "label", None)
        if isinstance(label, str):
            texts.append(label)
        value = getattr(node, "value", None)
        if isinstance(value, str) and not isinstance(node, Widget):
            texts.append(value)
    return texts


def pick(at: AppTest, app_id: str) -> AppTest:
    """Choose an application on record in the picker."""
    at.selectbox(key="notes_app").set_value(app_id).run()
    assert not at.exception, at.exception
    return at


def minimal(at: AppTest, name: str = "Priya Raghunathan") -> None:
    """Fill what a new interview needs to be saved: company, role and one person's name."""
    (first,) = people(at)
    fill(
        at,
        {"notes_company": "Northwind Analytics", "notes_role": "Data Engineer"}
        | person(first, name=name),
    )


# --- a new interview --------------------------------------------------------------------------


def test_new_interview_with_two_people_is_stored_exactly(store: Store) -> None:
    """The user writes up an interview with two people and a decision date; Save stores that."""
    at = open_notes()
    fill(
        at,
        {
            "notes_company": "Northwind Analytics",
            "notes_role": "Data Engineer",
            "notes_interview_date": date(2026, 11, 20),
            "notes_interview_time": time(14, 30),
            "notes_timezone": "America/Chicago",
        },
    )
    at.radio(key="notes_culture").set_value("formal").run()
    assert at.radio(key="notes_channel").value == "handwritten"  # T13 follows the culture
    (first,) = people(at)
    fill(
        at,
        person(
            first,
            name="Priya Raghunathan",
            title="Head of Data Platform",
            email="priya@northwind.example",
            asked="How I would move the nightly batches to streaming",
            personal_touch="We both ran the Chicago marathon",
        ),
    )
    click(at, "Add another person")
    assert people(at)[0] == first
    (second,) = people(at)[1:]
    fill(
        at,
        person(
            second,
            name="Seán O'Donnell",
            title="Senior Engineer",
            concerns="Kafka in production",
        ),
    )
    at.radio(key="notes_decision").set_value("date").run()
    at.date_input(key="notes_decision_date").set_value(date(2026, 12, 4))
    save(at)

    assert not at.error, [e.value for e in at.error]
    assert [shown(s.value) for s in at.success] == [
        "Saved. Your checklist and deadlines are ready."
    ]
    (stored,) = store.list_applications()
    assert ("Open the checklist", f"/checklist?app={stored.id}") in links(at)
    assert at.selectbox(key="notes_app").value == stored.id  # the form now shows what was stored
    assert (stored.company, stored.role) == ("Northwind Analytics", "Data Engineer")
    assert (stored.culture, stored.channel) == ("formal", "handwritten")
    assert stored.timezone == "America/Chicago"
    assert stored.interview_at == datetime(2026, 11, 20, 20, 30, tzinfo=UTC)  # 14:30 in Chicago
    assert stored.interview_at.astimezone(stored.zone).time() == time(14, 30)
    assert (stored.decision_date, stored.decision_date_not_given) == (date(2026, 12, 4), False)
    assert [(p.id, p.name, p.title, p.email) for p in stored.interviewers] == [
        (first, "Priya Raghunathan", "Head of Data Platform", "priya@northwind.example"),
        (second, "Seán O'Donnell", "Senior Engineer", ""),
    ]
    assert stored.interviewers[0].asked == "How I would move the nightly batches to streaming"
    assert stored.interviewers[0].personal_touch == "We both ran the Chicago marathon"
    assert stored.interviewers[1].concerns == "Kafka in production"
    assert stored.status == "open"


def test_refused_save_keeps_everything_typed_and_then_saves(store: Store) -> None:
    """A save with three mistakes says what is wrong under each field and loses nothing typed."""
    at = open_notes()
    at.radio(key="notes_culture").set_value("casual").run()
    (first,) = people(at)
    typed: dict[str, Any] = {
        "notes_company": "",
        "notes_role": "Platform Engineer",
        "notes_interview_date": date(2026, 11, 18),
        "notes_interview_time": time(9, 15),
        "notes_timezone": "Europe/Berlin",
        "notes_country": "DE",
        "notes_profile": "eager",
        "notes_channel": "handwritten",
        "notes_went_well": "The system design round",
        "notes_went_badly": "I froze on the SQL window function",
        "notes_stood_out": "They ship every day",
        "notes_fit_points": "Ten years of Postgres",
        **person(
            first,
            name="Jürgen Weiß",
            title="CTO",
            email="not-an-email",
            is_recruiter=True,
            asked="Why Berlin?",
            concerns="My notice period",
            discussed="Their Kubernetes migration",
            personal_touch="Both of us cycle to work",
        ),
    }
    fill(at, typed)
    at.radio(key="notes_decision").set_value("date").run()
    at.date_input(key="notes_decision_date").set_value(date(2026, 11, 17))  # before the interview
    typed |= {"notes_culture": "casual", "notes_decision": "date"}
    typed["notes_decision_date"] = date(2026, 11, 17)
    save(at)

    email_key = f"notes_person_{first}_email"
    company_errors = errors_under(at, under_field("notes_company"))
    assert any("Company is required" in message for message in company_errors), company_errors
    email_errors = errors_under(at, under_field(email_key))
    assert any("not-an-email" in message for message in email_errors), email_errors
    decision_errors = errors_under(at, under_field("notes_decision_date"))
    assert any("before the interview day" in message for message in decision_errors)
    assert any(shown(e.value).startswith("Nothing was saved") for e in at.error)
    assert store.list_applications() == []
    assert {key: widget(at, key).value for key in typed} == typed

    fill(
        at,
        {
            "notes_company": "Contoso",
            email_key: "juergen@contoso.example",
            "notes_decision_date": date(2026, 11, 25),
        },
    )
    save(at)
    assert not at.error, [e.value for e in at.error]
    (stored,) = store.list_applications()
    assert (stored.company, stored.role, stored.country) == ("Contoso", "Platform Engineer", "DE")
    assert (stored.culture, stored.channel, stored.profile) == ("casual", "handwritten", "eager")
    assert stored.decision_date == date(2026, 11, 25)
    assert stored.went_badly == "I froze on the SQL window function"
    (juergen,) = stored.interviewers
    assert (juergen.name, juergen.email, juergen.is_recruiter) == (
        "Jürgen Weiß",
        "juergen@contoso.example",
        True,
    )
    assert juergen.personal_touch == "Both of us cycle to work"


# --- an interview on record -------------------------------------------------------------------


def test_editing_keeps_the_id_and_the_logged_contacts(
    store: Store, make_application: ApplicationFactory
) -> None:
    """The user picks an interview on record, corrects the role and a title; nothing else moves."""
    app = store.create(make_application())
    contact = Contact(
        interviewer_id="priya", kind="thank_you", at=app.interview_at + timedelta(hours=8)
    )
    store.log_contact(app.id, contact)
    at = pick(open_notes(), app.id)

    assert at.text_input(key="notes_company").value == "Northwind Analytics"
    assert at.text_input(key="notes_role").value == "Data Engineer"
    assert at.selectbox(key="notes_timezone").value == "America/New_York"
    assert at.time_input(key="notes_interview_time").value == time(10, 0)
    assert people(at) == ["priya", "sean"]
    assert at.text_input(key="notes_person_sean_name").value == "Seán O'Donnell"
    assert at.text_input(key="notes_person_sean_title").value == "Senior Engineer"

    fill(at, {"notes_role": "Senior Data Engineer", "notes_person_sean_title": "Staff Engineer"})
    save(at)

    assert not at.error, [e.value for e in at.error]
    (stored,) = store.list_applications()
    assert stored.id == app.id
    assert stored.role == "Senior Data Engineer"
    assert [(p.id, p.title) for p in stored.interviewers] == [
        ("priya", "Head of Data Platform"),
        ("sean", "Staff Engineer"),
    ]
    assert [c.id for c in stored.contacts] == [contact.id]
    assert stored.interview_at == app.interview_at


def test_a_rejected_application_leaves_the_home_page(
    store: Store, make_application: ApplicationFactory
) -> None:
    """The user marks an application rejected; it is stored so and home lists only open ones."""
    rejected = store.create(make_application())
    store.create(make_application(company="Contoso", role="Analyst"))
    at = pick(open_notes(), rejected.id)
    at.selectbox(key="notes_status").set_value("rejected")
    save(at)

    assert store.get(rejected.id).status == "rejected"
    assert at.selectbox(key="notes_status").value == "rejected"
    home = AppTest.from_file(APP, default_timeout=30).run()
    assert not home.exception, home.exception
    assert [shown(header.value) for header in home.subheader] == ["Contoso: Analyst"]


def test_delete_asks_first_and_only_deletes_for_good(
    store: Store,
    make_application: ApplicationFactory,
) -> None:
    """Delete asks in a dialog; "Keep it" keeps the application, "Delete for good" removes it."""
    app = store.create(make_application())
    at = pick(open_notes(), app.id)
    at.button(key="notes_delete").click().run()
    asked = [shown(text.value) for text in at.markdown]
    assert any("Northwind Analytics: Data Engineer, with 2 people" in t for t in asked), asked
    assert {"Delete for good", "Keep it"} <= {button.label for button in at.button}

    at.button(key="notes_delete_no").click().run()
    assert [a.id for a in store.list_applications()] == [app.id]
    assert "Delete for good" not in {button.label for button in at.button}
    assert at.selectbox(key="notes_app").value == app.id

    at.button(key="notes_delete").click().run()
    at.button(key="notes_delete_yes").click().run()
    assert store.list_applications() == []
    assert at.selectbox(key="notes_app").value == "new"
    assert at.text_input(key="notes_company").value == ""
    assert at.selectbox(key="notes_app").options == ["A new interview"]


def test_the_delete_dialog_counts_in_words(
    store: Store, make_application: ApplicationFactory
) -> None:
    """For one person and one logged contact, the dialog says "1 person" and "1 logged contact"."""
    app = store.create(
        make_application(interviewers=[{"id": "kim", "name": "Kim Park", "title": "CTO"}])
    )
    store.log_contact(
        app.id,
        Contact(interviewer_id="kim", kind="thank_you", at=app.interview_at + timedelta(hours=8)),
    )
    at = pick(open_notes(), app.id)
    at.button(key="notes_delete").click().run()
    (asked,) = [shown(t.value) for t in at.markdown if "deleted for good" in t.value]
    assert "1 person," in asked, asked
    assert "1 logged contact " in asked, asked


def test_removing_a_person_leaves_one_who_cannot_be_removed(store: Store) -> None:
    """With two people on the panel the user removes one; the last one stays and is saved."""
    at = open_notes()
    minimal(at)
    click(at, "Add another person")
    first, second = people(at)
    fill(at, person(second, name="Seán O'Donnell"))
    at.button(key=f"notes_remove_{first}").click().run()

    assert people(at) == [second]
    assert at.button(key=f"notes_remove_{second}").disabled
    assert at.text_input(key=f"notes_person_{second}_name").value == "Seán O'Donnell"
    save(at)
    (stored,) = store.list_applications()
    assert [(p.id, p.name) for p in stored.interviewers] == [(second, "Seán O'Donnell")]


# --- odd input --------------------------------------------------------------------------------


def test_a_blank_name_is_refused_under_the_name(store: Store) -> None:
    """A name of spaces only is refused, with the reason under the name field."""
    at = open_notes()
    minimal(at, name="   \t ")
    save(at)
    (first,) = people(at)
    messages = errors_under(at, under_field(f"notes_person_{first}_name"))
    assert any("Name is required" in message for message in messages), messages
    assert store.list_applications() == []


def test_a_name_that_is_only_a_title_is_refused_under_the_name(store: Store) -> None:
    """ "Dr." alone cannot be greeted: the reason is under the name, and nothing is saved."""
    at = open_notes()
    minimal(at, name="Dr.")
    save(at)
    (first,) = people(at)
    messages = errors_under(at, under_field(f"notes_person_{first}_name"))
    assert any("is only a title; add their name" in message for message in messages), messages
    assert store.list_applications() == []


@pytest.mark.parametrize(
    "name",
    ["Zoë 🌟 Núñez-O'Brien", "Seán O'Donnell", "Anne-Marie d'Arcy", "李小龍", "Ngũgĩ wa Thiong'o"],
)
def test_names_in_any_script_are_stored_exactly(store: Store, name: str) -> None:
    """Accents, apostrophes, hyphens, emoji and other scripts are saved exactly as typed."""
    at = open_notes()
    minimal(at, name=name)
    save(at)
    assert not at.error, [e.value for e in at.error]
    (stored,) = store.list_applications()
    assert [p.name for p in stored.interviewers] == [name]


def test_a_very_long_note_is_refused_and_kept(store: Store) -> None:
    """A 20,000-character note is refused with its length and the limit; the text is not lost."""
    at = open_notes()
    minimal(at)
    (first,) = people(at)
    key = f"notes_person_{first}_discussed"
    note = ("Kafka, " * 2_858)[:19_999] + "."
    assert len(note) == 20_000
    fill(at, {key: note})
    save(at)

    messages = errors_under(at, under_field(key))
    assert any("20,000" in m and "4,000" in m for m in messages), messages
    assert at.text_area(key=key).value == note
    assert store.list_applications() == []


def test_html_is_stored_as_text_and_shown_literally(store: Store) -> None:
    """Script and HTML in the company, a name and a note are kept as text, never shown as markup."""
    name = f"Ann {SCRIPT}"
    at = open_notes()
    minimal(at, name=name)
    fill(at, {"notes_company": SCRIPT, "notes_went_well": SCRIPT})
    save(at)
    (stored,) = store.list_applications()
    assert (stored.company, stored.went_well) == (SCRIPT, SCRIPT)
    assert [p.name for p in stored.interviewers] == [name]

    home = AppTest.from_file(APP, default_timeout=30).run()
    assert not home.exception, home.exception
    assert [shown(header.value) for header in home.subheader] == [f"{SCRIPT}: Data Engineer"]
    assert any(name in shown(text) for text in rendered_texts(home))
    assert not [text for text in rendered_texts(home) if "<script>" in text]

    checklist = AppTest.from_file(str(ROOT / "pages" / "checklist.py"), default_timeout=30)
    checklist.query_params["app"] = stored.id
    checklist.run()
    assert not checklist.exception, checklist.exception
    assert any(SCRIPT in option for option in checklist.selectbox(key="checklist_app").options)
    assert any(name in shown(text) for text in rendered_texts(checklist))
    assert not [text for text in rendered_texts(checklist) if "<script>" in text]


@pytest.mark.parametrize(
    ("email", "names"),
    [
        pytest.param("**ann**@example", ("Ann Lee",), id="email"),
        pytest.param("", ("Ann *the* Lee", "ANN *THE* LEE"), id="same-person-twice"),
    ],
)
def test_a_refusal_quotes_what_was_typed_literally(
    store: Store, email: str, names: tuple[str, ...]
) -> None:
    """A refusal that quotes the user's text (an email, a name) shows it as typed, not as markup."""
    at = open_notes()
    minimal(at, name=names[0])
    for name in names[1:]:
        click(at, "Add another person")
        fill(at, person(people(at)[-1], name=name))
    fill(at, person(people(at)[0], email=email))
    save(at)

    quoted = email or names[-1]
    messages = [e.value for e in at.error if quoted in shown(e.value)]
    assert messages, [e.value for e in at.error]  # the refusal names the value
    assert all(escape_markdown(quoted) in message for message in messages), messages
    assert store.list_applications() == []


def test_the_same_person_twice_is_refused_under_the_people(store: Store) -> None:
    """The same name twice, in another case, is refused with a message over the people."""
    at = open_notes()
    minimal(at, name="Seán O'Donnell")
    click(at, "Add another person")
    fill(at, person(people(at)[1], name="SEÁN O'DONNELL"))
    save(at)
    messages = errors_under(at, under_people)
    assert any("twice" in message for message in messages), messages
    assert store.list_applications() == []


def test_no_decision_date_is_saved_as_not_given(store: Store) -> None:
    """The user says they gave no decision date: advice shows, and it is saved as not given."""
    at = open_notes()
    minimal(at)
    at.radio(key="notes_decision").set_value("not_given").run()
    assert any("Next time, ask before you leave" in shown(i.value) for i in at.info)
    save(at)
    (stored,) = store.list_applications()
    assert (stored.decision_date, stored.decision_date_not_given) == (None, True)


# --- across pages -----------------------------------------------------------------------------


def test_typed_notes_survive_a_visit_to_another_page() -> None:
    """The user types a company and a name, reads the playbook and comes back: both are there."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("pages/notes.py").run()
    (first,) = people(at)
    fill(at, {"notes_company": "Northwind Analytics"} | person(first, name="Priya Raghunathan"))
    at.run()
    at.switch_page("pages/playbook.py").run()
    assert [title.value for title in at.title] == ["Playbook"]
    at.switch_page("pages/notes.py").run()

    assert not at.exception, at.exception
    assert at.text_input(key="notes_company").value == "Northwind Analytics"
    assert at.text_input(key=f"notes_person_{first}_name").value == "Priya Raghunathan"


def test_an_application_deleted_in_another_tab_keeps_what_was_typed(
    store: Store, make_application: ApplicationFactory
) -> None:
    """Another tab deleted the interview being edited: the page says so and keeps the text."""
    app = store.create(make_application())
    at = pick(open_notes(), app.id)
    at.text_input(key="notes_role").set_value("Staff Data Engineer")
    store.delete(app.id)
    at.run()
    assert not at.exception, at.exception
    assert any("deleted elsewhere" in shown(warning.value) for warning in at.warning)
    assert at.text_input(key="notes_role").value == "Staff Data Engineer"
    assert at.text_input(key="notes_company").value == "Northwind Analytics"
    next(b for b in at.button if b.label == "Save").click().run()
    (saved,) = store.list_applications()
    assert (saved.role, saved.id != app.id) == ("Staff Data Engineer", True)


# --- two tabs editing one interview -----------------------------------------------------------


@pytest.fixture
def two_tabs(store: Store, make_application: ApplicationFactory) -> tuple[AppTest, AppTest, str]:
    """The same interview open in two tabs (two sessions on one database file)."""
    app = store.create(make_application())
    return pick(open_notes(), app.id), pick(open_notes(), app.id), app.id


def test_two_tabs_changing_different_fields_both_keep_their_change(
    store: Store, two_tabs: tuple[AppTest, AppTest, str]
) -> None:
    """Tab B saves a new role; tab A, opened before, saves its notes: both changes are stored."""
    tab_a, tab_b, app_id = two_tabs
    fill(tab_b, {"notes_role": "Staff Data Engineer"})
    save(tab_b)
    fill(tab_a, {"notes_went_well": "The system design round", "notes_person_sean_title": "Lead"})
    tab_a.run()
    assert any("saved elsewhere" in info.value for info in tab_a.info)

    save(tab_a)

    stored = store.get(app_id)
    assert (stored.role, stored.went_well) == ("Staff Data Engineer", "The system design round")
    assert stored.interviewers[1].title == "Lead"
    assert [shown(toast.value) for toast in tab_a.toast] == [
        "Saved Northwind Analytics. Kept from the other version: Role."
    ]
    assert tab_a.text_input(key="notes_role").value == "Staff Data Engineer"  # shows what is stored


@pytest.mark.parametrize(
    ("choice", "role"), [("Save, keeping yours", "Role A"), ("Save, keeping theirs", "Role B")]
)
def test_two_tabs_changing_the_same_field_ask_whose_to_keep(
    store: Store, two_tabs: tuple[AppTest, AppTest, str], choice: str, role: str
) -> None:
    """Both tabs changed the role: A's save stops, shows both values, keeps what A typed; A's
    choice settles the role, and every other change of both tabs is kept."""
    tab_a, tab_b, app_id = two_tabs
    fill(tab_b, {"notes_role": "Role B", "notes_stood_out": "Their data mesh"})
    save(tab_b)
    fill(tab_a, {"notes_role": "Role A", "notes_went_badly": "Ran out of time"})

    save(tab_a)

    assert store.get(app_id).role == "Role B"  # nothing of A's saved yet
    assert any("changed in both places" in warning.value for warning in tab_a.warning)
    (table,) = tab_a.table
    assert table.value.to_dict("list") == {
        "Field": ["Role"],
        "Yours": ["Role A"],
        "Saved elsewhere": ["Role B"],
    }
    assert tab_a.text_input(key="notes_role").value == "Role A"
    assert tab_a.text_area(key="notes_went_badly").value == "Ran out of time"

    click(tab_a, choice)

    stored = store.get(app_id)
    assert (stored.role, stored.went_badly, stored.stood_out) == (
        role,
        "Ran out of time",
        "Their data mesh",
    )
    assert not tab_a.table
    assert tab_a.text_input(key="notes_role").value == role


def test_two_tabs_whose_changes_do_not_fit_together_show_the_problem_and_save_nothing(
    store: Store, two_tabs: tuple[AppTest, AppTest, str]
) -> None:
    """B records a decision date; A moves the interview past it. Combined, the decision would
    come before the interview: A sees the combined form with the problem, and nothing is saved
    until A fixes it."""
    tab_a, tab_b, app_id = two_tabs
    fill(tab_b, {"notes_decision": "date"})
    tab_b.run()
    fill(tab_b, {"notes_decision_date": date(2026, 11, 20)})
    save(tab_b)
    fill(tab_a, {"notes_interview_date": date(2026, 11, 23)})

    save(tab_a)

    assert store.get(app_id).interview_at.date() == date(2026, 11, 16)
    assert tab_a.date_input(key="notes_decision_date").value == date(2026, 11, 20)
    assert tab_a.date_input(key="notes_interview_date").value == date(2026, 11, 23)
    assert any("before the interview day" in error.value for error in tab_a.error)

    fill(tab_a, {"notes_decision_date": date(2026, 11, 30)})
    save(tab_a)

    stored = store.get(app_id)
    assert (stored.interview_at.date(), stored.decision_date) == (
        date(2026, 11, 23),
        date(2026, 11, 30),
    )


def test_another_offer_recorded_elsewhere_survives_a_notes_save(
    store: Store, two_tabs: tuple[AppTest, AppTest, str]
) -> None:
    """The follow-up page (another tab) records another offer; saving the notes keeps it."""
    tab_a, _, app_id = two_tabs
    store.change(app_id, has_other_offer=True)
    fill(tab_a, {"notes_went_well": "The system design round"})
    save(tab_a)
    stored = store.get(app_id)
    assert (stored.went_well, stored.has_other_offer) == ("The system design round", True)


# --- how to address each person ----------------------------------------------------------------


def test_address_as_is_prefilled_with_the_guess_and_a_correction_is_stored(store: Store) -> None:
    """The user types "Nguyễn Minh Khai": "Address as" offers "Nguyễn", which is wrong for a
    family-name-first name, so they correct it to "Khai" and send him a card; a second person,
    "Dr. Kwame Mensah", keeps the offered "Kwame", which is stored as no choice at all."""
    at = open_notes()
    minimal(at, name="Nguyễn Minh Khai")
    at.run()
    (first,) = people(at)
    address = at.text_input(key=f"notes_person_{first}_address_as")
    assert address.label == "Address as"
    assert address.value == "Nguyễn"
    assert "Dr. Whitcombe" in (address.help or "")
    fill(at, person(first, address_as="Khai", channel="handwritten"))
    click(at, "Add another person")
    (second,) = people(at)[1:]
    fill(at, person(second, name="Dr. Kwame Mensah"))
    at.run()
    assert at.text_input(key=f"notes_person_{second}_address_as").value == "Kwame"
    assert at.selectbox(key=f"notes_person_{second}_channel").value == ""
    save(at)

    assert not at.error, [e.value for e in at.error]
    (stored,) = store.list_applications()
    khai, kwame = stored.interviewers
    assert (khai.address_as, khai.channel) == ("Khai", "handwritten")
    assert (kwame.address_as, kwame.channel) == ("", None)
    assert (stored.channel_for(khai), stored.channel_for(kwame)) == ("handwritten", "email")
    assert at.text_input(key=f"notes_person_{first}_address_as").value == "Khai"
    assert at.text_input(key=f"notes_person_{second}_address_as").value == "Kwame"


def test_correcting_a_name_corrects_the_guess_but_not_a_chosen_address(
    store: Store, make_application: ApplicationFactory
) -> None:
    """On record: Priya as guessed, Seán addressed as "Shaun". Both names get corrected; Priya's
    greeting follows her new name, Seán's chosen "Shaun" stays."""
    people_on_record = [p.model_dump() for p in make_application().interviewers]
    people_on_record[1]["address_as"] = "Shaun"
    app = store.create(make_application(interviewers=people_on_record))
    at = pick(open_notes(), app.id)
    assert at.text_input(key="notes_person_priya_address_as").value == "Priya"
    assert at.text_input(key="notes_person_sean_address_as").value == "Shaun"

    fill(
        at,
        {"notes_person_priya_name": "Pria Raghunathan", "notes_person_sean_name": "Seán Ó Dónaill"},
    )
    at.run()
    assert at.text_input(key="notes_person_priya_address_as").value == "Pria"
    assert at.text_input(key="notes_person_sean_address_as").value == "Shaun"
    save(at)

    priya, sean = store.get(app.id).interviewers
    assert (priya.name, priya.address_as) == ("Pria Raghunathan", "")
    assert (sean.name, sean.address_as) == ("Seán Ó Dónaill", "Shaun")


def test_a_too_long_address_is_refused_beside_it_and_kept(store: Store) -> None:
    """A pasted paragraph in "Address as" is refused right under that field; nothing is lost."""
    at = open_notes()
    minimal(at)
    (first,) = people(at)
    key = f"notes_person_{first}_address_as"
    fill(at, {key: "Priya " * 40})
    save(at)

    messages = errors_under(at, under_field(key))
    assert any("Address as is too long" in message for message in messages), messages
    assert at.text_input(key=key).value == "Priya " * 40
    assert store.list_applications() == []


def test_two_tabs_setting_address_and_channel_keep_both(
    store: Store, two_tabs: tuple[AppTest, AppTest, str]
) -> None:
    """Tab B sends Seán a card; tab A, opened before, addresses him as "Sean": both are kept."""
    tab_a, tab_b, app_id = two_tabs
    fill(tab_b, {"notes_person_sean_channel": "handwritten"})
    save(tab_b)
    fill(tab_a, {"notes_person_sean_address_as": "Sean"})
    save(tab_a)

    sean = store.get(app_id).interviewers[1]
    assert (sean.address_as, sean.channel) == ("Sean", "handwritten")
    assert [shown(toast.value) for toast in tab_a.toast] == [
        "Saved Northwind Analytics. Kept from the other version: Seán O'Donnell: Send as."
    ]


# --- the timezone, a far date, a long note ------------------------------------------------------


def question(at: AppTest) -> list[str]:
    """Return the date question shown by the Save button, if any."""
    return [shown(w.value) for w in at.warning if "Is that right?" in w.value]


def zone_notes(at: AppTest) -> list[str]:
    """Return the sentences saying which timezone the times are in."""
    return [shown(c.value) for c in at.caption if "Times are in" in c.value]


def test_a_zone_is_picked_by_what_the_user_reads_and_stored_by_its_iana_name(
    store: Store,
) -> None:
    """The user picks Paris by its label (city, offset, CET); the interview keeps Europe/Paris."""
    at = open_notes()
    minimal(at)
    labels = list(at.selectbox(key="notes_timezone").options)
    assert "Paris (France), UTC+01:00 · Central European Time · CET, CEST" in labels
    assert "New York (United States), UTC-05:00 · Eastern Time · EST, EDT" in labels
    ist = sorted(label.split(",")[0] for label in labels if re.search(r"\bIST\b", label))
    assert ist == ["Dublin (Ireland)", "Jerusalem (Israel)", "Kolkata (India)"]
    assert not any("Etc/GMT" in label for label in labels)

    paris = next(i for i, label in enumerate(labels) if label.startswith("Paris (France)"))
    at.selectbox(key="notes_timezone").select_index(paris).run()
    assert at.selectbox(key="notes_timezone").value == "Europe/Paris"
    save(at)
    (stored,) = store.list_applications()
    assert stored.timezone == "Europe/Paris"
    assert at.selectbox(key="notes_timezone").value == "Europe/Paris"


def test_an_old_zone_name_on_record_is_kept_when_saved_again(
    store: Store, make_application: ApplicationFactory
) -> None:
    """An imported interview in US/Eastern shows as New York and is saved with US/Eastern kept."""
    app = store.create(make_application(timezone="US/Eastern"))
    at = pick(open_notes(), app.id)
    picker = at.selectbox(key="notes_timezone")
    assert picker.value == "US/Eastern"
    assert picker.format_func("US/Eastern").startswith("New York (United States), UTC-05:00")
    fill(at, {"notes_role": "Staff Data Engineer"})
    save(at)
    assert store.get(app.id).timezone == "US/Eastern"


def test_the_page_says_whose_clock_when_the_browser_is_elsewhere() -> None:
    """Seen from Paris, a New York interview says its times are New York's; Paris or Berlin, no."""
    at = AppTest.from_file(NOTES, default_timeout=30)
    at.context = {"timezone": "Europe/Paris"}
    at.run()
    assert at.selectbox(key="notes_timezone").value == "Europe/Paris"  # the browser's, to start
    assert zone_notes(at) == []

    at.selectbox(key="notes_timezone").set_value("America/New_York").run()
    assert zone_notes(at) == [
        ":material/schedule: Times are in New York time (UTC-05:00); your browser is in Paris "
        "time (UTC+01:00)."
    ]
    at.selectbox(key="notes_timezone").set_value("Europe/Berlin").run()  # the same clock
    assert zone_notes(at) == []


def test_a_date_40_days_ahead_is_asked_about_and_saved_with_everything_typed(
    store: Store,
) -> None:
    """A date 40 days ahead asks first; after "Yes" it saves, with every field as typed."""
    at = open_notes()
    (first,) = people(at)
    far = date(2027, 1, 10)  # 40 days after NOW
    typed: dict[str, Any] = {
        "notes_company": "Contoso",
        "notes_role": "Platform Engineer",
        "notes_interview_date": far,
        "notes_interview_time": time(9, 15),
        "notes_timezone": "Europe/Berlin",
        "notes_country": "DE",
        "notes_profile": "eager",
        "notes_went_well": "The system design round",
        "notes_went_badly": "I froze on the SQL window function",
        "notes_stood_out": "They ship every day",
        "notes_fit_points": "Ten years of Postgres",
        **person(
            first,
            name="Jürgen Weiß",
            title="CTO",
            email="juergen@contoso.example",
            asked="Why Berlin?",
            concerns="My notice period",
            discussed="Their Kubernetes migration",
            personal_touch="Both of us cycle to work",
        ),
    }
    fill(at, typed)
    at.radio(key="notes_decision").set_value("not_given").run()
    save(at)

    assert question(at) == [
        "The interview date is Sunday 10 January 2027, 40 days from today. Is that right? "
        "Nothing is saved yet; everything you typed is still here."
    ]
    assert store.list_applications() == []
    assert {key: widget(at, key).value for key in typed} == typed
    assert not at.error

    click(at, "Yes, save with this date")
    assert question(at) == []
    (stored,) = store.list_applications()
    assert stored.interview_at == datetime(2027, 1, 10, 8, 15, tzinfo=UTC)  # 09:15 in Berlin
    assert (stored.company, stored.role, stored.country, stored.profile) == (
        "Contoso",
        "Platform Engineer",
        "DE",
        "eager",
    )
    assert (stored.went_well, stored.went_badly, stored.stood_out, stored.fit_points) == (
        "The system design round",
        "I froze on the SQL window function",
        "They ship every day",
        "Ten years of Postgres",
    )
    (juergen,) = stored.interviewers
    assert (juergen.name, juergen.title, juergen.email) == (
        "Jürgen Weiß",
        "CTO",
        "juergen@contoso.example",
    )
    assert (juergen.asked, juergen.concerns, juergen.discussed, juergen.personal_touch) == (
        "Why Berlin?",
        "My notice period",
        "Their Kubernetes migration",
        "Both of us cycle to work",
    )
    assert stored.decision_date_not_given


def test_a_far_date_corrected_after_the_question_saves_without_another(store: Store) -> None:
    """The user meant 10 December, not 10 January: they change it and Save stores it at once."""
    at = open_notes()
    minimal(at)
    fill(at, {"notes_interview_date": date(2027, 1, 10)})
    save(at)
    assert question(at)

    click(at, "No, I'll change it")
    assert question(at) == []
    assert store.list_applications() == []
    fill(at, {"notes_interview_date": date(2026, 12, 10)})
    save(at)
    assert question(at) == []
    (stored,) = store.list_applications()
    assert stored.interview_at.astimezone(stored.zone).date() == date(2026, 12, 10)


def test_a_date_changed_while_asked_is_asked_about_afresh(store: Store) -> None:
    """Asked about 10 January, the user types 10 March instead: Save asks about 10 March."""
    at = open_notes()
    minimal(at)
    fill(at, {"notes_interview_date": date(2027, 1, 10)})
    save(at)
    fill(at, {"notes_interview_date": date(2027, 3, 10)})
    at.run()
    assert question(at) == []  # the question about 10 January is gone
    save(at)
    assert any("Wednesday 10 March 2027, 99 days from today" in q for q in question(at))
    assert store.list_applications() == []


def test_a_date_long_past_is_asked_about_too(store: Store) -> None:
    """Notes written up 61 days after the interview ask once whether the date is right."""
    at = open_notes()
    minimal(at)
    fill(at, {"notes_interview_date": date(2026, 10, 1)})
    save(at)
    assert any("61 days ago" in q for q in question(at))
    click(at, "Yes, save with this date")
    (stored,) = store.list_applications()
    assert stored.interview_at.astimezone(stored.zone).date() == date(2026, 10, 1)


def test_a_long_note_shows_its_length_past_80_percent(store: Store) -> None:
    """Past 3,200 of its 4,000 characters a note shows its count under it; shorter ones do not."""
    at = open_notes()
    minimal(at)
    (first,) = people(at)
    long_key, short_key = f"notes_person_{first}_discussed", "notes_went_well"
    fill(at, {long_key: "k" * 3_250, short_key: "k" * 3_199})
    at.run()
    counts = [shown(c.value) for c in at.caption if "characters" in c.value]
    assert counts == ["3,250 of 4,000 characters"]
    assert counts_under(at, long_key) == ["3,250 of 4,000 characters"]

    fill(at, {long_key: "k" * 4_010})
    at.run()
    assert counts_under(at, long_key) == ["4,010 of 4,000 characters: 10 too many to save"]
    assert at.text_area(key=long_key).value == "k" * 4_010  # nothing typed is cut


def counts_under(at: AppTest, key: str) -> list[str]:
    """Return the captions right under the widget with this key."""
    found, captions = False, []
    for node in nodes(at.main):
        if not found:
            found = getattr(node, "key", None) == key
        elif isinstance(node, Caption):
            captions.append(shown(node.value))
        elif not isinstance(node, Block):
            break
    return captions

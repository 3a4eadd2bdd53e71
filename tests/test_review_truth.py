"""The checker tells the truth: it catches the notes that would embarrass the sender, and it
keeps quiet on the notes a careful person writes.

Every new check has a bad note it must catch (the examples from the issue, word for word) and
good notes it must let through. The good notes are held to a stricter bar than "no error": they
also carry none of the writing warnings (``WRITING_WARNINGS``) that the composer's drafts must
avoid. A property test builds many well-formed notes to generated names and expects no error.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import names
from lib.model import Application
from lib.review import WRITING_WARNINGS, Finding, errors, review
from tests.conftest import ApplicationFactory

SENDER = "Alex Morgan"

WHITCOMBE = {
    "id": "eleanor",
    "name": "Dr. Eleanor Whitcombe",
    "title": "Head of Regulatory Compliance",
    "asked": "How I would prepare for a regulator's audit of our trade reporting",
    "personal_touch": "She also has a rescue greyhound",
}
HOLLIS = {
    "id": "james",
    "name": "Prof. James Hollis",
    "title": "Chief Risk Officer",
    "discussed": "Stress testing the loan book against a housing downturn",
}


def _compliance_app(make_application: ApplicationFactory, **overrides: Any) -> Application:
    """A bank's compliance role, interviewed by Dr. Whitcombe and Prof. Hollis."""
    data: dict[str, Any] = {
        "company": "Ashford Sterling Bank",
        "role": "Compliance Analyst",
        "culture": "formal",
        "fit_points": "Six years in trade reporting; led two regulator audits at my last firm",
        "interviewers": [WHITCOMBE, HOLLIS],
    }
    data.update(overrides)
    return make_application(**data)


WHITCOMBE_NOTE = """Subject: Thank you for Tuesday's conversation

Dear Dr. Whitcombe,

Thank you for meeting with me on Tuesday about the Compliance Analyst role. Your question about \
preparing for a regulator's audit of your trade reporting stayed with me, and I have since \
written down how I would rehearse it with the desk a month before. I also enjoyed hearing about \
your rescue greyhound.

My six years in trade reporting, including two regulator audits I led, fit the work you \
described, and I would be glad to bring them to the team I would work with.

Kind regards,
Alex Morgan"""


def _review(
    app: Application, text: str, who: str, sender: str = SENDER, **kwargs: Any
) -> list[Finding]:
    """Review a draft to one person of the application."""
    person = next(p for p in app.interviewers if p.id == who)
    return review(text, app, person, sender_name=sender, **kwargs)


def _codes(found: list[Finding]) -> set[str]:
    """Return the codes of the findings (the new checks set one)."""
    return {f.code for f in found if f.code}


def _explain(found: list[Finding]) -> list[tuple[str, str, str, str]]:
    """Return the findings in a form that reads well in a failing assertion."""
    return [(f.rule, f.severity, f.code, f.message) for f in found]


def _assert_clean(found: list[Finding]) -> None:
    """A good note: no error, and none of the warnings a good draft never gets."""
    assert errors(found) == [], _explain(found)
    assert not _codes(found) & WRITING_WARNINGS, _explain(found)


def test_the_reference_note_to_dr_whitcombe_is_clean(make_application: ApplicationFactory) -> None:
    """A formal 'Dear Dr. Whitcombe,' note that ends 'the team I would work with.' is fine."""
    app = _compliance_app(make_application)
    assert _review(app, WHITCOMBE_NOTE, "eleanor") == []


# --- cut off (T11) ------------------------------------------------------------------------------


@pytest.mark.parametrize("company", ["Acme Group", "Studio a"])
def test_a_sentence_ending_on_the_companys_name_is_not_cut_off(
    make_application: ApplicationFactory, company: str
) -> None:
    """ "I would love to join the Acme Group." ends on a name, not on "the" or "a"."""
    app = make_application(company=company)
    note = WHITCOMBE_NOTE.replace(
        "bring them to the team I would work with.", f"bring them to the {company}."
    )
    assert "cut_off" not in _codes(
        _review(
            app.model_copy(update={"interviewers": _compliance_app(make_application).interviewers}),
            note,
            "eleanor",
        )
    )


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param(
            "My six years give me a compliance background from my.",
            id="the-issue's-example",
        ),
        pytest.param("I would be glad to help the.", id="ends-on-the"),
        pytest.param("It was a pleasure to hear about your.", id="ends-on-your"),
        pytest.param("I have led audits and.", id="ends-on-and"),
        pytest.param("I am keen to learn more than.", id="ends-on-than"),
    ],
)
def test_a_sentence_cut_off_mid_way_is_an_error(
    bad: str, make_application: ApplicationFactory
) -> None:
    """A model that stopped mid-sentence left a note no one should send; the user is told."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{bad} I also enjoyed")
    found = [f for f in _review(app, text, "eleanor") if f.code == "cut_off"]
    assert [(f.rule, f.severity) for f in found] == [("T11", "error")]
    assert found[0].span is not None
    assert text[slice(*found[0].span)] == bad.rstrip(".").split()[-1]


def test_a_body_that_stops_before_the_sign_off_is_cut_off(
    make_application: ApplicationFactory,
) -> None:
    """The last paragraph stops without a full stop, the sign-off follows: it was cut off."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace(
        "and I would be glad to bring them to the team I would work with.",
        "and I would be glad to bring them to the team I would work with",
    )
    assert "cut_off" in _codes(_review(app, text, "eleanor"))


@pytest.mark.parametrize(
    "good",
    [
        pytest.param("It is a team I would be proud to be part of.", id="part-of"),
        pytest.param("It is the kind of place I come from.", id="come-from"),
        pytest.param("That is what I would build on.", id="ends-on-on"),
        pytest.param("It is a question I keep coming back to.", id="ends-on-to"),
        pytest.param("Plan A was the one we talked about.", id="Plan-A-mid-sentence"),
        pytest.param("We kept 99.9% of the data, e.g. the logs.", id="abbreviations"),
    ],
)
def test_sentences_that_end_on_a_preposition_are_not_cut_off(
    good: str, make_application: ApplicationFactory
) -> None:
    """English ends sentences on 'with', 'to', 'on', and on 'of' after 'part': all fine."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{good} I also enjoyed")
    assert "cut_off" not in _codes(_review(app, text, "eleanor"))


def test_a_hard_wrapped_body_is_not_cut_off(make_application: ApplicationFactory) -> None:
    """Lines wrapped by an email client may end on 'the' or 'and'; the sentence goes on."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("stayed with me, and I have", "stayed with me, and\nI have")
    text = text.replace("rehearse it with the desk", "rehearse it with the\ndesk")
    _assert_clean(_review(app, text, "eleanor"))


# --- control characters (T11) -------------------------------------------------------------------


@pytest.mark.parametrize("junk", ["\x00", "\x07", "\ufffd", "\x1b", "\r"])
def test_control_characters_are_an_error(junk: str, make_application: ApplicationFactory) -> None:
    """A NUL, a bell, an escape, a lone carriage return or a '\ufffd' would reach the reader."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("Tuesday about", f"Tuesday{junk} about")
    found = [f for f in _review(app, text, "eleanor") if f.code == "control_chars"]
    assert [(f.rule, f.severity) for f in found] == [("T11", "error")]


def test_tabs_and_windows_line_ends_are_not_control_characters(
    make_application: ApplicationFactory,
) -> None:
    """A draft pasted from Windows (\\r\\n) or with a tab is not full of junk."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("\n", "\r\n").replace("Kind regards,", "Kind regards,\t")
    assert "control_chars" not in _codes(_review(app, text, "eleanor"))


# --- prompt leaks (T11) -------------------------------------------------------------------------


def test_data_fences_are_one_prompt_leak_not_a_gap_each(
    make_application: ApplicationFactory,
) -> None:
    """Two fence tags left by a model are one finding that names both, not two 'gaps'."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace(
        "Your question about",
        "<data-8ec487a901>\nYour question about",
    ).replace("your rescue greyhound.", "your rescue greyhound.\n</data-8ec487a901>")
    found = [f for f in _review(app, text, "eleanor") if f.rule == "T11"]
    assert [(f.severity, f.code) for f in found] == [("error", "prompt_leak")], _explain(found)
    assert "<data-8ec487a901>" in found[0].message
    assert "</data-8ec487a901>" in found[0].message


@pytest.mark.parametrize(
    "leak",
    [
        pytest.param("I would speak to the audit (T8).", id="(T8)"),
        pytest.param("T8: I would speak to the audit.", id="T8:"),
        pytest.param("[T5, error] I would speak to the audit.", id="[T5, error]"),
        pytest.param("What they asked: how I would prepare.", id="What-they-asked:"),
        pytest.param("Their concerns: none.", id="Their-concerns:"),
        pytest.param("Why you fit: six years.", id="Why-you-fit:"),
    ],
)
def test_rule_ids_and_prompt_headings_are_a_prompt_leak(
    leak: str, make_application: ApplicationFactory
) -> None:
    """Rule ids and the notes' headings are the prompt talking, not the sender."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{leak}\n\nI also enjoyed")
    found = [f for f in _review(app, text, "eleanor") if f.code == "prompt_leak"]
    assert [(f.rule, f.severity) for f in found] == [("T11", "error")]


def test_a_real_template_gap_is_still_a_gap(make_application: ApplicationFactory) -> None:
    """Masking the fences does not hide a '<role>' gap next to them."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("the Compliance Analyst role", "the <role> role")
    found = _review(app, text, "eleanor")
    assert any("template gap" in f.message for f in errors(found))
    assert "prompt_leak" not in _codes(found)


# --- the greeting, the honorific, the title and the name (T5) ------------------------------------

JEAN_LUC = {
    "id": "jl",
    "name": "Jean-Luc Moreau",
    "title": "Director of Model Validation",
    "asked": "How I would validate a probability of default model",
}
MARY_KATE = {
    "id": "mk",
    "name": "Mary-Kate Olsen",
    "title": "Engineering Manager",
    "asked": "How I would validate a probability of default model",
}
MEGAN = {
    "id": "megan",
    "name": "Megan Ross",
    "title": "Engineering Manager",
    "asked": "How I would validate a probability of default model",
}
MARCUS = {
    "id": "marcus",
    "name": "Marcus Hale",
    "title": "Engineering Manager",
    "asked": "How I would validate a probability of default model",
}
SIMPLE_NOTE = """Subject: Thank you

{greeting}

Thank you for meeting with me on Tuesday. Your question about how I would validate a \
probability of default model stayed with me, and I have written down the checks I would run \
first.{extra}

My three years building credit scorecards fit the work you described, and I am keen to \
contribute to the team.

Best regards,
Alex Morgan"""


def _simple(make_application: ApplicationFactory, person: dict[str, Any]) -> Application:
    """A bank application with one person on the panel."""
    return make_application(
        company="Ashford Sterling Bank",
        role="Credit Risk Analyst",
        fit_points="Three years building credit scorecards",
        interviewers=[person],
    )


@pytest.mark.parametrize(
    ("person", "greeting"),
    [
        pytest.param(WHITCOMBE, "Dear Dr,", id="Dear-Dr,"),
        pytest.param(HOLLIS, "Hi Prof,", id="Hi-Prof,"),
        pytest.param(JEAN_LUC, "Hi Jean,", id="Hi-Jean,-to-Jean-Luc"),
        pytest.param(MARY_KATE, "Hi Mary,", id="Hi-Mary,-to-Mary-Kate"),
        pytest.param(JEAN_LUC, "Dear Mr. Moreau-Dupont,", id="somebody-else's-family-name"),
        pytest.param(MEGAN, "Dear Rebecca,", id="not-that-person"),
    ],
)
def test_a_greeting_that_names_the_person_wrongly_is_an_error(
    person: dict[str, Any], greeting: str, make_application: ApplicationFactory
) -> None:
    """Only an honorific, half a hyphenated name or another name in the greeting is caught."""
    app = _simple(make_application, person)
    text = SIMPLE_NOTE.format(greeting=greeting, extra="")
    found = [f for f in _review(app, text, person["id"]) if f.code == "greeting"]
    assert [(f.rule, f.severity) for f in found] == [("T5", "error")]
    assert found[0].span is not None
    assert text[slice(*found[0].span)] in greeting


@pytest.mark.parametrize(
    ("person", "address", "greeting"),
    [
        pytest.param(WHITCOMBE, "", "Dear Dr. Whitcombe,", id="Dr.-Whitcombe"),
        pytest.param(WHITCOMBE, "", "Dear Dr Whitcombe,", id="Dr-without-a-dot"),
        pytest.param(WHITCOMBE, "", "Dear Eleanor,", id="given-name"),
        pytest.param(WHITCOMBE, "", "Dear Dr. Eleanor Whitcombe,", id="in-full"),
        pytest.param(HOLLIS, "", "Dear Professor Hollis,", id="Professor"),
        pytest.param(JEAN_LUC, "", "Hi Jean-Luc,", id="Jean-Luc"),
        pytest.param(JEAN_LUC, "", "Good morning, Jean-Luc,", id="good-morning"),
        pytest.param(MARY_KATE, "", "Hello Mary-Kate,", id="Mary-Kate"),
        pytest.param(MARY_KATE, "MK", "Hi MK,", id="what-the-user-chose"),
        pytest.param(MEGAN, "", "Dear Ms. Ross,", id="Ms.-family-name"),
        pytest.param(MEGAN, "", "Dear Hiring Team,", id="no-name-is-another-check"),
    ],
)
def test_a_greeting_that_names_the_person_rightly_passes(
    person: dict[str, Any], address: str, greeting: str, make_application: ApplicationFactory
) -> None:
    """Every right form of the name (and a greeting with no name at all) is no greeting error."""
    app = _simple(make_application, {**person, "address_as": address})
    text = SIMPLE_NOTE.format(greeting=greeting, extra="")
    assert "greeting" not in _codes(_review(app, text, person["id"]))


@pytest.mark.parametrize(
    ("person", "wrong", "right"),
    [
        pytest.param(WHITCOMBE, "Mrs. Whitcombe", "Dr. Whitcombe", id="Mrs.-for-a-doctor"),
        pytest.param(HOLLIS, "Mr. Hollis", "Prof. Hollis", id="Mr.-for-a-professor"),
        pytest.param(
            {**MEGAN, "name": "Ms. Megan Ross"}, "Mr. Ross", "Ms. Ross", id="Mr.-for-a-Ms."
        ),
        pytest.param(
            {**MARCUS, "name": "Mr. Marcus Hale"}, "Mrs. Hale", "Mr. Hale", id="Mrs.-for-a-Mr."
        ),
        pytest.param(
            {**WHITCOMBE, "name": "Eleanor Whitcombe, PhD"},
            "Ms. Whitcombe",
            "Dr. Whitcombe",
            id="Ms.-for-a-PhD",
        ),
    ],
)
def test_a_wrong_honorific_is_an_error(
    person: dict[str, Any], wrong: str, right: str, make_application: ApplicationFactory
) -> None:
    """'Mrs. Whitcombe' to Dr. Eleanor Whitcombe, 'Mr. Hollis' to Prof. James Hollis: errors."""
    app = _simple(make_application, person)
    text = SIMPLE_NOTE.format(greeting=f"Dear {wrong},", extra="")
    found = [f for f in _review(app, text, person["id"]) if f.code == "honorific"]
    assert [(f.rule, f.severity) for f in found] == [("T5", "error")]
    assert right in found[0].message
    text = SIMPLE_NOTE.format(greeting=f"Dear {right},", extra="")
    assert "honorific" not in _codes(_review(app, text, person["id"]))


def test_the_right_honorific_and_none_at_all_pass(make_application: ApplicationFactory) -> None:
    """'Dr. Whitcombe' and 'Eleanor' are right; a note to someone with no recorded title may
    say Ms."""
    app = _compliance_app(make_application)
    for greeting in ("Dear Dr. Whitcombe,", "Dear Eleanor,"):
        text = WHITCOMBE_NOTE.replace("Dear Dr. Whitcombe,", greeting)
        assert "honorific" not in _codes(_review(app, text, "eleanor"))
    plain = _simple(make_application, MEGAN)
    text = SIMPLE_NOTE.format(greeting="Dear Ms. Ross,", extra="")
    assert "honorific" not in _codes(_review(plain, text, "megan"))


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param(
            " As Director of Regulatory Compliance, you will know that audit well.",
            True,
            id="Director-for-the-Head",
        ),
        pytest.param(
            " Your role as Chief Compliance Officer makes that audit yours.",
            True,
            id="your-role-as",
        ),
        pytest.param(
            " As Head of Regulatory Compliance, you will know that audit well.",
            False,
            id="the-right-title",
        ),
        pytest.param(
            " As head of regulatory compliance, you will know that audit well.",
            False,
            id="the-right-title-in-lower-case",
        ),
        pytest.param(
            " As Head of Compliance, you will know that audit well.",
            False,
            id="shortened",
        ),
        pytest.param(
            " I would also like to meet the Compliance Officer you are hiring.",
            False,
            id="a-job-not-her-title",
        ),
        pytest.param(
            " Prof. Hollis, your Chief Risk Officer, made a fair point too.",
            False,
            id="another-person's-title",
        ),
    ],
)
def test_a_wrong_title_for_the_reader_is_an_error(
    sentence: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """Calling the Head of Regulatory Compliance its Director is wrong; her own title is not."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("stayed with me,", f"stayed with me.{sentence} It")
    text = text.replace("It and I have", "I have")
    found = _review(app, text, "eleanor")
    assert ("wrong_title" in _codes(found)) is flagged, _explain(found)


def test_no_title_recorded_means_no_title_error(make_application: ApplicationFactory) -> None:
    """Without a recorded title there is nothing to contradict."""
    app = _compliance_app(make_application, interviewers=[{**WHITCOMBE, "title": ""}])
    text = WHITCOMBE_NOTE.replace(
        "I also enjoyed", "As Director of Regulatory Compliance, you know it. I also enjoyed"
    )
    assert "wrong_title" not in _codes(_review(app, text, "eleanor"))


@pytest.mark.parametrize(
    ("person", "greeting", "extra"),
    [
        pytest.param(MEGAN, "Dear Meghan,", "", id="Meghan-in-the-greeting"),
        pytest.param(MARCUS, "Dear Marcos,", "", id="Marcos-in-the-greeting"),
        pytest.param(MEGAN, "Dear Megan,", " I enjoyed it, Meghan.", id="Meghan-mid-sentence"),
        pytest.param(MEGAN, "Dear Ms. Ross,", " Meghan, I enjoyed it.", id="Meghan-first"),
        pytest.param(MARCUS, "Dear Mr. Hale,", " Marcos, it was fun.", id="Marcos-first"),
    ],
)
def test_a_different_name_is_an_error_even_when_it_is_a_real_name(
    person: dict[str, Any], greeting: str, extra: str, make_application: ApplicationFactory
) -> None:
    """'Meghan' for Megan and 'Marcos' for Marcus are other people's names, not spellings."""
    app = _simple(make_application, person)
    text = SIMPLE_NOTE.format(greeting=greeting, extra=extra)
    found = [f for f in _review(app, text, person["id"]) if f.code == "different_name"]
    assert [(f.rule, f.severity) for f in found] == [("T5", "error")]
    wrong = "Meghan" if person is MEGAN else "Marcos"
    right = person["name"].split()[0]
    assert found[0].message == (
        f"'{wrong}' looks like a misspelling of {right}; their name is {person['name']}."
    )


@pytest.mark.parametrize(
    ("person", "extra"),
    [
        pytest.param(
            {**MEGAN, "name": "Dana Whitfield"},
            " Data from the pilot will help.",
            id="Data-opening-a-sentence-near-Dana",
        ),
        pytest.param(
            {**MEGAN, "name": "Dana Whitfield"},
            " I met the Data Platform team too.",
            id="title-case-Data-near-Dana",
        ),
        pytest.param(
            {**MEGAN, "name": "Grace Lee"},
            " Grade by grade, the scores improved.",
            id="Grade-near-Grace",
        ),
        pytest.param(
            MARCUS,
            " Marco, your colleague, showed me the dashboard.",
            id="a-colleague-in-the-notes",
        ),
    ],
)
def test_a_plain_word_or_a_known_name_is_not_a_different_name(
    person: dict[str, Any], extra: str, make_application: ApplicationFactory
) -> None:
    """Ordinary words near a name, and people the user wrote about, are left alone."""
    person = {**person, "discussed": "Marco from the data team showed me the dashboard"}
    app = _simple(make_application, person)
    greeting = names.greeting(person["name"], "", "standard")
    text = SIMPLE_NOTE.format(greeting=greeting, extra=extra)
    assert "different_name" not in _codes(_review(app, text, person["id"]))


# --- the signature (T12) ------------------------------------------------------------------------


def test_an_unsigned_note_is_an_error(make_application: ApplicationFactory) -> None:
    """The sender's name is known but the note ends at 'Kind regards,': it must be signed."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.removesuffix("\nAlex Morgan")
    found = [f for f in _review(app, text, "eleanor") if f.code == "no_signature"]
    assert [(f.rule, f.severity) for f in found] == [("T12", "error")]
    signed_by_someone_else = WHITCOMBE_NOTE.replace("\nAlex Morgan", "\nJordan Lee")
    assert "no_signature" in _codes(_review(app, signed_by_someone_else, "eleanor"))


@pytest.mark.parametrize(
    ("sender", "signature"),
    [
        pytest.param("Alex Morgan", "Alex", id="given-name"),
        pytest.param("Alexander Morgan", "Alex", id="short-form"),
        pytest.param("Alex Morgan", "Alex Morgan\nalex@example.com", id="with-contact"),
        pytest.param("Siobhán Ní Bhriain", "Siobhan Ni Bhriain", id="typed-without-accents"),
    ],
)
def test_a_signed_note_passes(
    sender: str, signature: str, make_application: ApplicationFactory
) -> None:
    """Signed with the full name, the given name or a short form of it: signed."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("\nAlex Morgan", f"\n{signature}")
    assert "no_signature" not in _codes(_review(app, text, "eleanor", sender=sender))


def test_an_unknown_sender_is_a_warning_to_set_the_name(
    make_application: ApplicationFactory,
) -> None:
    """With no name in Settings the checker cannot tell whether the note is signed: it says so."""
    app = _compliance_app(make_application)
    found = [f for f in _review(app, WHITCOMBE_NOTE, "eleanor", sender="") if f.rule == "T12"]
    assert [(f.severity, f.code) for f in found] == [("warning", "sender_unknown")]
    assert found[0].message == "Your name is not set: add it in Settings so the note is signed."


# --- the writing warnings -----------------------------------------------------------------------


def test_speaking_of_the_reader_in_the_third_person_is_a_warning(
    make_application: ApplicationFactory,
) -> None:
    """'…the lighter moment we shared: she also has a rescue greyhound' to her is a slip."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace(
        "I also enjoyed hearing about your rescue greyhound.",
        "I also enjoyed the lighter moment we shared: she also has a rescue greyhound.",
    )
    found = [f for f in _review(app, text, "eleanor") if f.code == "third_person"]
    assert [(f.rule, f.severity) for f in found] == [("T7", "warning")]
    assert found[0].span is not None
    assert text[slice(*found[0].span)] == "she"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("I hope your daughter enjoys her first term.", id="your-daughter-her"),
        pytest.param("Prof. Hollis made his point well.", id="another-person-named"),
        pytest.param("Your colleague said he would send the report.", id="a-colleague"),
        pytest.param("I met your manager. She was very kind.", id="the-sentence-before"),
    ],
)
def test_he_or_she_about_someone_else_is_fine(
    sentence: str, make_application: ApplicationFactory
) -> None:
    """A pronoun for a daughter, a colleague or a named person is not about the reader."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{sentence} I also enjoyed")
    assert "third_person" not in _codes(_review(app, text, "eleanor"))


@pytest.mark.parametrize(
    ("sentence", "plain"),
    [
        pytest.param("I was glad to talk abt the audit.", "about", id="abt"),
        pytest.param("I have led audits w/ the desk.", "with", id="w/"),
        pytest.param("I have led >5 audits.", "more than five", id=">5"),
        pytest.param("I know audits + reporting.", "and", id="plus"),
    ],
)
def test_shorthand_left_in_is_a_warning(
    sentence: str, plain: str, make_application: ApplicationFactory
) -> None:
    """Hurried notes' shorthand is pointed out, with the plain words to write instead."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{sentence} I also enjoyed")
    found = [f for f in _review(app, text, "eleanor") if f.code == "shorthand"]
    assert [(f.rule, f.severity) for f in found] == [("T11", "warning")]
    assert f"Write '{plain}' instead of" in found[0].message


def test_a_company_with_an_ampersand_and_acronyms_are_not_shorthand(
    make_application: ApplicationFactory,
) -> None:
    """'Johnson & Johnson', 'Q&A', 'R&D' and 'BC' are how those are written."""
    app = _compliance_app(make_application, company="Johnson & Johnson")
    text = WHITCOMBE_NOTE.replace(
        "I also enjoyed",
        "Johnson & Johnson's R&D work came up in the Q&A, as did our office in BC. I also enjoyed",
    )
    found = _review(app, text, "eleanor")
    assert not _codes(found) & {"shorthand", "shouting"}, _explain(found)


def test_shouting_is_a_warning(make_application: ApplicationFactory) -> None:
    """'HOW WOULD YOU PREPARE' and '??' shout; the company's name in capitals does not."""
    app = _compliance_app(make_application, company="ASHFORD STERLING BANK")
    text = WHITCOMBE_NOTE.replace(
        "I also enjoyed",
        "HOW WOULD YOU PREPARE was the question?? ASHFORD STERLING BANK asks it well. "
        "I also enjoyed",
    )
    found = [f for f in _review(app, text, "eleanor") if f.code == "shouting"]
    assert [text[slice(*f.span)] for f in found if f.span] == ["HOW WOULD YOU PREPARE", "??"]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param(
            "We covered the practical side: Salary expectations, notice period and start date.",
            True,
            id="capitalised-fragment",
        ),
        pytest.param("One thing stood out: I had not expected the desk's view.", False, id="I"),
        pytest.param("Two tools matter here: SQL and Python.", False, id="acronym-and-name"),
        pytest.param("One firm came up: Ashford Sterling Bank itself.", False, id="entity"),
        pytest.param("One point stayed: the desk must rehearse.", False, id="lower-case"),
    ],
)
def test_a_capitalised_fragment_after_a_colon_is_a_warning(
    sentence: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """': Salary expectations, notice period…' reads like notes pasted in."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{sentence} I also enjoyed")
    assert ("colon_fragment" in _codes(_review(app, text, "eleanor", kind="follow_up"))) is flagged


@pytest.mark.parametrize(
    ("sentence", "kind", "flagged"),
    [
        pytest.param("My salary expectations are flexible.", "thank_you", True, id="salary"),
        pytest.param("My notice period is a month.", "thank_you", True, id="notice-period"),
        pytest.param("I would ask about the benefits package.", "thank_you", True, id="benefits"),
        pytest.param("My notice period is a month.", "follow_up", False, id="in-a-follow-up"),
        pytest.param("I would pay close attention to it.", "thank_you", False, id="pay-attention"),
    ],
)
def test_pay_in_a_thank_you_is_a_warning(
    sentence: str, kind: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """Pay and notice periods belong to the offer conversation, not to the thank-you."""
    app = _compliance_app(make_application)
    text = WHITCOMBE_NOTE.replace("I also enjoyed", f"{sentence} I also enjoyed")
    found = _review(app, text, "eleanor", kind=kind)
    assert ("pay" in _codes(found)) is flagged
    if flagged:
        (pay,) = [f for f in found if f.code == "pay"]
        assert (pay.rule, pay.severity) == ("T9", "warning")


def test_an_unanswered_concern_is_a_warning(make_application: ApplicationFactory) -> None:
    """She doubted I could present to the board; the note must speak to that doubt."""
    concern = "Whether I can present findings to the board"
    app = _compliance_app(make_application, interviewers=[{**WHITCOMBE, "concerns": concern}])
    found = [f for f in _review(app, WHITCOMBE_NOTE, "eleanor") if f.code == "concern"]
    assert [(f.rule, f.severity) for f in found] == [("T8", "warning")]
    assert found[0].message == (
        f"Dr. Eleanor Whitcombe raised a concern ('{concern}'); speak to it briefly with the fit "
        "point closest to it."
    )
    answered = WHITCOMBE_NOTE.replace(
        "I also enjoyed", "I present findings to our board every quarter. I also enjoyed"
    )
    assert "concern" not in _codes(_review(app, answered, "eleanor"))


# --- good notes a careful person writes -----------------------------------------------------------


def _good(greeting: str, extra: str = "", signature: str = SENDER) -> str:
    """Return a well-formed note with a greeting and an extra sentence about the conversation."""
    return f"""Subject: Thank you for Tuesday

{greeting}

Thank you for meeting with me on Tuesday. Your question about how I would validate a \
probability of default model stayed with me, and I have written down the checks I would run \
first. {extra}

My three years building credit scorecards fit the work you described, and I am keen to join \
the team I would work with.

Best regards,
{signature}"""


GOOD = [
    pytest.param(WHITCOMBE | {"asked": JEAN_LUC["asked"]}, "", "Dear Dr. Whitcombe,", "", id="Dr"),
    pytest.param(JEAN_LUC, "", "Hi Jean-Luc,", "", id="Jean-Luc"),
    pytest.param(
        JEAN_LUC | {"personal_touch": "His daughter starts university"},
        "",
        "Dear Jean-Luc,",
        "I hope your daughter enjoys her first term.",
        id="your-daughter-her",
    ),
    pytest.param(
        {"id": "x", "name": "María José García", "asked": JEAN_LUC["asked"]},
        "",
        "Dear María José,",
        "",
        id="María-José",
    ),
    pytest.param(
        {"id": "x", "name": "Nguyễn Minh Khai", "asked": JEAN_LUC["asked"]},
        "Khai",
        "Dear Khai,",
        "",
        id="Nguyễn-Minh-Khai-as-Khai",
    ),
    pytest.param(
        {"id": "x", "name": "Nguyễn Minh Khai", "asked": JEAN_LUC["asked"]},
        "Khai",
        "Dear Mr. Nguyễn,",
        "",
        id="Mr.-Nguyễn",
    ),
    pytest.param(
        {"id": "x", "name": "Siobhán O'Brien", "asked": JEAN_LUC["asked"]},
        "",
        "Dear Siobhán,",
        "Ms. O’Brien's team sounds like a good one to join.",
        id="Siobhán-O'Brien",
    ),
    pytest.param(
        {"id": "x", "name": "Seán O'Brien", "asked": JEAN_LUC["asked"]},
        "",
        "Dear Mr. O'Brien,",
        "",
        id="Mr.-O'Brien",
    ),
]


@pytest.mark.parametrize(("person", "address", "greeting", "extra"), GOOD)
def test_good_notes_have_no_error_and_no_writing_warning(
    person: dict[str, Any],
    address: str,
    greeting: str,
    extra: str,
    make_application: ApplicationFactory,
) -> None:
    """Formal, casual, hyphenated, compound, family-name-first and Irish names all pass clean."""
    app = _simple(make_application, {**person, "address_as": address})
    _assert_clean(_review(app, _good(greeting, extra), person["id"]))


# --- a property: well-formed notes to generated names have no error -----------------------------

GIVEN = ["Megan", "Jean-Luc", "María José", "Siobhán", "Khai", "Zoë", "Ngozi", "Eleanor", "Tomás"]
FAMILY = ["Ross", "O'Brien", "van der Berg", "Núñez", "Whitcombe-Hale", "Łukasiewicz", "Okafor"]
HONORIFICS = ["", "Dr.", "Prof.", "Ms.", "Mr.", "Mrs."]
SUFFIXES = ["", ", PhD"]
OPENINGS = [
    "Thank you for meeting with me on {day} about the {role} role.",
    "I appreciated the time you gave me on {day}.",
    "Thank you for the conversation on {day}; I enjoyed it.",
]
SPECIFICS = [
    "Your question about how I would validate a probability of default model stayed with me.",
    "I have kept thinking about your question on how to validate a probability of default model.",
    "You asked how I would validate a probability of default model, and I have since written "
    "out the checks I would run first.",
]
FITS = [
    "My three years building credit scorecards fit the work you described.",
    "I bring three years of building credit scorecards, which is the work you described.",
]
INTERESTS = [
    "I am keen to join the team I would work with.",
    "I would love to contribute to {company}.",
    "I am excited about the chance to help your team.",
]
SIGN_OFFS = ["Best regards,", "Kind regards,", "Many thanks,", "Best,"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    honorific=st.sampled_from(HONORIFICS),
    given_name=st.sampled_from(GIVEN),
    family=st.sampled_from(FAMILY),
    suffix=st.sampled_from(SUFFIXES),
    culture=st.sampled_from(["casual", "standard", "formal"]),
    parts=st.tuples(
        st.sampled_from(OPENINGS),
        st.sampled_from(SPECIFICS),
        st.sampled_from(FITS),
        st.sampled_from(INTERESTS),
        st.sampled_from(SIGN_OFFS),
    ),
    address_given=st.booleans(),
)
def test_a_well_formed_note_to_any_name_has_no_error(
    honorific: str,
    given_name: str,
    family: str,
    suffix: str,
    culture: str,
    parts: tuple[str, str, str, str, str],
    address_given: bool,
    make_application: ApplicationFactory,
) -> None:
    """Whatever the name (honorifics, hyphens, particles, accents), a note written by hand from
    good sentences and greeted with lib.names.greeting gets no error and no writing warning."""
    name = f"{honorific} {given_name} {family}{suffix}".strip()
    address = given_name if address_given else ""
    person = {"id": "p", "name": name, "address_as": address, "asked": JEAN_LUC["asked"]}
    app = make_application(
        company="Ashford Sterling Bank",
        role="Credit Risk Analyst",
        culture=culture,
        fit_points="Three years building credit scorecards",
        interviewers=[person],
    )
    opening, specific, fit, interest, sign_off = parts
    values = {"day": "Tuesday", "role": app.role, "company": app.company}
    body = " ".join((opening.format(**values), specific, fit, interest.format(**values)))
    text = (
        f"Subject: Thank you\n\n{names.greeting(name, address, culture)}\n\n{body}\n\n"
        f"{sign_off}\n{SENDER}"
    )
    found = _review(app, text, "p")
    _assert_clean(found)

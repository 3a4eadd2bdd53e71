"""The draft checker: it flags real mistakes in a thank-you note and stays quiet on good writing.

The corpus in ``tests/data/review_corpus`` holds hand-written drafts, good and bad. Each file is
a TOML header, a line ``---``, then the draft exactly as it would be sent. The header says:

- ``about``: what the note is and what it tests;
- ``recipient``: the id of the interviewer it is written to;
- ``expect``: the exact set of findings, as ``"RULE severity"`` strings (``[]``: a clean note);
- ``kind`` (optional): ``"thank_you"`` (default) or ``"follow_up"``;
- ``sender`` (optional): the sender's name, ``"Alex Morgan"`` unless told;
- ``others`` (optional): corpus files whose drafts are the other notes of the panel (T4);
- ``[app]`` (optional): overrides of the default application of ``tests/conftest.py``
  (Northwind Analytics, Data Engineer, Priya Raghunathan and Seán O'Donnell).
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from lib.model import Application, Interviewer
from lib.review import Finding, body_words, errors, review
from tests.conftest import ApplicationFactory

CORPUS = Path(__file__).parent / "data" / "review_corpus"
SENDER = "Alex Morgan"
Pair = tuple[str, str]


# --- helpers ------------------------------------------------------------------------------------


def _load(name: str) -> tuple[dict[str, Any], str]:
    """Return a corpus file's header and its draft."""
    head, marker, draft = (CORPUS / name).read_text(encoding="utf-8").partition("\n---\n")
    assert marker, f"{name} has no '---' line between its header and its draft"
    return tomllib.loads(head), draft.rstrip("\n")


def _person(app: Application, person_id: str) -> Interviewer:
    """Return the interviewer with that id."""
    return next(person for person in app.interviewers if person.id == person_id)


def _pairs(found: list[Finding]) -> set[Pair]:
    """Return the (rule, severity) of each finding."""
    return {(finding.rule, finding.severity) for finding in found}


def _check(
    app: Application, text: str, who: str = "priya", others: tuple[str, ...] = (), **kwargs: Any
) -> list[Finding]:
    """Review a draft to one person of the application, signed by the default sender."""
    kwargs.setdefault("sender_name", SENDER)
    return review(text, app, _person(app, who), others, **kwargs)


# A good note to Priya and one to Seán (default application): no findings, even side by side.
PRIYA_NOTE = """Subject: Thank you for Monday's conversation

Dear Priya,

Thank you for taking the time to meet with me on Monday about the Data Engineer role. Your \
question about moving the nightly batch jobs to streaming stayed with me, and on the train home \
I sketched how I would run the old and new paths side by side until the numbers agree. It was \
also fun to swap stories about the Chicago marathon.

My five years building data pipelines, including a Kafka migration I led, fit the work you \
described. I am excited about the chance to help your team make that move.

Best regards,
Alex Morgan"""

SEAN_NOTE = """Subject: Following up on our talk about Kafka

Dear Seán,

I appreciated your candour on Monday. You wanted to know whether I had run Kafka in production, \
and I was glad to walk you through the consumer lag we chased down at my last company, where a \
single slow partition held up billing reports for a day.

Since then I wrote up the checklist I mentioned, and I would be happy to share it. I bring that \
hands-on experience, and I would love to contribute to the platform your team is building.

With thanks,
Alex Morgan"""


INTEREST_SENTENCE = "I am excited about the chance to help your team make that move."


def test_the_reference_notes_are_clean(make_application: ApplicationFactory) -> None:
    """The good notes every variant below starts from have no finding at all."""
    app = make_application()
    assert _check(app, PRIYA_NOTE, others=(SEAN_NOTE,)) == []
    assert _check(app, SEAN_NOTE, "sean", others=(PRIYA_NOTE,)) == []


# --- the corpus ---------------------------------------------------------------------------------


CORPUS_FILES = sorted(path.name for path in CORPUS.glob("*.txt"))


def test_the_corpus_is_big_and_varied() -> None:
    """The corpus covers at least 20 notes, good and bad, and every kind of office and channel."""
    headers = [_load(name)[0] for name in CORPUS_FILES]
    assert len(headers) >= 20
    assert all(h["about"] and h["recipient"] for h in headers)
    assert any(not h["expect"] for h in headers)
    assert any(h["expect"] for h in headers)
    apps = [h.get("app", {}) for h in headers]
    assert {a.get("culture", "standard") for a in apps} == {"casual", "standard", "formal"}
    assert {a.get("channel", "email") for a in apps} == {"email", "handwritten"}
    assert any(h.get("kind") == "follow_up" for h in headers)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_note_gets_exactly_the_expected_findings(
    name: str, make_application: ApplicationFactory
) -> None:
    """Each hand-written note gets exactly the findings a careful reader expects, no more."""
    header, draft = _load(name)
    app = make_application(**header.get("app", {}))
    others = tuple(_load(other)[1] for other in header.get("others", []))
    found = _check(
        app,
        draft,
        header["recipient"],
        others,
        sender_name=header.get("sender", SENDER),
        kind=header.get("kind", "thank_you"),
    )
    expected = {tuple(item.split()) for item in header["expect"]}
    assert _pairs(found) == expected, [(f.rule, f.severity, f.message) for f in found]


# --- T4: every note different -------------------------------------------------------------------


def test_T4_a_name_swapped_copy_is_an_error(make_application: ApplicationFactory) -> None:
    """Sending Seán Priya's note with only the name changed is caught as a template."""
    app = make_application()
    copy = PRIYA_NOTE.replace("Priya", "Seán")
    assert ("T4", "error") in _pairs(_check(app, copy, "sean", others=(PRIYA_NOTE,)))


def test_T4_two_different_notes_pass(make_application: ApplicationFactory) -> None:
    """Two notes written separately for two people are not flagged as alike."""
    app = make_application()
    found = _check(app, SEAN_NOTE, "sean", others=(PRIYA_NOTE,))
    assert "T4" not in {f.rule for f in found}


def test_T4_a_shared_sentence_of_six_words_is_a_warning(
    make_application: ApplicationFactory,
) -> None:
    """A sentence of six words or more copied word for word into another note is pointed out."""
    app = make_application()
    shared = "Thank you for your time today."
    priya = PRIYA_NOTE.replace("Dear Priya,\n\n", f"Dear Priya,\n\n{shared} ")
    sean = SEAN_NOTE.replace("Dear Seán,\n\n", f"Dear Seán,\n\n{shared} ")
    found = _check(app, sean, "sean", others=(priya,))
    assert ("T4", "warning") in _pairs(found)
    assert ("T4", "error") not in _pairs(found)
    (warning,) = [f for f in found if f.rule == "T4"]
    assert warning.span is not None
    assert sean[slice(*warning.span)].strip() == shared


def test_T4_a_shared_sentence_of_five_words_passes(make_application: ApplicationFactory) -> None:
    """A short stock sentence that two notes share is not worth a warning."""
    app = make_application()
    shared = "Thank you for your time."
    priya = PRIYA_NOTE.replace("Dear Priya,\n\n", f"Dear Priya,\n\n{shared} ")
    sean = SEAN_NOTE.replace("Dear Seán,\n\n", f"Dear Seán,\n\n{shared} ")
    assert "T4" not in {f.rule for f in _check(app, sean, "sean", others=(priya,))}


# --- T5: the right person, spelt right ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "flagged"),
    [
        pytest.param("Dear Priya,", "Dear Pryia,", True, id="Pryia-is-a-misspelling"),
        pytest.param("Your question", "Priya's question", False, id="Priya's-is-her-name"),
        pytest.param("Dear Priya,", "Dear Hiring Manager,", True, id="never-named"),
        pytest.param("Dear Priya,", "Dear Ms. Raghunathan,", False, id="surname-alone-is-fine"),
        pytest.param("Dear Priya,", "Dear Sean,", True, id="greets-Seán-instead"),
        pytest.param("It was", "Seán's point was fair too. It was", False, id="Seán-in-the-body"),
        pytest.param("Dear Priya,", "Dear Ms. Raghunthan,", True, id="surname-misspelt"),
    ],
)
def test_T5_name_errors(
    old: str, new: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """A misspelt, missing or wrong person's name is an error; her name used right is not."""
    app = make_application()
    text = PRIYA_NOTE.replace(old, new)
    assert text != PRIYA_NOTE
    assert (("T5", "error") in _pairs(_check(app, text))) is flagged


def test_T5_greeting_another_panel_member_points_at_the_greeting(
    make_application: ApplicationFactory,
) -> None:
    """'Dear Sean,' on Priya's note is caught even when the body names her, accents aside."""
    app = make_application()
    text = PRIYA_NOTE.replace("Dear Priya,", "Dear Sean,").replace(
        "It was also fun", "Priya, it was also fun"
    )
    found = [f for f in _check(app, text) if f.rule == "T5"]
    assert [(f.severity, text[slice(*f.span)]) for f in found if f.span] == [
        ("error", "Dear Sean,")
    ]


def test_T5_the_misspelt_name_is_reported_once_with_its_span(
    make_application: ApplicationFactory,
) -> None:
    """A misspelt name is one T5 error pointing at the word, not also a T11 spelling error."""
    app = make_application()
    text = PRIYA_NOTE.replace("Dear Priya,", "Dear Pryia,")
    found = _check(app, text)
    assert {f.rule for f in found} == {"T5"}  # the misspelling, and "never names" her
    assert [text[slice(*f.span)] for f in found if f.span] == ["Pryia"]


def test_T5_another_persons_title_is_a_warning(make_application: ApplicationFactory) -> None:
    """Calling Priya by Seán's title (Senior Engineer) is pointed out."""
    app = make_application()
    text = PRIYA_NOTE.replace("Your question", "As a Senior Engineer, your question")
    assert ("T5", "warning") in _pairs(_check(app, text))


def test_T5_both_titles_named_correctly_pass(make_application: ApplicationFactory) -> None:
    """Naming Seán's title next to Priya's own title is not a wrong title."""
    app = make_application()
    text = PRIYA_NOTE.replace(
        "Your question",
        "As Head of Data Platform working with your Senior Engineer, your question",
    )
    assert "T5" not in {f.rule for f in _check(app, text)}


def test_T5_hiring_senior_engineers_is_not_a_wrong_title(
    make_application: ApplicationFactory,
) -> None:
    """Mentioning that Priya is hiring senior engineers does not give her Seán's title."""
    app = make_application()
    hiring = "I was glad to hear you are hiring two more senior engineers."
    text = PRIYA_NOTE.replace("It was also fun", f"{hiring} It was also fun")
    assert "T5" not in {f.rule for f in _check(app, text)}


def test_T5_a_first_name_that_is_a_common_word_is_still_required(
    make_application: ApplicationFactory,
) -> None:
    """A note to Will Turner that never names him is caught, though it says 'I will'."""
    app = make_application(
        interviewers=[
            {
                "id": "will",
                "name": "Will Turner",
                "title": "Engineering Manager",
                "asked": "How I would migrate the nightly batch jobs to streaming",
            }
        ]
    )
    text = PRIYA_NOTE.replace("Dear Priya,", "Dear Hiring Team,").replace(
        "It was also fun to swap stories about the Chicago marathon.",
        "I will send over the plan I sketched.",
    )
    assert ("T5", "error") in _pairs(_check(app, text, "will"))


# --- T6: thanks ---------------------------------------------------------------------------------


OPENING = "Thank you for taking the time to meet with me on Monday"


@pytest.mark.parametrize(
    ("opening", "sign_off", "flagged"),
    [
        pytest.param("It was good to meet you on Monday", "Best regards,", True, id="no-thanks"),
        pytest.param(
            "I appreciated the time you gave me on Monday",
            "Best regards,",
            False,
            id="appreciated-is-thanks",
        ),
        pytest.param(
            "It was good to meet you on Monday", "Thanks,", True, id="Thanks-sign-off-alone"
        ),
        pytest.param("Thanks for your time on Monday", "Thanks,", False, id="thanks-in-the-body"),
    ],
)
def test_T6_thanks(
    opening: str, sign_off: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """A note with no thanks is an error; a 'Thanks,' sign-off alone does not count as thanks."""
    app = make_application()
    text = (
        PRIYA_NOTE.replace(OPENING, opening)
        .replace("Subject: Thank you for", "Subject: About")
        .replace("Best regards,", sign_off)
    )
    assert text.count(opening) == 1
    assert (("T6", "error") in _pairs(_check(app, text))) is flagged


# --- T7: something specific ---------------------------------------------------------------------

GENERIC = "I enjoyed hearing how the team works and what the next year looks like."


def test_T7_nothing_from_the_conversation_is_an_error(
    make_application: ApplicationFactory,
) -> None:
    """A note that could go to anyone (nothing Priya asked or discussed) is an error."""
    app = make_application()
    text = PRIYA_NOTE.replace(
        "Your question about moving the nightly batch jobs to streaming stayed with me, and on the "
        "train home I sketched how I would run the old and new paths side by side until the "
        "numbers agree. It was also fun to swap stories about the Chicago marathon.",
        GENERIC,
    ).replace(", including a Kafka migration I led,", "")
    text = text.replace(INTEREST_SENTENCE, "I am excited about the chance to join the team.")
    assert ("T7", "error") in _pairs(_check(app, text))


def test_T7_a_function_word_of_the_notes_is_not_specific(
    make_application: ApplicationFactory,
) -> None:
    """Seán's note is not specific just because it says 'whether', as his concern did."""
    app = make_application()
    text = """Subject: Thank you

Dear Seán,

Thank you for taking the time to meet with me on Monday. I enjoyed hearing how the team works, \
and I have been wondering whether I could learn more from you about the way you plan the year.

I bring years of experience that fit the work you described, and I am excited about the chance \
to join the team.

Best regards,
Alex Morgan"""
    assert ("T7", "error") in _pairs(_check(app, text, "sean"))


def test_T7_one_shared_moment_is_enough(make_application: ApplicationFactory) -> None:
    """Mentioning only the marathon she talked about makes the note specific."""
    app = make_application()
    text = PRIYA_NOTE.replace(
        "Your question about moving the nightly batch jobs to streaming stayed with me, and on the "
        "train home I sketched how I would run the old and new paths side by side until the "
        "numbers agree.",
        GENERIC,
    )
    assert "T7" not in {f.rule for f in _check(app, text)}


def test_T7_a_person_without_notes_is_a_warning_not_an_error(
    make_application: ApplicationFactory,
) -> None:
    """With no notes on the person, the user is asked to add some, not blamed for the note."""
    app = make_application(
        interviewers=[{"id": "priya", "name": "Priya Raghunathan", "title": "Head of Data"}]
    )
    found = _pairs(_check(app, PRIYA_NOTE))
    assert ("T7", "warning") in found
    assert ("T7", "error") not in found


def test_T7_another_form_of_the_same_word_counts(make_application: ApplicationFactory) -> None:
    """Notes say 'the migration', the draft says 'migrating': that is the same topic."""
    app = make_application(
        interviewers=[
            {
                "id": "priya",
                "name": "Priya Raghunathan",
                "title": "Head of Data Platform",
                "discussed": "The migration",
            }
        ],
        fit_points="",
    )
    text = PRIYA_NOTE.replace(
        "Your question about moving the nightly batch jobs to streaming stayed with me",
        "Our talk about migrating stayed with me",
    )
    text = text.replace("It was also fun to swap stories about the Chicago marathon.", "")
    text = text.replace(", including a Kafka migration I led,", "")
    assert "T7" not in {f.rule for f in _check(app, text)}


# --- T8: why you fit ----------------------------------------------------------------------------

NO_FIT = "I hope the rest of your week goes smoothly, and I am excited about what comes next."
FIT_SENTENCE = (
    "My five years building data pipelines, including a Kafka migration I led, fit the work you "
    "described. I am excited about the chance to help your team make that move."
)


@pytest.mark.parametrize(
    ("fit", "flagged"),
    [
        pytest.param(NO_FIT, True, id="no-fit"),
        pytest.param(
            "My background in moving reports off a nightly schedule suits that work. " + NO_FIT,
            False,
            id="my-background",
        ),
    ],
)
def test_T8_fit_statement(fit: str, flagged: bool, make_application: ApplicationFactory) -> None:
    """A note that never says why the candidate fits gets a warning; one sentence is enough."""
    app = make_application()
    text = PRIYA_NOTE.replace(FIT_SENTENCE, fit).replace(" about the Data Engineer role", "")
    assert (("T8", "warning") in _pairs(_check(app, text))) is flagged


def test_T8_naming_the_role_is_not_a_fit_statement(make_application: ApplicationFactory) -> None:
    """Writing the role's name ('Data Engineer') does not count as saying why you fit."""
    app = make_application()
    text = PRIYA_NOTE.replace(FIT_SENTENCE, NO_FIT)  # keeps "about the Data Engineer role"
    assert ("T8", "warning") in _pairs(_check(app, text))


# --- T9: restated interest ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interest", "flagged"),
    [
        pytest.param("I hope the rest of your week goes smoothly.", True, id="no-interest"),
        pytest.param("I am keen to help your team make that move.", False, id="keen"),
    ],
)
def test_T9_restated_interest(
    interest: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """A note that never says the candidate still wants the role gets a warning."""
    app = make_application()
    text = PRIYA_NOTE.replace(INTEREST_SENTENCE, interest)
    assert (("T9", "warning") in _pairs(_check(app, text))) is flagged


def test_T9_interesting_is_not_interest_in_the_role(make_application: ApplicationFactory) -> None:
    """'It was interesting to hear…' says nothing about wanting the job."""
    app = make_application()
    text = PRIYA_NOTE.replace(
        INTEREST_SENTENCE, "It was interesting to hear how the team plans its quarter."
    )
    assert ("T9", "warning") in _pairs(_check(app, text))


# --- T10: length --------------------------------------------------------------------------------

LENGTH_CORE = (
    "Thank you for meeting me on Monday. Your question about moving the nightly batch jobs to "
    "streaming stayed with me. My five years building data pipelines fit the work. I am excited "
    "about the role."
)
PADDING = "I would plan each step of it with care".split()


def _note_of_length(words: int, subject: bool = True) -> str:
    """Return a good note to Priya whose body has exactly ``words`` words."""
    body = LENGTH_CORE.split()
    body += [PADDING[i % len(PADDING)] for i in range(words - len(body))]
    head = "Subject: Thank you for Monday\n\n" if subject else ""
    text = f"{head}Dear Priya,\n\n{' '.join(body).rstrip('.')}.\n\nBest regards,\nAlex Morgan"
    assert body_words(text) == words
    return text


@pytest.mark.parametrize(
    ("words", "channel", "kind", "expected"),
    [
        pytest.param(59, "email", "thank_you", ("T10", "warning"), id="59-too-short"),
        pytest.param(60, "email", "thank_you", None, id="60-fine"),
        pytest.param(120, "email", "thank_you", None, id="120-fine"),
        pytest.param(180, "email", "thank_you", None, id="180-fine"),
        pytest.param(181, "email", "thank_you", ("T10", "warning"), id="181-long"),
        pytest.param(200, "email", "thank_you", ("T10", "warning"), id="200-long"),
        pytest.param(250, "email", "thank_you", ("T10", "warning"), id="250-long"),
        pytest.param(251, "email", "thank_you", ("T10", "error"), id="251-too-long"),
        pytest.param(120, "handwritten", "thank_you", None, id="card-120-fine"),
        pytest.param(121, "handwritten", "thank_you", ("T10", "warning"), id="card-121-long"),
        pytest.param(35, "email", "follow_up", None, id="follow-up-35-fine"),
        pytest.param(181, "email", "follow_up", ("T10", "warning"), id="follow-up-181-long"),
    ],
)
def test_T10_length(
    words: int,
    channel: str,
    kind: str,
    expected: Pair | None,
    make_application: ApplicationFactory,
) -> None:
    """The body is 60–180 words (120 on a card, no minimum for a follow-up); over 250 is wrong."""
    app = make_application(channel=channel)
    text = _note_of_length(words, subject=channel == "email")
    found = {pair for pair in _pairs(_check(app, text, kind=kind)) if pair[0] == "T10"}
    assert found == ({expected} if expected else set())


# --- T11: spelling and template gaps ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param("I hope to recieve your news soon.", True, id="recieve"),
        pytest.param("I loved the colour of your organisation's dashboards.", False, id="British"),
    ],
)
def test_T11_misspelt_word(
    sentence: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """A misspelt word is an error; British spellings are correct spellings."""
    app = make_application()
    text = PRIYA_NOTE.replace("It was also fun", f"{sentence} It was also fun")
    assert (("T11", "error") in _pairs(_check(app, text))) is flagged


def test_T11_an_unknown_capitalised_word_is_a_question_mid_sentence_and_an_error_first(
    make_application: ApplicationFactory,
) -> None:
    """An unknown proper noun mid-sentence only asks to check; opening a sentence it is a typo."""
    app = make_application()
    middle = PRIYA_NOTE.replace("It was also fun", "We both like Zorblax. It was also fun")
    first = PRIYA_NOTE.replace("It was also fun", "Zorblax is fun. It was also fun")
    assert [(f.rule, f.severity) for f in _check(app, middle)] == [("T11", "warning")]
    assert [(f.rule, f.severity) for f in _check(app, first)] == [("T11", "error")]


def test_T11_a_typo_opening_the_subject_line_is_an_error(
    make_application: ApplicationFactory,
) -> None:
    """'Subject: Thnak you…' is the first thing the reader sees: a typo, not a name to check."""
    app = make_application()
    text = PRIYA_NOTE.replace("Subject: Thank you", "Subject: Thnak you")
    assert ("T11", "error") in _pairs(_check(app, text))


PLACEHOLDERS = ["[Name]", "{company}", "<role>", "XXX", "TODO", "TBD", "___"]


@pytest.mark.parametrize("gap", PLACEHOLDERS)
def test_T11_a_template_gap_is_an_error_at_its_place(
    gap: str, make_application: ApplicationFactory
) -> None:
    """A leftover template gap is an error whose span covers exactly the gap."""
    app = make_application()
    text = PRIYA_NOTE.replace("help your team", f"help {gap} team")
    gaps = [f for f in _check(app, text) if f.rule == "T11" and f.span and "gap" in f.message]
    assert [(f.severity, text[slice(*f.span)]) for f in gaps] == [("error", gap)]


def test_T11_a_company_named_like_a_placeholder_is_not_a_gap(
    make_application: ApplicationFactory,
) -> None:
    """A company really called 'XXX Corp' can be named; 'XXX' on its own is still a gap."""
    app = make_application(company="XXX Corp")
    named = PRIYA_NOTE.replace("help your team", "help XXX Corp")
    gap = PRIYA_NOTE.replace("help your team", "help XXX")
    assert _check(app, named) == []
    assert ("T11", "error") in _pairs(_check(app, gap))


def test_T11_a_misspelt_words_span_is_that_word(make_application: ApplicationFactory) -> None:
    """The finding points at the misspelt word itself, after accents and emoji in the text."""
    app = make_application()
    text = SEAN_NOTE.replace("share it.", "share it 🚀 once I recieve the go-ahead.")
    (typo,) = [f for f in _check(app, text, "sean") if f.rule == "T11"]
    assert typo.severity == "error"
    assert typo.span == (text.index("recieve"), text.index("recieve") + len("recieve"))


# --- T12: tone for the office -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("culture", "greeting", "sign_off", "flagged"),
    [
        pytest.param("formal", "Hi Priya,", "Kind regards,", True, id="formal-Hi"),
        pytest.param("formal", "Hey Priya,", "Kind regards,", True, id="formal-Hey"),
        pytest.param("formal", "Dear Priya,", "Cheers,", True, id="formal-Cheers"),
        pytest.param("formal", "Dear Ms. Raghunathan,", "Kind regards,", False, id="formal-Dear"),
        pytest.param("casual", "Hi Priya,", "Cheers,", False, id="casual-Hi-Cheers"),
        pytest.param("standard", "Hi Priya,", "Best,", False, id="standard-Hi"),
    ],
)
def test_T12_tone(
    culture: str,
    greeting: str,
    sign_off: str,
    flagged: bool,
    make_application: ApplicationFactory,
) -> None:
    """'Hi', 'Hey' or 'Cheers' to a law firm or bank is pointed out; in tech it is fine."""
    app = make_application(culture=culture)
    text = PRIYA_NOTE.replace("Dear Priya,", greeting).replace("Best regards,", sign_off)
    assert (("T12", "warning") in _pairs(_check(app, text))) is flagged


# --- T13: channel -------------------------------------------------------------------------------

NO_SUBJECT = PRIYA_NOTE.split("\n\n", 1)[1]


@pytest.mark.parametrize(
    ("channel", "text", "flagged"),
    [
        pytest.param("email", NO_SUBJECT, True, id="email-without-subject"),
        pytest.param("email", PRIYA_NOTE, False, id="email-with-subject"),
        pytest.param("handwritten", PRIYA_NOTE, True, id="card-with-subject"),
        pytest.param("handwritten", NO_SUBJECT, False, id="card-without-subject"),
    ],
)
def test_T13_subject_line(
    channel: str, text: str, flagged: bool, make_application: ApplicationFactory
) -> None:
    """An email needs a 'Subject:' line; a handwritten card must not have one."""
    app = make_application(channel=channel)
    assert (("T13", "warning") in _pairs(_check(app, text))) is flagged


# --- T14: not only through the recruiter --------------------------------------------------------


@pytest.mark.parametrize(
    ("manager_too", "flagged"),
    [pytest.param(False, True, id="recruiter-only"), pytest.param(True, False, id="with-manager")],
)
def test_T14_recruiter(
    manager_too: bool, flagged: bool, make_application: ApplicationFactory
) -> None:
    """Thanking only the recruiter is pointed out; a recruiter beside the hiring manager is fine."""
    people: list[dict[str, Any]] = [
        {
            "id": "priya",
            "name": "Priya Raghunathan",
            "title": "Talent Partner",
            "is_recruiter": True,
            "asked": "How I would migrate the nightly batch jobs to streaming",
        }
    ]
    if manager_too:
        people.append({"id": "sean", "name": "Seán O'Donnell", "title": "Senior Engineer"})
    app = make_application(interviewers=people)
    assert (("T14", "warning") in _pairs(_check(app, PRIYA_NOTE))) is flagged


# --- F7: never desperate ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param("Please consider me, I really need this job.", True, id="pleading"),
        pytest.param("It would mean the world to me.", True, id="mean-the-world"),
        pytest.param("Please let me know if I can send anything else.", False, id="polite-please"),
        pytest.param(
            "Is there any chance you could share the expected timeline?",
            False,
            id="gentle-timeline-question",
        ),
    ],
)
def test_F7_pleading(sentence: str, flagged: bool, make_application: ApplicationFactory) -> None:
    """Begging is pointed out; a polite offer or a gentle question about the timeline is not."""
    app = make_application()
    text = PRIYA_NOTE.replace("make that move.", f"make that move. {sentence}")
    assert (("F7", "warning") in _pairs(_check(app, text))) is flagged


# --- false-positive guards ----------------------------------------------------------------------

ASKED = "How I would migrate the nightly batch jobs to streaming"
GUARD_NOTE = """Subject: Thank you for today

{greeting}

Thank you for meeting with me on Monday. I enjoyed your question about moving the nightly batch \
jobs to streaming, and I have kept thinking about how I would run the old and new paths side by \
side until the numbers agree. {extra}

My five years building data pipelines fit the work you described, and I am excited about the \
chance to help your team with it.

Best regards,
{signature}"""


class Guard(NamedTuple):
    """A good note to one person that must produce no error."""

    name: str
    greeting: str
    extra: str = ""
    signature: str = SENDER
    sender: str = SENDER
    notes: str = ""  # more of what the user wrote about the conversation


GUARDS = [
    pytest.param(Guard("Seán O'Donnell", "Dear Mr. O'Donnell,"), id="apostrophe"),
    pytest.param(Guard("Seán O'Donnell", "Dear Mr. O’Donnell,"), id="curly-apostrophe"),
    pytest.param(Guard("Seán O’Donnell", "Dear Mr. O'Donnell,"), id="curly-in-the-notes"),
    pytest.param(
        Guard("Seán O'Donnell", "Dear Seán,", "Mr. O’Donnell's point on Kafka was fair."),
        id="apostrophe-possessive",
    ),
    pytest.param(Guard("Jean-Luc Moreau", "Dear Jean-Luc,"), id="hyphenated-first-name"),
    pytest.param(Guard("Marcus Whitcombe-Hale", "Dear Mr. Whitcombe-Hale,"), id="hyphenated"),
    pytest.param(Guard("José Núñez", "Dear Mr. Núñez,"), id="accents"),
    pytest.param(
        Guard("José Núñez", unicodedata.normalize("NFD", "Dear Mr. Núñez,")),
        id="accents-typed-as-combining-marks",
    ),
    pytest.param(Guard("Zoë Łukasiewicz", "Hi Zoë,"), id="diaeresis-and-Ł"),
    pytest.param(Guard("Anna van der Berg", "Dear Ms. van der Berg,"), id="particle-surname"),
    pytest.param(Guard("Anna van der Berg", "Dear Anna,"), id="particle-first-name"),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "I'm sure you're right that we'd want both paths, it's fine, and I don't mind.",
        ),
        id="contractions",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "I’m sure you’re right that we’d want both paths, it’s fine, and I don’t mind.",
        ),
        id="curly-contractions",
    ),
    pytest.param(
        Guard("Priya Raghunathan", "Dear Priya,", "I liked meeting Priya's team."),
        id="possessive-first-name",
    ),
    pytest.param(
        Guard("Priya Raghunathan", "Dear Priya,", "I liked meeting Ms. Raghunathan's team."),
        id="possessive-surname",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "In 3 years, by Q3 2026, on Python 3.12, we kept 99.9% uptime from the 1st to the "
            "20th, 24/7.",
        ),
        id="numbers-and-versions",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "I have run Kafka, Kubernetes and PostgreSQL, and I keep GitHub repos for iOS and "
            "macOS tools with A/B tests.",
        ),
        id="tech-names-in-the-draft",
    ),
    pytest.param(
        Guard("Priya Raghunathan", "Dear Priya,", "I also built a Next.js dashboard for it."),
        id="Next.js-in-the-draft",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "Your Next.js dashboards and the iOS app on GitHub with A/B tests sound great.",
            notes="Their Next.js dashboards, the iOS app, A/B tests on GitHub",
        ),
        id="tech-names-in-the-notes",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "I have written the runbook and a failover plan, with a timestamp on each step.",
        ),
        id="data-engineering-vocabulary",
    ),
    pytest.param(
        Guard("Eli Cohen", "Dear Eli,", "We compared ELT with ETL."),
        id="acronym-near-a-short-name",
    ),
    pytest.param(
        Guard("Kai Tanaka", "Dear Kai,", "We looked at the KPI dashboard."),
        id="acronym-near-another-short-name",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            signature="Alex Morgan\nalex.morgan+jobs@example.co.uk\n+1 555 0100\n"
            "https://alexmorgan.dev/work?tab=data",
        ),
        id="email-and-URL-in-the-signature",
    ),
    pytest.param(
        Guard("Priya Raghunathan", "Dear Priya,", signature="Alex Morgan <alex@example.com>"),
        id="email-in-angle-brackets",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan", "Dear Priya,", signature=f"{SENDER}\nlinkedin.com/in/alexmorgan"
        ),
        id="bare-profile-link",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "Your organisation's programme to analyse the centre's behaviour was my favourite "
            "topic; I travelled there, modelling the defence licence catalogue to optimise it, "
            "and the colour of the judgement matched.",
        ),
        id="British-spellings",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            "Your organisational chart looked colourful and user-centred.",
        ),
        id="British-derived-spellings",
    ),
    pytest.param(
        Guard(
            "Priya Raghunathan",
            "Dear Priya,",
            signature="Siobhán Ní Bhriain",
            sender="Siobhán Ní Bhriain",
        ),
        id="sender-name-in-no-dictionary",
    ),
]


@pytest.mark.parametrize("guard", GUARDS)
def test_good_writing_gets_no_error(guard: Guard, make_application: ApplicationFactory) -> None:
    """Names, contractions, numbers, tech names, links and British spelling are not mistakes."""
    person = {"id": "p", "name": guard.name, "title": "Hiring Manager", "asked": ASKED}
    if guard.notes:
        person["discussed"] = guard.notes
    app = make_application(interviewers=[person])
    text = GUARD_NOTE.format(greeting=guard.greeting, extra=guard.extra, signature=guard.signature)
    found = _check(app, text, "p", sender_name=guard.sender)
    assert errors(found) == [], [(f.rule, f.message) for f in found]


# --- order and determinism ----------------------------------------------------------------------

MESSY = """Hi Pryia,

I really need this job, so please consider me. I hope to recieve an answer about {company} soon.

Cheers,
Alex Morgan"""


def test_errors_come_before_warnings(make_application: ApplicationFactory) -> None:
    """The must-fix problems are listed first, whatever rules they come from."""
    app = make_application(culture="formal")
    found = _check(app, MESSY)
    severities = [f.severity for f in found]
    assert "error" in severities
    assert "warning" in severities
    assert severities == sorted(severities, key=lambda s: s != "error")


def test_reviewing_twice_gives_the_same_findings(make_application: ApplicationFactory) -> None:
    """Checking a draft again, after checking others, gives the same answer (no hidden state)."""
    app = make_application(culture="formal")
    first = _check(app, MESSY)
    other_app = make_application(
        interviewers=[
            {"id": "priya", "name": "Priya Raghunathan", "asked": "Our recieve Zorblax pipeline"}
        ]
    )
    _check(other_app, MESSY.replace("{company}", "Zorblax"))  # teaches that app's words
    assert _check(app, MESSY) == first
    zorblax = PRIYA_NOTE.replace("It was also fun", "It was also fun, as zorblax says,")
    assert ("T11", "error") in _pairs(_check(app, zorblax))  # another app's words stay theirs


def test_a_company_with_a_possessive_name_is_spelt_as_written(
    make_application: ApplicationFactory,
) -> None:
    """A company called "Sainsbury's" is not a misspelling, at a sentence start or not."""
    app = make_application(company="Sainsbury's")
    text = PRIYA_NOTE.replace("Northwind Analytics", "Sainsbury's") + (
        "\n\nSainsbury's stores are a joy."
    )
    assert [f for f in review(text, app, app.interviewers[0]) if f.rule == "T11"] == []


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        pytest.param("I think i would enjoy it.", 1, id="lower-case-i"),
        pytest.param("i'm sure of it.", 1, id="lower-case-i-contraction"),
        pytest.param("Streaming, i.e. real-time data, is the goal.", 0, id="i.e."),
        pytest.param("I am sure of it.", 0, id="capital-I"),
    ],
)
def test_a_lower_case_i_is_a_typo(
    make_application: ApplicationFactory, sentence: str, flagged: int
) -> None:
    """A stand-alone lower-case "i" is an error (T11); "i.e." is not."""
    app = make_application()
    text = PRIYA_NOTE.replace("Best regards,", f"{sentence}\n\nBest regards,")
    capitals = [f for f in review(text, app, app.interviewers[0]) if "capital" in f.message]
    assert len(capitals) == flagged

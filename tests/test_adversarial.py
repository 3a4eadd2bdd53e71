"""Adversarial input: hostile, odd and huge text in the notes form, odd dates, hostile imports.

Every text input is typed into the notes form (company, role, a person's name and a note) and
saved. The page must never fail: what it accepts is stored exactly as typed (surrounding white
space trimmed, as the model documents) and shown literally on the home, checklist and
thank-you pages (with an offline draft written); what it refuses is explained beside the field
and nothing typed is lost. An application stored before the attempt never changes.

A few drafts are typed by hand on the thank-you page: each is saved as typed, or refused with a
message, and the page opens again afterwards.

Every import file is uploaded on the Settings page: it is refused with a reason, or previewed,
and nothing stored changes before Import is clicked. Some accepted files are then imported and
their application opened on the same pages.

Every test that fails here shows a misbehaviour of the app, not of the test: see each case id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import (
    AlertBase,
    Block,
    Caption,
    Error,
    Expander,
    HeadingBase,
    Latex,
    Markdown,
    Node,
    Toast,
    Widget,
)

from lib.model import NOTE_LIMIT, SHORT_TEXT_LIMIT, Application
from lib.store import MAX_IMPORT_BYTES, Store, open_store
from tests.conftest import NEW_YORK, ApplicationFactory, shown

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
NOTES = str(ROOT / "pages" / "notes.py")
CHECKLIST = str(ROOT / "pages" / "checklist.py")
THANK_YOU = str(ROOT / "pages" / "thank_you.py")
EXPORTED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=NEW_YORK)
UPLOADER = "Export file to import"
TIMEOUT = 30
# How long an upload or an import may run before the test calls it hung: a guard against a run
# that never ends, far above any machine's time under load, not a speed claim (make bench times
# imports).
HANG_GUARD = 600

# --- the text corpus --------------------------------------------------------------------------

Field = Literal["company", "role", "name", "note"]
ALL_FIELDS: tuple[Field, ...] = ("company", "role", "name", "note")
# one-line fields (all but the note) keep their text with each run of line breaks as a space;
# the note keeps its line breaks, each as a line feed
LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
NOTE_BREAKS = re.compile(r"\r\n|[\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# dropped everywhere: control characters but tab and line feed, and bidi embeddings, overrides
# and isolates; zero-width characters are trimmed from the ends like spaces
DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ZERO_WIDTH = "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"


def as_stored(field: str, value: str) -> str:
    """What the app stores for a typed value: on one line unless it is the note, without stray
    control and bidi characters, trimmed."""
    if field == "note":
        value = NOTE_BREAKS.sub("\n", value)
    else:
        value = LINE_BREAKS.sub(" ", value).replace("\t", " ")
    trimmed = DROPPED.sub("", value).strip()
    while trimmed and (trimmed[0] in ZERO_WIDTH or trimmed[-1] in ZERO_WIDTH):
        trimmed = trimmed.strip(ZERO_WIDTH).strip()
    return trimmed


SHORT_FIELDS: tuple[Field, ...] = ("company", "role", "name")
NOTE_ONLY: tuple[Field, ...] = ("note",)  # the only text area: a browser keeps line feeds there
# What the other fields hold when an input is typed into some fields only.
VALID: dict[Field, str] = {
    "company": "Northwind Analytics",
    "role": "Data Engineer",
    "name": "Priya Raghunathan",
    "note": "How I would migrate the nightly batch jobs to streaming",
}


@dataclass(frozen=True)
class Text:
    """One text input: where it is typed, and where it must be refused (if anywhere)."""

    value: str
    fields: tuple[Field, ...] = ALL_FIELDS
    refused_in: tuple[Field, ...] = ()  # a refusal must be shown beside each of these
    says: str = ""  # ... and say this


def text(value: str, case_id: str, **options: Any) -> Any:
    """A text corpus entry with a readable id."""
    return pytest.param(Text(value, **options), id=case_id)


TEXTS = [
    # empty, blank, tiny
    text("", "empty", refused_in=SHORT_FIELDS, says="is required"),
    text("   ", "spaces-only", refused_in=SHORT_FIELDS, says="is required"),
    text(" \t ", "tabs-only", refused_in=SHORT_FIELDS, says="is required"),
    text("\u00a0\u3000\u2003", "unicode-spaces-only", refused_in=SHORT_FIELDS, says="is required"),
    text("x", "single-char"),
    text(".", "single-punctuation"),
    text("李", "single-cjk"),
    # lengths
    text("A" * SHORT_TEXT_LIMIT, "200-chars"),
    text("A" * (SHORT_TEXT_LIMIT + 1), "201-chars", refused_in=SHORT_FIELDS, says="201"),
    text("  " + "B" * SHORT_TEXT_LIMIT + "  ", "200-chars-padded"),
    text("é" * (SHORT_TEXT_LIMIT + 1), "201-accented", refused_in=SHORT_FIELDS, says="201"),
    text("N" * NOTE_LIMIT, "4000-char-note", fields=NOTE_ONLY),
    text("N" * (NOTE_LIMIT + 1), "4001-char-note", fields=NOTE_ONLY, refused_in=NOTE_ONLY),
    text(("Kafka, " * 2_858)[:20_000], "20k-note", fields=NOTE_ONLY, refused_in=NOTE_ONLY),
    text("x" * 2**20, "1mb-note", fields=NOTE_ONLY, refused_in=NOTE_ONLY, says="1,048,576"),
    # unicode
    text("Zoë Núñez-O'Brien", "accents"),
    text("Zoe\u0308 Nu\u0301n\u0303ez", "combining-nfd"),
    text("Z\u0334\u0321\u031bal\u0337g\u0336o\u0335" * 3, "zalgo"),
    text("株式会社テスト 李小龍", "cjk"),
    text("شركة البيانات العربية", "arabic-rtl"),
    text("חברת נתונים", "hebrew-rtl"),
    text("Acme שלום 123 عربي", "mixed-bidi"),
    text("Acme\u202etxt.exe", "rtl-override"),
    text(
        "\u202e\u2066\u2067\u2068\u2069\u200e\u200f",
        "bidi-controls-only",
        refused_in=SHORT_FIELDS,
        says="is required",
    ),
    text(
        "\u200b\u200c\u200d\u2060\ufeff\u00ad",
        "zero-width-only",
        refused_in=SHORT_FIELDS,
        says="is required",
    ),
    text("Ann\tLee", "tab"),
    text("Ann\u200dLee\u200cNorth\u2060wind", "zero-width-joiners"),
    text("\ufeffAcme", "byte-order-mark"),
    text("👨‍👩‍👧‍👦 Family", "emoji-family"),
    text("🇺🇸🇯🇵🏳️‍🌈", "emoji-flags"),
    text("👍🏽 👋🏿", "emoji-skin-tones"),
    text("𝕬𝖈𝖒𝖊 𝓘𝓷𝓬", "astral-letters"),
    text("\\ud83d\\ude00 &#xD800;", "surrogate-looking"),
    text("\uffff\ufffe\ue000", "noncharacters"),
    text("Ac\x00me", "nul"),
    text("\x01\x07\x08\x1b[31mred\x1b[0m", "control-chars"),
    text("Ann\x7fLee\x9b", "del-and-c1"),
    # line breaks a single-line input keeps (a browser strips only CR and LF from it)
    text("Ann\u2028Lee", "line-separator"),
    text("Ann\x85Lee", "next-line-nel"),
    text("Ann\x0bLee\x0cLi", "vertical-tab-form-feed"),
    text("line one\r\nline two", "crlf-note", fields=NOTE_ONLY),
    # markup
    text("<script>alert(1)</script>", "html-script"),
    text("<img src=x onerror=alert(1)>", "html-img"),
    text("<b>bold</b>", "html-bold"),
    text("<iframe src=javascript:alert(1)></iframe>", "html-iframe"),
    text("<svg onload=alert(1)>", "html-svg"),
    text("<style>body{display:none}</style>", "html-style"),
    text("<!-- hidden -->", "html-comment"),
    text("&lt;script&gt; &amp; &#60;b&#62;", "html-entities"),
    text("**x**", "md-bold"),
    text("[link](javascript:alert(1))", "md-js-link"),
    text("# heading", "md-heading"),
    text("> quote\n- item\n1. first", "md-blocks-note", fields=NOTE_ONLY),
    text("| a | b |\n|---|---|\n| 1 | 2 |", "md-table-note", fields=NOTE_ONLY),
    text("```python\nprint(1)\n```", "md-fence-note", fields=NOTE_ONLY),
    text("`code` ~~strike~~ __under__", "md-inline"),
    text("<https://evil.example> www.evil.example ann@evil.example", "md-autolinks"),
    text("\\*not bold\\* \\\\", "md-escapes"),
    text("- [ ] todo", "md-task"),
    text(":red[x]", "st-color"),
    text(":material/home:", "st-material-icon"),
    text(":smile: :+1:", "st-emoji-shortcode"),
    text("$x^2$", "latex-inline"),
    text("$$\\int_0^1 x\\,dx$$", "latex-block"),
    # injection-looking
    text("'; DROP TABLE applications; --", "sql-drop"),
    text('" OR 1=1 --', "sql-or"),
    text("{company}", "format-named"),
    text("%s %d %(x)s", "format-percent"),
    text("{{", "format-braces"),
    text("{0!r:>{1}}", "format-spec"),
    text("../../etc/passwd", "path-traversal"),
    text("C:\\Windows\\System32", "windows-path"),
    text('{"version": 1}', "json-looking"),
    text("None null undefined NaN", "null-words"),
]

# --- helpers: pages and what they show --------------------------------------------------------


def run(at: AppTest, timeout: float | None = None) -> AppTest:
    """Run the page (within ``timeout`` seconds, else the test's default), and check it did
    not fail."""
    at.run(timeout=timeout)
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(path: str, app_id: str | None = None) -> AppTest:
    """Open one page file on its own, as a deep link does (for one application, when given)."""
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    if app_id is not None:
        at.query_params["app"] = app_id
    return run(at)


def nodes(node: Node) -> Iterator[Node]:
    """Every element under a node, in page order."""
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from nodes(child)


def markdown_texts(at: AppTest) -> list[str]:
    """Return the raw markdown of every element Streamlit renders as markdown.

    Markdown and captions, headings, alerts, toasts, expander labels and widget labels; not
    st.text, st.code or what is typed into a widget, which are shown as plain text.
    """
    found = []
    for top in at:  # the main area, the sidebar, dialogs and toasts
        for node in nodes(top):
            if isinstance(node, Markdown | HeadingBase | AlertBase | Toast):
                if not isinstance(node, Latex):
                    found.append(node.value)
            elif isinstance(node, Expander | Widget) and isinstance(node.label, str):
                found.append(node.label)
    return found


RAW_TAG = re.compile(r"(?<!\\)(?:\\\\)*<\s*/?\s*(script|img|b|iframe|svg|style)\b", re.IGNORECASE)
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+-.!|~:$&@")


def unescaped_copies(raw: str, typed: str) -> list[str]:
    """Return each place where markdown shows ``typed`` with one of its markup characters live.

    The raw markdown is read as Streamlit reads it: a backslash makes the next character
    literal. A copy of the typed text in which a special character is not escaped would render
    as markup, not as what was typed.
    """
    chars, escaped, index = [], [], 0
    while index < len(raw):
        is_escape = raw[index] == "\\" and index + 1 < len(raw)
        chars.append(raw[index + 1] if is_escape else raw[index])
        escaped.append(is_escape)
        index += 2 if is_escape else 1
    literal = "".join(chars)
    copies, start = [], literal.find(typed)
    while start >= 0:
        span = range(start, start + len(typed))
        if any(literal[i] in MARKDOWN_SPECIAL and not escaped[i] for i in span):
            copies.append(raw)
        start = literal.find(typed, start + 1)
    return copies


def assert_no_raw_markup(at: AppTest, typed: list[str]) -> None:
    """No HTML tag reaches markdown unescaped, and no markup the user typed is left live."""
    texts = markdown_texts(at)
    tags = [t for t in texts if RAW_TAG.search(t)]
    assert not tags, tags
    for value in typed:
        if len(value) >= 4 and MARKDOWN_SPECIAL & set(value):
            live = [copy for t in texts for copy in unescaped_copies(t, value)]
            assert not live, (value, live)


def readable(value: str) -> str:
    """Return text as shown() gives it back (without zero-width spaces)."""
    return value.replace("\u200b", "")


def assert_pages_show_it(app: Application, typed: list[str]) -> None:
    """Home, the checklist and the thank-you page open, show the application literally, work.

    On the thank-you page, the first person's draft is written by the offline composer, which
    quotes the notes, and then checked and offered for sending.
    """
    title = readable(f"{app.company}: {app.role}")
    home = run(AppTest.from_file(APP, default_timeout=TIMEOUT))
    assert title in [shown(h.value) for h in home.subheader], [h.value for h in home.subheader]
    assert_no_raw_markup(home, typed)

    checklist = open_page(CHECKLIST, app.id)
    picker = checklist.selectbox(key="checklist_app")
    assert picker.value == app.id
    assert f"{app.company}: {app.role} ({app.interview_at:%d %b %Y})" in picker.options
    assert_no_raw_markup(checklist, typed)

    thanks = open_page(THANK_YOU, app.id)
    headings = [shown(h.value) for h in thanks.subheader]
    for person in app.interviewers:
        assert any(h.startswith(readable(person.name)) for h in headings), headings
    assert_no_raw_markup(thanks, typed)
    first = app.interviewers[0]
    thanks.button(key=f"draft_thank_you_{app.id}_{first.id}_write").click()
    run(thanks)
    assert thanks.text_area(key=f"draft_thank_you_{app.id}_{first.id}").value.strip()
    assert_no_raw_markup(thanks, typed)


# --- helpers: the notes form ------------------------------------------------------------------


def keys_of(at: AppTest) -> dict[Field, str]:
    """Return the widget key of each field, for the one person on the panel."""
    (person,) = at.session_state["notes_people"]
    return {
        "company": "notes_company",
        "role": "notes_role",
        "name": f"notes_person_{person}_name",
        "note": f"notes_person_{person}_asked",
    }


def widget(at: AppTest, key: str) -> Widget:
    """Return the text input or text area with this key."""
    try:
        return at.text_input(key=key)
    except KeyError:
        return at.text_area(key=key)


def errors_beside(at: AppTest, key: str) -> list[str]:
    """Return the error messages shown right under the widget with this key."""
    found, messages = False, []
    for node in nodes(at.main):
        if not found:
            found = getattr(node, "key", None) == key
        elif isinstance(node, Error):
            messages.append(shown(node.value))
        elif not isinstance(node, Block | Caption):
            break
    assert found, f"{key} is not on the page"
    return messages


def new_notes(values: dict[Field, str]) -> tuple[AppTest, dict[Field, str]]:
    """Open the notes page for a new interview and type a value into each field."""
    at = open_page(NOTES)
    keys = keys_of(at)
    for field, value in (VALID | values).items():
        widget(at, keys[field]).set_value(value)
    return at, keys


def click_save(store: Store, at: AppTest) -> Application | None:
    """Click Save (and, asked whether a far interview date is right, say yes); return the
    application it stored, if any."""
    others = {app.id for app in store.list_applications()}
    next(button for button in at.button if button.label == "Save").click()
    run(at)
    confirm = [button for button in at.button if button.label == "Yes, save with this date"]
    if confirm:
        confirm[0].click()
        run(at)
    new = [app for app in store.list_applications() if app.id not in others]
    assert len(new) <= 1, new
    return new[0] if new else None


def stored_values(app: Application) -> dict[Field, str]:
    """Return the four fields as stored."""
    (person,) = app.interviewers
    return {"company": app.company, "role": app.role, "name": person.name, "note": person.asked}


# --- text: the notes form and the pages that show it ------------------------------------------


@pytest.mark.parametrize("case", TEXTS)
def test_text_is_saved_exactly_or_refused_beside_the_field(
    store: Store, make_application: ApplicationFactory, case: Text
) -> None:
    """Typed into company, role, a name and a note, then saved: stored as typed, or explained."""
    existing = store.create(make_application())
    before = store.get(existing.id).model_dump_json()
    typed = VALID | dict.fromkeys(case.fields, case.value)

    at, keys = new_notes(typed)
    saved = click_save(store, at)

    assert store.get(existing.id).model_dump_json() == before, "another application changed"
    errors = {field: errors_beside(at, keys[field]) for field in ALL_FIELDS}
    if saved is None:
        assert case.refused_in, "refused, though it should have been saved"
        refusals = [shown(e.value) for e in at.error]
        assert any(r.startswith("Nothing was saved") for r in refusals), refusals
        assert any(errors[field] for field in case.fields), (errors, refusals)
        for field in case.refused_in:
            assert any(case.says in message for message in errors[field]), (field, errors)
        kept = {field: widget(at, keys[field]).value for field in ALL_FIELDS}
        assert kept == typed, "something typed was lost"
        return

    assert not case.refused_in, f"saved, though it must be refused in {case.refused_in}"
    assert not at.error, [e.value for e in at.error]
    expected = {field: as_stored(field, value) for field, value in typed.items()}
    assert stored_values(saved) == expected
    assert {field: widget(at, keys[field]).value for field in ALL_FIELDS} == expected
    shown_as_typed = sorted({expected[field] for field in case.fields} - {""})
    assert_no_raw_markup(at, shown_as_typed)
    assert_pages_show_it(saved, shown_as_typed)
    assert store.get(existing.id).model_dump_json() == before, "another application changed"


# --- dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dates:
    """Dates picked in the notes form: each a fixed day, or a number of years from today."""

    interview: date | int | None  # None: leave today's date
    decision: date | int | None  # None: "they didn't say"
    refused: bool = False  # the save must be refused beside the decision date


def day(value: date | int) -> date:
    """Return a fixed day, or the day that many years from today (as the widget bounds it)."""
    if isinstance(value, date):
        return value
    today = date.today()
    return today.replace(year=today.year + value, day=min(today.day, 28))


DATES = [
    pytest.param(Dates(date(2026, 11, 18), date(2026, 11, 17), refused=True), id="decision-before"),
    pytest.param(Dates(date(2026, 11, 18), date(2026, 11, 18)), id="decision-same-day"),
    pytest.param(Dates(None, 10), id="decision-10-years-out"),
    pytest.param(Dates(-10, None), id="interview-10-years-ago"),
    pytest.param(Dates(10, 10), id="interview-10-years-ahead"),
    pytest.param(Dates(date(2028, 2, 29), date(2028, 3, 1)), id="leap-day"),
    pytest.param(Dates(date(1, 1, 1), None), id="interview-year-1"),
    pytest.param(Dates(date(9999, 12, 31), None), id="interview-year-9999"),
    pytest.param(Dates(date(2026, 11, 18), date(1, 1, 1), refused=True), id="decision-year-1"),
    pytest.param(Dates(None, date(9999, 12, 31)), id="decision-year-9999"),
]


@pytest.mark.parametrize("case", DATES)
def test_odd_dates_are_refused_beside_the_field_or_work_everywhere(
    store: Store, make_application: ApplicationFactory, case: Dates
) -> None:
    """Dates before the interview, far away or impossible, picked in the date widgets.

    The widgets offer ten years either side of their value, and do not take a date outside
    that (the browser's picker cannot choose one). A date taken is stored and works on every
    page, or is refused beside the field with everything typed kept.
    """
    existing = store.create(make_application())
    before = store.get(existing.id).model_dump_json()
    at, _ = new_notes({})
    picked: dict[str, date] = {}
    if case.interview is not None:
        picked["notes_interview_date"] = day(case.interview)
        at.date_input(key="notes_interview_date").set_value(day(case.interview))
        at.time_input(key="notes_interview_time").set_value(time(10, 0))
    at.radio(key="notes_decision").set_value("not_given" if case.decision is None else "date")
    run(at)
    if case.decision is not None:
        picked["notes_decision_date"] = day(case.decision)
        at.date_input(key="notes_decision_date").set_value(day(case.decision))
        run(at)
    held = {key: at.date_input(key=key).value for key in picked}
    for key, value in picked.items():
        bounds = at.date_input(key=key)
        assert held[key] == value or not bounds.min <= value <= bounds.max, (key, held[key])
    interview = at.date_input(key="notes_interview_date").value
    saved = click_save(store, at)

    assert store.get(existing.id).model_dump_json() == before, "another application changed"
    assert {key: at.date_input(key=key).value for key in picked} == held, "a date was lost"
    if saved is None:
        messages = errors_beside(at, "notes_decision_date")
        assert messages, [e.value for e in at.error]
        if case.refused and held.get("notes_decision_date") == picked.get("notes_decision_date"):
            assert any("before the interview day" in m for m in messages), messages
        return
    assert not case.refused, "saved a decision date before the interview"
    assert saved.interview_at.date() == interview
    assert saved.decision_date == held.get("notes_decision_date")
    assert_pages_show_it(saved, [])


# --- drafts typed by hand ---------------------------------------------------------------------

DRAFTS = [
    pytest.param("Subject: Thank you\u2028for today\n\nDear Priya,\n\nThanks.", id="subject-u2028"),
    pytest.param("Subject: <script>alert(1)</script>\n\n**Dear** :red[Priya] $x$", id="markup"),
    pytest.param("Dear Priya,\n\n" + "x" * 10_000, id="over-10000-chars"),
]


@pytest.mark.parametrize("draft", DRAFTS)
def test_a_draft_typed_by_hand_is_kept_and_the_page_opens_again(
    store: Store, make_application: ApplicationFactory, draft: str
) -> None:
    """A note typed into the draft box is saved as typed, or refused with a message; kept."""
    app = store.create(make_application())
    person = app.interviewers[0]
    key = f"draft_thank_you_{app.id}_{person.id}"
    at = open_page(THANK_YOU, app.id)
    at.text_area(key=key).set_value(draft)
    run(at)

    assert at.text_area(key=key).value == draft, "the draft typed was lost"
    saved = store.get_draft(app.id, person.id, "thank_you")
    assert (saved is not None and saved.text == draft) or at.error, "not saved, and no message"
    assert_no_raw_markup(at, ["<script>alert(1)</script>", "**Dear** :red[Priya]"])
    open_page(THANK_YOU, app.id)


# --- import files -----------------------------------------------------------------------------

Outcome = Literal["refused", "preview"]
Builder = Callable[[ApplicationFactory], bytes]
IMPORTED_ID = "imported0001"


@dataclass(frozen=True)
class ImportFile:
    """A file to import, what must happen, and what a refusal must say."""

    build: Builder
    outcome: Outcome | None  # None: either is fine
    says: str = ""
    then_import: bool = False  # accepted: click Import, then open the application's pages


def export(make_application: ApplicationFactory, **changes: Any) -> dict[str, Any]:
    """Return a valid export document with one application, with top-level changes."""
    source = open_store(":memory:")
    source.create(make_application(id=IMPORTED_ID, company="Contoso", role="Analyst"))
    return json.loads(source.export_json(EXPORTED_AT)) | changes


def export_bytes(document: dict[str, Any]) -> bytes:
    """Encode an export compactly."""
    return json.dumps(document, separators=(",", ":")).encode()


def with_app(**fields: Any) -> Builder:
    """Return a builder of a valid export whose one application has these fields changed."""

    def build(make_application: ApplicationFactory) -> bytes:
        document = export(make_application)
        document["applications"][0] |= fields
        return export_bytes(document)

    return build


def many(make_application: ApplicationFactory) -> bytes:
    """Return a valid export of 10,000 applications."""
    document = export(make_application)
    (app,) = document["applications"]
    document["applications"] = [app | {"id": f"bulk{i:05d}"} for i in range(10_000)]
    return export_bytes(document)


def padded(size: int) -> Builder:
    """Return a builder of a valid export padded with spaces to ``size`` bytes."""

    def build(make_application: ApplicationFactory) -> bytes:
        content = export_bytes(export(make_application))
        return content + b" " * (size - len(content))

    return build


def constant(content: bytes) -> Builder:
    """Return a builder of fixed content."""
    return lambda _: content


def duplicate_keys(make_application: ApplicationFactory) -> bytes:
    """Return an export whose "applications" key appears twice (the second list is empty)."""
    content = export_bytes(export(make_application))
    return content[:-1] + b',"applications":[]}'


def file(build: Builder, outcome: Outcome | None, case_id: str, **options: Any) -> Any:
    """An import corpus entry with a readable id."""
    return pytest.param(ImportFile(build, outcome, **options), id=case_id)


SCRIPT_COMPANY = "<script>alert(1)</script> **Evil** :red[Corp]"
ONE_PERSON = {"id": "ann", "name": "Ann Lee"}
FILES = [
    file(constant(b""), "refused", "empty", says="empty"),
    file(constant(b"  \n\t "), "refused", "whitespace", says="empty"),
    file(constant(b"\xff\xfe\x00\x81garbage"), "refused", "not-utf8", says="not text"),
    file(lambda m: json.dumps(export(m)).encode("utf-16"), "refused", "utf16", says="not text"),
    file(lambda m: b"\xef\xbb\xbf" + export_bytes(export(m)), "preview", "utf8-bom"),
    file(constant(b"\x89PNG\r\n\x1a\n\x00\x00"), "refused", "png-bytes"),
    file(constant(b"company,role\nAcme,Engineer\n"), "refused", "csv", says="not valid JSON"),
    file(constant(b'{"version": 1, "applications": [}'), "refused", "truncated"),
    file(constant(b"[]"), "refused", "json-list", says="no top-level 'version'"),
    file(constant(b'"hello"'), "refused", "json-string", says="no top-level 'version'"),
    file(constant(b"null"), "refused", "json-null", says="no top-level 'version'"),
    file(constant(b"42"), "refused", "json-number", says="no top-level 'version'"),
    file(constant(b"{}"), "refused", "json-empty-object", says="no top-level 'version'"),
    file(constant(b"[" * 100_000), "refused", "nested-100k-open"),
    file(constant(b"[" * 100_000 + b"]" * 100_000), "refused", "nested-100k-balanced"),
    file(constant(b'{"a":' * 50_000 + b"1" + b"}" * 50_000), "refused", "nested-objects"),
    file(constant(b'{"version": 1' + b"0" * 5_000 + b"}"), "refused", "huge-integer"),
    file(constant(b'{"version": 1e999}'), "refused", "huge-float"),
    file(constant(b'{"version": NaN}'), "refused", "nan"),
    file(lambda m: export_bytes(export(m, version=2)), "refused", "newer-version", says="newer"),
    file(lambda m: export_bytes(export(m, version=0)), "refused", "version-0"),
    file(lambda m: export_bytes(export(m, version="1")), None, "version-as-text"),
    file(lambda m: export_bytes(export(m, extra=1)), "refused", "extra-top-level-field"),
    file(with_app(nickname="x"), "refused", "extra-application-field"),
    file(duplicate_keys, None, "duplicate-keys"),
    file(with_app(company=SCRIPT_COMPANY), "preview", "script-in-company", then_import=True),
    file(with_app(timezone="<img src=x onerror=alert(1)>"), "refused", "markup-in-refused-value"),
    file(with_app(company="x" * 10_000), "refused", "10k-char-company", says="10,000"),
    file(with_app(company="Ac\x00me \u202e"), "preview", "nul-in-company", then_import=True),
    file(with_app(company="Lone \ud800 surrogate"), None, "lone-surrogate-company"),
    file(with_app(went_well="Lone \udfff"), None, "lone-surrogate-note", then_import=True),
    file(
        with_app(interviewers=[ONE_PERSON | {"name": "Ann\nLee"}]),
        None,
        "line-feed-in-a-name",
        then_import=True,
    ),
    file(
        with_app(interview_at="0001-01-01T10:00:00+00:00", timezone="UTC"),
        None,
        "interview-year-1",
        then_import=True,
    ),
    file(
        with_app(interview_at="9999-12-31T10:00:00+00:00", timezone="UTC"),
        None,
        "interview-year-9999",
        then_import=True,
    ),
    file(many, None, "10k-applications", then_import=True),
    file(padded(MAX_IMPORT_BYTES), "preview", "exactly-20mb"),
    file(padded(MAX_IMPORT_BYTES + 1), "refused", "just-over-20mb", says="bigger than 20 MB"),
]


def open_settings() -> AppTest:
    """Open the app and go to Settings, as a click in the sidebar does."""
    at = run(AppTest.from_file(APP, default_timeout=TIMEOUT))
    at.switch_page("pages/settings.py")
    return run(at)


def snapshot(store: Store) -> str:
    """Everything stored, as one document."""
    return store.export_json(EXPORTED_AT)


@pytest.mark.parametrize("case", FILES)
def test_an_import_file_is_refused_with_a_reason_or_previewed(
    store: Store, make_application: ApplicationFactory, case: ImportFile
) -> None:
    """Uploaded on Settings: a reason, or a preview; nothing stored changes before Import."""
    store.create(make_application())
    content = case.build(make_application)
    assert len(content) <= MAX_IMPORT_BYTES + 1
    before = snapshot(store)
    at = open_settings()
    uploader = next(w for w in at.file_uploader if w.label == UPLOADER)
    uploader.set_value(("export.json", content, "application/json"))
    run(at, timeout=HANG_GUARD)

    refusals = [shown(e.value) for e in at.error if shown(e.value).startswith("Not imported.")]
    previewed = any(button.key == "settings_import_go" for button in at.button)
    assert snapshot(store) == before, "the upload alone changed what is stored"
    assert_no_raw_markup(at, [SCRIPT_COMPANY])
    assert bool(refusals) != previewed, (refusals, previewed)
    outcome = "refused" if refusals else "preview"
    assert case.outcome in (None, outcome), (outcome, refusals)
    if refusals:
        (refusal,) = refusals
        assert case.says in refusal, refusal
        return
    preview = "\n".join(shown(m.value) for m in at.markdown)
    assert "it holds" in preview, preview
    if not case.then_import:
        return

    bundle = json.loads(content)
    if len(bundle["applications"]) == 1:  # the company is listed as it will be stored
        assert as_stored("company", bundle["applications"][0]["company"]) in preview, preview
    at.button(key="settings_import_go").click()
    run(at, timeout=HANG_GUARD)
    stored = {app.id: app for app in store.list_applications()}
    assert len(stored) == len(bundle["applications"]) + 1
    if len(stored) > 2:  # the 10,000: stored, not opened one by one
        return
    imported = stored[IMPORTED_ID]
    assert imported.company == as_stored("company", bundle["applications"][0]["company"])
    assert [p.name for p in imported.interviewers] == [
        as_stored("name", p["name"]) for p in bundle["applications"][0]["interviewers"]
    ]
    assert_pages_show_it(imported, [imported.company, *(p.name for p in imported.interviewers)])


def test_the_corpus_is_large_enough() -> None:
    """At least 50 inputs, each with its own id within its test."""
    assert len(TEXTS) + len(DATES) + len(DRAFTS) + len(FILES) >= 50
    for corpus in (TEXTS, DATES, DRAFTS, FILES):
        assert len({param.id for param in corpus}) == len(corpus)

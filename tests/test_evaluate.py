"""The evaluation harness: scenarios load, the offline composer passes them, the LLM is measured."""

from __future__ import annotations

import json
import shutil
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from lib import evaluate as evaluation
from lib.drafting import CheckedDraft
from lib.evaluate import (
    SCENARIOS,
    Report,
    Scenario,
    evaluate,
    llm_writer,
    load_scenarios,
    main,
    offline_writer,
)
from lib.evaluate_report import format_report
from lib.guidance import RULES
from lib.llm import LLMSettings
from lib.model import Application, Sender
from lib.review import WRITING_WARNINGS, Finding, review
from tests.conftest import ApplicationFactory
from tests.fake_openai import FakeOpenAI, reply, status

MISSPELT = """Subject: Thank you for today

Hello,

Thank you for taking the time to meet with me about the role. I enjoyed our conversation about
the team and its plans, and my experiense building reliable systems fits what you described. I am
excited about the chance to join the team and would love to contribute from the first week.

Best regards,
Alex Morgan"""
SMALL_SCENARIOS = ("boutique-law-firm-dublin", "saas-startup-solo-founder")  # one person each


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    """Every scenario of data/eval, loaded once for the module."""
    return load_scenarios(SCENARIOS)


def settings_for(server: FakeOpenAI) -> LLMSettings:
    """Settings that talk to the loopback server, quickly and without retries."""
    return LLMSettings(model="test-model", base_url=server.base_url, timeout=2, max_retries=0)


def two_scenarios(make_application: ApplicationFactory) -> list[Scenario]:
    """Two small scenarios: a panel of two and a single interviewer (6 drafts in all)."""
    pair = make_application()
    solo = make_application(interviewers=[pair.interviewers[0].model_dump()])
    sender = Sender(name="Alex Morgan")
    return [Scenario("pair", "two people", sender, pair), Scenario("solo", "one", sender, solo)]


def _is_non_latin_letter(character: str) -> bool:
    """Whether a character is a letter of a script other than Latin (Hangul, CJK, Cyrillic...)."""
    return character.isalpha() and "LATIN" not in unicodedata.name(character, "")


# --- the scenarios ------------------------------------------------------------------------------


def test_every_scenario_file_loads_and_the_set_covers_the_cases(
    scenarios: list[Scenario],
) -> None:
    """As a maintainer I get 20 or more valid scenarios spanning the cases the coach must handle."""
    assert len(scenarios) >= 20
    assert len(scenarios) == len(list(SCENARIOS.glob("*.json")))
    assert all(s.description and s.application.interviewers for s in scenarios)
    apps = [s.application for s in scenarios]
    sizes = {len(app.interviewers) for app in apps}
    assert {1, 4, 5} <= sizes
    assert max(sizes) <= 5
    assert {app.culture for app in apps} == {"casual", "standard", "formal"}
    assert {app.channel for app in apps} == {"email", "handwritten"}
    assert any(all(p.is_recruiter for p in app.interviewers) for app in apps)
    assert any(app.decision_date is not None for app in apps)
    assert any(app.decision_date_not_given for app in apps)
    assert any(not s.sender.name for s in scenarios)
    names = [p.name for app in apps for p in app.interviewers]
    assert any(any(_is_non_latin_letter(c) for c in name) for name in names)
    assert any(not p.has_notes() for app in apps for p in app.interviewers)


def test_every_interview_time_carries_the_offset_of_its_timezone() -> None:
    """As a maintainer I trust each file's interview time: its offset agrees with its timezone."""
    for path in sorted(SCENARIOS.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))["application"]
        written = datetime.fromisoformat(raw["interview_at"])
        app = Application.model_validate(raw)
        assert written.utcoffset() == app.interview_at.utcoffset(), path.name


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{ not json", "not a readable JSON file"),
        ('{"description": "x", "sender": {}}', "application is missing"),
        ("__BAD_TIMEZONE__", "Europe/Atlantis"),
        ("__BAD_SENDER__", "sender: Email is not an email address"),
    ],
)
def test_a_broken_scenario_file_is_refused_naming_the_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    """As a maintainer, a broken scenario stops the evaluation and tells me which file and why."""
    good = json.loads((SCENARIOS / f"{SMALL_SCENARIOS[0]}.json").read_text(encoding="utf-8"))
    shutil.copy(SCENARIOS / f"{SMALL_SCENARIOS[1]}.json", tmp_path / "fine.json")
    if content == "__BAD_TIMEZONE__":
        good["application"]["timezone"] = "Europe/Atlantis"
        content = json.dumps(good)
    elif content == "__BAD_SENDER__":
        good["sender"]["email"] = "not an address"
        content = json.dumps(good)
    (tmp_path / "broken-one.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken-one\.json") as refused:
        load_scenarios(tmp_path)
    assert problem in str(refused.value)


# --- the offline composer (the gate) ------------------------------------------------------------


def test_the_offline_composer_writes_every_draft_with_no_error(scenarios: list[Scenario]) -> None:
    """As a user without an LLM, every thank-you and follow-up of every scenario has no error
    and none of the writing warnings (shorthand, third person, shouting, pay...)."""
    report = evaluate(scenarios, offline_writer)
    people = sum(len(s.application.interviewers) for s in scenarios)
    assert report.drafts == 2 * people
    assert report.failures == []
    assert report.clean_share == 1.0
    assert all(tally.errors == 0 and tally.pass_rate == 1.0 for tally in report.rules)
    assert {code: [w.sentence for w in found] for code, found in report.writing.items()} == {}
    assert report.passed == report.drafts


def test_the_offline_writer_checks_a_draft_against_the_notes_already_written(
    make_application: ApplicationFactory,
) -> None:
    """As a maintainer, a follow-up is checked as one, against the notes already written; the
    composer, given those notes, writes one that repeats none of them."""
    app = make_application()
    priya, sender = app.interviewers[0], Sender(name="Alex Morgan")
    alone = offline_writer(app, priya, sender, (), "follow_up", "")
    assert alone.findings == []  # checked as a follow-up: short is fine (F2, T10)
    repeated = review(alone.text, app, priya, [alone.text], sender.name, "follow_up")
    assert [f.rule for f in repeated if f.severity == "error"] == ["T4"]
    for others, thank_you in (((), alone.text), ((alone.text,), "")):
        again = offline_writer(app, priya, sender, others, "follow_up", thank_you)
        assert again.text != alone.text
        assert [f for f in again.findings if f.severity == "error"] == []


def test_the_report_counts_drafts_per_rule_and_lists_failures(
    scenarios: list[Scenario],
) -> None:
    """As a maintainer, a writer's errors show up per rule, as pass rates and failing drafts."""

    def sloppy(*args: Any) -> CheckedDraft:
        draft = CheckedDraft(f"Dear {args[1].name},\n\nThank you.", [])
        person = args[1]
        if person.name.startswith("S"):  # an error under T11 and two under T5, on some drafts
            extra = [
                Finding("T11", "error", "typo"),
                Finding("T5", "error", "name"),
                Finding("T5", "error", "name again"),
            ]
            return CheckedDraft(draft.text, [*extra, *draft.findings])
        return draft

    report = evaluate(scenarios, sloppy)
    bad = sum(2 for s in scenarios for p in s.application.interviewers if p.name.startswith("S"))
    assert bad > 0
    t5, t11 = report.rule("T5"), report.rule("T11")
    assert t5 is not None
    assert t11 is not None
    assert (t5.errors, t11.errors) == (bad, bad)  # drafts, not findings
    assert t5.pass_rate == pytest.approx(1 - bad / report.drafts)
    assert report.clean == report.drafts - bad
    assert [r.rule for r in report.rules] == sorted(
        (r.rule for r in report.rules), key=list(RULES).index
    )
    assert report.failures[0].messages == ("typo", "name", "name again")
    assert f"Failing drafts (showing {min(10, bad)} of {bad}):" in format_report("x", report)


# --- the LLM writer against a loopback server ---------------------------------------------------


def test_an_llm_draft_with_a_misspelling_is_counted_and_revised(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """As a maintainer, an LLM that misspells shows T11 errors, after one revision per draft;
    a revision that fixes nothing is not kept, and the report says so."""
    fake_openai.default = reply(MISSPELT)
    report = evaluate(two_scenarios(make_application), llm_writer(settings_for(fake_openai)))
    assert report.drafts == 6
    assert report.written == 6
    t11 = report.rule("T11")
    assert t11 is not None
    assert (t11.errors, t11.pass_rate) == (6, 0.0)
    assert len(fake_openai.requests) == 2 * 6  # each draft, then its revision
    assert (report.revisions_asked, report.revised) == (6, 0)
    assert "Revisions asked for: 6; kept (fewer errors): 0" in format_report("LLM", report)
    assert report.clean_share == 0.0
    assert all(any("experiense" in m for m in f.messages) for f in report.failures)
    follow_up = fake_openai.requests[-2].body["messages"][-1]["content"]
    assert MISSPELT in follow_up  # the follow-up prompt carries that person's thank-you


def test_a_failing_llm_server_is_recorded_and_the_evaluation_completes(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """As a maintainer, a server answering 500 marks every draft failed, with the reason."""
    fake_openai.default = status(500, "overloaded")
    report = evaluate(two_scenarios(make_application), llm_writer(settings_for(fake_openai)))
    assert (report.drafts, report.written, report.not_written) == (6, 0, 6)
    assert len(fake_openai.requests) == 6
    assert report.clean_share == 0.0
    assert [(f.scenario, f.kind) for f in report.failures] == [
        ("pair", "thank_you"), ("pair", "thank_you"), ("pair", "follow_up"),
        ("pair", "follow_up"), ("solo", "thank_you"), ("solo", "follow_up"),
    ]  # fmt: skip
    assert all("server error (500)" in f.messages[0] for f in report.failures)
    assert "Drafts with no error: 0.0% (0 of 6)" in format_report("LLM", report)


def test_one_failed_llm_draft_does_not_stop_the_others(
    fake_openai: FakeOpenAI, make_application: ApplicationFactory
) -> None:
    """As a maintainer, one refused request costs one draft; the rest are still written."""
    fake_openai.default = reply(MISSPELT)
    fake_openai.enqueue(status(500, "overloaded"))
    report = evaluate(two_scenarios(make_application), llm_writer(settings_for(fake_openai)))
    assert (report.drafts, report.written) == (6, 5)
    assert report.results[0].failure
    assert all(result.written for result in report.results[1:])


# --- main, as `make eval` runs it ---------------------------------------------------------------


def test_main_passes_and_prints_the_offline_table_without_an_llm(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a maintainer running make eval with no LLM set up, I get the offline table and exit 0."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_MODEL"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Offline composer" in out
    assert "rule  title" in out
    assert "Drafts with no error: 100.0%" in out
    assert "LLM: not configured" in out
    assert "Gate passed" in out


def test_main_reports_a_half_llm_configuration_and_still_gates_offline(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a maintainer with only COACH_MODEL set, I am told what is missing; offline still runs."""
    monkeypatch.setenv("COACH_MODEL", "gpt-4o-mini")
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Drafts with no error: 100.0%" in out
    assert "LLM: not evaluated. No API key is set, so gpt-4o-mini on OpenAI" in out


def test_main_fails_when_the_offline_composer_has_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a maintainer, make eval fails and shows the draft when the offline composer errs."""

    def broken(*args: Any) -> CheckedDraft:
        draft = offline_writer(*args)
        if args[1].name == "Darlene Voss":
            return CheckedDraft(draft.text, [Finding("T6", "error", "No thanks.")])
        return draft

    monkeypatch.setattr(evaluation, "offline_writer", broken)
    assert main([]) == 1
    out = capsys.readouterr().out
    assert "credit-union-branch-supervisor / Darlene Voss / thank-you\n    No thanks." in out
    assert "Gate FAILED" in out


def test_main_evaluates_a_configured_llm_without_gating_it_or_showing_the_key(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fake_openai: FakeOpenAI,
    tmp_path: Path,
) -> None:
    """As a maintainer with an LLM configured, its figures are printed, never the key, exit 0."""
    for name in SMALL_SCENARIOS:
        shutil.copy(SCENARIOS / f"{name}.json", tmp_path)
    fake_openai.default = reply(MISSPELT)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-key-1234")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("COACH_MODEL", "test-model")
    assert main(["--scenarios", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"LLM: test-model at {fake_openai.base_url}" in out
    assert "Drafts with no error: 0.0% (0 of 4)" in out
    assert "sk-test-secret" not in out
    assert len(fake_openai.requests) == 8


def test_the_report_of_nothing_is_not_a_pass() -> None:
    """As a maintainer, an evaluation with no drafts never counts as 100% clean."""
    assert Report(()).clean_share == 0.0


# --- writing warnings: counted per rule and per kind, and gated ---------------------------------

SHORTHAND_NOTE = "Dear Priya,\n\nThank you. You asked abt react perf + SSR. I would love to join."


def shorthand_writer(*args: Any) -> CheckedDraft:
    """Write a fixed note; Priya's thank-you gets a shorthand warning, Seán's a plain one."""
    person, kind = args[1], args[4]
    start = SHORTHAND_NOTE.index("abt")
    findings = []
    if person.id == "priya" and kind == "thank_you":
        findings.append(
            Finding("T11", "warning", "Write 'about'.", (start, start + 3), code="shorthand")
        )
    if person.id == "sean":
        findings.append(Finding("T10", "warning", "A little long.", code=""))
    return CheckedDraft(SHORTHAND_NOTE, findings)


def test_writing_warnings_are_counted_per_rule_and_listed_with_their_sentence(
    make_application: ApplicationFactory,
) -> None:
    """As a maintainer, a note that pastes "abt react perf + SSR" shows up under its rule, under
    "shorthand" with the sentence, and the draft does not pass; an ordinary warning does."""
    assert "shorthand" in WRITING_WARNINGS
    report = evaluate(two_scenarios(make_application), shorthand_writer)

    assert (report.drafts, report.clean, report.passed) == (6, 6, 4)
    t11, t10 = report.rule("T11"), report.rule("T10")
    assert t11 is not None
    assert t10 is not None
    assert (t11.warnings, t11.writing, t10.warnings, t10.writing) == (2, 2, 2, 0)
    assert list(report.writing) == ["shorthand"]
    first, second = report.writing["shorthand"]
    assert (first.scenario, first.person, first.kind) == ("pair", "Priya Raghunathan", "thank_you")
    assert first.sentence == "You asked abt react perf + SSR."
    assert second.scenario == "solo"

    printed = format_report("Offline composer", report)
    assert "Writing warnings (2), by kind:" in printed
    assert "- shorthand: 2 warnings in 2 drafts" in printed
    assert "    pair / Priya Raghunathan / thank-you: You asked abt react perf + SSR." in printed
    assert "Drafts with no error and no writing warning: 66.7% (4 of 6)" in printed
    assert "writing" in printed.splitlines()[4]  # the table's heading


def test_a_warning_without_a_span_is_listed_by_its_message(
    make_application: ApplicationFactory,
) -> None:
    """As a maintainer, an unanswered concern (no sentence to point at) shows its advice."""

    def no_concern(*args: Any) -> CheckedDraft:
        finding = Finding("T8", "warning", "Speak to the concern about Kafka.", code="concern")
        return CheckedDraft(SHORTHAND_NOTE, [finding] if args[1].id == "sean" else [])

    printed = format_report("x", evaluate(two_scenarios(make_application), no_concern))
    assert "- concern: 2 warnings in 2 drafts" in printed
    assert "pair / Seán O'Donnell / thank-you: Speak to the concern about Kafka." in printed


def test_main_fails_on_a_writing_warning_alone(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As a maintainer, make eval fails when an offline draft has no error but pastes shorthand,
    and says which draft and which sentence."""
    for name in SMALL_SCENARIOS:
        shutil.copy(SCENARIOS / f"{name}.json", tmp_path)

    def writer(*args: Any) -> CheckedDraft:
        start = SHORTHAND_NOTE.index("abt")
        finding = Finding("T11", "warning", "Write 'about'.", (start, start + 3), code="shorthand")
        return CheckedDraft(SHORTHAND_NOTE, [finding] if args[4] == "follow_up" else [])

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setattr(evaluation, "offline_writer", writer)
    assert main(["--scenarios", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Drafts with no error: 100.0% (4 of 4)" in out
    assert "- shorthand: 2 warnings in 2 drafts" in out
    assert "/ follow-up: You asked abt react perf + SSR." in out
    assert "Gate FAILED" in out
    assert "50.0% (2 of 4)" in out


def test_main_passes_when_every_draft_is_clean_and_well_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As a maintainer, drafts with no error and only ordinary warnings pass the gate."""
    for name in SMALL_SCENARIOS:
        shutil.copy(SCENARIOS / f"{name}.json", tmp_path)

    def writer(*args: Any) -> CheckedDraft:
        return CheckedDraft(SHORTHAND_NOTE, [Finding("T10", "warning", "Long.", code="")])

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setattr(evaluation, "offline_writer", writer)
    assert main(["--scenarios", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Writing warnings: none." in out
    assert "Gate passed" in out

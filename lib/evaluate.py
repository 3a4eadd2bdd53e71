"""The evaluation harness: every scenario in data/eval drafted by a writer and checked by review.

A scenario is one JSON file: ``{"description", "sender", "application"}``. For each application
a writer drafts every person's thank-you in panel order, each checked against the notes already
written, then every person's follow-up, checked against that person's thank-you and the
follow-ups already written, as the app does. The report counts, per rule, the drafts with an
error, with a warning and with a writing warning (``lib.review.WRITING_WARNINGS``: shorthand,
third person, shouting, a pasted note after a colon, pay, a concern left unanswered), and lists
the writing warnings by kind with the sentences that drew them.

``python -m lib.evaluate`` (``make eval``) runs the offline composer, which must write 100% of
drafts with no error and no writing warning, and the configured LLM when there is one, whose
figures are only reported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from lib.compose import compose_note
from lib.drafting import CheckedDraft, draft_with_llm
from lib.evaluate_report import format_report, percent
from lib.guidance import RULES
from lib.llm import LLMError, LLMSettings
from lib.llm_server import probe_server
from lib.llm_settings import resolve_settings
from lib.model import Application, DraftKind, Interviewer, Sender
from lib.model_errors import describe_errors
from lib.review import WRITING_WARNINGS, Finding, errors, review

SCENARIOS = Path(__file__).resolve().parent.parent / "data" / "eval"
SCENARIO_KEYS = ("description", "sender", "application")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

M = TypeVar("M", Sender, Application)


# --- scenarios ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One evaluation case: an application after an interview and the candidate who writes."""

    name: str  # the file's stem
    description: str
    sender: Sender
    application: Application


def load_scenarios(folder: Path) -> list[Scenario]:
    """Load and validate every ``*.json`` scenario in ``folder``; ValueError names a bad file."""
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of scenario files")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise ValueError(f"{folder} holds no scenario files (*.json)")
    return [_load_scenario(path) for path in paths]


def _load_scenario(path: Path) -> Scenario:
    """Read one scenario file; raise ValueError naming the file on any problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path.name}: not a readable JSON file ({error})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected an object with {', '.join(SCENARIO_KEYS)}")
    unknown = sorted(set(data) - set(SCENARIO_KEYS))
    if unknown:
        raise ValueError(
            f"{path.name}: unknown key(s) {', '.join(unknown)}; a scenario has only "
            f"{', '.join(SCENARIO_KEYS)}"
        )
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        raise ValueError(f"{path.name}: description is missing; say what the scenario covers")
    if "application" not in data:
        raise ValueError(f"{path.name}: application is missing")
    sender = _validated(path, "sender", Sender, data.get("sender", {}))
    application = _validated(path, "application", Application, data["application"])
    return Scenario(path.stem, description.strip(), sender, application)


def _validated(path: Path, part: str, model: type[M], value: Any) -> M:
    """Validate one part of a scenario file through its model, naming file and part on failure."""
    try:
        return model.model_validate(value)
    except ValidationError as error:
        problems = "; ".join(describe_errors(error))
        raise ValueError(f"{path.name}: {part}: {problems}") from None


# --- writers ------------------------------------------------------------------------------------


class Writer(Protocol):
    """Drafts one note to one person and returns it with its findings (like draft_with_llm)."""

    def __call__(
        self,
        app: Application,
        person: Interviewer,
        sender: Sender,
        others: Sequence[str],
        kind: DraftKind,
        thank_you: str,
        /,
    ) -> CheckedDraft:
        """Write the note; raise LLMError when it cannot be written."""
        ...


def offline_writer(
    app: Application,
    person: Interviewer,
    sender: Sender,
    others: Sequence[str] = (),
    kind: DraftKind = "thank_you",
    thank_you: str = "",
) -> CheckedDraft:
    """Write a note with the offline composer and check it as the app checks an LLM draft."""
    text = compose_note(app, person, sender, kind, others, thank_you)
    compared = [*others, thank_you] if thank_you else list(others)
    return CheckedDraft(text, review(text, app, person, compared, sender.name, kind))


def llm_writer(settings: LLMSettings, context: int | None = None) -> Writer:
    """Return a writer that drafts with the configured LLM (checked and repaired once), with
    prompts kept within ``context`` tokens when the server's context is known."""
    return partial(draft_with_llm, settings, context=context)


# --- the evaluation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftResult:
    """One draft of the evaluation: the text and its findings, or why it could not be written."""

    scenario: str
    person: str
    kind: DraftKind
    text: str = ""
    findings: tuple[Finding, ...] = ()
    failure: str = ""  # the LLMError message when no draft came back
    revised: bool = False  # the automatic revision was kept (it had fewer errors)
    revision_asked: bool = False  # a revision was asked for (a second LLM call)
    revision_error: str = ""

    @property
    def written(self) -> bool:
        """Whether a draft came back at all."""
        return not self.failure

    @property
    def clean(self) -> bool:
        """Whether a draft came back with no error."""
        return self.written and not errors(self.findings)

    def error_rules(self) -> set[str]:
        """Return the ids of the rules this draft has an error of."""
        return {finding.rule for finding in errors(self.findings)}

    def warning_rules(self) -> set[str]:
        """Return the ids of the rules this draft has a warning of."""
        return {finding.rule for finding in self.findings if finding.severity == "warning"}

    def writing_warnings(self) -> list[Finding]:
        """Return the findings about the writing itself (shorthand, third person, pay...)."""
        return [finding for finding in self.findings if is_writing_warning(finding)]

    @property
    def passed(self) -> bool:
        """Whether a draft came back with no error and no writing warning: one the app offers."""
        return self.clean and not self.writing_warnings()


def is_writing_warning(finding: Finding) -> bool:
    """Whether a finding is about the writing itself (``lib.review.WRITING_WARNINGS``)."""
    return finding.code in WRITING_WARNINGS


def sentence_at(text: str, span: tuple[int, int] | None) -> str:
    """Return the sentence of ``text`` around ``span`` on one line, or "" without a span."""
    if span is None:
        return ""
    start, end = span
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, max(end, start))
    sentence = text[before[-1] if before else 0 : after.start() if after else len(text)]
    return " ".join(sentence.split())


@dataclass(frozen=True)
class RuleTally:
    """One rule's figures: drafts with an error of it, with a warning, and the pass rate."""

    rule: str
    title: str
    errors: int
    warnings: int
    pass_rate: float  # share of the written drafts with no error of this rule
    writing: int = 0  # drafts with a writing warning of this rule (counted among ``warnings``)


@dataclass(frozen=True)
class WritingWarning:
    """One writing warning of one draft: where, which kind, and the sentence that drew it."""

    scenario: str
    person: str
    kind: DraftKind
    code: str
    rule: str
    sentence: str
    message: str


@dataclass(frozen=True)
class FailedDraft:
    """A draft with at least one error, or none at all: where, and the messages to show."""

    scenario: str
    person: str
    kind: DraftKind
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """The results of one writer on every scenario, with the figures derived from them."""

    results: tuple[DraftResult, ...]

    @property
    def drafts(self) -> int:
        """How many drafts were asked for (thank-yous and follow-ups)."""
        return len(self.results)

    @property
    def written(self) -> int:
        """How many drafts came back (an LLM error leaves a draft unwritten)."""
        return sum(result.written for result in self.results)

    @property
    def not_written(self) -> int:
        """How many drafts could not be written at all."""
        return self.drafts - self.written

    @property
    def revised(self) -> int:
        """How many drafts were the automatic revision (LLM only)."""
        return sum(result.revised for result in self.results)

    @property
    def revisions_asked(self) -> int:
        """How many drafts had errors and so a revision asked for (LLM only)."""
        return sum(result.revision_asked for result in self.results)

    @property
    def clean(self) -> int:
        """How many drafts came back with no error."""
        return sum(result.clean for result in self.results)

    @property
    def passed(self) -> int:
        """How many drafts came back with no error and no writing warning."""
        return sum(result.passed for result in self.results)

    @property
    def writing(self) -> dict[str, list[WritingWarning]]:
        """Return every writing warning, by code (most frequent first), in draft order."""
        found: dict[str, list[WritingWarning]] = {}
        for result in self.results:
            for finding in result.writing_warnings():
                found.setdefault(finding.code, []).append(
                    WritingWarning(
                        result.scenario,
                        result.person,
                        result.kind,
                        finding.code,
                        finding.rule,
                        sentence_at(result.text, finding.span),
                        finding.message,
                    )
                )
        return dict(sorted(found.items(), key=lambda item: (-len(item[1]), item[0])))

    @property
    def clean_share(self) -> float:
        """Share of all drafts that came back with no error (0 when there are no drafts)."""
        return self.clean / self.drafts if self.drafts else 0.0

    @property
    def rules(self) -> list[RuleTally]:
        """Return the figures of every rule that appears in any finding, in the rulebook's order."""
        error_counts: dict[str, int] = {}
        warning_counts: dict[str, int] = {}
        writing_counts: dict[str, int] = {}
        for result in self.results:
            for rule in result.error_rules():
                error_counts[rule] = error_counts.get(rule, 0) + 1
            for rule in result.warning_rules():
                warning_counts[rule] = warning_counts.get(rule, 0) + 1
            for rule in {finding.rule for finding in result.writing_warnings()}:
                writing_counts[rule] = writing_counts.get(rule, 0) + 1
        seen = error_counts.keys() | warning_counts.keys()
        order = [rule for rule in RULES if rule in seen] + sorted(seen - set(RULES))
        written = self.written
        return [
            RuleTally(
                rule=rule,
                title=RULES[rule].title if rule in RULES else "",
                errors=error_counts.get(rule, 0),
                warnings=warning_counts.get(rule, 0),
                pass_rate=1 - error_counts.get(rule, 0) / written if written else 0.0,
                writing=writing_counts.get(rule, 0),
            )
            for rule in order
        ]

    def rule(self, rule_id: str) -> RuleTally | None:
        """Return one rule's figures, or None when no finding of that rule appeared."""
        return next((tally for tally in self.rules if tally.rule == rule_id), None)

    @property
    def failures(self) -> list[FailedDraft]:
        """Return the drafts with an error, or not written, with their messages, in order."""
        return [
            FailedDraft(
                result.scenario,
                result.person,
                result.kind,
                (result.failure,)
                if result.failure
                else tuple(finding.message for finding in errors(result.findings)),
            )
            for result in self.results
            if not result.clean
        ]


def evaluate(
    scenarios: Iterable[Scenario],
    writer: Writer,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Draft every thank-you, then every follow-up, of every scenario with ``writer``."""
    # An LLMError costs one draft (recorded with its message); the evaluation goes on.
    results: list[DraftResult] = []
    for scenario in scenarios:
        app = scenario.application
        thank_yous: dict[str, str] = {}
        written: list[str] = []
        for person in app.interviewers:
            result = _draft(writer, scenario, person, tuple(written), "thank_you", "")
            results.append(result)
            if result.written:
                written.append(result.text)
                thank_yous[person.id] = result.text
        follow_ups: list[str] = []
        for person in app.interviewers:
            thank_you = thank_yous.get(person.id, "")
            result = _draft(writer, scenario, person, tuple(follow_ups), "follow_up", thank_you)
            results.append(result)
            if result.written:
                follow_ups.append(result.text)
        if progress is not None:
            done = [r for r in results if r.scenario == scenario.name]
            progress(f"{scenario.name}: {sum(r.clean for r in done)} of {len(done)} clean")
    return Report(tuple(results))


def _draft(
    writer: Writer,
    scenario: Scenario,
    person: Interviewer,
    others: Sequence[str],
    kind: DraftKind,
    thank_you: str,
) -> DraftResult:
    """Ask the writer for one draft; an LLMError becomes a draft not written."""
    where = {"scenario": scenario.name, "person": person.name, "kind": kind}
    try:
        draft = writer(scenario.application, person, scenario.sender, others, kind, thank_you)
    except LLMError as error:
        return DraftResult(**where, failure=error.message)
    return DraftResult(
        **where,
        text=draft.text,
        findings=tuple(draft.findings),
        revised=draft.revised,
        revision_asked=draft.revision_asked,
        revision_error=draft.revision_error,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate the offline composer (gated: every draft with no error and no writing warning)
    and the configured LLM (reported only)."""
    parser = argparse.ArgumentParser(
        prog="python -m lib.evaluate",
        description="Draft every scenario's notes and check them against the rulebook.",
    )
    parser.add_argument(
        "--scenarios", type=Path, default=SCENARIOS, help=f"scenario folder (default {SCENARIOS})"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="evaluate only this scenario (its file name without .json); may be repeated",
    )
    args = parser.parse_args(argv)
    try:
        scenarios = load_scenarios(args.scenarios)
    except ValueError as error:
        print(f"Cannot load the scenarios: {error}", file=sys.stderr)
        return 1
    if args.only:
        unknown = sorted(set(args.only) - {scenario.name for scenario in scenarios})
        if unknown:
            print(f"No such scenario: {', '.join(unknown)}", file=sys.stderr)
            return 1
        scenarios = [scenario for scenario in scenarios if scenario.name in args.only]
    people = sum(len(s.application.interviewers) for s in scenarios)
    print(f"{len(scenarios)} scenarios, {people} interviewers, from {args.scenarios}\n")

    offline = evaluate(scenarios, offline_writer)
    print(format_report("Offline composer", offline))
    print()
    _evaluate_llm(scenarios)

    if offline.drafts and offline.passed == offline.drafts:
        print(
            "Gate passed: the offline composer wrote every draft with no error and no writing "
            "warning."
        )
        return 0
    print(
        "Gate FAILED: the offline composer must write 100% of drafts with no error and no "
        f"writing warning; it wrote {percent(offline.passed, offline.drafts)} "
        f"({offline.passed} of {offline.drafts})."
    )
    return 1


def _evaluate_llm(scenarios: Sequence[Scenario]) -> None:
    """Evaluate the LLM configured in the environment, if any, and print its report."""
    try:
        settings = resolve_settings(os.environ)
    except LLMError as error:
        print(f"LLM: not evaluated. {error.message}\n")
        return
    if settings is None:
        print(
            "LLM: not configured, skipped (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local "
            "server, and optionally COACH_MODEL, to evaluate one).\n"
        )
        return
    server = probe_server(settings)
    found = f"{server.kind or 'an unknown server'}" + (
        f", context {server.context:,} tokens" if server.context else ""
    )
    print(f"LLM: evaluating {settings.describe()} ({found}; progress on stderr)", flush=True)
    report = evaluate(
        scenarios,
        llm_writer(settings, server.context),
        progress=lambda line: print(f"  {line}", file=sys.stderr, flush=True),
    )
    print(format_report(f"LLM: {settings.describe()}", report))
    print("(The LLM's figures are reported, not gated.)\n")


if __name__ == "__main__":
    sys.exit(main())
